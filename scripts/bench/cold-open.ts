// One cold start of the desk on the benchmark file, in a fresh process: open + migration check + the figures the
// dashboard shows first. Bundled and run by bench-open.ts; prints one JSON line.
import { signInBench } from './bench-user'
import { openContext } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import { BENCH_NOW } from './sizes'

/** What the first screen asks for: renderer/src/App.tsx (with DueWatcher) and pages/Dashboard.tsx with its panels. */
const FIRST_SCREEN = ['app-state', 'schedule-due', 'dashboard-summary', 'today-list', 'quota-current', 'deadline-list', 'watch-summary'] as const

const [file, migrationsFolder] = process.argv.slice(2)
const t0 = performance.now()
const ctx = signInBench(openContext({ dbFile: file, migrationsFolder, now: () => new Date(BENCH_NOW) }))
const opened = performance.now()
const each: Record<string, number> = {}
for (const name of FIRST_SCREEN) {
  const t = performance.now()
  const r = await dispatch(handlers, ctx, name, {})
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  each[name] = Math.round((performance.now() - t) * 10) / 10
}
const ms = performance.now() - t0
ctx.desk.close()
process.stdout.write(JSON.stringify({ ms, openMs: opened - t0, each, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\n')
