// 指标与节点: targets set by the superiors (工作动态 ≥ 1 a week, 公众号 ≥ 8 a month, 省级以上录用 ≥ 5 a half-year)
// and dated deadlines (报送方案, 推进情况, 工作总结). Progress is computed, never stored.
import { defineHandlers } from '../registry'
import { UserError } from '../errors'
import { recordAudit, diff } from '../../db/queries/audit'
import * as q from '../../db/queries/quotas'
import { addDays, chinaDate } from '../../shared/dates'
import type { CurrentQuota, Deadline } from '../../shared/contract/quotas'
import type { Ctx } from '../context'

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

export function toDeadline(d: q.DeadlineRow, today: string): Deadline {
  return { ...d, overdue: !d.doneAt && d.dueDate < today, daysLeft: daysBetween(today, d.dueDate) }
}

/** Each quota's period containing today and the period before it. */
export function currentQuotas(ctx: Ctx): CurrentQuota[] {
  const today = chinaDate(ctx.now())
  return q.listQuotas(ctx.desk.db).map((quota) => {
    const cur = q.periodOf(today, quota.period)
    const prev = q.periodOf(addDays(cur.from, -1), quota.period)
    const now = q.progressOf(ctx.desk.db, quota, cur.from, cur.to)
    const before = q.progressOf(ctx.desk.db, quota, prev.from, prev.to)
    return {
      id: quota.id,
      label: quota.label,
      period: quota.period,
      target: quota.target,
      ...cur,
      actual: now.actual,
      met: now.actual >= quota.target,
      previous: { ...prev, actual: before.actual, met: before.actual >= quota.target }
    }
  })
}

function audit(ctx: Ctx, action: string, entity: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity, entityId: id, changes })
}

export const quotaHandlers = defineHandlers({
  'quota-list': (_a, ctx) => q.listQuotas(ctx.desk.db),
  'quota-save': (v, ctx) =>
    ctx.desk.tx(() => {
      const before = v.id ? q.getQuota(ctx.desk.db, v.id) : null
      if (v.id && !before) throw new UserError(`找不到编号为 ${v.id} 的指标，可能已被删除`)
      const row = q.saveQuota(ctx.desk.db, v)
      audit(ctx, before ? 'update' : 'create', 'quota', row.id, before ? diff({ ...before }, { ...row }) : { ...row })
      return row
    }),
  'quota-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = q.getQuota(ctx.desk.db, id)
      if (!before) throw new UserError(`找不到编号为 ${id} 的指标，可能已被删除`)
      q.deleteQuota(ctx.desk.db, id)
      audit(ctx, 'delete', 'quota', id, { ...before })
      return { id }
    }),
  'quota-progress': ({ from, to }, ctx) => {
    if (to < from) throw new UserError('结束日期不能早于开始日期', { field: 'to' })
    return q.quotaProgress(ctx.desk.db, from, to)
  },
  'quota-current': (_a, ctx) => currentQuotas(ctx),
  'deadline-list': (_a, ctx) => q.listDeadlines(ctx.desk.db).map((d) => toDeadline(d, chinaDate(ctx.now()))),
  'deadline-save': (v, ctx) =>
    ctx.desk.tx(() => {
      const before = v.id ? q.getDeadline(ctx.desk.db, v.id) : null
      if (v.id && !before) throw new UserError(`找不到编号为 ${v.id} 的节点，可能已被删除`)
      const row = q.saveDeadline(ctx.desk.db, v)
      audit(ctx, before ? 'update' : 'create', 'deadline', row.id, before ? diff(before, row) : row)
      return toDeadline(row, chinaDate(ctx.now()))
    }),
  'deadline-done': ({ id, done }, ctx) =>
    ctx.desk.tx(() => {
      const before = q.getDeadline(ctx.desk.db, id)
      if (!before) throw new UserError(`找不到编号为 ${id} 的节点，可能已被删除`)
      const row = q.saveDeadline(ctx.desk.db, { ...before, doneAt: done ? (before.doneAt ?? ctx.now().toISOString()) : null })
      audit(ctx, done ? 'deadline-done' : 'deadline-reopen', 'deadline', id, diff(before, row))
      return toDeadline(row, chinaDate(ctx.now()))
    }),
  'deadline-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = q.getDeadline(ctx.desk.db, id)
      if (!before) throw new UserError(`找不到编号为 ${id} 的节点，可能已被删除`)
      q.deleteDeadline(ctx.desk.db, id)
      audit(ctx, 'delete', 'deadline', id, before)
      return { id }
    })
})
