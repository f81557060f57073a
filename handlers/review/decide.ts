// Who decides a review step, and the decision itself. A step is decided by the signed-in user when their reviewer
// role covers it (shared/roles.ts decidesStep) — never under a typed name. 代录: an officer records a decision made
// on paper or by word (a 签批单 signed by 院领导) for a user picked from the list (who must hold the step) or an
// outside person, and must name the scan, an evidence row of this very piece. The row says so for ever:
// proxy, recorded_by, evidence_id.
import { UserError } from '../errors'
import { changePiece } from '../pieces/write'
import { recordAudit } from '../../db/queries/audit'
import { getEvidence } from '../../db/queries/evidence'
import { getUser, getUserByName, toSessionUser } from '../../db/queries/users'
import { closeWaiting, decideReview, openStep } from '../../db/queries/reviews'
import { digestNote, digestOf } from './bound'
import { decidesStep, hasRole } from '../../shared/roles'
import type { Piece } from '../../shared/contract/pieces'
import type { ProxyInput, ReviewRow } from '../../shared/contract/review'
import type { Ctx } from '../context'

export interface Decider {
  /** The person who decided, as the trail names them. */
  name: string
  /** Their user id; null for an outside name (and for the demo's people, who are not users). */
  id: number | null
  proxy?: { recordedBy: string; evidenceId: number; evidenceFile: string }
}

const PROXY_LABELS: Record<string, string> = { reviewerId: '审核人', reviewerName: '审核人', evidenceId: '签批单（佐证材料）' }
function proxyError(key: keyof typeof PROXY_LABELS, message: string): UserError {
  const field = `proxy.${key}`
  return new UserError(`${PROXY_LABELS[key]}：${message}`, { field, issues: [{ field, message }] })
}

/** The decider of `stepName` for this call: the signed-in reviewer, or the person a 代录 names. */
export function decider(ctx: Ctx, piece: Piece, stepName: string, proxy: ProxyInput | undefined): Decider {
  const user = ctx.user
  if (!proxy) {
    if (decidesStep(user, stepName)) return { name: user!.name, id: user!.id }
    const hint = hasRole(user, 'officer') ? '。纸质或口头审批，请用“代录”并附签批单' : ''
    throw new UserError(`“${stepName}”须由负责该步骤的审核人决定；当前用户“${user?.name ?? ctx.actor}”不负责此步骤${hint}`, { refused: true, step: stepName })
  }
  if (!hasRole(user, 'officer')) throw new UserError('代录须由宣传干事办理；审核人请以本人身份直接通过或退回', { refused: true, field: 'proxy' })
  const db = ctx.desk.db
  const scan = getEvidence(db, proxy.evidenceId)
  if (!scan || scan.pieceId !== piece.id) {
    throw proxyError('evidenceId', `代录须附签批单等书面依据：请先把扫描件上传为《${piece.title}》的佐证材料，再选择它`)
  }
  const recorded = { recordedBy: ctx.actor, evidenceId: scan.id, evidenceFile: scan.fileName }
  const typed = proxy.reviewerName?.trim() ?? ''
  // A typed name that is a user's name is that user: an outside name cannot stand in for someone who has an account.
  const person = proxy.reviewerId !== undefined ? getUser(db, proxy.reviewerId) : getUserByName(db, typed)
  if (proxy.reviewerId !== undefined && !person) throw proxyError('reviewerId', `找不到编号为 ${proxy.reviewerId} 的用户`)
  if (!person) return { name: typed, id: null, proxy: recorded }
  if (person.id === user!.id) throw proxyError('reviewerId', '本人审核请直接点“通过”或“退回”，无需代录')
  if (!person.active) throw proxyError('reviewerId', `用户“${person.name}”已停用，不能以其名义代录`)
  if (!decidesStep(toSessionUser(person), stepName)) throw proxyError('reviewerId', `“${person.name}”不负责“${stepName}”，不能以其名义代录`)
  return { name: person.name, id: person.id, proxy: recorded }
}

/** Record the decision on the waiting step, with the hash of the content decided on, and move the piece on. */
export function decideStep(ctx: Ctx, piece: Piece, step: ReviewRow, decision: 'approve' | 'reject', comment: string, who: Decider): Piece {
  const db = ctx.desk.db
  const at = ctx.now().toISOString()
  const digest = digestOf(db, piece)
  decideReview(db, step.id, {
    decision: decision === 'approve' ? 'approved' : 'rejected',
    reviewer: who.name,
    reviewerId: who.id,
    comment,
    at,
    contentHash: digest.hash,
    proxy: !!who.proxy,
    recordedBy: who.proxy?.recordedBy ?? '',
    evidenceId: who.proxy?.evidenceId ?? null
  })
  recordAudit(db, {
    at,
    actor: ctx.actor,
    action: `review-${decision}`,
    entity: 'piece',
    entityId: piece.id,
    changes: { round: step.round, step: step.stepName, reviewer: who.name, reviewerId: who.id, comment, ...digestNote(digest), ...(who.proxy ? { proxy: true, ...who.proxy } : {}) }
  })
  if (decision === 'reject') {
    closeWaiting(db, piece.id, at, `${step.stepName}退回，本轮审核结束`)
    return changePiece(ctx, piece.id, { status: 'draft' }, 'review-reject', { workflow: true })
  }
  if (!openStep(db, piece.id)) return changePiece(ctx, piece.id, { status: 'approved' }, 'review-approve', { workflow: true })
  return piece
}
