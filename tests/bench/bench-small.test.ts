// `npm run bench -- --size small --json` end to end, once, so the bench never rots: the small ten-year desk is
// generated (or reused), every figure is measured, and the JSON carries every metric with numbers. Timings are
// this machine's business, not the test's: nothing here compares a time with a target.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { METRIC_KEYS } from '../../scripts/bench/table'

describe('npm run bench -- --size small', () => {
  it('measures every metric and prints them as one JSON object', () => {
    // npm test builds the renderer into out/; the bench uses it when it is up to date, else builds its own.
    const env = { ...process.env, DESK_OUT_DIR: process.env.DESK_OUT_DIR ?? 'out' }
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/index.ts', '--size', 'small', '--json'], { encoding: 'utf8', env, maxBuffer: 16 * 1024 * 1024 })
    expect(r.status, r.stderr.slice(-2000)).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>
    for (const key of METRIC_KEYS) {
      const m = out[key]
      expect(m, key).toBeDefined()
      for (const field of ['median', 'min', 'max']) expect(Number.isFinite(m[field]), `${key}.${field}`).toBe(true)
      expect(typeof m.ok, `${key}.ok`).toBe('boolean')
    }
    for (const key of ['report_halfyear', 'feed_pipeline', 'mention_insert'] as const) {
      expect(Number.isFinite(out[key].floor_median), `${key}.floor_median`).toBe(true)
      expect(Number.isFinite(out[key].ratio), `${key}.ratio`).toBe(true)
    }
    expect(out.meta.size).toBe('small')
  }, 180_000)
})
