// Review bound to content (谁审核谁负责): each approval records the hash of what it approved
// (services/review/content-hash.ts). Here the handlers use it:
//   - an edit of a reviewed field while an approval stands asks first (details { confirm, warnings }), then sends
//     the piece back for review in a new round, audited as 'review-invalidated' with the fields and both hashes;
//   - an edit dated in a month the secretary signed asks first too (handlers/tallies/signed-months.ts);
//   - entering a status that needs review checks that the latest round is complete and that the piece still is
//     what its last approval saw.
import { UserError, fieldError } from '../errors'
import { listEvidence } from '../../db/queries/evidence'
import { approvedFieldHashes, latestRoundRows } from '../../db/queries/reviews'
import { changedKeys, contentFieldLabel, contentHash, fieldHashes, fieldList, reviewedContent, type ContentSource } from '../../services/review/content-hash'
import { signedMonthWarnings } from '../tallies/signed-months'
import { chainFor } from '../pieces/transitions'
import { holdsApprovalIn, needsReview } from '../../shared/workflow'
import { finalStatusesFor, statusLabel, type Channel, type Status } from '../../shared/channels'
import type { Piece } from '../../shared/contract/pieces'
import type { ReviewRow } from '../../shared/contract/review'
import type { Db } from '../../db/open'

export interface Digest {
  hash: string
  fields: Record<string, string>
}

/** The hash (and per-field hashes) of a piece's reviewed content as it is now, attachments included. */
export function digestOf(db: Db, p: ContentSource & { id: number }): Digest {
  const content = reviewedContent(p, listEvidence(db, p.id).map((e) => e.sha256))
  return { hash: contentHash(content), fields: fieldHashes(content) }
}

/** What an approval's audit row keeps of the content: enough to name changed fields later, never the text. */
export function digestNote(d: Digest): { contentHash: string; fieldHashes: Record<string, string> } {
  return { contentHash: d.hash, fieldHashes: d.fields }
}

/** The approvals that still stand: the latest round's 通过 (and 越级) rows, while the piece has not left the round. */
export function standingApprovals(db: Db, piece: Pick<Piece, 'id' | 'status'>): ReviewRow[] {
  if (!holdsApprovalIn(piece.status)) return []
  return latestRoundRows(db, piece.id).filter((r) => r.decision === 'approved' || r.decision === 'override')
}

/** Fields (the officer's names) that differ from what the last standing approval saw; [] when the same or unknown. */
export function changedSinceApproval(db: Db, piece: Piece): string[] {
  const last = standingApprovals(db, piece).at(-1)
  // Approvals recorded before content hashes existed cannot be compared: they stand as they are.
  if (!last?.contentHash) return []
  const now = digestOf(db, piece)
  if (now.hash === last.contentHash) return []
  const then = approvedFieldHashes(db, piece.id, last.contentHash)
  const keys = then ? changedKeys(then, now.fields) : []
  return keys.length ? [...new Set(keys.map((k) => contentFieldLabel(piece.channel, k)))] : ['内容']
}

/** 已经“宣传科初审、分管院领导终审”审核通过 / 已由管理员越级发布 */
function approvedBy(approvals: ReviewRow[]): string {
  const steps = approvals.filter((r) => r.decision === 'approved').map((r) => r.stepName)
  if (steps.length) return `已经“${steps.join('、')}”审核通过`
  return '已由管理员越级发布'
}

export interface EditCheck {
  /** Shown before saving; empty = save without asking. */
  warnings: string[]
  /** Reviewed field keys the edit changes while an approval stands: saving sends the piece back for review. */
  invalidates: string[]
  approvals: ReviewRow[]
  before: Digest
  after: Digest
}

/** What an edit of `before` into `after` means for its review and for signed months (nothing is written). */
export function checkEdit(db: Db, before: Piece, after: Piece): EditCheck {
  const approvals = standingApprovals(db, before)
  const d0 = digestOf(db, before)
  const d1 = digestOf(db, after)
  const invalidates = approvals.length ? changedKeys(d0.fields, d1.fields) : []
  const warnings: string[] = []
  if (invalidates.length) {
    const done = finalStatusesFor(before.channel).includes(before.status)
    const tail = done ? `（已是“${statusLabel(before.status)}”：重新审核通过之前不计入统计）` : ''
    warnings.push(`《${before.title}》${approvedBy(approvals)}，修改${fieldList(before.channel, invalidates)}将退回重新审核${tail}`)
  }
  warnings.push(...signedMonthWarnings(db, [before.date, after.date]))
  return { warnings, invalidates, approvals, before: d0, after: d1 }
}

/**
 * A piece in review whose edit changes its chain (a theme that brings 医务科): the open round no longer has the
 * right steps, so it is rebuilt even with no approval to void — a chain is never skipped by editing a theme.
 */
export function chainChangedInReview(db: Db, before: Piece, after: Piece): boolean {
  if (before.status !== 'pending') return false
  const steps = latestRoundRows(db, before.id).filter((r) => r.step > 0 && r.decision !== 'override').map((r) => r.stepName)
  return JSON.stringify(steps) !== JSON.stringify(chainFor(db, after))
}

/** Without the officer's confirmation, warnings stop the save: the renderer shows them and asks 确定保存 / 取消. */
export function askFirst(warnings: string[], confirm: boolean): void {
  if (warnings.length && !confirm) throw new UserError(warnings.join('\n'), { confirm: true, warnings })
}

/**
 * May `before` enter `to` (a status that needs review)? Only when its latest round is complete and its content is
 * what the last approval saw. Outcomes after the fact (已报送 → 已录用) are not a new publication and pass.
 */
export function checkPublishable(db: Db, before: Piece, after: { channel: Channel; themes: string[] }, to: Status): void {
  if (!needsReview(after.channel, to) || finalStatusesFor(before.channel).includes(before.status)) return
  // 已排期 → 已审核 takes a piece off the schedule: nothing is published by it.
  if (to === 'approved' && before.status === 'scheduled') return
  if (chainFor(db, after).length === 0) return
  const steps = latestRoundRows(db, before.id).filter((r) => r.step > 0)
  // 补录 and pieces from before the desk kept reviews have no round to check.
  if (steps.length === 0) return
  const label = statusLabel(to)
  if (!steps.some((r) => r.decision === 'override')) {
    const missing = steps.filter((r) => r.decision !== 'approved').map((r) => r.stepName)
    if (missing.length) throw fieldError('status', `审核尚未全部通过（${missing.join('、')}），不能改为“${label}”，请重新送审`)
  }
  const changed = changedSinceApproval(db, before)
  if (changed.length) throw fieldError('status', `发布的内容与审核通过的内容不一致（${changed.join('、')}已修改），请重新送审`)
}
