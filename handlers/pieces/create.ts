// What creating a piece in each status means (the form's 新建, in piece-create).
//   草稿: an ordinary new piece — the default on every channel with a review chain.
//   待审核: created and sent for review in one step — round 1 opens with the piece's chain.
//   past review (已审核, 已排期, 已发布, 已完成 …) on a channel with a chain: 补录 — work carried out whose review,
//   if any, happened outside the desk. Only as an explicit choice (`backfill: true`); the piece is marked 补录
//   (pieces.backfill) and so is its audit row, so the inspection team can tell it from work reviewed here.
//   A channel without a chain (宣传活动, 会议学习, 表扬 by default) records done work as such; 补录 is optional there.
// The rule that cannot be bypassed lives on status *changes* (rules.ts, bound.ts): a 草稿 never jumps to 已发布
// unreviewed, and an approved piece is published only as approved.
import { UserError, fieldError } from '../errors'
import { checkStatus, createPiece } from './write'
import { insertReview } from '../../db/queries/reviews'
import { chainFor } from './transitions'
import { needsReview } from '../../shared/workflow'
import { statusLabel } from '../../shared/channels'
import type { PieceValues } from '../../db/queries/pieces'
import type { Piece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'

/** 补录 means work done: a draft or a piece sent for review is never one. */
export function isBackfill(v: Pick<PieceValues, 'status' | 'backfill'>): boolean {
  return v.backfill && v.status !== 'draft' && v.status !== 'pending'
}

/** The audit row's 补录 label, e.g. 补录：直接登记为“已发布”，未在工作台内送审（宣传科初审 → 分管院领导终审） */
export function backfillNote(status: PieceValues['status'], chain: string[], how = '直接登记为'): string {
  return chain.length ? `补录：${how}“${statusLabel(status)}”，未在工作台内送审（${chain.join(' → ')}）` : `补录：${how}“${statusLabel(status)}”`
}

export function createNewPiece(ctx: Ctx, v: PieceValues, action = 'create'): Piece {
  checkStatus(v.channel, v.status)
  v = { ...v, backfill: isBackfill(v) }
  if (v.status === 'draft') return createPiece(ctx, v, action)
  const chain = chainFor(ctx.desk.db, v)
  if (v.status === 'pending') {
    if (!chain.length) throw new UserError('本渠道无需审核，请直接选择“已完成”等状态，或先保存为草稿', { field: 'status' })
    const piece = createPiece(ctx, v, action, { review: `创建即送审：${chain.join(' → ')}` })
    const at = ctx.now().toISOString()
    insertReview(ctx.desk.db, piece.id, { round: 1, step: 0, stepName: '送审', reviewer: ctx.actor, reviewerId: ctx.user?.id ?? null, decision: 'submitted', comment: chain.join(' → '), at })
    chain.forEach((stepName, i) => insertReview(ctx.desk.db, piece.id, { round: 1, step: i + 1, stepName, reviewer: '', decision: 'waiting', comment: '', at }))
    return piece
  }
  if (chain.length && needsReview(v.channel, v.status) && !v.backfill) {
    throw fieldError(
      'status',
      `新建的记录须先保存为“草稿”并送审（${chain.join(' → ')}）；如果是登记早已完成、未在工作台内审核的工作，请勾选“补录已完成的工作”后再选“${statusLabel(v.status)}”`
    )
  }
  return createPiece(ctx, v, action, v.backfill ? { backfill: backfillNote(v.status, chain) } : {})
}
