// 指标与节点: targets set by the superiors (工作动态 ≥ 1 a week, 公众号 ≥ 8 a month, 省级以上录用 ≥ 5 a half-year)
// and dated deadlines (报送方案, 推进情况, 工作总结). Progress is computed, never stored.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { deleteAudited, findOr, restoreAudited, saveAudited } from '../audited'
import * as q from '../../db/queries/quotas'
import { addDays, chinaDate, daysBetween } from '../../shared/dates'
import type { CurrentQuota, Deadline } from '../../shared/contract/quotas'
import { workCalendar } from '../calendar/workdays'
import type { WorkCalendar } from '../../shared/china-calendar'
import type { Ctx } from '../context'

export function toDeadline(d: q.DeadlineRow, today: string, cal: WorkCalendar): Deadline {
  const day = cal.day(d.dueDate)
  const off = day.kind === 'holiday' || day.kind === 'weekend'
  return {
    ...d,
    overdue: !d.doneAt && d.dueDate < today,
    daysLeft: daysBetween(today, d.dueDate),
    workdaysLeft: cal.workdaysBetween(today, addDays(d.dueDate, 1)),
    dueOff: off ? { why: day.kind === 'holiday' ? `${day.holiday}放假` : '周末', lastWorkday: cal.addWorkdays(d.dueDate, -1) } : null
  }
}

/** Deadlines the 今日待办 shows: not done, and within a week or within five working days (a holiday in between). */
export function deadlineNear(d: Deadline): boolean {
  return !d.doneAt && (d.daysLeft <= 7 || d.workdaysLeft <= 5)
}

/** Each quota's period containing today and the period before it. */
export function currentQuotas(ctx: Ctx): CurrentQuota[] {
  const today = chinaDate(ctx.now())
  const cal = workCalendar(ctx.desk.db)
  return q.listQuotas(ctx.desk.db).map((quota) => {
    const cur = q.periodOf(today, quota.period)
    const prev = q.periodOf(addDays(cur.from, -1), quota.period)
    const now = q.progressOf(ctx.desk.db, quota, cur.from, cur.to, cal)
    const before = q.progressOf(ctx.desk.db, quota, prev.from, prev.to, cal)
    return {
      id: quota.id,
      label: quota.label,
      period: quota.period,
      target: quota.target,
      ...cur,
      actual: now.actual,
      met: now.actual >= quota.target,
      off: now.periods[0]?.off ?? null,
      previous: { ...prev, actual: before.actual, met: before.actual >= quota.target || !!before.periods[0]?.off, off: before.periods[0]?.off ?? null }
    }
  })
}

const QUOTAS = { entity: 'quota', what: '指标', get: q.getQuota, save: q.saveQuota, remove: q.deleteQuota }
const DEADLINES = { entity: 'deadline', what: '节点', get: q.getDeadline, save: q.saveDeadline, remove: q.deleteDeadline }

export const quotasHandlers = defineHandlers({
  'quota-list': (_a, ctx) => q.listQuotas(ctx.desk.db),
  'quota-save': (v, ctx) => saveAudited(ctx, QUOTAS, v),
  'quota-delete': ({ id }, ctx) => deleteAudited(ctx, QUOTAS, id),
  'quota-restore': ({ id }, ctx) => restoreAudited(ctx, QUOTAS, id, q.putQuota),
  'quota-progress': ({ from, to }, ctx) => {
    if (to < from) throw new UserError('结束日期不能早于开始日期', { field: 'to' })
    return q.quotaProgress(ctx.desk.db, from, to, workCalendar(ctx.desk.db))
  },
  'quota-current': (_a, ctx) => currentQuotas(ctx),
  'deadline-list': (_a, ctx) => q.listDeadlines(ctx.desk.db).map((d) => toDeadline(d, chinaDate(ctx.now()), workCalendar(ctx.desk.db))),
  'deadline-save': (v, ctx) => toDeadline(saveAudited(ctx, DEADLINES, v), chinaDate(ctx.now()), workCalendar(ctx.desk.db)),
  'deadline-done': ({ id, done }, ctx) => {
    const before = findOr(ctx, DEADLINES, id)
    const doneAt = done ? (before.doneAt ?? ctx.now().toISOString()) : null
    return toDeadline(saveAudited(ctx, DEADLINES, { ...before, doneAt }, done ? 'deadline-done' : 'deadline-reopen'), chinaDate(ctx.now()), workCalendar(ctx.desk.db))
  },
  'deadline-delete': ({ id }, ctx) => deleteAudited(ctx, DEADLINES, id),
  'deadline-restore': ({ id }, ctx) => toDeadline(restoreAudited(ctx, DEADLINES, id, q.putDeadline), chinaDate(ctx.now()), workCalendar(ctx.desk.db))
})
