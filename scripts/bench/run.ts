// The measuring process, started by index.ts from a bundle (as the app runs bundled code, not through tsx).
//   node .bench/build/run.mjs --db FILE --migrations DIR --static DIR --cold-open cold-open.mjs --browser browser-driver.mjs
// Prints one JSON line: { metrics: { key: Metric } }. Progress goes to stderr.
import { signInBench } from './bench-user'
import { openContext } from '../../handlers/context'
import { reportHalfyear, tallyMonth } from './bench-report'
import { searchMetric, SHORT_TERM, LONG_TERM } from './bench-search'
import { feedPipeline, mentionInsert } from './bench-watch'
import { coldOpen } from './bench-open'
import { ledgerFirstPage } from './bench-browser'
import { timeCall } from './ledger'
import { metric, RUNS, type Metric } from './measure'
import type { MetricKey } from './table'
import { BENCH_NOW } from './sizes'
import { mainLoop } from './bench-main-loop'
import { pathToFileURL } from 'node:url'

const argv = process.argv.slice(2)
const arg = (name: string): string => {
  const i = argv.indexOf(name)
  if (i === -1) throw new Error(`缺少参数 ${name}`)
  return argv[i + 1]
}
const file = arg('--db')
const migrationsFolder = arg('--migrations')
const log = (s: string): void => void process.stderr.write(`${s}\n`)
const metrics: Partial<Record<MetricKey, Metric>> = {}
const onlyAt = argv.indexOf('--only')
const only = onlyAt === -1 ? null : new Set(argv[onlyAt + 1].split(','))
const wanted = (key: string): boolean => only === null || only.has(key)

async function step(key: MetricKey, run: () => Promise<Metric>): Promise<void> {
  if (!wanted(key)) return
  log(`测量 ${key}…`)
  const m = (metrics[key] = await run())
  log(`  ${m.median.toFixed(1)} ${m.unit}${m.ratio !== undefined ? `（基线的 ${m.ratio.toFixed(2)} 倍）` : ''}${m.ok ? '' : ' 未达标'}（峰值内存 ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB）`)
}

const ctx = signInBench(openContext({ dbFile: file, migrationsFolder, now: () => new Date(BENCH_NOW) }))
try {
  await step('report_halfyear', () => reportHalfyear(ctx))
  await step('tally_month', () => tallyMonth(ctx))
  await step('search_2char', () => searchMetric(ctx, SHORT_TERM, 50))
  await step('search_4char', () => searchMetric(ctx, LONG_TERM, 20))
  await step('feed_pipeline', () => feedPipeline(ctx))
  await step('mention_insert', () => mentionInsert(ctx))
  await step('ledger_first_page', async () => {
    const m = await ledgerFirstPage(ctx, arg('--static'), arg('--browser'))
    // The handler behind it, timed as scripts/bench/ledger.ts times the ledger's first page.
    const handler = await timeCall(ctx, 'piece-list', { limit: 200 }, RUNS)
    m.note = `piece-list 首屏 200 条（处理函数）${handler.ms.toFixed(1)} ms；${m.note}`
    return m
  })
} finally {
  ctx.desk.sqlite.pragma('wal_checkpoint(TRUNCATE)')
  ctx.desk.close()
}
if (wanted('main_loop_delay') || wanted('main_loop_max')) {
  log('测量 main_loop_delay / main_loop_max…')
  const loop = await mainLoop(file, migrationsFolder, pathToFileURL(arg('--thread')), Date.parse(BENCH_NOW), log)
  metrics.main_loop_delay = loop.delay
  metrics.main_loop_max = loop.max
}
await step('cold_open', async () => (await coldOpen(arg('--cold-open'), file, migrationsFolder)).metric)
const peak = process.resourceUsage().maxRSS / 1024
if (wanted('peak_rss_mb')) metrics.peak_rss_mb = metric('峰值内存（测量进程，以上全部测量）', 'MB', { median: peak, min: peak, max: peak, runs: [peak] }, { kind: 'max', value: 300 }, {
  note: '测量进程（打包后运行）生命周期内的最大常驻内存，含台账测量时的 HTTP 桥；Chromium、Playwright 驱动与冷启动子进程是别的进程'
})
process.stdout.write(`${JSON.stringify({ metrics })}\n`)
