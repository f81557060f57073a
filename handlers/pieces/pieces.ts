import { defineHandlers } from '../registry'
import { fieldError, UserError } from '../errors'
import { insertPiece, getPiece, updatePiece, deletePiece, listPieces, type PieceValues } from '../../db/queries/pieces'
import { recordAudit, diff } from '../../db/queries/audit'
import { indexRow, unindexRow, searchCondition } from '../../db/queries/search'
import { pieces } from '../../db/schema'
import { finalStatusesFor, statusLabel, channelLabel, type Channel, type Status } from '../../shared/channels'
import type { Piece } from '../../shared/contract/pieces'
import type { Ctx } from '../context'
import { afterStatusChange, changedFields, checkTransition, cleanChannelFields, strictChannelFields } from '../workflow/rules'
import { createNewPiece } from '../workflow/create'

const WORKFLOW: Status[] = ['draft', 'pending', 'approved', 'scheduled', 'withdrawn']

export function allowedStatuses(channel: Channel): Status[] {
  return [...WORKFLOW, ...finalStatusesFor(channel)]
}

export function checkStatus(channel: Channel, status: Status): void {
  if (!allowedStatuses(channel).includes(status)) {
    throw fieldError('status', `${channelLabel(channel)}不能使用“${statusLabel(status)}”状态`)
  }
}

function searchText(p: Pick<Piece, 'title' | 'body' | 'notes' | 'venue' | 'author'>): string {
  return [p.title, p.body, p.notes, p.venue, p.author].join('\n')
}

export function mustGetPiece(ctx: Ctx, id: number): Piece {
  const p = getPiece(ctx.desk.db, id)
  if (!p) throw new UserError(`找不到编号为 ${id} 的稿件，可能已被删除`, { field: 'id' })
  return p
}

/** Create one piece with its audit row and search entry, in the caller's transaction. */
/** `auditNote` adds to the audit row, e.g. the 补录 marker of a piece recorded past 草稿. */
export function createPiece(ctx: Ctx, v: PieceValues, action = 'create', auditNote: Record<string, unknown> = {}): Piece {
  checkStatus(v.channel, v.status)
  v = cleanChannelFields(v)
  const at = ctx.now().toISOString()
  const piece = insertPiece(ctx.desk.db, v, { at, actor: ctx.actor })
  indexRow(ctx.desk.sqlite, 'piece_search', piece.id, searchText(piece))
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action, entity: 'piece', entityId: piece.id, changes: { ...v, ...auditNote } })
  return piece
}

/** Update a piece with its audit row and search entry, in the caller's transaction. */
/** `workflow`: the review handlers move a piece through 待审核/已审核 themselves; every other caller is checked. */
export function changePiece(ctx: Ctx, id: number, v: Partial<PieceValues>, action = 'update', opts: { workflow?: boolean } = {}): Piece {
  const before = mustGetPiece(ctx, id)
  checkStatus(v.channel ?? before.channel, v.status ?? before.status)
  if (v.extra || v.channel) v = { ...v, extra: cleanChannelFields({ ...before, ...v } as PieceValues).extra }
  if (v.status && v.status !== before.status && !opts.workflow) checkTransition(ctx.desk.db, before, { ...before, ...v }, v.status)
  const at = ctx.now().toISOString()
  const after = updatePiece(ctx.desk.db, id, v, { at, actor: ctx.actor })
  afterStatusChange(ctx, before, after)
  indexRow(ctx.desk.sqlite, 'piece_search', id, searchText(after))
  const { updatedAt: _a, updatedBy: _b, ...b } = before
  const { updatedAt: _c, updatedBy: _d, ...a } = after
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action, entity: 'piece', entityId: id, changes: diff(b, a) })
  return after
}

export const pieceHandlers = defineHandlers({
  'piece-create': (v, ctx) => ctx.desk.tx(() => createNewPiece(ctx, strictChannelFields(v))),
  'piece-update': ({ id, ...v }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetPiece(ctx, id)
      const checked = strictChannelFields({ ...before, ...v } as PieceValues, changedFields(before, v))
      const patch = { ...v, ...(v.extra || v.channel ? { extra: checked.extra } : {}) }
      if (checked.venue !== (v.venue ?? before.venue)) patch.venue = checked.venue // 宣传品/宣传活动: 媒体/平台 is the kind
      return changePiece(ctx, id, patch)
    }),
  'piece-get': ({ id }, ctx) => mustGetPiece(ctx, id),
  'piece-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetPiece(ctx, id)
      deletePiece(ctx.desk.db, id)
      unindexRow(ctx.desk.sqlite, 'piece_search', id)
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'piece', entityId: id, changes: before as unknown as Record<string, unknown> })
      return { id }
    }),
  'piece-list': (f, ctx) => {
    const q = f.q?.trim()
    const match = q ? searchCondition('piece_search', pieces.id, q) : undefined
    return listPieces(ctx.desk.db, f, match ?? undefined)
  }
})
