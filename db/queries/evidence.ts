import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { evidence } from '../schema'

export type EvidenceRow = typeof evidence.$inferSelect

export function listEvidence(db: Db, pieceId: number): EvidenceRow[] {
  return db.select().from(evidence).where(eq(evidence.pieceId, pieceId)).orderBy(asc(evidence.id)).all()
}

export function getEvidence(db: Db, id: number): EvidenceRow | null {
  return db.select().from(evidence).where(eq(evidence.id, id)).get() ?? null
}

export function insertEvidence(db: Db, v: Omit<EvidenceRow, 'id'>): EvidenceRow {
  return db.insert(evidence).values(v).returning().get()
}

export function deleteEvidence(db: Db, id: number): void {
  db.delete(evidence).where(eq(evidence.id, id)).run()
}

export function sameFileOnPiece(db: Db, pieceId: number, sha: string): EvidenceRow | null {
  return db.select().from(evidence).where(and(eq(evidence.pieceId, pieceId), eq(evidence.sha256, sha))).get() ?? null
}

/** How many evidence rows (on any piece) use this stored file. */
export function usesOf(db: Db, sha: string): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM evidence WHERE sha256 = ${sha}`).n
}
