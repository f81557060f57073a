// Dates in the desk are China's calendar dates ('YYYY-MM-DD'), whatever the machine's time zone.
// Timestamps (created/updated, fetched) are ISO strings in UTC.
//
// Two date-fns contexts, so that nothing reads the machine's zone: an instant becomes a date or a wall clock in
// Asia/Shanghai; a calendar date string is read and shifted as a UTC day, where every day has 24 hours (no summer
// time, no historic offsets), which is pure calendar arithmetic.
// Functions come from their own date-fns entry points: the package index loads all of date-fns, ~0.2 s at every
// start of the CLI and the database worker.
import { tz } from '@date-fns/tz'
import { addDays as shiftDays } from 'date-fns/addDays'
import { addMonths as shiftMonths } from 'date-fns/addMonths'
import { addYears as shiftYears } from 'date-fns/addYears'
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays'
import { endOfMonth } from 'date-fns/endOfMonth'
import { format } from 'date-fns/format'
import { isValid } from 'date-fns/isValid'
import { parseISO } from 'date-fns/parseISO'
import { startOfISOWeek } from 'date-fns/startOfISOWeek'

const CHINA_TZ = 'Asia/Shanghai'
const inChina = { in: tz(CHINA_TZ) }
const asDay = { in: tz('UTC') }
const DAY = 'yyyy-MM-dd'

/** The calendar date in China at the given instant. */
export function chinaDate(at: Date = new Date()): string {
  return format(at, DAY, inChina)
}

/** 'YYYY-MM' of a calendar date or of "now" in China. */
export function chinaMonth(at: Date = new Date()): string {
  return format(at, 'yyyy-MM', inChina)
}

/** The instant a China calendar day begins, as ISO UTC text like the stored timestamps. */
export function chinaDayStart(date: string): string {
  return new Date(+parseISO(date, inChina)).toISOString()
}

/** A stored instant as China's wall clock in a date-fns pattern ('yyyy-MM-dd HH:mm'); text that is no instant comes back as it was. */
export function chinaClock(iso: string, pattern: string): string {
  const t = new Date(iso)
  return isValid(t) ? format(t, pattern, inChina) : iso
}

export function isCalendarDate(s: string): boolean {
  // parseISO checks the day against the month (and leap years) before it builds a date, so no zone is involved.
  // Years before 100 are refused as they always were: 0023-05-01 is a typo for 2023, not a date to store.
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && s >= '0100' && isValid(parseISO(s))
}

/**
 * A calendar date as a TZDate at UTC midnight of that day: what date-fns computes on here, and how Excel cells carry
 * a day. Being a TZDate, its toISOString() ends in +00:00, not Z.
 */
export function calendarDay(date: string): Date {
  return parseISO(date, asDay)
}

/** The calendar date of a Date read in UTC (the inverse of calendarDay; spreadsheet readers give days this way). */
export function utcDate(at: Date): string {
  return format(at, DAY, asDay)
}

/** A calendar date in a date-fns pattern, e.g. 'M月d日'. */
export function formatDate(date: string, pattern: string): string {
  return format(calendarDay(date), pattern, asDay)
}

/** First and last calendar day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const from = `${month}-01`
  return { from, to: utcDate(endOfMonth(calendarDay(from))) }
}

/** Shift a month 'YYYY-MM' by n months. */
export function addMonths(month: string, n: number): string {
  return format(shiftMonths(calendarDay(`${month}-01`), n), 'yyyy-MM', asDay)
}

/** Shift a calendar date by n days. */
export function addDays(date: string, n: number): string {
  return utcDate(shiftDays(calendarDay(date), n))
}

/** Shift a calendar date by n years; 29 February falls back to the 28th. */
export function addYears(date: string, n: number): string {
  return utcDate(shiftYears(calendarDay(date), n))
}

/** Days from one calendar date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(calendarDay(to), calendarDay(from))
}

/** Monday of the week containing a calendar date. */
export function mondayOf(date: string): string {
  return utcDate(startOfISOWeek(calendarDay(date)))
}

// ---- Dates as the office types them: 2023-5-3, 2023/5/3, 2023.5.3, 2023年5月3日, 20230503 (full-width too).
// One parser for the ledger import (services/ledger/cells.ts) and the date fields of the window (DateInput).

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/
export const MIN_DATE_YEAR = 1950
export const MAX_DATE_YEAR = 2100
export const DATE_FORMS = '2023-03-05、2023/3/5 或 2023年3月5日'

const pad2 = (n: string): string => n.padStart(2, '0')

/** Full-width digits and separators (typed with a Chinese input method) as their ASCII twins. */
function halfWidth(s: string): string {
  return s.replace(/[\uff10-\uff19\uff0d\uff0f\uff0e\uff1a\u3000]/g, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

/** The 'YYYY-MM-DD' a typed text spells, not yet checked against the calendar; null when it spells none. */
export function dateFromText(text: string): string | null {
  const s = halfWidth(text.trim())
  const m = DATE_TEXT.exec(s)
  if (m) return `${m[1]}-${pad2(m[2])}-${pad2(m[3])}`
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`
  return null
}

/** A candidate day checked: on the calendar (no 2 月 30 日) and within the years the desk keeps; `shown` is what was typed. */
export function checkedDate(date: string | null, shown: string): { date: string } | { error: string } {
  if (date === null || !isCalendarDate(date)) return { error: `无法识别的日期“${shown}”，请写成 ${DATE_FORMS}` }
  const year = Number(date.slice(0, 4))
  if (year < MIN_DATE_YEAR || year > MAX_DATE_YEAR) return { error: `日期“${date}”不在 ${MIN_DATE_YEAR}—${MAX_DATE_YEAR} 年之间，请检查` }
  return { date }
}

/** Typed date text → 'YYYY-MM-DD', or a Chinese reason (the caller names the field). */
export function parseDateText(text: string): { date: string } | { error: string } {
  const shown = text.trim()
  if (shown === '') return { error: '请填写日期' }
  return checkedDate(dateFromText(shown), shown)
}
