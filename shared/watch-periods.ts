// The periods of the 舆情 briefs: a day (日报), a week Monday–Sunday (周报), or any range of China calendar days.
// Shared by the handlers, the CLI and the 舆情报告 tab, so a week means the same Monday–Sunday everywhere.
import { addDays, daysBetween, isCalendarDate, mondayOf, monthRange } from './dates'
import { parsePeriod, rangePeriod } from './periods'

/** What the officer asks for: a brief of one day, of one week, or of the period exactly as written. */
export type BriefKind = 'daily' | 'weekly'
export const BRIEF_KINDS: readonly BriefKind[] = ['daily', 'weekly']

/** What the document is called, by the length of its period. */
export type BriefName = '舆情日报' | '舆情周报' | '舆情月报' | '舆情简报'

export interface BriefPeriod {
  /** Canonical code: 2023-06-11 (a day) or 2023-06-05..2023-06-11. */
  code: string
  from: string
  to: string
  /** 2023年6月11日, 2023年6月5日至6月11日. */
  label: string
  /** 6月11日, 6月5日至6月11日: how sentences refer to it. */
  short: string
  days: number
  name: BriefName
}

/** A brief reads every mention of its period in detail: longer spans belong to the 统计 and the half-year report. */
export const MAX_BRIEF_DAYS = 92

const FORMS = '可用 2023-06-11（一天）、2023-W23（一周）、2023-06-05..2023-06-11（任意区间）'

/** Monday–Sunday of ISO week `week` of `year` (2023-W23 → 2023-06-05..2023-06-11). */
function isoWeek(year: number, week: number): { from: string; to: string } {
  // 4 January is always in week 1.
  const monday = addDays(mondayOf(`${year}-01-04`), (week - 1) * 7)
  if (week < 1 || week > 53 || mondayOf(`${year}-12-28`) < monday) throw new Error(`${year}年没有第${week}周`)
  return { from: monday, to: addDays(monday, 6) }
}

/** The week (Monday–Sunday) containing a China calendar date. */
export function weekOf(date: string): { from: string; to: string } {
  const from = mondayOf(date)
  return { from, to: addDays(from, 6) }
}

function nameOf(from: string, to: string, days: number): BriefName {
  if (days === 1) return '舆情日报'
  if (days === 7) return '舆情周报'
  const month = monthRange(from.slice(0, 7))
  return month.from === from && month.to === to ? '舆情月报' : '舆情简报'
}

function make(from: string, to: string): BriefPeriod {
  const days = daysBetween(from, to) + 1
  if (days > MAX_BRIEF_DAYS) throw new Error(`舆情简报的统计区间不能超过 ${MAX_BRIEF_DAYS} 天（更长的区间请用“统计”或“报告”页）`)
  const p = rangePeriod(from, to)
  const single = days === 1
  const dayLabel = `${Number(from.slice(0, 4))}年${Number(from.slice(5, 7))}月${Number(from.slice(8, 10))}日`
  return {
    code: single ? from : p.code, from, to, days, name: nameOf(from, to, days),
    label: single ? dayLabel : p.label,
    short: single ? dayLabel.replace(/^\d+年/, '') : p.short
  }
}

/**
 * The period of a brief from what was typed: a day, an ISO week (2023-W23), a range, or any code the reports
 * take (2023-05). `kind` says how a single day is read: 周报 → its Monday–Sunday; 日报 must be one day and 周报
 * seven. Throws an Error whose message says, in Chinese, what is wrong.
 */
export function briefPeriod(input: string, kind?: BriefKind): BriefPeriod {
  const code = input.trim().replace(/\s+/g, '').replace(/[～~至]/g, '..')
  if (!code) throw new Error(`请选择统计区间（${FORMS}）`)
  let p: BriefPeriod
  let m: RegExpMatchArray | null
  if (isCalendarDate(code)) {
    const w = kind === 'weekly' ? weekOf(code) : { from: code, to: code }
    p = make(w.from, w.to)
  } else if ((m = code.match(/^(\d{4})-?[Ww](\d{1,2})$/))) {
    const w = isoWeek(Number(m[1]), Number(m[2]))
    p = make(w.from, w.to)
  } else {
    let parsed
    try {
      parsed = parsePeriod(code)
    } catch (e) {
      const why = (e as Error).message
      throw new Error(why.startsWith('无法识别') ? `无法识别的统计区间：${input.slice(0, 40)}（${FORMS}）` : why)
    }
    p = make(parsed.from, parsed.to)
  }
  if (kind === 'daily' && p.days !== 1) throw new Error(`舆情日报只统计一天，请填写一个日期（如 ${p.from}），而不是 ${p.days} 天的区间`)
  if (kind === 'weekly' && p.days !== 7) throw new Error(`舆情周报统计 7 天（如 2023-06-05..2023-06-11，或填写一个日期取其所在的周一至周日），所给区间为 ${p.days} 天`)
  return p
}

/** The problem with a brief's period, in Chinese, or null when it is fine. */
export function briefPeriodProblem(input: string, kind?: BriefKind): string | null {
  try {
    briefPeriod(input, kind)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

/** The same span just before (上期), for the 环比 in the overview. */
export function previousBriefPeriod(p: BriefPeriod): { from: string; to: string; short: string } {
  const from = addDays(p.from, -p.days)
  const to = addDays(p.from, -1)
  return { from, to, short: make(from, to).short }
}
