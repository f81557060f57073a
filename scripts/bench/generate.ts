// The ten-year benchmark desk: a fixed seed, the real handlers and queries, one SQLite file reused across runs.
//   npx tsx scripts/bench/generate.ts [--size small] [--db FILE] [--regenerate]
// The file is written beside its final name and renamed when complete, so an interrupted run is never reused.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { openContext, type Ctx } from '../../handlers/context'
import { appHandlers } from '../../handlers/app'
import { profileInput } from '../../shared/contract/app'
import { writeState } from '../../handlers/settings'
import { parseSetting, type SettingKey } from '../../shared/settings'
import { seeded } from '../../services/random'
import { addMonths } from '../../shared/dates'
import { makeClock, type Clock } from './clock'
import { monthPlan, writeMonth } from './gen-pieces'
import { writeWatch } from './gen-watch'
import { signMonths, triageNegatives } from './gen-records'
import { BENCH_NOW, BENCH_SEED, FIRST_MONTH, GENERATOR_VERSION, LAST_MONTH, SIZES, defaultFile, type GeneratorStamp, type Size, type SizeName } from './sizes'
import { DEPARTMENTS, HOSPITAL } from './words'

export function benchMonths(): string[] {
  const out: string[] = []
  for (let m = FIRST_MONTH; m <= LAST_MONTH; m = addMonths(m, 1)) out.push(m)
  return out
}

/** The stamp of a complete file of this size and generator version, or null when it must be (re)generated. */
export function readStamp(file: string): GeneratorStamp | null {
  if (!existsSync(file)) return null
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    // read without migrating: a file from an older generator is only looked at, then regenerated
    const row = db.prepare('SELECT value FROM settings WHERE key = ?').get('bench.generator' satisfies SettingKey) as { value: string } | undefined
    return row ? parseSetting('bench.generator', JSON.parse(row.value)).value : null
  } catch {
    return null
  } finally {
    db.close()
  }
}

export function isCurrent(file: string, size: SizeName): boolean {
  const s = readStamp(file)
  const want = SIZES[size]
  return s !== null && s.version === GENERATOR_VERSION && s.size === size && s.pieces === want.pieces && s.mentions === want.mentions && s.feeds === want.feeds
}

type Log = (line: string) => void

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
}

/** Pieces for 120 months; the last two months keep more work in progress, as a live desk does. */
function writeLedger(ctx: Ctx, clock: Clock, size: Size, log: Log): { pieces: number; evidence: number } {
  const r = seeded(BENCH_SEED)
  const months = benchMonths()
  const total = { pieces: 0, evidence: 0 }
  for (const plan of monthPlan(months, size.pieces)) {
    const m = writeMonth(ctx, clock, r, plan, plan.month >= addMonths(LAST_MONTH, -1))
    total.pieces += m.pieces
    total.evidence += m.evidence
    if (plan.month.endsWith('-12')) log(`  台账 ${plan.month.slice(0, 4)} 年：累计 ${total.pieces} 条，佐证材料 ${total.evidence} 份`)
  }
  return total
}

export async function generate(file: string, size: Size, log: Log = console.log): Promise<GeneratorStamp> {
  const started = performance.now()
  const partial = `${file}.partial`
  removeDb(partial)
  const clock = makeClock(`${FIRST_MONTH}-01T09:00:00+08:00`)
  const ctx = openContext({ dbFile: partial, actor: '宣传干事', now: () => clock.now() })
  // Durability pragmas only: the file is thrown away if the run dies, so it need not survive a power cut.
  ctx.desk.sqlite.pragma('synchronous = OFF')
  ctx.desk.sqlite.pragma('cache_size = -262144')
  try {
    appHandlers['profile-save'](profileInput.parse({ fullName: HOSPITAL.fullName, aliases: HOSPITAL.aliases, departments: DEPARTMENTS }), ctx)
    log(`生成十年工作台（${size.name}）：${size.pieces} 条台账，${size.mentions} 条舆情，${size.feeds} 个订阅源`)
    const { pieces } = writeLedger(ctx, clock, size, log)
    log(`  台账用时 ${Math.round((performance.now() - started) / 1000)} 秒（CPU ${Math.round(process.cpuUsage().user / 1e6)} 秒）`)
    clock.set(`${FIRST_MONTH}-01T09:00:00+08:00`)
    const watch = writeWatch(ctx, clock, size, benchMonths(), log)
    const closed = triageNegatives(ctx, seeded(BENCH_SEED + 2), '2025-12-17')
    clock.set(BENCH_NOW)
    const signed = signMonths(ctx, clock, FIRST_MONTH, LAST_MONTH)
    log(`  已办结负面舆情 ${closed} 条，已签阅 ${signed} 个月；累计用时 ${Math.round((performance.now() - started) / 1000)} 秒（CPU ${Math.round(process.cpuUsage().user / 1e6)} 秒）`)
    clock.set(BENCH_NOW)
    const stamp: GeneratorStamp = {
      version: GENERATOR_VERSION, size: size.name, pieces, mentions: watch.mentions, feeds: watch.feeds,
      seconds: Math.round((performance.now() - started) / 1000)
    }
    writeState(ctx.desk.db, 'bench.generator', stamp, BENCH_NOW)
    ctx.desk.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    ctx.desk.close()
    removeDb(file)
    renameSync(partial, file)
    log(`完成：${file}（${stamp.seconds} 秒）`)
    return stamp
  } catch (e) {
    ctx.desk.close()
    removeDb(partial)
    throw e
  }
}

/** Generate unless a complete file of this size and version is already there. */
export async function ensureDesk(file: string, sizeName: SizeName, regenerate: boolean, log: Log = console.log): Promise<void> {
  if (!regenerate && isCurrent(file, sizeName)) return
  await generate(file, SIZES[sizeName], log)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name)
    return i === -1 ? undefined : process.argv[i + 1]
  }
  const sizeName = (arg('--size') ?? 'full') as SizeName
  if (!(sizeName in SIZES)) throw new Error(`--size 只能是 ${Object.keys(SIZES).join(' / ')}`)
  await ensureDesk(arg('--db') ?? defaultFile(sizeName), sizeName, process.argv.includes('--regenerate'))
}
