// 回收站: deleting a piece moves it here with who, when and why; it leaves every list, count and report
// (db/queries/pieces.ts LIVE) but keeps its reviews, evidence and trail, so 恢复 brings it back exactly. Only the
// administrator's 彻底删除 removes the row — and, once no other piece uses them, its evidence files on disk.
import { UserError } from '../errors'
import { deletePiece, getTrashed, listTrashed, setDeleted, type TrashedRow } from '../../db/queries/pieces'
import { listEvidence, usesOf } from '../../db/queries/evidence'
import { listReviews } from '../../db/queries/reviews'
import { recordAudit } from '../../db/queries/audit'
import { indexRow, unindexRow } from '../../db/queries/search'
import { askFirst } from '../review/bound'
import { signedMonthWarnings } from '../tallies/signed-months'
import { removeBlob } from '../evidence/store'
import { mustGetPiece, searchText } from './write'
import type { DeletePreview, Piece, TrashedPiece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'

/** The piece's own values, as a create records them: the tallies read a delete / restore row as the whole piece. */
function values(p: Piece): Record<string, unknown> {
  const { id: _i, createdAt: _a, createdBy: _b, updatedAt: _c, updatedBy: _d, ...v } = p
  return v
}

function audit(ctx: Ctx, action: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, actorId: ctx.user?.id ?? null, action, entity: 'piece', entityId: id, changes })
}

function mustGetTrashed(ctx: Ctx, id: number): TrashedRow {
  const t = getTrashed(ctx.desk.db, id)
  if (!t) throw new UserError(`回收站中没有编号为 ${id} 的记录，可能已被恢复或彻底删除`, { field: 'id' })
  return t
}

export function deletePreview(ctx: Ctx, id: number): DeletePreview {
  const p = mustGetPiece(ctx, id)
  return {
    id: p.id,
    title: p.title,
    channel: p.channel,
    date: p.date,
    status: p.status,
    evidence: listEvidence(ctx.desk.db, id).map((e) => e.fileName),
    reviews: listReviews(ctx.desk.db, id).length,
    warnings: signedMonthWarnings(ctx.desk.db, [p.date])
  }
}

export function trashPiece(ctx: Ctx, id: number, reason: string, confirm: boolean): { id: number } {
  return ctx.desk.tx(() => {
    const what = deletePreview(ctx, id)
    askFirst(what.warnings, confirm)
    const piece = mustGetPiece(ctx, id)
    setDeleted(ctx.desk.db, id, { at: ctx.now().toISOString(), by: ctx.actor, byId: ctx.user?.id ?? null, reason })
    unindexRow(ctx.desk.sqlite, 'piece_search', id)
    audit(ctx, 'delete', id, { ...values(piece), reason, evidence: what.evidence, reviews: what.reviews })
    return { id }
  })
}

export function restorePiece(ctx: Ctx, id: number, confirm: boolean): Piece {
  return ctx.desk.tx(() => {
    const t = mustGetTrashed(ctx, id)
    askFirst(signedMonthWarnings(ctx.desk.db, [t.piece.date]), confirm)
    setDeleted(ctx.desk.db, id, null)
    indexRow(ctx.desk.sqlite, 'piece_search', id, searchText(t.piece))
    audit(ctx, 'restore', id, { ...values(t.piece), deleted: { at: t.deletedAt, by: t.deletedBy, reason: t.reason } })
    return mustGetPiece(ctx, id)
  })
}

export function purgePiece(ctx: Ctx, id: number): { id: number; files: number } {
  const { files, unused } = ctx.desk.tx(() => {
    const t = mustGetTrashed(ctx, id)
    const ev = listEvidence(ctx.desk.db, id)
    const reviews = listReviews(ctx.desk.db, id).length
    deletePiece(ctx.desk.db, id) // themes, reviews and evidence rows go with it (ON DELETE CASCADE)
    unindexRow(ctx.desk.sqlite, 'piece_search', id)
    // Not the piece's fields at the top level: the tallies must not read a purge as a new piece (it was already out of every count).
    audit(ctx, 'purge', id, {
      purged: { title: t.piece.title, channel: t.piece.channel, date: t.piece.date, status: t.piece.status },
      deleted: { at: t.deletedAt, by: t.deletedBy, reason: t.reason },
      evidence: ev.map((e) => ({ fileName: e.fileName, sha256: e.sha256, size: e.size })),
      reviews
    })
    const shas = [...new Set(ev.map((e) => e.sha256))]
    return { files: ev.length, unused: shas.filter((sha) => usesOf(ctx.desk.db, sha) === 0) }
  })
  // Only after the commit: a rolled-back purge must still find its files.
  for (const sha of unused) removeBlob(ctx.dataDir, sha)
  return { id, files }
}

export function trashList(ctx: Ctx, offset: number, limit: number): { rows: TrashedPiece[]; total: number } {
  const page = listTrashed(ctx.desk.db, offset, limit)
  return {
    total: page.total,
    rows: page.rows.map((t) => ({
      id: t.piece.id,
      title: t.piece.title,
      channel: t.piece.channel,
      date: t.piece.date,
      status: t.piece.status,
      deletedAt: t.deletedAt,
      deletedBy: t.deletedBy,
      reason: t.reason,
      evidence: listEvidence(ctx.desk.db, t.piece.id).length,
      reviews: listReviews(ctx.desk.db, t.piece.id).length
    }))
  }
}
