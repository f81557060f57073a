// 日程: the calendar, rescheduling by drag, due scheduled pieces (announced once per date) and 今日待办.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { readSetting, writeState } from '../settings'
import { calendarItems, duePieces, piecesInStatus, returnedDrafts } from '../../db/queries/calendar'
import { waitingSteps } from '../../db/queries/reviews'
import { listDeadlines } from '../../db/queries/quotas'
import { deadlineNear, toDeadline } from '../quotas'
import { chinaDate, daysBetween } from '../../shared/dates'
import { channelLabel } from '../../shared/channels'
import { remindMissingSchedule, workCalendar, workdaysHandlers } from './workdays'
import { planningHandlers } from './planning'
import type { Ctx } from '../context'

const MAX_RANGE_DAYS = 62


/** Announce each due scheduled piece once for the date it is scheduled on (a rescheduled piece is announced again). */
export function announceDue(ctx: Ctx) {
  const today = chinaDate(ctx.now())
  const due = duePieces(ctx.desk.db, today)
  const told = readSetting(ctx.desk.db, 'schedule-notified')
  const next: Record<string, string> = {}
  const out = due.map((p) => {
    const announced = told[p.id] !== p.date
    if (announced) ctx.notify({ title: `排期到期：${channelLabel(p.channel)}`, body: `《${p.title}》排期在 ${p.date}，请按时发布`, kind: 'due', href: `#/calendar/${p.id}` })
    next[p.id] = p.date
    return { ...p, announced }
  })
  // Only pieces still due are remembered, so the record stays as small as the list of due work.
  if (JSON.stringify(next) !== JSON.stringify(told)) writeState(ctx.desk.db, 'schedule-notified', next, ctx.now().toISOString())
  return out
}

export const calendarHandlers = defineHandlers({
  ...workdaysHandlers,
  ...planningHandlers,
  'calendar-items': ({ from, to }, ctx) => {
    if (to < from) throw new UserError('结束日期不能早于开始日期', { field: 'to' })
    if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new UserError(`日程一次最多查看 ${MAX_RANGE_DAYS} 天`, { field: 'to' })
    return calendarItems(ctx.desk.db, from, to)
  },

  'schedule-due': (_a, ctx) =>
    ctx.desk.tx(() => {
      remindMissingSchedule(ctx)
      return announceDue(ctx)
    }),

  'today-list': (_a, ctx) => {
    const db = ctx.desk.db
    const today = chinaDate(ctx.now())
    const cal = workCalendar(db)
    const step = new Map(waitingSteps(db).map((w) => [w.pieceId, w.stepName]))
    return {
      today,
      due: duePieces(db, today).map((p) => ({ ...p, overdue: p.date < today })),
      awaitingReview: piecesInStatus(db, 'pending').map((p) => ({ ...p, stepName: step.get(p.id) ?? '待审核' })),
      returned: returnedDrafts(db),
      deadlines: listDeadlines(db)
        .map((d) => toDeadline(d, today, cal))
        .filter(deadlineNear)
        .map(({ id, title, dueDate, overdue, daysLeft, workdaysLeft, dueOff }) => ({ id, title, dueDate, overdue, daysLeft, workdaysLeft, dueOff }))
    }
  }
})
