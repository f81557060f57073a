// One cold start of the desk on the benchmark file, in a fresh process: open + migration check + the figures the
// dashboard shows first. Bundled and run by bench-open.ts; prints one JSON line.
import { openContext } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import { BENCH_NOW } from './sizes'

/** What the first screen asks for (renderer/src/App.tsx and pages/Dashboard.tsx). */
const FIRST_SCREEN = ['app-state', 'dashboard-summary'] as const

const [file, migrationsFolder] = process.argv.slice(2)
const t0 = performance.now()
const ctx = openContext({ dbFile: file, migrationsFolder, now: () => new Date(BENCH_NOW) })
const opened = performance.now()
for (const name of FIRST_SCREEN) {
  const r = await dispatch(handlers, ctx, name, {})
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
}
const ms = performance.now() - t0
ctx.desk.close()
process.stdout.write(JSON.stringify({ ms, openMs: opened - t0, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\n')
