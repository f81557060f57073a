// 节点日: the days the office plans around, from its own list (设置 › 节点日) and the working calendar.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { readSetting, saveSetting } from '../settings'
import { workCalendar } from './workdays'
import { DEFAULT_PLANNING_RULES, planningDays, type PlanningRule } from '../../shared/planning-days'
import { daysBetween } from '../../shared/dates'
import type { PlanningRules } from '../../shared/contract/calendar'
import type { Db } from '../../db/open'

/** A year and a few days: a 近期节点 list, a month or a year's plan. */
const MAX_RANGE_DAYS = 400

export function planningRules(db: Db): PlanningRules {
  const saved = readSetting(db, 'planning-days') as PlanningRule[] | null
  return saved ? { rules: saved, isDefault: false } : { rules: structuredClone([...DEFAULT_PLANNING_RULES]), isDefault: true }
}

export const planningHandlers = defineHandlers({
  'planning-days': ({ from, to }, ctx) => {
    if (to < from) throw new UserError('结束日期不能早于开始日期', { field: 'to' })
    if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new UserError(`一次最多查询 ${MAX_RANGE_DAYS} 天`, { field: 'to' })
    const cal = workCalendar(ctx.desk.db)
    return { days: planningDays(cal, planningRules(ctx.desk.db).rules, from, to), unknownYears: cal.unknownYears(from, to) }
  },
  'planning-rules': (_a, ctx) => planningRules(ctx.desk.db),
  'planning-rules-save': ({ rules }, ctx) => {
    const ids = new Set<string>()
    rules.forEach((r, i) => {
      if (ids.has(r.id)) throw new UserError(`第${i + 1}项“${r.name}”与前面的节点重复`, { field: `rules.${i}.id` })
      ids.add(r.id)
    })
    saveSetting(ctx, 'planning-days', rules)
    return planningRules(ctx.desk.db)
  }
})
