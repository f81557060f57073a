// 设置 › 媒体 and 账号阵地: the outlets the office sends to, and the hospital's own accounts and work groups
// (谁建立谁负责 — each must have a responsible person and be registered within 30 days of being created).
import { defineHandlers } from '../dispatch'
import { fieldError } from '../errors'
import { deleteAudited, restoreAudited, saveAudited } from '../audited'
import { readSetting, saveSetting } from '../settings'
import * as q from '../../db/queries/registries'
import { addDays, chinaDate } from '../../shared/dates'
import { ACCOUNT_PLATFORMS, REGISTER_WITHIN_DAYS, type Account, type Outlet } from '../../shared/contract/registries'

const OUTLETS = { entity: 'outlet', what: '媒体', get: q.getOutlet, save: q.saveOutlet, remove: q.deleteOutlet }
const ACCOUNTS = { entity: 'account', what: '账号', get: q.getAccount, save: q.saveAccount, remove: q.deleteAccount }

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
const platformOrder = (p: string) => ACCOUNT_PLATFORMS.indexOf(p as Account['platform'])

export const registriesHandlers = defineHandlers({
  'outlet-list': (_a, ctx) => q.listOutlets(ctx.desk.db) as Outlet[],
  'outlet-save': (v, ctx) => {
    const same = q.outletByName(ctx.desk.db, v.name)
    if (same && same.id !== v.id) throw fieldError('name', `媒体名录中已有“${v.name}”`)
    return saveAudited(ctx, OUTLETS, v) as Outlet
  },
  // Pieces keep the outlet's name and level as written: the ledger is a record of what was sent.
  'outlet-delete': ({ id }, ctx) => deleteAudited(ctx, OUTLETS, id, (o) => ({ piecesNamingIt: q.piecesNaming(ctx.desk.db, o.name) })),
  'outlet-restore': ({ id }, ctx) => restoreAudited(ctx, OUTLETS, id, q.putOutlet) as Outlet,
  'account-list': (_a, ctx) => {
    const rows = q.listAccounts(ctx.desk.db).sort((a, b) => platformOrder(a.platform) - platformOrder(b.platform) || a.name.localeCompare(b.name, 'zh-CN'))
    return rows.map((a) => toAccount(a, chinaDate(ctx.now())))
  },
  'account-save': (v, ctx) => toAccount(saveAudited(ctx, ACCOUNTS, v), chinaDate(ctx.now())),
  'account-delete': ({ id }, ctx) => deleteAudited(ctx, ACCOUNTS, id),
  'account-restore': ({ id }, ctx) => toAccount(restoreAudited(ctx, ACCOUNTS, id, q.putAccount), chinaDate(ctx.now())),
  'theme-list': (_a, ctx) => readSetting(ctx.desk.db, 'themes'),
  'theme-save': ({ themes }, ctx) => saveSetting(ctx, 'themes', [...new Set(themes)]),
  'language-list': (_a, ctx) => readSetting(ctx.desk.db, 'bilingual-forms'),
  'language-save': ({ forms }, ctx) => saveSetting(ctx, 'bilingual-forms', [...new Set(forms)])
})
