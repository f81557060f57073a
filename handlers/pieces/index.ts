// 稿件: the piece-* handlers. The write path they share with review, import and the calendar is ./write.ts.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { deletePiece, listPieces } from '../../db/queries/pieces'
import { recordAudit } from '../../db/queries/audit'
import { unindexRow, searchCondition } from '../../db/queries/search'
import { pieces } from '../../db/schema'
import { addDays, daysBetween } from '../../shared/dates'
import { statusLabel, type Status } from '../../shared/channels'
import { changePiece, mustGetPiece, updateFromForm } from './write'
import { strictChannelFields } from './transitions'
import { createNewPiece } from './create'
import { checkEdit } from '../review/bound'

/** Pieces still being planned may move; carried-out ones keep the date they happened on. */
const MOVABLE: Status[] = ['draft', 'pending', 'approved', 'scheduled']

export const piecesHandlers = defineHandlers({
  'piece-create': (v, ctx) => ctx.desk.tx(() => createNewPiece(ctx, strictChannelFields(v))),
  'piece-update': ({ id, confirm, ...v }, ctx) => ctx.desk.tx(() => updateFromForm(ctx, id, v, confirm)),
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
  },
  'piece-reschedule': ({ id, date }, ctx) =>
    ctx.desk.tx(() => {
      const p = mustGetPiece(ctx, id)
      if (!MOVABLE.includes(p.status)) throw new UserError(`《${p.title}》已是“${statusLabel(p.status)}”，不能改期；如日期记错，请在详情中修改日期`, { field: 'date' })
      if (p.date === date) return p
      const shift = daysBetween(p.date, date)
      const extra = { ...p.extra }
      // An LED piece moves with its display window, keeping its length.
      if (p.channel === 'led' && typeof extra.displayStart === 'string') {
        extra.displayStart = addDays(extra.displayStart, shift)
        if (typeof extra.displayEnd === 'string') extra.displayEnd = addDays(extra.displayEnd, shift)
      }
      // The date is reviewed content and the calendar has no room for a question: a move that the form would ask
      // about (an approval would be voided, a signed month touched) is refused here, pointing to the form.
      const check = checkEdit(ctx.desk.db, p, { ...p, date, extra })
      if (check.warnings.length) {
        const why = check.invalidates.length ? `《${p.title}》已审核通过，日期是审核内容的一部分，改期须重新审核` : check.warnings.join('；')
        throw new UserError(`${why}。请打开稿件详情修改日期（保存前会提示${check.invalidates.length ? '退回重新审核' : '并请您确认'}）`, { field: 'date', warnings: check.warnings })
      }
      return changePiece(ctx, id, { date, extra }, 'reschedule')
    })
})
