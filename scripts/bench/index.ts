// `npm run bench [-- --size small] [-- --json] [-- --regenerate] [-- --db FILE] [-- --only feed_pipeline,mention_insert]`
// Ten years of a busy hospital's desk (generated once, reused), each figure measured RUNS times after a warm-up,
// against the floor — what SQLite or the parser alone does with the same work — measured in the same run.
//
// This script only prepares: the desk file (generate.ts, in a child process), the renderer build, and a bundle
// of the measuring process (run.ts), which then runs under plain Node as the app's bundled main process does —
// tsx's on-the-fly compiler alone would add ~60 MB to the peak memory being measured.
// Progress goes to stderr; stdout gets the table, or with --json one JSON object.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'
import { isCurrent, readStamp } from './generate'
import { rendererDir } from './bench-browser'
import { RUNS, type Metric } from './measure'
import { json, machine, table, type MetricKey } from './table'
import { SIZES, defaultFile, type SizeName } from './sizes'

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(name)
  return i === -1 ? undefined : argv[i + 1]
}
const sizeName = (arg('--size') ?? 'full') as SizeName
if (!(sizeName in SIZES)) throw new Error(`--size 只能是 ${Object.keys(SIZES).join(' / ')}`)
const file = arg('--db') ?? defaultFile(sizeName)
const log = (s: string): void => void process.stderr.write(`${s}\n`)
const here = import.meta.dirname
const out = join(process.cwd(), '.bench', 'build')

if (argv.includes('--regenerate') || !isCurrent(file, sizeName)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'generate.ts'), '--size', sizeName, '--db', file, '--regenerate'], { stdio: ['ignore', 2, 2] })
  if (r.status !== 0) throw new Error(`生成十年工作台失败（退出码 ${r.status}）`)
}
const stamp = readStamp(file)!
// --only: the named metrics alone (e.g. while working on one path); the renderer is built only when measured.
const only = arg('--only')
const staticDir = !only || only.split(',').includes('ledger_first_page') ? rendererDir(log) : ''

await build({
  entryPoints: { run: join(here, 'run.ts'), 'cold-open': join(here, 'cold-open.ts'), 'browser-driver': join(here, 'browser-driver.ts'), 'desk-thread': join(here, '..', '..', 'handlers', 'worker', 'thread.ts') },
  outdir: out, outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20.10', // import attributes (chinese-days' JSON)
  packages: 'external', logLevel: 'warning',
  // Bundled, every module would share the bundle's import.meta.url, and a script's "am I the entry point?" check
  // (scripts/bench/ledger.ts) would think it is. No bundled module needs its own location: the migrations folder
  // is passed in.
  define: { 'import.meta.url': '"file:///bench-bundle/run.mjs"' }
})
const r = spawnSync(process.execPath, [
  join(out, 'run.mjs'), '--db', file, '--static', staticDir, '--cold-open', join(out, 'cold-open.mjs'), '--browser', join(out, 'browser-driver.mjs'),
  '--migrations', join(process.cwd(), 'db', 'migrations'), '--thread', join(out, 'desk-thread.mjs'), ...(only ? ['--only', only] : [])
], { stdio: ['ignore', 'pipe', 2], encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
if (r.status !== 0) throw new Error(`测量进程失败（退出码 ${r.status}）`)
const { metrics } = JSON.parse(r.stdout.trim().split('\n').pop()!) as { metrics: Partial<Record<MetricKey, Metric>> }

const m = machine()
const meta = { size: sizeName, file, desk: stamp, runs: RUNS, machine: m, measuredAt: new Date().toISOString() }
if (argv.includes('--json')) process.stdout.write(`${json(metrics, meta)}\n`)
else {
  process.stdout.write(`十年工作台（${sizeName}）：${stamp.pieces} 条台账，${stamp.mentions} 条舆情，${stamp.feeds} 个订阅源；每项 ${RUNS} 次（另预热 1 次）\n`)
  process.stdout.write(`机器：${m.cpu}，${m.cores} 核，${m.ramGb} GB 内存；Node ${m.node}；SQLite ${m.sqlite}\n\n`)
  process.stdout.write(`${table(metrics)}\n`)
}
