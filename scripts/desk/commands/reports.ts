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

const out = (s: string): boolean => process.stdout.write(s + '\n')
/** Print the message to stderr and give the exit code. */
const fail = (message: string, code: number): number => (process.stderr.write(message + '\n'), code)

export const reportCommands: Command[] = [
  {
    name: 'report',
    usage: 'report --period 2023H1 --format docx|xlsx|csv|json --out FILE',
    summary: '生成意识形态工作总结（Word 草稿）或统计汇总（Excel/CSV/JSON）',
    valueFlags: ['--period', '--format', '--out'],
    run: async (ctx, _args, argv) => {
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
        const r = await runJob<{ fileName: string; base64: string; bytes: number }>(ctx, 'report-export-start', { period, format })
        writeFileSync(file, Buffer.from(r.base64, 'base64'))
        out(`已生成 ${file}（${r.fileName}，${Math.max(1, Math.round(r.bytes / 1024))} KB，用时 ${Math.round(performance.now() - started)} 毫秒）`)
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
