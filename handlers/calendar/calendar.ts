// 日程: the calendar, rescheduling by drag, due scheduled pieces (announced once per date) and 今日待办.
import { defineHandlers } from '../registry'
import { UserError } from '../errors'
import { changePiece, mustGetPiece } from '../pieces/pieces'
import { checkEdit } from '../workflow/bound'
import { getSetting, putSetting } from '../../db/queries/settings'
import { calendarItems, duePieces, piecesInStatus, returnedDrafts } from '../../db/queries/calendar'
import { waitingSteps } from '../../db/queries/reviews'
import { listDeadlines } from '../../db/queries/quotas'
import { toDeadline } from '../quotas/quotas'
import { addDays, chinaDate } from '../../shared/dates'
import { channelLabel, statusLabel, type Status } from '../../shared/channels'
import type { Ctx } from '../context'

/** Pieces still being planned may move; carried-out ones keep the date they happened on. */
const MOVABLE: Status[] = ['draft', 'pending', 'approved', 'scheduled']
const NOTIFIED_KEY = 'schedule-notified'
const MAX_RANGE_DAYS = 62

function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** Announce each due scheduled piece once for the date it is scheduled on (a rescheduled piece is announced again). */
export function announceDue(ctx: Ctx) {
  const today = chinaDate(ctx.now())
  const due = duePieces(ctx.desk.db, today)
  const told = getSetting<Record<string, string>>(ctx.desk.db, NOTIFIED_KEY) ?? {}
  const next: Record<string, string> = {}
  const out = due.map((p) => {
    const announced = told[p.id] !== p.date
    if (announced) ctx.notify({ title: `排期到期：${channelLabel(p.channel)}`, body: `《${p.title}》排期在 ${p.date}，请按时发布` })
    next[p.id] = p.date
    return { ...p, announced }
  })
  // Only pieces still due are remembered, so the record stays as small as the list of due work.
  if (JSON.stringify(next) !== JSON.stringify(told)) putSetting(ctx.desk.db, NOTIFIED_KEY, next, ctx.now().toISOString())
  return out
}

export const calendarHandlers = defineHandlers({
  'calendar-items': ({ from, to }, ctx) => {
    if (to < from) throw new UserError('结束日期不能早于开始日期', { field: 'to' })
    if (dayDiff(from, to) > MAX_RANGE_DAYS) throw new UserError(`日程一次最多查看 ${MAX_RANGE_DAYS} 天`, { field: 'to' })
    return calendarItems(ctx.desk.db, from, to)
  },

  'piece-reschedule': ({ id, date }, ctx) =>
    ctx.desk.tx(() => {
      const p = mustGetPiece(ctx, id)
      if (!MOVABLE.includes(p.status)) throw new UserError(`《${p.title}》已是“${statusLabel(p.status)}”，不能改期；如日期记错，请在详情中修改日期`, { field: 'date' })
      if (p.date === date) return p
      const shift = dayDiff(p.date, date)
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
    }),

  'schedule-due': (_a, ctx) => ctx.desk.tx(() => announceDue(ctx)),

  'today-list': (_a, ctx) => {
    const db = ctx.desk.db
    const today = chinaDate(ctx.now())
    const step = new Map(waitingSteps(db).map((w) => [w.pieceId, w.stepName]))
    return {
      today,
      due: duePieces(db, today).map((p) => ({ ...p, overdue: p.date < today })),
      awaitingReview: piecesInStatus(db, 'pending').map((p) => ({ ...p, stepName: step.get(p.id) ?? '待审核' })),
      returned: returnedDrafts(db),
      deadlines: listDeadlines(db)
        .map((d) => toDeadline(d, today))
        .filter((d) => !d.doneAt && d.daysLeft <= 7)
        .map(({ id, title, dueDate, overdue, daysLeft }) => ({ id, title, dueDate, overdue, daysLeft }))
    }
  }
})
