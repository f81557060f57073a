import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../open'
import { evidence, reviews } from '../schema'
import type { ReviewDecision, ReviewRow } from '../../shared/contract/review'

type Row = typeof reviews.$inferSelect
const toRow = (r: Row, evidenceFile: string | null = null): ReviewRow => ({
  id: r.id,
  round: r.round,
  step: r.step,
  stepName: r.stepName,
  reviewer: r.reviewer,
  reviewerId: r.reviewerId,
  decision: r.decision as ReviewDecision,
  comment: r.comment,
  at: r.at,
  contentHash: r.contentHash,
  proxy: r.proxy,
  recordedBy: r.recordedBy,
  evidenceId: r.evidenceId,
  evidenceFile
})

/** Rows of one piece, or of several (the export), in round/step order, with the 代录 scan's file name. */
function selectRows(db: Db, where: SQL): (ReviewRow & { pieceId: number })[] {
  return db
    .select({ r: reviews, file: evidence.fileName })
    .from(reviews)
    .leftJoin(evidence, eq(evidence.id, reviews.evidenceId))
    .where(where)
    .orderBy(asc(reviews.pieceId), asc(reviews.round), asc(reviews.step), asc(reviews.id))
    .all()
    .map(({ r, file }) => ({ ...toRow(r, file ?? null), pieceId: r.pieceId }))
}

export function listReviews(db: Db, pieceId: number): ReviewRow[] {
  return selectRows(db, eq(reviews.pieceId, pieceId)).map(({ pieceId: _p, ...r }) => r)
}

/** The latest round of each piece (for the export's 审核 column): pieceId → its rows. */
export function latestRoundsOf(db: Db, pieceIds: number[]): Map<number, ReviewRow[]> {
  const out = new Map<number, ReviewRow[]>()
  if (pieceIds.length === 0) return out
  const rows = selectRows(db, inArray(reviews.pieceId, pieceIds))
  const latest = new Map<number, number>()
  for (const r of rows) latest.set(r.pieceId, Math.max(latest.get(r.pieceId) ?? 0, r.round))
  for (const { pieceId, ...r } of rows) if (r.round === latest.get(pieceId)) out.set(pieceId, [...(out.get(pieceId) ?? []), r])
  return out
}

export function latestRound(db: Db, pieceId: number): number {
  return db.select({ r: sql<number>`coalesce(max(${reviews.round}), 0)` }).from(reviews).where(eq(reviews.pieceId, pieceId)).get()!.r
}

/** The rows of the piece's latest round (none before its first 送审). */
export function latestRoundRows(db: Db, pieceId: number): ReviewRow[] {
  const round = latestRound(db, pieceId)
  return round ? listReviews(db, pieceId).filter((r) => r.round === round) : []
}

export type NewReview = Pick<ReviewRow, 'round' | 'step' | 'stepName' | 'reviewer' | 'decision' | 'comment' | 'at'> &
  Partial<Pick<ReviewRow, 'reviewerId' | 'contentHash' | 'proxy' | 'recordedBy' | 'evidenceId'>>

export function insertReview(db: Db, pieceId: number, r: NewReview): void {
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

export type Decided = Pick<ReviewRow, 'decision' | 'reviewer' | 'comment' | 'at'> &
  Partial<Pick<ReviewRow, 'reviewerId' | 'contentHash' | 'proxy' | 'recordedBy' | 'evidenceId'>>

export function decideReview(db: Db, id: number, d: Decided): void {
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

/**
 * The per-field hashes an approval recorded in its audit row (see handlers/review/bound.ts), found by the
 * approval's content hash: they let the desk name which fields changed since (标题已修改).
 */
export function approvedFieldHashes(db: Db, pieceId: number, contentHash: string): Record<string, string> | null {
  const row = db.$client
    .prepare(
      `SELECT json_extract(changes, '$.fieldHashes') AS f FROM audit_log
       WHERE entity = 'piece' AND entity_id = ? AND json_extract(changes, '$.contentHash') = ? ORDER BY id DESC LIMIT 1`
    )
    .get(String(pieceId), contentHash) as { f: string | null } | undefined
  return row?.f ? (JSON.parse(row.f) as Record<string, string>) : null
}
