// Multi-level review (三审): 送审 opens a round with one waiting row per step of the piece's chain; each 通过
// fills the next step; 退回 (with the reviewer's comment) sends the piece back to its author as 草稿 and ends the
// round; sending again opens a new round. A step is decided by a signed-in reviewer who holds it, in their own
// name — or recorded by an officer as 代录 with the scan of the paper approval (decide.ts). Every decision stores
// the hash of the content it saw (bound.ts). An administrator may publish past the chain with a stated reason,
// recorded as a review row and in the audit log.
import { defineHandlers } from '../dispatch'
import { UserError, fieldError } from '../errors'
import { changePiece, checkStatus, mustGetPiece } from '../pieces/write'
import { recordAudit } from '../../db/queries/audit'
import { closeWaiting, insertReview, lastStepNumber, latestRound, listReviews, openStep } from '../../db/queries/reviews'
import { chainFor } from '../pieces/transitions'
import { chainHandlers, proofDictionary } from './chains'
import { changedSinceApproval, digestNote, digestOf } from './bound'
import { decideStep, decider } from './decide'
import { proofread } from '../../shared/proofread'
import { needsReview, nextStatuses } from '../../shared/workflow'
import { statusLabel } from '../../shared/channels'
import type { Piece } from '../../shared/contract/pieces'
import type { ReviewState, SubmitResult } from '../../shared/contract/review'
import { leadWarning } from '../calendar/workdays'
import type { Ctx } from '../context'

export function reviewState(ctx: Ctx, piece: Piece): ReviewState {
  const rows = listReviews(ctx.desk.db, piece.id)
  const rounds = [...new Set(rows.map((r) => r.round))].map((round) => ({ round, rows: rows.filter((r) => r.round === round) }))
  const step = piece.status === 'pending' ? openStep(ctx.desk.db, piece.id) : null
  const last = rounds[rounds.length - 1]
  const rejected = piece.status === 'draft' ? last?.rows.find((r) => r.decision === 'rejected') : undefined
  return {
    chain: chainFor(ctx.desk.db, piece),
    rounds,
    open: step ? { round: step.round, step: step.step, stepName: step.stepName } : null,
    rejection: rejected ? { stepName: rejected.stepName, reviewer: rejected.reviewer, comment: rejected.comment, at: rejected.at } : null,
    changedSinceApproval: changedSinceApproval(ctx.desk.db, piece)
  }
}

/** Proofreading hits and the LED lead-time warning for a piece, as of today. Never blocks anything. */
export function checks(ctx: Ctx, piece: Piece) {
  const hits = proofread(piece, proofDictionary(ctx.desk.db))
  const warnings: string[] = []
  const lead = leadWarning(ctx, piece)
  if (lead) warnings.push(lead)
  return { hits, warnings }
}

function audit(ctx: Ctx, action: string, piece: Piece, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity: 'piece', entityId: piece.id, changes })
}

/** 送审 of a 草稿 — or of an approved piece whose content changed since (e.g. an attachment): a new round. */
export function submitForReview(ctx: Ctx, id: number): SubmitResult {
  const piece = mustGetPiece(ctx, id)
  if (piece.status === 'pending') throw new UserError(`《${piece.title}》已在审核中，无需重复送审`)
  const db = ctx.desk.db
  const changed = piece.status === 'approved' || piece.status === 'scheduled' ? changedSinceApproval(db, piece) : []
  if (piece.status !== 'draft' && !changed.length) {
    if (piece.status === 'approved' || piece.status === 'scheduled') throw new UserError(`《${piece.title}》已审核通过，内容没有变动，无需重新送审`)
    throw new UserError(`只有草稿可以送审；《${piece.title}》当前为“${statusLabel(piece.status)}”`)
  }
  const chain = chainFor(db, piece)
  const round = latestRound(db, id) + 1
  const at = ctx.now().toISOString()
  const why = changed.length ? `${changed.join('、')}已修改，重新送审：` : ''
  insertReview(db, id, { round, step: 0, stepName: '送审', reviewer: ctx.actor, reviewerId: ctx.user?.id ?? null, decision: 'submitted', comment: why + (chain.length ? chain.join(' → ') : '本渠道无需审核'), at })
  chain.forEach((stepName, i) => insertReview(db, id, { round, step: i + 1, stepName, reviewer: '', decision: 'waiting', comment: '', at }))
  const { hits, warnings } = checks(ctx, piece)
  audit(ctx, 'review-submit', piece, { round, chain, proofreadHits: hits.length, warnings, ...(changed.length ? { changed } : {}) })
  const after = changePiece(ctx, id, { status: chain.length ? 'pending' : 'approved' }, 'review-submit', { workflow: true })
  return { piece: after, round, chain, hits, warnings }
}

const decisionHandlers = defineHandlers({
  'review-submit': ({ id }, ctx) => ctx.desk.tx(() => submitForReview(ctx, id)),

  'review-decide': ({ id, decision, comment, proxy }, ctx) =>
    ctx.desk.tx(() => {
      const piece = mustGetPiece(ctx, id)
      const step = piece.status === 'pending' ? openStep(ctx.desk.db, id) : null
      if (!step) throw new UserError(`《${piece.title}》不在审核中（当前为“${statusLabel(piece.status)}”）`)
      if (decision === 'reject' && !comment) throw fieldError('comment', '退回时请写明修改意见，作者会看到')
      const who = decider(ctx, piece, step.stepName, proxy)
      const after = decideStep(ctx, piece, step, decision, comment, who)
      return { piece: after, state: reviewState(ctx, after) }
    }),

  'review-override': ({ id, status, reason }, ctx) =>
    ctx.desk.tx(() => {
      const piece = mustGetPiece(ctx, id)
      checkStatus(piece.channel, status)
      if (!needsReview(piece.channel, status)) throw fieldError('status', `越级只用于跳过审核直接设为已审核、已排期或完成状态，“${statusLabel(status)}”不需要越级`)
      const chain = chainFor(ctx.desk.db, piece)
      if (nextStatuses(piece.channel, piece.status, chain.length === 0).includes(status)) {
        throw fieldError('status', `《${piece.title}》可以直接改为“${statusLabel(status)}”，无需越级`)
      }
      if (!['draft', 'pending', 'withdrawn'].includes(piece.status)) throw fieldError('status', `不能从“${statusLabel(piece.status)}”越级改为“${statusLabel(status)}”`)
      const at = ctx.now().toISOString()
      const db = ctx.desk.db
      const open = piece.status === 'pending'
      const round = open ? latestRound(db, id) : latestRound(db, id) + 1
      if (open) closeWaiting(db, id, at, '管理员越级发布，本轮审核结束')
      // The override vouches for what the administrator published, like an approval.
      const digest = digestOf(db, piece)
      insertReview(db, id, { round, step: lastStepNumber(db, id, round) + 1, stepName: '管理员越级发布', reviewer: ctx.actor, reviewerId: ctx.user?.id ?? null, decision: 'override', comment: reason, at, contentHash: digest.hash })
      audit(ctx, 'review-override', piece, { from: piece.status, to: status, reason, skipped: chain, ...digestNote(digest) })
      return changePiece(ctx, id, { status }, 'review-override', { workflow: true })
    }),

  'review-history': ({ id }, ctx) => reviewState(ctx, mustGetPiece(ctx, id)),
  'piece-proofread': ({ id }, ctx) => checks(ctx, mustGetPiece(ctx, id))
})

export const reviewHandlers = [decisionHandlers, chainHandlers]
