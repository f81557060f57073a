// 稿件: the piece-* handlers. The write path they share with review, import and the calendar is ./write.ts;
// 回收站 is ./trash.ts, 撤销 ./undo.ts.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { listPieces } from '../../db/queries/pieces'
import { searchCondition } from '../../db/queries/search'
import { pieces } from '../../db/schema'
import { addDays, daysBetween } from '../../shared/dates'
import { statusLabel, type Status } from '../../shared/channels'
import { changePiece, mustGetPiece, updateFromForm } from './write'
import { strictChannelFields } from './transitions'
import { createNewPiece } from './create'
import { checkEdit } from '../review/bound'
import { deletePreview, purgePiece, restorePiece, trashList, trashPiece } from './trash'
import { undoable, undoChanges } from './undo'
import { leadWarning } from '../calendar/workdays'

/** Pieces still being planned may move; carried-out ones keep the date they happened on. */
const MOVABLE: Status[] = ['draft', 'pending', 'approved', 'scheduled']

export const piecesHandlers = defineHandlers({
  'piece-create': (v, ctx) => ctx.desk.tx(() => createNewPiece(ctx, strictChannelFields(ctx.desk.db, v))),
  'piece-update': ({ id, confirm, ...v }, ctx) => ctx.desk.tx(() => updateFromForm(ctx, id, v, confirm)),
  'piece-get': ({ id }, ctx) => mustGetPiece(ctx, id),
  'piece-delete': ({ id, reason, confirm }, ctx) => trashPiece(ctx, id, reason, confirm),
  'piece-delete-check': ({ id }, ctx) => deletePreview(ctx, id),
  'piece-trash-list': ({ offset, limit }, ctx) => trashList(ctx, offset, limit),
  'piece-restore': ({ id, confirm }, ctx) => restorePiece(ctx, id, confirm),
  'piece-purge': ({ id }, ctx) => purgePiece(ctx, id),
  'piece-set-status': ({ id, status, confirm }, ctx) => {
    const { value, undo } = undoable(ctx, () => updateFromForm(ctx, id, { status }, confirm))
    return { piece: value, undo }
  },
  'piece-undo': (token, ctx) => undoChanges(ctx, token),
  'piece-list': (f, ctx) => {
    const q = f.q?.trim()
    const match = q ? searchCondition('piece_search', pieces.id, q) : undefined
    return listPieces(ctx.desk.db, f, match ?? undefined)
  },
  'piece-reschedule': ({ id, date }, ctx) => {
    const { value, undo } = undoable(ctx, () => {
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
    // re-checked after every move: a drag across a holiday can leave too few working days
    const lead = leadWarning(ctx, value)
    return { ...value, undo, warnings: lead ? [lead] : [] }
  }
})
