// mention_events.at (migration 0014): the 办结/忽略 steps of a period are read by time range in time order
// (closingsBetween, for the briefs) — through the index, without a scan of the whole trail or a sort.
import { afterEach, describe, expect, it } from 'vitest'
import { closingsBetween } from '../../db/queries/watch-reports'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

describe('mention_events_at_idx', () => {
  it('serves the range and the order of closingsBetween', () => {
    d = freshDesk()
    const sqlite = d.ctx.desk.sqlite
    const seen: string[] = []
    const prepare = sqlite.prepare.bind(sqlite)
    sqlite.prepare = ((sql: string) => (seen.push(sql), prepare(sql))) as typeof sqlite.prepare
    expect(closingsBetween(d.ctx.desk.db, '2024-01-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z')).toEqual([])
    sqlite.prepare = prepare
    const sql = seen.find((s) => s.includes('FROM mention_events e'))!
    const plan = (prepare(`EXPLAIN QUERY PLAN ${sql}`).all('2024-01-01', '2024-02-01') as { detail: string }[]).map((r) => r.detail)
    expect(plan.join('\n')).toContain('mention_events_at_idx')
    expect(plan.join('\n')).not.toContain('TEMP B-TREE')
  })
})
