// Month by month, the sign-off behind a report's figures: 已签阅（第N版…）, 签阅后有变动 (with the figures that
// changed) or 未签阅. The half-year report, its files and every 定稿 state these.
import { buildFigureSet, mentionFigures } from './figures'
import { changesSince, figureDiff, signableValues } from '../tallies/signoff'
import { latestSignoffs, signoffAuditId, type SignoffRow } from '../../db/queries/signoffs'
import { monthPeriod, monthsOf } from '../../shared/periods'
import { chinaMonth } from '../../shared/dates'
import { monthStateText } from '../../services/report/signoffs'
import type { MonthSignoff } from '../../shared/contract/reports'
import type { Ctx } from '../context'

/**
 * The figures of a signed month as they are now. Ledger figures change only through audited writes, so a month
 * with no piece audit since its signature keeps its signed ledger figures and only its mention figures (which
 * polls change without an audit row) are recounted — six full figure sets would double the report's cost.
 * A month whose rows were touched is recounted in full, exactly as the tally does.
 */
function figuresNow(ctx: Ctx, row: SignoffRow, touched: boolean): { values: Record<string, number>; labels: Map<string, string> } {
  const period = monthPeriod(row.month)
  if (touched) {
    const set = buildFigureSet(ctx.desk.db, period)
    return { values: signableValues(set), labels: new Map(set.figures.map((f) => [f.key, f.label])) }
  }
  const mentions = mentionFigures(ctx.desk.db, period)
  const ledger = Object.entries(row.figures).filter(([k]) => !k.startsWith('mentions.'))
  return { values: { ...Object.fromEntries(ledger), ...Object.fromEntries(mentions.map((f) => [f.key, f.value])) }, labels: new Map(mentions.map((f) => [f.key, f.label])) }
}

export function monthStates(ctx: Ctx, period: { from: string; to: string }): MonthSignoff[] {
  const months = monthsOf(period)
  const latest = latestSignoffs(ctx.desk.db, months)
  const current = chinaMonth(ctx.now())
  return months.map((month): MonthSignoff => {
    const ended = month < current
    const row = latest.get(month)
    const base = { month, ended, version: null, signedBy: null, signedAt: null, figureChanges: [], rowChanges: 0 }
    if (!row) return { ...base, state: 'unsigned', text: monthStateText({ ...base, state: 'unsigned' }) }
    const { from, to } = monthPeriod(month)
    const since = row.auditHeadId > 0 ? row.auditHeadId : signoffAuditId(ctx.desk.db, month)
    const rows = changesSince(ctx, since, from, to)
    const now = figuresNow(ctx, row, rows.length > 0)
    const figureChanges = figureDiff(row.figures, now.values, now.labels)
    const s = {
      ...base, version: row.version, signedBy: row.signedBy, signedAt: row.signedAt, figureChanges, rowChanges: rows.length,
      state: figureChanges.length > 0 || rows.length > 0 ? ('changed' as const) : ('signed' as const)
    }
    return { ...s, text: monthStateText(s) }
  })
}
