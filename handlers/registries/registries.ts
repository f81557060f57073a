// 设置 › 媒体 and 账号阵地: the outlets the office sends to, and the hospital's own accounts and work groups
// (谁建立谁负责 — each must have a responsible person and be registered within 30 days of being created).
import { defineHandlers } from '../registry'
import { UserError, fieldError } from '../errors'
import { recordAudit, diff } from '../../db/queries/audit'
import * as q from '../../db/queries/registries'
import { addDays, chinaDate } from '../../shared/dates'
import { ACCOUNT_PLATFORMS, REGISTER_WITHIN_DAYS, type Account, type Outlet } from '../../shared/contract/registries'
import type { Ctx } from '../context'

export function accountWarnings(a: q.AccountRow, today: string): string[] {
  if (a.status === '已注销') return []
  const out: string[] = []
  if (!a.owner.trim()) out.push('未指定负责人（谁建立谁负责）')
  if (a.createdDate && a.registeredDate && a.registeredDate > addDays(a.createdDate, REGISTER_WITHIN_DAYS)) {
    out.push(`建立后超过 ${REGISTER_WITHIN_DAYS} 天才登记（${a.createdDate} 建立，${a.registeredDate} 登记）`)
  }
  if (a.createdDate && !a.registeredDate && today > addDays(a.createdDate, REGISTER_WITHIN_DAYS)) {
    out.push(`建立已超过 ${REGISTER_WITHIN_DAYS} 天仍未登记`)
  }
  if (a.createdDate && a.registeredDate && a.registeredDate < a.createdDate) out.push('登记日期早于建立日期，请核对')
  return out
}

const toAccount = (a: q.AccountRow, today: string): Account => ({ ...a, platform: a.platform as Account['platform'], status: a.status as Account['status'], warnings: accountWarnings(a, today) })

function audit(ctx: Ctx, action: string, entity: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity, entityId: id, changes })
}

export const registryHandlers = defineHandlers({
  'outlet-list': (_a, ctx) => q.listOutlets(ctx.desk.db) as Outlet[],
  'outlet-save': (v, ctx) =>
    ctx.desk.tx(() => {
      const db = ctx.desk.db
      const same = q.outletByName(db, v.name)
      if (same && same.id !== v.id) throw fieldError('name', `媒体名录中已有“${v.name}”`)
      const before = v.id ? q.getOutlet(db, v.id) : null
      if (v.id && !before) throw new UserError(`找不到编号为 ${v.id} 的媒体，可能已被删除`)
      const row = q.saveOutlet(db, v)
      audit(ctx, before ? 'update' : 'create', 'outlet', row.id, before ? diff(before, row) : row)
      return row as Outlet
    }),
  'outlet-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = q.getOutlet(ctx.desk.db, id)
      if (!before) throw new UserError(`找不到编号为 ${id} 的媒体，可能已被删除`)
      q.deleteOutlet(ctx.desk.db, id)
      // Pieces keep the outlet's name and level as written: the ledger is a record of what was sent.
      audit(ctx, 'delete', 'outlet', id, { ...before, piecesNamingIt: q.piecesNaming(ctx.desk.db, before.name) })
      return { id }
    }),
  'account-list': (_a, ctx) => {
    const order = (p: string) => ACCOUNT_PLATFORMS.indexOf(p as Account['platform'])
    const rows = q.listAccounts(ctx.desk.db).sort((a, b) => order(a.platform) - order(b.platform) || a.name.localeCompare(b.name, 'zh-CN'))
    return rows.map((a) => toAccount(a, chinaDate(ctx.now())))
  },
  'account-save': (v, ctx) =>
    ctx.desk.tx(() => {
      const db = ctx.desk.db
      const before = v.id ? q.getAccount(db, v.id) : null
      if (v.id && !before) throw new UserError(`找不到编号为 ${v.id} 的账号，可能已被删除`)
      const row = q.saveAccount(db, v)
      audit(ctx, before ? 'update' : 'create', 'account', row.id, before ? diff(before, row) : row)
      return toAccount(row, chinaDate(ctx.now()))
    }),
  'account-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = q.getAccount(ctx.desk.db, id)
      if (!before) throw new UserError(`找不到编号为 ${id} 的账号，可能已被删除`)
      q.deleteAccount(ctx.desk.db, id)
      audit(ctx, 'delete', 'account', id, before)
      return { id }
    })
})
