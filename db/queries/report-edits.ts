// 报告 › 修改: the officer's wording of a draft's paragraphs, one row per (period, paragraph key).
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../open'
import { reportEdits } from '../schema'
import type { ReportEdit } from '../../shared/contract/reports'

export type ReportEditRow = typeof reportEdits.$inferSelect
export type NewReportEdit = Omit<typeof reportEdits.$inferInsert, 'id'>

/** Every edit of one period, in the order they were first made. */
export function editsOfPeriod(db: Db, period: string): ReportEditRow[] {
  return db.select().from(reportEdits).where(eq(reportEdits.period, period)).orderBy(asc(reportEdits.id)).all()
}

/** The period's edits as the draft lays them over its paragraphs. */
export function editsOf(db: Db, period: string): ReportEdit[] {
  return editsOfPeriod(db, period).map(toEdit)
}

export const toEdit = (r: ReportEditRow): ReportEdit => ({ key: r.paragraphKey, text: r.text, auto: r.auto, editedBy: r.editedBy, editedAt: r.editedAt })

export function getEdit(db: Db, period: string, key: string): ReportEditRow | null {
  return db.select().from(reportEdits).where(and(eq(reportEdits.period, period), eq(reportEdits.paragraphKey, key))).get() ?? null
}

/** Insert or replace the edit of one paragraph (its first id is kept, so the order of edits stays stable). */
export function putEdit(db: Db, e: NewReportEdit): ReportEditRow {
  return db
    .insert(reportEdits)
    .values(e)
    .onConflictDoUpdate({ target: [reportEdits.period, reportEdits.paragraphKey], set: { text: e.text, auto: e.auto, editedBy: e.editedBy, editedById: e.editedById, editedAt: e.editedAt } })
    .returning()
    .get()
}

export function deleteEdit(db: Db, period: string, key: string): void {
  db.delete(reportEdits).where(and(eq(reportEdits.period, period), eq(reportEdits.paragraphKey, key))).run()
}
