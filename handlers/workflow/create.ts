// What creating a piece in each status means (the form's 新建, in piece-create).
//   草稿: an ordinary new piece.
//   待审核: created and sent for review in one step — round 1 opens with the piece's chain.
//   anything past review (已审核, 已排期, 已发布, 已完成 …, or 已撤回): 补录 — work whose review, if any, happened
//   outside the desk (how the office brings in its history and records what it did on paper). Allowed, and the
//   audit row carries a 补录 marker so the inspection team can tell it from work that went through review here.
// The rule that cannot be bypassed lives on status *changes* (rules.ts): a 草稿 never jumps to 已发布 unreviewed.
import { UserError } from '../errors'
import { createPiece } from '../pieces/pieces'
import { insertReview } from '../../db/queries/reviews'
import { chainFor } from './rules'
import { statusLabel } from '../../shared/channels'
import type { PieceValues } from '../../db/queries/pieces'
import type { Piece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'

export function createNewPiece(ctx: Ctx, v: PieceValues): Piece {
  if (v.status === 'draft') return createPiece(ctx, v)
  const chain = chainFor(ctx.desk.db, v)
  if (v.status === 'pending') {
    if (!chain.length) throw new UserError('本渠道无需审核，请直接选择“已完成”等状态，或先保存为草稿', { field: 'status' })
    const piece = createPiece(ctx, v, 'create', { review: `创建即送审：${chain.join(' → ')}` })
    const at = ctx.now().toISOString()
    insertReview(ctx.desk.db, piece.id, { round: 1, step: 0, stepName: '送审', reviewer: ctx.actor, decision: 'submitted', comment: chain.join(' → '), at })
    chain.forEach((stepName, i) => insertReview(ctx.desk.db, piece.id, { round: 1, step: i + 1, stepName, reviewer: '', decision: 'waiting', comment: '', at }))
    return piece
  }
  const note = chain.length ? `补录：直接登记为“${statusLabel(v.status)}”，未在工作台内送审（${chain.join(' → ')}）` : `补录：直接登记为“${statusLabel(v.status)}”`
  return createPiece(ctx, v, 'create', { backfill: note })
}
