import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { reviews } from '../schema'
import type { ReviewDecision, ReviewRow } from '../../shared/contract/workflow'

type Row = typeof reviews.$inferSelect
const toRow = (r: Row): ReviewRow => ({ id: r.id, round: r.round, step: r.step, stepName: r.stepName, reviewer: r.reviewer, decision: r.decision as ReviewDecision, comment: r.comment, at: r.at })

export function listReviews(db: Db, pieceId: number): ReviewRow[] {
  return db.select().from(reviews).where(eq(reviews.pieceId, pieceId)).orderBy(asc(reviews.round), asc(reviews.step), asc(reviews.id)).all().map(toRow)
}

export function latestRound(db: Db, pieceId: number): number {
  return db.select({ r: sql<number>`coalesce(max(${reviews.round}), 0)` }).from(reviews).where(eq(reviews.pieceId, pieceId)).get()!.r
}

export function insertReview(db: Db, pieceId: number, r: Omit<ReviewRow, 'id'>): void {
  db.insert(reviews).values({ pieceId, ...r }).run()
}

/** The first step still waiting in the piece's latest round, if any. */
export function openStep(db: Db, pieceId: number): ReviewRow | null {
  const round = latestRound(db, pieceId)
  const row = db
    .select()
    .from(reviews)
    .where(and(eq(reviews.pieceId, pieceId), eq(reviews.round, round), eq(reviews.decision, 'waiting')))
    .orderBy(asc(reviews.step))
    .get()
  return row ? toRow(row) : null
}

export function decideReview(db: Db, id: number, d: { decision: ReviewDecision; reviewer: string; comment: string; at: string }): void {
  db.update(reviews).set(d).where(eq(reviews.id, id)).run()
}

/** Close every step still waiting in the piece's latest round (rejected, recalled, withdrawn or overridden). */
export function closeWaiting(db: Db, pieceId: number, at: string, comment: string): number {
  const round = latestRound(db, pieceId)
  return db
    .update(reviews)
    .set({ decision: 'cancelled', at, comment })
    .where(and(eq(reviews.pieceId, pieceId), eq(reviews.round, round), eq(reviews.decision, 'waiting')))
    .run().changes
}

export function lastStepNumber(db: Db, pieceId: number, round: number): number {
  return db.select({ s: sql<number>`coalesce(max(${reviews.step}), 0)` }).from(reviews).where(and(eq(reviews.pieceId, pieceId), eq(reviews.round, round))).get()!.s
}

/** Every piece in review with the step waiting for it (for 今日待办). */
export function waitingSteps(db: Db): { pieceId: number; stepName: string }[] {
  return db
    .select({ pieceId: reviews.pieceId, stepName: reviews.stepName, round: reviews.round, step: reviews.step })
    .from(reviews)
    .where(eq(reviews.decision, 'waiting'))
    .orderBy(asc(reviews.pieceId), desc(reviews.round), asc(reviews.step))
    .all()
    .filter((r, i, all) => i === 0 || all[i - 1].pieceId !== r.pieceId)
    .map(({ pieceId, stepName }) => ({ pieceId, stepName }))
}
