// `desk report --period 2023H1 --format docx --out FILE` and `desk tally --month 2023-05 [--json] [--sign]`: the
// same figures, draft, files and sign-off as the 统计 and 报告 pages.
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import type { Command } from '../command'
import { printJson } from '../command'
import { argValue, hasFlag } from '../args'
import { dispatch, handlers, type Ctx } from '../../../handlers'
import { CliError, runJob } from '../session'
import { periodProblem, changeOf, changeText } from '../../../shared/periods'
import { REPORT_FORMATS, type ReportFormat } from '../../../shared/contract/reports'
import type { SignoffState, TallyView } from '../../../shared/contract/tallies'
import { readQuota } from '../../../shared/tally-reading'
import { briefPeriodProblem, type BriefKind } from '../../../shared/watch-periods'
import type { ReportFile } from '../../../shared/contract/reports'

const out = (s: string): boolean => process.stdout.write(s + '\n')
/** Print the message to stderr and give the exit code. */
const fail = (message: string, code: number): number => (process.stderr.write(message + '\n'), code)

export const reportCommands: Command[] = [
  {
    name: 'report',
    usage: 'report --period 2023H1 --format docx|xlsx|csv|json --out FILE | report --kind watch-daily|watch-weekly --period 2023-06-05..2023-06-11 --format docx --out FILE | report --kind incident --mention ID --format docx --out FILE',
    summary: '生成意识形态工作总结（Word 草稿）或统计汇总（Excel/CSV/JSON）；--kind 生成舆情日报、周报或舆情专报（Word）',
    valueFlags: ['--period', '--format', '--out', '--kind', '--mention'],
    run: async (ctx, _args, argv) => {
      const kind = argValue(argv, '--kind')
      if (kind !== null || argValue(argv, '--mention') !== null) return watchReport(ctx, kind, argv)
      const period = argValue(argv, '--period')
      const file = argValue(argv, '--out')
      const format = (argValue(argv, '--format') ?? (file ? extname(file).slice(1).toLowerCase() : '')) as ReportFormat
      if (!period) return fail('请用 --period 指定统计区间，如 2023H1、2023H2、2023-05、2023-01-01..2023-03-31', 2)
      const problem = periodProblem(period)
      if (problem) return fail(problem, 2)
      if (!REPORT_FORMATS.includes(format)) return fail(`请用 --format 指定格式：${REPORT_FORMATS.join(' / ')}`, 2)
      if (!file) return fail('请用 --out 指定输出文件', 2)
      try {
        const started = performance.now()
        // through the 报告 page's job handler, so the signed-in user's permissions apply
        const r = await runJob<ReportFile>(ctx, 'report-export-start', { period, format })
        writeFileSync(file, Buffer.from(r.base64, 'base64'))
        out(`已生成 ${file}（${r.fileName}，${Math.max(1, Math.round(r.bytes / 1024))} KB，用时 ${Math.round(performance.now() - started)} 毫秒）`)
        // the Word draft was proofread as it was saved: say what to check (a warning, not a failure)
        if (r.proof?.length) {
          process.stderr.write(`规范表述提示 ${r.proof.length} 处，请核对后再报送：\n`)
          for (const h of r.proof) process.stderr.write(`  “${h.wrong}”应为“${h.right}”${h.note ? `（${h.note}）` : ''}：…${h.context}…\n`)
        }
        return 0
      } catch (e) {
        if (e instanceof CliError) return fail(e.message, 1)
        throw e
      }
    }
  },
  {
    name: 'tally',
    usage: 'tally --month 2023-05 [--period 2023Q2] [--json] [--sign [--comment 意见]]',
    summary: '月度（或任意区间）统计，含环比、同比与签阅状态；--sign 由书记签阅（密码取自环境变量 DESK_PASSWORD）',
    valueFlags: ['--month', '--period', '--comment'],
    run: async (ctx, _args, argv) => {
      const period = argValue(argv, '--period') ?? argValue(argv, '--month')
      if (!period) return fail('请用 --month 指定月份，如 2023-05（或用 --period 指定其他区间）', 2)
      if (hasFlag(argv, '--sign')) return sign(ctx, period, argValue(argv, '--comment') ?? '')
      const r = await dispatch(handlers, ctx, 'tally-get', { period })
      if (!r.ok) return fail(r.error.message, 1)
      const v = r.value as TallyView
      if (hasFlag(argv, '--json')) {
        printJson(v)
        return 0
      }
      out(`${v.set.hospital} ${v.period.label} 统计（环比：${v.previous.label}；同比：${v.lastYear.label}）`)
      for (const f of v.set.figures) {
        if (f.group === 'quota') continue // worded below, as the 统计 page words them
        if (f.value === 0 && !(v.previousValues[f.key] || v.lastYearValues[f.key])) continue
        const mom = changeText(changeOf(f.value, v.previousValues[f.key] ?? 0), f.unit)
        const yoy = changeText(changeOf(f.value, v.lastYearValues[f.key] ?? 0), f.unit)
        out(`  ${f.label}：${f.value}${f.unit}（环比 ${mom}，同比 ${yoy}）`)
      }
      for (const q of v.set.quotas) out(`  ${q.label}：${readQuota(q, v.period.code).text}`)
      if (v.signoff) out(`已阅：第 ${v.signoff.version} 版，${v.signoff.signedBy}，${v.signoff.signedAt}${v.signoff.changed ? '（签阅后有变动）' : ''}`)
      return 0
    }
  }
]

/** The 舆情 reports: --kind names one; each is a Word file written through its handler (the permissions apply). */
const WATCH_KINDS: Record<string, { name: string; brief?: BriefKind }> = {
  'watch-daily': { name: '舆情日报', brief: 'daily' },
  'watch-weekly': { name: '舆情周报', brief: 'weekly' },
  incident: { name: '舆情专报' }
}
const KIND_LIST = 'watch-daily（舆情日报）、watch-weekly（舆情周报）、incident（舆情专报）；不写 --kind 为意识形态工作总结'

async function watchReport(ctx: Ctx, kind: string | null, argv: string[]): Promise<number> {
  if (kind === null) return fail('--mention 只用于舆情专报：请同时写 --kind incident', 2)
  const k = WATCH_KINDS[kind]
  if (!k) return fail(`未知的报告类型：${kind}（--kind 可用 ${KIND_LIST}）`, 2)
  const file = argValue(argv, '--out')
  const format = (argValue(argv, '--format') ?? (file ? extname(file).slice(1).toLowerCase() : '')).toLowerCase()
  if (format !== 'docx') {
    const given = format ? `不支持 ${format} 格式` : '未指定格式'
    return fail(`${k.name}只生成 Word 文件，${given}：请用 --format docx（xlsx / csv / json 只用于不带 --kind 的工作总结与统计汇总）`, 2)
  }
  if (!file) return fail('请用 --out 指定输出文件，如 --out 舆情周报.docx', 2)
  let r
  if (k.brief) {
    const period = argValue(argv, '--period')
    if (!period) return fail(`请用 --period 指定${k.name}的统计区间，如 ${k.brief === 'daily' ? '2023-06-11' : '2023-06-05..2023-06-11，或 2023-06-11（取其所在的周一至周日）'}`, 2)
    const problem = briefPeriodProblem(period, k.brief)
    if (problem) return fail(problem, 2)
    r = await dispatch(handlers, ctx, 'watch-brief-docx', { period, kind: k.brief })
  } else {
    const raw = argValue(argv, '--mention')
    if (!raw) return fail('请用 --mention 指定舆情编号，如 --mention 54（编号见舆情详情，或 desk call mention-list）', 2)
    if (!/^\d+$/.test(raw) || Number(raw) < 1) return fail(`舆情编号须为正整数：${raw}`, 2)
    r = await dispatch(handlers, ctx, 'watch-incident-docx', { id: Number(raw) })
  }
  if (!r.ok) return fail(r.error.message, 1)
  const f = r.value as ReportFile
  writeFileSync(file, Buffer.from(f.base64, 'base64'))
  out(`已生成 ${file}（${f.fileName}，${Math.max(1, Math.round(f.bytes / 1024))} KB）`)
  return 0
}

/**
 * 签阅 from the command line, as the CLI's signed-in user (`--user NAME`): the password, re-entered as the
 * signature, comes from DESK_PASSWORD — never from an argument, which would stay in the shell's history.
 */
async function sign(ctx: Ctx, month: string, comment: string): Promise<number> {
  const password = process.env.DESK_PASSWORD
  if (!password) return fail('签阅须以书记本人的密码确认：请在环境变量 DESK_PASSWORD 中提供（不要写在命令行参数里）', 2)
  const r = await dispatch(handlers, ctx, 'tally-signoff', { month, password, comment })
  if (!r.ok) return fail(r.error.message, 1)
  const s = r.value as SignoffState
  out(`已签阅 ${month.slice(0, 4)}年${Number(month.slice(5, 7))}月（第 ${s.version} 版，签阅人 ${s.signedBy}，${s.signedAt}）${s.versions.length > 1 ? `；共 ${s.versions.length} 个版本，此前的版本均保留` : ''}`)
  return 0
}
