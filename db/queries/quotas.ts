// Quota progress: how many carried-out pieces each target counted, per period (week Monday–Sunday, calendar
// month, half-year) — the figures behind the dashboard's progress bars and the half-year report's 指标完成情况.
// Counted like the tallies: only carried-out statuses, never paid placements (合作版面); a level quota counts
// pieces at that outlet level or above; onlyAccepted counts 已录用 only. A repeating piece's occurrences (重复稿件)
// are made as 草稿 ahead of time and count only once carried out — never while planned (tests/series/).
import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm'
import { LIVE } from './pieces'
import type { Db } from '../open'
import { deadlines, pieces, quotas } from '../schema'
import { COUNTED_STATUSES, OUTLET_LEVELS } from '../../shared/channels'
import { addDays, mondayOf, monthRange } from '../../shared/dates'
import type { PeriodProgress, Quota, QuotaPeriod, QuotaProgress } from '../../shared/contract/quotas'
import { judged, quotaUnit } from '../../shared/tally-reading'
import type { WorkCalendar } from '../../shared/china-calendar'

export type QuotaRow = typeof quotas.$inferSelect
export type DeadlineRow = typeof deadlines.$inferSelect

const toQuota = (r: QuotaRow): Quota => ({ ...r, channel: r.channel as Quota['channel'], period: r.period as QuotaPeriod })

export function listQuotas(db: Db): Quota[] {
  return db.select().from(quotas).orderBy(asc(quotas.id)).all().map(toQuota)
}
export function getQuota(db: Db, id: number): Quota | null {
  const r = db.select().from(quotas).where(eq(quotas.id, id)).get()
  return r ? toQuota(r) : null
}
export function saveQuota(db: Db, v: Omit<Quota, 'id'> & { id?: number }): Quota {
  const { id, ...cols } = v
  const row = id ? db.update(quotas).set(cols).where(eq(quotas.id, id)).returning().get() : db.insert(quotas).values(cols).returning().get()
  return toQuota(row)
}
/** A deleted quota back under its own id (撤销), with the columns its delete recorded. */
export function putQuota(db: Db, r: Record<string, unknown>): Quota {
  const row = { id: Number(r.id), label: String(r.label), channel: (r.channel as string | null) ?? null, minLevel: (r.minLevel as string | null) ?? null, onlyAccepted: r.onlyAccepted === true, period: String(r.period), target: Number(r.target) }
  return toQuota(db.insert(quotas).values(row).returning().get())
}
export function deleteQuota(db: Db, id: number): void {
  db.delete(quotas).where(eq(quotas.id, id)).run()
}

/** The period of this kind that contains `date`. */
export function periodOf(date: string, period: QuotaPeriod): { from: string; to: string } {
  if (period === 'month') return monthRange(date.slice(0, 7))
  if (period === 'half') {
    const y = date.slice(0, 4)
    return Number(date.slice(5, 7)) <= 6 ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` }
  }
  const from = mondayOf(date)
  return { from, to: addDays(from, 6) }
}

/** Every period overlapping [from, to]. */
export function periodsIn(from: string, to: string, period: QuotaPeriod): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = []
  for (let p = periodOf(from, period); p.from <= to; p = periodOf(addDays(p.to, 1), period)) out.push(p)
  return out
}

function conditions(q: Quota, from: string, to: string): SQL {
  const conds: SQL[] = [gte(pieces.date, from), lte(pieces.date, to), eq(pieces.paid, false), LIVE]
  conds.push(q.onlyAccepted ? eq(pieces.status, 'accepted') : inArray(pieces.status, [...COUNTED_STATUSES]))
  if (q.channel) conds.push(eq(pieces.channel, q.channel))
  if (q.minLevel) {
    const upTo = OUTLET_LEVELS.slice(0, OUTLET_LEVELS.indexOf(q.minLevel as (typeof OUTLET_LEVELS)[number]) + 1)
    conds.push(inArray(pieces.outletLevel, [...upTo]))
  }
  return and(...conds)!
}

/** The pieces a quota counts between two dates (inclusive), with their dates. */
export function countedPieces(db: Db, q: Quota, from: string, to: string): { id: number; date: string }[] {
  return db.select({ id: pieces.id, date: pieces.date }).from(pieces).where(conditions(q, from, to)).orderBy(asc(pieces.date), asc(pieces.id)).all()
}

/**
 * Each quota over [from, to]: its periods (those running past either end are `partial`: shown, not judged),
 * the total counted, the total required (per-period target × whole periods) and whether every whole period met
 * its target. The report calls this for the half-year; the dashboard for the current period.
 */
export function quotaProgress(db: Db, from: string, to: string, cal: WorkCalendar): QuotaProgress[] {
  return listQuotas(db).map((q) => progressOf(db, q, from, to, cal))
}

/** A week with no working day at all is a holiday week: its name, else null. Months and half-years always have some. */
export function offWeek(cal: WorkCalendar, p: { from: string; to: string }, period: QuotaPeriod): string | null {
  if (period !== 'week' || cal.workdaysBetween(p.from, addDays(p.to, 1)) > 0) return null
  const names = [...new Set(cal.holidaysIn(p.from, p.to).map((h) => h.name))]
  return names.length ? names.join('、') : null
}

export function progressOf(db: Db, q: Quota, from: string, to: string, cal: WorkCalendar): QuotaProgress {
  const counted = countedPieces(db, q, from, to)
  const periods: PeriodProgress[] = periodsIn(from, to, q.period).map((p) => {
    const actual = counted.filter((c) => c.date >= p.from && c.date <= p.to).length
    return { ...p, actual, met: actual >= q.target, partial: p.from < from || p.to > to, off: offWeek(cal, p, q.period) }
  })
  const whole = periods.filter(judged)
  return {
    id: q.id,
    label: q.label,
    period: q.period,
    perPeriod: q.target,
    unit: quotaUnit(q),
    target: q.target * whole.length,
    actual: counted.length,
    met: whole.length > 0 && whole.every((p) => p.met),
    ids: counted.map((c) => c.id),
    periods
  }
}

export function listDeadlines(db: Db): DeadlineRow[] {
  return db.select().from(deadlines).orderBy(asc(deadlines.dueDate), asc(deadlines.id)).all()
}
export function getDeadline(db: Db, id: number): DeadlineRow | null {
  return db.select().from(deadlines).where(eq(deadlines.id, id)).get() ?? null
}
export function saveDeadline(db: Db, v: Omit<DeadlineRow, 'id' | 'doneAt'> & { id?: number; doneAt?: string | null }): DeadlineRow {
  const { id, ...cols } = v
  return id ? db.update(deadlines).set(cols).where(eq(deadlines.id, id)).returning().get() : db.insert(deadlines).values(cols).returning().get()
}
/** A deleted deadline back under its own id (撤销), done or not as it was. */
export function putDeadline(db: Db, r: Record<string, unknown>): DeadlineRow {
  const row = { id: Number(r.id), title: String(r.title), dueDate: String(r.dueDate), doneAt: (r.doneAt as string | null) ?? null, notes: String(r.notes ?? '') }
  return db.insert(deadlines).values(row).returning().get()
}
export function deleteDeadline(db: Db, id: number): void {
  db.delete(deadlines).where(eq(deadlines.id, id)).run()
}

