// 重复稿件: the rule of a piece that repeats (每周工作动态, 每月专家坐诊信息, 每季度药品价格公示) and its dates. Pure:
// the handlers (handlers/series/), the form's preview and the tests share it. Dates are China calendar dates
// ('YYYY-MM-DD') computed as UTC days through shared/dates.ts, so no machine zone is ever read.
//
// The rule, as decided here:
//   每周  — every `interval` weeks on ISO weekday `weekday` (1 = 周一 … 7 = 周日), from the first such day on or
//           after the start date;
//   每月  — every `interval` months on day `monthDay`, from the start date's month;
//   每季度 — every 3 × `interval` months on day `monthDay`, from the start date's month (start 2023-02-10 → 2、5、8、11月).
//   A `monthDay` the month does not have (31 in June, 29–31 in February) falls on that month's last day, so
//   31 means 每月最后一天 — a monthly notice is never skipped and never slides into the next month.
//   A date before the start date is not an occurrence; the rule ends at `until` (inclusive) or after `count`
//   occurrences — exactly one of the two.
import { addWeeks } from 'date-fns/addWeeks'
import { addMonths } from 'date-fns/addMonths'
import { getDate } from 'date-fns/getDate'
import { getDaysInMonth } from 'date-fns/getDaysInMonth'
import { getISODay } from 'date-fns/getISODay'
import { setDate } from 'date-fns/setDate'
import { setISODay } from 'date-fns/setISODay'
import { calendarDay, formatDate, utcDate } from './dates'

export const FREQS = { weekly: '每周', monthly: '每月', quarterly: '每季度' } as const
export type Freq = keyof typeof FREQS
export const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const

/** The most occurrences one series may have (a weekly series of ~4 years); the form and the handlers say so. */
export const MAX_OCCURRENCES = 200

export interface RepeatRule {
  freq: Freq
  interval: number
  /** 每周: ISO weekday 1–7. */
  weekday: number | null
  /** 每月/每季度: day of the month 1–31 (past the month's end = its last day). */
  monthDay: number | null
  start: string
  until: string | null
  count: number | null
}

export interface Occurrence {
  /** 1-based number of the occurrence in the series (第N次). */
  n: number
  date: string
}

/** The k-th candidate date of the rule (k = 0, 1, …), before the start/until/count checks. */
function candidate(rule: RepeatRule, k: number): string {
  const start = calendarDay(rule.start)
  if (rule.freq === 'weekly') {
    const wd = rule.weekday ?? getISODay(start)
    // setISODay stays in the start's ISO week; a weekday before the start's moves to the next week.
    let first = setISODay(start, wd)
    if (utcDate(first) < rule.start) first = addWeeks(first, 1)
    return utcDate(addWeeks(first, k * rule.interval))
  }
  const step = rule.freq === 'quarterly' ? 3 * rule.interval : rule.interval
  const month = addMonths(setDate(start, 1), k * step)
  const day = Math.min(rule.monthDay ?? getDate(start), getDaysInMonth(month))
  return utcDate(setDate(month, day))
}

/**
 * The rule's occurrences in order, `after` (exclusive) to `through` (inclusive) when given; never more than the
 * rule's count or MAX_OCCURRENCES in all.
 */
export function occurrences(rule: RepeatRule, o: { after?: string; through?: string; limit?: number } = {}): Occurrence[] {
  const out: Occurrence[] = []
  const cap = rule.count ?? MAX_OCCURRENCES
  let n = 0
  for (let k = 0; n < cap; k++) {
    const date = candidate(rule, k)
    if (date < rule.start) continue
    if (rule.until && date > rule.until) break
    if (o.through && date > o.through) break
    n++
    if (o.after && date <= o.after) continue
    out.push({ n, date })
    if (o.limit && out.length >= o.limit) break
  }
  return out
}

/** 'M月d日' of an occurrence, for titles and the preview. */
export function occurrenceLabel(date: string): string {
  return formatDate(date, 'M月d日')
}

/** 每周一 / 每2周三 / 每月15日 / 每月最后一天 / 每季度（2、5、8、11月）20日 */
export function ruleText(rule: RepeatRule): string {
  const every = rule.interval > 1 ? `每${rule.interval}` : '每'
  if (rule.freq === 'weekly') return `${rule.interval > 1 ? `每${rule.interval}周的` : '每'}${WEEKDAYS[rule.weekday ?? getISODay(calendarDay(rule.start))]}`
  const day = rule.monthDay ?? Number(formatDate(rule.start, 'd'))
  const dayText = day >= 31 ? '最后一天' : `${day}日${day >= 29 ? '（小月为月末）' : ''}`
  if (rule.freq === 'monthly') return `${every}${rule.interval > 1 ? '个' : ''}月${dayText}`
  const first = Number(formatDate(rule.start, 'M'))
  const step = 3 * rule.interval
  const months = Array.from({ length: Math.ceil(12 / step) }, (_, i) => ((first - 1 + i * step) % 12) + 1).sort((a, b) => a - b)
  return `${every}${rule.interval > 1 ? '个' : ''}季度（${months.join('、')}月）${dayText}`
}

/** 系列：每周一，共8次 / 每月最后一天，至2023-12-31 */
export function seriesText(rule: RepeatRule): string {
  return `${ruleText(rule)}，${rule.count ? `共${rule.count}次` : `至${rule.until}`}`
}

/**
 * The user's mistakes in a rule, each with its field and a Chinese message naming it; [] when the rule is good.
 * One list for the contract (zod superRefine) and the form (shown before saving).
 */
export function ruleProblems(r: RepeatRule): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  if (r.freq === 'weekly' && (r.weekday === null || r.weekday < 1 || r.weekday > 7)) out.push({ field: 'weekday', message: '星期：请选择周一至周日' })
  if (r.freq !== 'weekly' && (r.monthDay === null || r.monthDay < 1 || r.monthDay > 31)) out.push({ field: 'monthDay', message: '每月日期须为1–31日' })
  if (!Number.isInteger(r.interval) || r.interval < 1 || r.interval > 12) out.push({ field: 'interval', message: '间隔须为1–12' })
  if (r.until === null && r.count === null) out.push({ field: 'until', message: '请填写截止日期或重复次数' })
  if (r.until !== null && r.count !== null) out.push({ field: 'count', message: '截止日期和次数只填一项' })
  if (r.count !== null && (!Number.isInteger(r.count) || r.count < 1 || r.count > MAX_OCCURRENCES)) out.push({ field: 'count', message: `次数须为1–${MAX_OCCURRENCES}` })
  if (r.until !== null && r.until < r.start) out.push({ field: 'until', message: '截止日期早于开始日期' })
  if (out.length === 0 && r.until !== null && occurrences({ ...r, count: MAX_OCCURRENCES + 1 }).length > MAX_OCCURRENCES) {
    out.push({ field: 'until', message: `截止日期过远：一个系列最多重复${MAX_OCCURRENCES}次` })
  }
  if (out.length === 0 && occurrences(r, { limit: 1 }).length === 0) out.push({ field: 'until', message: '截止日期之前没有符合规则的日期' })
  return out
}
