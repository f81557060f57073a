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
