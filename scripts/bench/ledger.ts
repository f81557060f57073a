// Ledger benchmark: a desk of N pieces (default 100,000) written through createPiece, then the ledger's first
// page and searches timed through the real dispatcher (validation included), as the officer's clicks run them.
//   npx tsx scripts/bench/ledger.ts [N]
// The functions are exported for the full `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { signInBench } from './bench-user'
import { openContext, type Ctx } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import { createPiece } from '../../handlers/pieces/write'
import { runExport } from '../../handlers/ledger/export'
import { runImport } from '../../handlers/ledger/import'
import { ledgerCsv } from '../../services/ledger/write-file'
import { pieceToRow } from '../../services/ledger/template'
import { listPieces } from '../../db/queries/pieces'
import type { Job } from '../../handlers/jobs/runner'
import { pieceFields, type PieceInput } from '../../shared/contract/pieces'
import { CHANNEL_CODES, DEFAULT_THEMES, finalStatusesFor, type Channel } from '../../shared/channels'
import { addDays } from '../../shared/dates'
import { seeded, type Random } from '../../services/random'
import type { ArgsOf, HandlerName } from '../../shared/contract'

const TOPICS = ['民族团结进步月', '分级诊疗', '家庭医生签约', '医保政策', '健康扶贫', '胸痛中心', '卒中中心', '急诊绿色通道', '无痛分娩', '中医适宜技术', '院感防控', '智慧医院', '预约挂号', '义诊', '健康讲座', '主题党日', '医德医风', '文明创建', '控烟', '合理用药']
const FORMS = ['我院开展{t}活动', '【健康科普】{t}常见问题解答', '我院召开{t}工作推进会', '聚焦{t} 持续改善医疗服务', '{t}｜这些变化你需要知道', '县卫健委调研我院{t}工作', '{t}专题学习会召开']
const DEPARTMENTS = ['党办', '宣传科', '院办', '医务科', '护理部', '内科', '外科', '妇产科', '儿科', '急诊科', '中医科', '药剂科']
const AUTHORS = ['张宣', '李明', '王芳', '赵静', '刘洋', '陈曦']
const NOTES = ['', '', '苗汉双语', '含佐证材料', '已报送县卫健委', '群众反响良好，咨询 200 余人次']

/** One realistic random piece (deterministic for a given PRNG state). */
export function benchPiece(r: Random, i: number): PieceInput {
  const channel: Channel = r.pick(CHANNEL_CODES)
  const topic = r.pick(TOPICS)
  return {
    channel,
    title: `${r.pick(FORMS).replace('{t}', topic)}（${i}）`,
    date: addDays('2019-01-01', r.int(0, 365 * 5)),
    status: r.chance(0.9) ? finalStatusesFor(channel)[0] : 'draft',
    department: r.pick(DEPARTMENTS),
    author: r.pick(AUTHORS),
    notes: r.pick(NOTES),
    body: r.chance(0.3) ? `为深入推进${topic}工作，${r.pick(DEPARTMENTS)}组织开展系列活动，进一步提升群众就医获得感。` : '',
    themes: r.chance(0.4) ? [r.pick(DEFAULT_THEMES)] : []
  }
}

export interface BenchDesk {
  ctx: Ctx
  buildMs: number
  close(): void
}

/** A temp desk holding n pieces written through createPiece (audit and search index included), in batches. */
export function buildLedgerDesk(n: number, seed = 20230630): BenchDesk {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-'))
  const ctx = signInBench(openContext({ dbFile: join(dir, 'bench.sqlite'), actor: '基准测试', now: () => new Date('2024-06-15T02:00:00Z') }))
  const r = seeded(seed)
  const t0 = performance.now()
  for (let start = 0; start < n; start += 5000) {
    ctx.desk.tx(() => {
      for (let i = start; i < Math.min(n, start + 5000); i++) createPiece(ctx, pieceFields.parse(benchPiece(r, i)), 'bench')
    })
  }
  ctx.desk.sqlite.pragma('optimize')
  return {
    ctx,
    buildMs: performance.now() - t0,
    close() {
      ctx.desk.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Median wall time (ms) of one handler call over `runs` runs, after one warm-up; also the result's total. */
export async function timeCall<K extends HandlerName>(ctx: Ctx, name: K, args: ArgsOf<K>, runs = 9): Promise<{ ms: number; total: number }> {
  let total = 0
  const once = async (): Promise<number> => {
    const t = performance.now()
    const env = await dispatch(handlers, ctx, name, args)
    const ms = performance.now() - t
    if (!env.ok) throw new Error(`${name}: ${env.error.message}`)
    total = (env.value as { total?: number }).total ?? 0
    return ms
  }
  await once()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await once())
  return { ms: median(times), total }
}

/** The ledger's figures: what the officer waits for when opening, scrolling and searching the table. */
export const LEDGER_CASES: { label: string; args: ArgsOf<'piece-list'> }[] = [
  { label: '首屏（按日期倒序，200 条）', args: { limit: 200 } },
  { label: '首屏 + 渠道筛选（微信公众号）', args: { channel: 'wechat', limit: 200 } },
  { label: '滚到最后一页（offset 99,800）', args: { offset: 99_800, limit: 200 } },
  { label: '按标题排序首屏', args: { sort: 'title', desc: false, limit: 200 } },
  { label: '搜索 1 字“诊”', args: { q: '诊', limit: 200 } },
  { label: '搜索 2 字“团结”', args: { q: '团结', limit: 200 } },
  { label: '搜索 2 字“义诊”', args: { q: '义诊', limit: 200 } },
  { label: '搜索 4 字“民族团结”', args: { q: '民族团结', limit: 200 } },
  { label: '搜索 4 字“家庭医生”', args: { q: '家庭医生', limit: 200 } },
  { label: '搜索“团结” + 渠道 + 日期', args: { q: '团结', channel: 'wechat', from: '2023-01-01', to: '2023-06-30', limit: 200 } }
]

export async function benchLedger(ctx: Ctx, runs = 9): Promise<{ label: string; ms: number; total: number }[]> {
  const out: { label: string; ms: number; total: number }[] = []
  for (const c of LEDGER_CASES) out.push({ label: c.label, ...(await timeCall(ctx, 'piece-list', c.args, runs)) })
  return out
}

/** A job stand-in that records when each phase started and the longest stretch without yielding (a frozen window). */
function phaseClock(): Job & { phases: Record<string, number>; longestBlockMs: () => number; blockBefore: Record<string, number> } {
  const phases: Record<string, number> = {}
  const blockBefore: Record<string, number> = {}
  let last = performance.now()
  let longest = 0
  return {
    phases,
    blockBefore,
    cancelled: false,
    progress(phase) {
      if (phase in phases) return
      phases[phase] = performance.now()
      blockBefore[phase] = Math.max(longest, performance.now() - last)
    },
    async pause() {
      longest = Math.max(longest, performance.now() - last)
      await new Promise((resolve) => setImmediate(resolve))
      last = performance.now()
    },
    showPhase: async () => {},
    longestBlockMs: () => Math.max(longest, performance.now() - last)
  }
}

/** Export of the whole ledger (xlsx and csv), and an import of `importRows` rows into a fresh desk. */
export async function benchLedgerFiles(ctx: Ctx, importRows = 10_000): Promise<{ label: string; ms: number; blockMs: number }[]> {
  const out: { label: string; ms: number; blockMs: number }[] = []
  for (const format of ['xlsx', 'csv'] as const) {
    const job = phaseClock()
    const t = performance.now()
    const r = await runExport(ctx, format, { sort: 'date', desc: true }, job)
    out.push({ label: `导出全部 ${r.rows} 条为 ${format}（${(r.bytes.length / 1024 / 1024).toFixed(1)} MB）`, ms: performance.now() - t, blockMs: job.longestBlockMs() })
  }
  const rows = listPieces(ctx.desk.db, { sort: 'date', desc: true, offset: 0, limit: 1000 }).rows
  const csv = ledgerCsv(Array.from({ length: importRows }, (_, i) => ({ ...pieceToRow(rows[i % rows.length]), 标题: `导入测试 ${i}` })))
  const target = buildLedgerDesk(0)
  try {
    const job = phaseClock()
    const t = performance.now()
    const r = await runImport(target.ctx, { fileName: 'bench.csv', bytes: csv, commit: true }, job)
    if (!r.committed) throw new Error(`import failed: ${r.errors[0]?.message ?? r.problems[0]}`)
    const end = performance.now()
    out.push({ label: `导入 ${importRows} 行 CSV：读取+检查`, ms: job.phases.writing - t, blockMs: job.blockBefore.writing })
    out.push({ label: `导入 ${importRows} 行 CSV：写入（一个事务）`, ms: end - job.phases.writing, blockMs: end - job.phases.writing })
  } finally {
    target.close()
  }
  return out
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 100_000)
  process.stdout.write(`正在生成 ${n} 条台账记录（经 createPiece，含审计与搜索索引）…\n`)
  const desk = buildLedgerDesk(n)
  process.stdout.write(`生成用时 ${(desk.buildMs / 1000).toFixed(1)} 秒\n\n`)
  try {
    process.stdout.write('  中位数      命中  操作\n')
    for (const r of await benchLedger(desk.ctx)) process.stdout.write(`${r.ms.toFixed(1).padStart(7)} ms ${String(r.total).padStart(7)}  ${r.label}\n`)
    process.stdout.write('\n     用时   最长连续占用  操作\n')
    for (const r of await benchLedgerFiles(desk.ctx)) process.stdout.write(`${(r.ms / 1000).toFixed(2).padStart(7)} s ${r.blockMs.toFixed(0).padStart(8)} ms  ${r.label}\n`)
  } finally {
    desk.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main()
