// `desk audit verify` and `desk audit list`: the 操作日志 page's proof and listing, through the same handlers (and
// so the same permissions: 管理员 or 党委书记). The signing-in `--user` is taken by scripts/desk.ts; a second
// `--user` here filters the list by person.
import { dispatch, handlers, type Ctx } from '../../../handlers'
import type { Command } from '../command'
import { printJson } from '../command'
import { argValue, hasFlag } from '../args'
import { auditTime } from '../../../shared/audit-labels'
import { isCalendarDate } from '../../../shared/dates'
import type { AuditCheckResult, AuditFilterInput, AuditLogPage, AuditLogRow } from '../../../shared/contract/audit'

const fail = (message: string, code: number): number => (process.stderr.write(message + '\n'), code)
const PAGE = 500

function line(r: AuditLogRow): string {
  return [String(r.id).padStart(6), auditTime(r.at), r.actor, r.actionLabel, `${r.entityLabel}${r.entityId ? ` ${r.entityId}` : ''}`, r.summary].join('  ')
}

async function verify(ctx: Ctx): Promise<number> {
  const r = await dispatch(handlers, ctx, 'audit-verify', {})
  if (!r.ok) return fail(r.error.message, 1)
  const v = r.value as AuditCheckResult
  if (v.ok) {
    process.stdout.write(`操作日志完整：${v.count} 条\n`)
    return 0
  }
  return fail(`操作日志校验未通过：${v.problem?.why ?? '未知原因'}（已校验 ${v.count} 条）`, 1)
}

async function list(ctx: Ctx, argv: string[]): Promise<number> {
  const since = argValue(argv, '--since')
  const until = argValue(argv, '--until')
  for (const d of [since, until]) if (d !== null && !isCalendarDate(d)) return fail(`日期无效：${d}（格式如 2023-05-01）`, 2)
  const limitText = argValue(argv, '--limit')
  const limit = limitText === null ? Infinity : Number(limitText)
  if (!(limit > 0)) return fail('--limit 须为正整数', 2)
  const filter: AuditFilterInput = {
    actor: argValue(argv, '--user') ?? undefined,
    action: argValue(argv, '--action') ?? undefined,
    entity: argValue(argv, '--entity') ?? undefined,
    from: since ?? undefined,
    to: until ?? undefined
  }
  const rows: AuditLogRow[] = []
  let total = 0
  for (let offset = 0; rows.length < limit; offset += PAGE) {
    const r = await dispatch(handlers, ctx, 'audit-log', { filter, offset, limit: Math.min(PAGE, limit - rows.length) })
    if (!r.ok) return fail(r.error.message, 1)
    const page = r.value as AuditLogPage
    total = page.total
    rows.push(...page.rows)
    if (page.rows.length === 0 || offset + page.rows.length >= page.total) break
  }
  if (hasFlag(argv, '--json')) {
    printJson(rows)
    return 0
  }
  for (const r of rows) process.stdout.write(line(r) + '\n')
  process.stdout.write(rows.length < total ? `共 ${total} 条，显示最新的 ${rows.length} 条\n` : `共 ${total} 条\n`)
  return 0
}

export const auditCommands: Command[] = [
  {
    name: 'audit',
    usage: 'audit verify | audit list [--json] [--user 姓名] [--since 日期] [--until 日期] [--action 操作] [--entity 对象] [--limit N]',
    summary: '操作日志：verify 从第一条起校验完整性（完整时退出码 0）；list 按人员、日期等筛选，最新的在前',
    valueFlags: ['--user', '--since', '--until', '--action', '--entity', '--limit'],
    run: async (ctx, [sub], argv) => {
      if (sub === 'verify') return verify(ctx)
      if (sub === 'list') return list(ctx, argv)
      return fail('用法：audit verify 或 audit list [--json] [--user 姓名] [--since 日期]', 2)
    }
  }
]
