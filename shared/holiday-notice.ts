// Reading the State Council's notice (国务院办公厅关于YYYY年部分节假日安排的通知), as the office pastes it, into one
// year's schedule. Each item reads like
//   二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
//   三、清明节：4月4日（周五）至6日（周日）放假，共3天。
//   一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
// An item ends at the next one or at the end of its line (the notice closes with a paragraph of its own).
// A date without a year is in the notice's year; "至6日" without a month is in the month before it.
import { addDays, daysBetween, isCalendarDate } from './dates'
import type { YearSchedule } from './china-calendar'

export type NoticeRead = { schedule: YearSchedule; items: NoticeItem[] } | { error: string }

export interface NoticeItem {
  name: string
  from: string
  to: string
  days: number
  workdays: string[]
}

const ITEM = /(?:^|[\n。；;])\s*[一二三四五六七八九十]+\s*[、.．]\s*([^：:\n]{1,20})[：:]([^\n]*?)(?=\n|$|[。；;]\s*[一二三四五六七八九十]+\s*[、.．])/g
const NOTE = /（[^）]*）|\([^)]*\)/g
const DATE = /(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(\d{1,2})\s*日/g
const OFF = /^(.*?)放假/
const TOTAL = /共\s*(\d+)\s*天/
const WORK = /([^。；;，,]*?)上班/g

function dated(year: number, month: number, day: number): string | null {
  const d = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isCalendarDate(d) ? d : null
}

/** The dates in a stretch of text, each missing year/month taken from the one before it. */
function datesIn(text: string, year: number): (string | null)[] {
  const out: (string | null)[] = []
  let y = year
  let m = 0
  for (const hit of text.matchAll(DATE)) {
    if (hit[1]) y = Number(hit[1])
    if (hit[2]) m = Number(hit[2])
    out.push(m ? dated(y, m, Number(hit[3])) : null)
  }
  return out
}

export function readHolidayNotice(text: string, year: number): NoticeRead {
  const items: NoticeItem[] = []
  const schedule: YearSchedule = { holidays: {}, workdays: {} }
  const body = text.replace(/\r/g, '').replace(/[ \t\u3000]+/g, ' ')
  for (const hit of body.matchAll(ITEM)) {
    const names = hit[1].trim().split(/[、，,和]/).filter(Boolean)
    const name = names.join('、')
    const rest = hit[2].replace(NOTE, '')
    const off = OFF.exec(rest)
    if (!off) continue
    const range = datesIn(off[1], year)
    if (!range.length || range.some((d) => !d)) return { error: `“${name}”的放假日期读不出来：${off[1].trim()}` }
    const from = range[0]!
    const to = range[range.length - 1]!
    if (to < from) return { error: `“${name}”的放假结束日期早于开始日期` }
    const days = daysBetween(from, to) + 1
    const total = TOTAL.exec(rest)
    if (total && Number(total[1]) !== days) return { error: `“${name}”写的是共${total[1]}天，但 ${from} 至 ${to} 是 ${days} 天，请核对` }
    const workdays: string[] = []
    for (const w of rest.slice(off[0].length).matchAll(WORK)) {
      for (const d of datesIn(w[1], year)) {
        if (!d) return { error: `“${name}”的调休上班日期读不出来：${w[1].trim()}` }
        workdays.push(d)
      }
    }
    for (let d = from; d <= to; d = addDays(d, 1)) schedule.holidays[d] = name
    for (const d of workdays) {
      if (schedule.holidays[d]) return { error: `${d} 既是“${name}”的放假日又是上班日，请核对` }
      schedule.workdays[d] = name
    }
    items.push({ name, from, to, days, workdays })
  }
  if (!items.length) return { error: '没有读到任何放假安排：请粘贴国务院办公厅通知的正文（如“一、元旦：1月1日放假，共1天。”）' }
  const outside = Object.keys(schedule.holidays).filter((d) => Math.abs(Number(d.slice(0, 4)) - year) > 1)
  if (outside.length) return { error: `放假日期 ${outside[0]} 不在 ${year} 年前后，请核对年份` }
  return { schedule, items }
}
