// 重复稿件: the series rows and the pieces made from them (db/schema/ledger.ts piece_series, pieces.series_id).
import { and, asc, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { pieces, pieceSeries } from '../schema'
import { COUNTED_STATUSES } from '../../shared/channels'
import type { Freq, RepeatRule } from '../../shared/series'
import type { SeriesTemplate } from '../../shared/contract/series'

export type SeriesRow = typeof pieceSeries.$inferSelect
type Stamp = { at: string; actor: string }

export function ruleOf(r: SeriesRow): RepeatRule {
  return { freq: r.freq as Freq, interval: r.interval, weekday: r.weekday, monthDay: r.monthDay, start: r.startDate, until: r.untilDate, count: r.count }
}
export function templateOf(r: SeriesRow): SeriesTemplate {
  return r.template as unknown as SeriesTemplate
}

export function insertSeries(db: Db, rule: RepeatRule, template: SeriesTemplate, s: Stamp): SeriesRow {
  return db
    .insert(pieceSeries)
    .values({
      freq: rule.freq, interval: rule.interval, weekday: rule.weekday, monthDay: rule.monthDay, startDate: rule.start, untilDate: rule.until, count: rule.count,
      template: template as unknown as Record<string, unknown>, createdAt: s.at, createdBy: s.actor, updatedAt: s.at, updatedBy: s.actor
    })
    .returning()
    .get()
}

export function getSeries(db: Db, id: number): SeriesRow | null {
  return db.select().from(pieceSeries).where(eq(pieceSeries.id, id)).get() ?? null
}

/** Series still repeating (not stopped). */
export function runningSeries(db: Db): SeriesRow[] {
  return db.select().from(pieceSeries).where(isNull(pieceSeries.stoppedAt)).orderBy(asc(pieceSeries.id)).all()
}

export function updateSeries(db: Db, id: number, v: Partial<Omit<SeriesRow, 'id' | 'createdAt' | 'createdBy'>>, s: Stamp): SeriesRow {
  return db.update(pieceSeries).set({ ...v, updatedAt: s.at, updatedBy: s.actor }).where(eq(pieceSeries.id, id)).returning().get()
}

/** Mark a new piece as the occurrence of `date` in a series. */
export function markOccurrence(db: Db, pieceId: number, seriesId: number, date: string): void {
  db.update(pieces).set({ seriesId, occurrence: date }).where(eq(pieces.id, pieceId)).run()
}

/** Whether the series already has a piece for this date — live or in the 回收站. */
export function hasOccurrence(db: Db, seriesId: number, date: string): boolean {
  return !!db.select({ id: pieces.id }).from(pieces).where(and(eq(pieces.seriesId, seriesId), eq(pieces.occurrence, date))).get()
}

/** The live pieces of a series from one occurrence date on, in order. */
export function occurrencePieces(db: Db, seriesId: number, from: string): { id: number; occurrence: string; status: string; seriesEdited: boolean }[] {
  return db
    .select({ id: pieces.id, occurrence: sql<string>`${pieces.occurrence}`, status: pieces.status, seriesEdited: pieces.seriesEdited })
    .from(pieces)
    .where(and(eq(pieces.seriesId, seriesId), gte(pieces.occurrence, from), isNull(pieces.deletedAt)))
    .orderBy(asc(pieces.occurrence))
    .all()
}

/** How many pieces a series made (the 回收站's included) and how many of the live ones were carried out. */
export function seriesCounts(db: Db, seriesId: number): { made: number; done: number } {
  const made = db.select({ n: sql<number>`count(*)` }).from(pieces).where(eq(pieces.seriesId, seriesId)).get()!.n
  const done = db
    .select({ n: sql<number>`count(*)` })
    .from(pieces)
    .where(and(eq(pieces.seriesId, seriesId), isNull(pieces.deletedAt), inArray(pieces.status, [...COUNTED_STATUSES])))
    .get()!.n
  return { made, done }
}
