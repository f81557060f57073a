// 定稿: the secretary's finalized versions of a half-year, append-only (triggers refuse UPDATE and DELETE).
import { asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { halfyearFinals } from '../schema'

export type FinalRow = typeof halfyearFinals.$inferSelect
export type NewFinal = Omit<typeof halfyearFinals.$inferInsert, 'id'>

/** Every column but the two files: listing versions must not read megabytes of blobs. */
const brief = {
  id: halfyearFinals.id, period: halfyearFinals.period, version: halfyearFinals.version, signedBy: halfyearFinals.signedBy,
  signedById: halfyearFinals.signedById, signedAt: halfyearFinals.signedAt, comment: halfyearFinals.comment,
  figures: halfyearFinals.figures, months: halfyearFinals.months, docxSha256: halfyearFinals.docxSha256,
  xlsxSha256: halfyearFinals.xlsxSha256, auditHeadId: halfyearFinals.auditHeadId, auditHead: halfyearFinals.auditHead,
  docxBytes: sql<number>`length(${halfyearFinals.docx})`, xlsxBytes: sql<number>`length(${halfyearFinals.xlsx})`
}
export type FinalBrief = Omit<FinalRow, 'docx' | 'xlsx'> & { docxBytes: number; xlsxBytes: number }

export function listFinals(db: Db, period?: string): FinalBrief[] {
  const q = db.select(brief).from(halfyearFinals)
  return (period ? q.where(eq(halfyearFinals.period, period)) : q).orderBy(asc(halfyearFinals.period), asc(halfyearFinals.version)).all()
}

export function latestFinal(db: Db, period: string): FinalBrief | null {
  return db.select(brief).from(halfyearFinals).where(eq(halfyearFinals.period, period)).orderBy(desc(halfyearFinals.version)).limit(1).get() ?? null
}

export function getFinal(db: Db, id: number): FinalRow | null {
  return db.select().from(halfyearFinals).where(eq(halfyearFinals.id, id)).get() ?? null
}

export function nextFinalVersion(db: Db, period: string): number {
  return ((db.$client.prepare('SELECT max(version) AS v FROM halfyear_finals WHERE period = ?').get(period) as { v: number | null }).v ?? 0) + 1
}

export function insertFinal(db: Db, row: NewFinal): number {
  return Number(db.insert(halfyearFinals).values(row).run().lastInsertRowid)
}
