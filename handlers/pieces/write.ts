// The piece write path: create, change and (after an edit of approved content) send back for review — each with
// its audit row and search entry, in the caller's transaction. The piece-* handler map is ./index.ts.
import { fieldError, UserError } from '../errors'
import { insertPiece, getPiece, getTrashed, updatePiece, type PieceValues } from '../../db/queries/pieces'
import { recordAudit, diff } from '../../db/queries/audit'
import { indexRow } from '../../db/queries/search'
import { closeWaiting, insertReview, latestRound } from '../../db/queries/reviews'
import { finalStatusesFor, statusLabel, channelLabel, type Channel, type Status } from '../../shared/channels'
import type { Piece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'
import { afterStatusChange, chainFor, changedFields, checkTransition, cleanChannelFields, strictChannelFields } from './transitions'
import { askFirst, chainChangedInReview, checkEdit, checkPublishable, type EditCheck } from '../review/bound'
import { changedKeys, fieldList } from '../../services/review/content-hash'
import { CHANNEL_CHANGE_STATUSES } from '../../shared/workflow'

const WORKFLOW: Status[] = ['draft', 'pending', 'approved', 'scheduled', 'withdrawn']

export function allowedStatuses(channel: Channel): Status[] {
  return [...WORKFLOW, ...finalStatusesFor(channel)]
}

export function checkStatus(channel: Channel, status: Status): void {
  if (!allowedStatuses(channel).includes(status)) {
    throw fieldError('status', `${channelLabel(channel)}不能使用“${statusLabel(status)}”状态`)
  }
}

export function searchText(p: Pick<Piece, 'title' | 'body' | 'notes' | 'venue' | 'author'>): string {
  return [p.title, p.body, p.notes, p.venue, p.author].join('\n')
}

export function mustGetPiece(ctx: Ctx, id: number): Piece {
  const p = getPiece(ctx.desk.db, id)
  if (p) return p
  const trashed = getTrashed(ctx.desk.db, id)
  if (trashed) throw new UserError(`《${trashed.piece.title}》已删除（在回收站中），如需修改请先在回收站中恢复`, { field: 'id' })
  throw new UserError(`找不到编号为 ${id} 的稿件，可能已被删除`, { field: 'id' })
}

/**
 * Create one piece with its audit row and search entry, in the caller's transaction. `auditNote` adds to the
 * audit row, e.g. the 补录 marker of a piece recorded past 草稿.
 */
export function createPiece(ctx: Ctx, v: PieceValues, action = 'create', auditNote: Record<string, unknown> = {}, uid?: string): Piece {
  checkStatus(v.channel, v.status)
  v = cleanChannelFields(v)
  const at = ctx.now().toISOString()
  const piece = insertPiece(ctx.desk.db, v, { at, actor: ctx.actor }, uid)
  indexRow(ctx.desk.sqlite, 'piece_search', piece.id, searchText(piece))
  // The audit row names 补录 only when it is one (auditNote carries its label); an ordinary piece says nothing.
  const { backfill, ...values } = v
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action, entity: 'piece', entityId: piece.id, changes: { ...values, ...(backfill ? { backfill: true } : {}), ...auditNote } })
  return piece
}

/**
 * Update a piece with its audit row and search entry, in the caller's transaction.
 * `workflow`: the review handlers move a piece through 待审核/已审核 themselves; every other caller is checked —
 * the transition, the channel (only a 草稿 or 已撤回 may change it) and, entering a status that needs review,
 * that the content is what was approved. `note` adds to the audit row.
 */
export function changePiece(ctx: Ctx, id: number, v: Partial<PieceValues>, action = 'update', opts: { workflow?: boolean; note?: Record<string, unknown> } = {}): Piece {
  const before = mustGetPiece(ctx, id)
  checkStatus(v.channel ?? before.channel, v.status ?? before.status)
  if (v.channel && v.channel !== before.channel && !opts.workflow) checkChannelChange(before, v.channel)
  if (v.extra || v.channel) v = { ...v, extra: cleanChannelFields({ ...before, ...v } as PieceValues).extra }
  if (v.status && v.status !== before.status && !opts.workflow) {
    const next = { ...before, ...v }
    checkTransition(ctx.desk.db, before, next, v.status)
    checkPublishable(ctx.desk.db, before, next, v.status)
  }
  const at = ctx.now().toISOString()
  const after = updatePiece(ctx.desk.db, id, { ...v, ...editedAlone(before, v, action) }, { at, actor: ctx.actor })
  afterStatusChange(ctx, before, after)
  indexRow(ctx.desk.sqlite, 'piece_search', id, searchText(after))
  const { updatedAt: _a, updatedBy: _b, ...b } = before
  const { updatedAt: _c, updatedBy: _d, ...a } = after
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action, entity: 'piece', entityId: id, changes: { ...diff(b, a), ...opts.note } })
  return after
}

/**
 * 编辑本条: a piece of a series changed on its own (its content or date, not only its status) is marked, so that
 * 编辑此后全部 never overwrites what the officer wrote into this one. The series' own writes ('series-…') do not mark.
 */
function editedAlone(before: Piece, v: Partial<PieceValues>, action: string): { seriesEdited?: true } {
  if (!before.seriesId || before.seriesEdited || action.startsWith('series')) return {}
  const mine = before as unknown as Record<string, unknown>
  const same = (k: string, x: unknown) => (k === 'themes' ? JSON.stringify([...(x as string[])].sort()) === JSON.stringify(mine.themes) : JSON.stringify(x) === JSON.stringify(mine[k]))
  const changed = Object.entries(v).some(([k, x]) => k !== 'status' && k !== 'reads' && x !== undefined && !same(k, x))
  return changed ? { seriesEdited: true } : {}
}

/** A channel decides the review chain: hopping channels must never skip one, so only a 草稿 or 已撤回 may change. */
function checkChannelChange(before: Piece, to: Channel): void {
  if (CHANNEL_CHANGE_STATUSES.includes(before.status)) return
  const fix = finalStatusesFor(before.channel).includes(before.status) ? '；如果渠道登记错了，请删除这条记录后按正确的渠道重新补录' : '；如需改渠道，请先改回草稿，再按新渠道的审核流程送审'
  throw fieldError('channel', `《${before.title}》当前为“${statusLabel(before.status)}”，不能改为${channelLabel(to)}：只有草稿或已撤回的记录可以更改渠道${fix}`)
}

/**
 * piece-update: the form's edit. Asks first (details { confirm, warnings }) when the edit would void an approval
 * or touches a signed month; once confirmed, an edit of approved content sends the piece back for review.
 */
export function updateFromForm(ctx: Ctx, id: number, v: Partial<PieceValues>, confirm: boolean, action = 'update'): Piece {
  const before = mustGetPiece(ctx, id)
  const changed = changedFields(before, v)
  if (changed.size === 0) return before
  const checked = strictChannelFields(ctx.desk.db, { ...before, ...v } as PieceValues, changed)
  const patch = { ...v, ...(v.extra || v.channel ? { extra: checked.extra } : {}) }
  if (checked.venue !== (v.venue ?? before.venue)) patch.venue = checked.venue // 宣传品/宣传活动: 媒体/平台 is the kind
  if (patch.channel && patch.channel !== before.channel) checkChannelChange(before, patch.channel)
  const check = checkEdit(ctx.desk.db, before, { ...before, ...patch } as Piece)
  const to = patch.status
  const leaves = to === 'draft' || to === 'withdrawn'
  if (check.invalidates.length && to && to !== before.status && !leaves) {
    throw fieldError('status', `修改了审核过的内容（${fieldList(before.channel, check.invalidates)}），须重新审核通过后才能改为“${statusLabel(to)}”；请先只保存内容的修改`)
  }
  askFirst(check.warnings, confirm)
  const rebuild = !check.invalidates.length && !leaves && chainChangedInReview(ctx.desk.db, before, { ...before, ...patch } as Piece)
  const after = changePiece(ctx, id, patch, action)
  if (rebuild) return reopenReview(ctx, after, { ...check, invalidates: changedKeys(check.before.fields, check.after.fields) })
  return check.invalidates.length && !leaves ? reopenReview(ctx, after, check) : after
}

/**
 * After a confirmed edit that changed approved content: the standing round is void, a new round opens with the
 * piece's chain (as of now: a changed theme may add 医务科), and the piece is 待审核 again.
 */
export function reopenReview(ctx: Ctx, piece: Piece, check: EditCheck): Piece {
  const db = ctx.desk.db
  const at = ctx.now().toISOString()
  const chain = chainFor(db, piece)
  const names = fieldList(piece.channel, check.invalidates)
  if (piece.status === 'pending') closeWaiting(db, piece.id, at, `${names}已修改，本轮审核作废`)
  const round = latestRound(db, piece.id) + 1
  insertReview(db, piece.id, { round, step: 0, stepName: '送审', reviewer: ctx.actor, reviewerId: ctx.user?.id ?? null, decision: 'submitted', comment: `修改${names}后重新送审：${chain.join(' → ') || '本渠道无需审核'}`, at })
  chain.forEach((stepName, i) => insertReview(db, piece.id, { round, step: i + 1, stepName, reviewer: '', decision: 'waiting', comment: '', at }))
  return changePiece(ctx, piece.id, { status: chain.length ? 'pending' : 'approved' }, 'review-invalidated', {
    workflow: true,
    note: {
      review: `${names}已修改，退回重新审核（第 ${round} 轮）`,
      round,
      fields: check.invalidates,
      voided: check.approvals.map((r) => r.stepName),
      contentHash: [check.before.hash, check.after.hash]
    }
  })
}

