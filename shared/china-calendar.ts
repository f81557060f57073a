// China's working calendar: statutory holidays and 调休 make-up working days. The years the State Council has
// announced come from chinese-days (a maintained list of the 国务院办公厅 notices, 2004 onwards); a year the library
// does not know yet is added by the office itself from that autumn's notice (设置 › 节假日安排), and a date in a year
// with neither is reckoned by weekends only — and says so.
//
// Pure: the office's added years are passed in, so the window, the handlers and the tests reckon alike.
import shipped from 'chinese-days/dist/chinese-days.json' with { type: 'json' }
import { addDays, calendarDay, formatDate } from './dates'

/** One year's schedule: date → the holiday's name, for the days off and for the make-up working days. */
export interface YearSchedule {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

/** The office's own years, by 'YYYY'; a year given here replaces the library's. */
export type AddedSchedules = Record<string, YearSchedule>

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup'

export interface CalendarDay {
  date: string
  kind: DayKind
  /** The holiday a day off or a make-up day belongs to (春节, 国庆节 …). */
  holiday?: string
  /** False when the day's year has no schedule: then only weekends are known. */
  known: boolean
}

/** The library writes 'Spring Festival,春节,4'; the desk names a holiday as the State Council's notice does. */
const FULL_NAMES: Record<string, string> = { 中秋: '中秋节', 端午: '端午节', 清明: '清明节' }

function chineseName(value: string): string {
  const name = value.split(',')[1] ?? value
  return FULL_NAMES[name] ?? name
}

function byYear(days: Record<string, string>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>()
  for (const [date, value] of Object.entries(days)) {
    const year = date.slice(0, 4)
    const one = out.get(year) ?? {}
    one[date] = chineseName(value)
    out.set(year, one)
  }
  return out
}

const SHIPPED: Map<string, YearSchedule> = (() => {
  const holidays = byYear(shipped.holidays)
  const workdays = byYear(shipped.workdays)
  const out = new Map<string, YearSchedule>()
  for (const year of holidays.keys()) out.set(year, { holidays: holidays.get(year) ?? {}, workdays: workdays.get(year) ?? {} })
  return out
})()

/** The years the library ships, oldest first. */
export const SHIPPED_YEARS: readonly number[] = [...SHIPPED.keys()].map(Number).sort((a, b) => a - b)

export function shippedSchedule(year: number): YearSchedule | undefined {
  return SHIPPED.get(String(year))
}

export class WorkCalendar {
  private readonly years = new Set<string>()
  private readonly off = new Map<string, string>()
  private readonly on = new Map<string, string>()

  /** A year's schedule may reach into the year before it (元旦 from 12月31日), so days are kept by date, not by year. */
  constructor(added: AddedSchedules = {}) {
    const years = new Map(SHIPPED)
    for (const [year, s] of Object.entries(added)) years.set(year, s)
    for (const [year, s] of [...years].sort(([a], [b]) => a.localeCompare(b))) {
      this.years.add(year)
      for (const [d, name] of Object.entries(s.holidays)) this.off.set(d, name)
      for (const [d, name] of Object.entries(s.workdays)) this.on.set(d, name)
    }
  }

  hasSchedule(year: number | string): boolean {
    return this.years.has(String(year))
  }

  day(date: string): CalendarDay {
    const holiday = this.off.get(date)
    if (holiday) return { date, kind: 'holiday', holiday, known: true }
    const makeup = this.on.get(date)
    if (makeup) return { date, kind: 'makeup', holiday: makeup, known: true }
    const weekend = [0, 6].includes(calendarDay(date).getUTCDay())
    return { date, kind: weekend ? 'weekend' : 'workday', known: this.hasSchedule(date.slice(0, 4)) }
  }

  isWorkday(date: string): boolean {
    const k = this.day(date).kind
    return k === 'workday' || k === 'makeup'
  }

  /** Working days from `from` up to the day before `to` (0 when `to` is not later). */
  workdaysBetween(from: string, to: string): number {
    let n = 0
    for (let d = from; d < to; d = addDays(d, 1)) if (this.isWorkday(d)) n++
    return n
  }

  /** The working day `n` working days after `date` (n < 0: before it); n = 0 gives `date` itself. */
  addWorkdays(date: string, n: number): string {
    const step = n < 0 ? -1 : 1
    let d = date
    for (let left = Math.abs(n); left > 0; ) {
      d = addDays(d, step)
      if (this.isWorkday(d)) left--
    }
    return d
  }

  /** The statutory holidays with a day off between two dates (inclusive), each as one run shown whole. */
  holidaysIn(from: string, to: string): HolidayRun[] {
    const runs: HolidayRun[] = []
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const day = this.day(d)
      if (day.kind !== 'holiday') continue
      const last = runs[runs.length - 1]
      if (last && last.name === day.holiday && addDays(last.to, 1) === d) last.to = d
      else runs.push({ name: day.holiday!, from: d, to: d })
    }
    for (const r of runs) {
      while (this.off.get(addDays(r.from, -1)) === r.name) r.from = addDays(r.from, -1)
      while (this.off.get(addDays(r.to, 1)) === r.name) r.to = addDays(r.to, 1)
    }
    return runs
  }

  /** Years between two dates that have no schedule (their working days are reckoned by weekends only). */
  unknownYears(from: string, to: string): number[] {
    const out: number[] = []
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!this.hasSchedule(y)) out.push(y)
    return out
  }
}

export interface HolidayRun {
  name: string
  from: string
  to: string
}

/** 9月29日至10月6日中秋节、国庆节放假, 2月5日至13日春节放假 — the holidays between two dates, as a warning names them. */
export function holidaysText(runs: readonly HolidayRun[]): string {
  if (!runs.length) return ''
  const from = runs[0].from
  const to = runs[runs.length - 1].to
  const names = [...new Set(runs.map((r) => r.name))].join('、')
  const end = from.slice(0, 7) === to.slice(0, 7) ? formatDate(to, 'd日') : formatDate(to, 'M月d日')
  const span = from === to ? formatDate(from, 'M月d日') : `${formatDate(from, 'M月d日')}至${end}`
  return `${span}${names}放假`
}

/** The line a reckoning adds when a year has no schedule. */
export function unknownYearsText(years: readonly number[]): string {
  return years.length ? `${years.join('、')}年的节假日安排尚未录入，按周末计算，请在“设置 › 节假日安排”中补充` : ''
}
