// Report and tally periods. Every period is a pair of China calendar dates ('YYYY-MM-DD', inclusive), so which
// period a piece belongs to depends on its date string only, never on the machine's time zone.
import { addDays, addMonths, addYears, chinaClock, daysBetween, formatDate, isCalendarDate, monthRange } from './dates'

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year' | 'range'

export interface Period {
  kind: PeriodKind
  /** Canonical code: 2023-05, 2023Q2, 2023H1, 2023, 2023-01-01..2023-03-31. */
  code: string
  from: string
  to: string
  /** Full name, e.g. 2023年上半年, 2023年5月, 2023年第二季度, 2023年1月1日至3月31日. */
  label: string
  /** How the report's sentences refer to it: 上半年, 5月份, 二季度, 1月1日至3月31日. */
  short: string
}

const QUARTER_NAMES = ['一', '二', '三', '四']

/** The problem with a period code, in Chinese, or null when it is fine. */
export function periodProblem(code: string): string | null {
  try {
    parsePeriod(code)
    return null
  } catch (e) {
    return (e as Error).message
  }
}

function dayLabel(date: string, withYear: boolean): string {
  return formatDate(date, withYear ? 'yyyy年M月d日' : 'M月d日')
}

export function rangePeriod(from: string, to: string): Period {
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw new Error('日期无效，格式如 2023-01-01..2023-03-31')
  if (from > to) throw new Error('开始日期不能晚于结束日期')
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) throw new Error('统计区间不能超过 10 年')
  const sameYear = from.slice(0, 4) === to.slice(0, 4)
  const short = `${dayLabel(from, !sameYear)}至${dayLabel(to, !sameYear)}`
  return { kind: 'range', code: `${from}..${to}`, from, to, label: sameYear ? `${from.slice(0, 4)}年${short}` : short, short }
}

export function monthPeriod(month: string): Period {
  const { from, to } = monthRange(month)
  const m = Number(month.slice(5, 7))
  return { kind: 'month', code: month, from, to, label: `${month.slice(0, 4)}年${m}月`, short: `${m}月份` }
}

function quarterPeriod(year: number, q: number): Period {
  const first = `${year}-${String(q * 3 - 2).padStart(2, '0')}`
  return { kind: 'quarter', code: `${year}Q${q}`, from: `${first}-01`, to: monthRange(addMonths(first, 2)).to, label: `${year}年第${QUARTER_NAMES[q - 1]}季度`, short: `${QUARTER_NAMES[q - 1]}季度` }
}

function halfPeriod(year: number, h: 1 | 2): Period {
  const short = h === 1 ? '上半年' : '下半年'
  return h === 1
    ? { kind: 'half', code: `${year}H1`, from: `${year}-01-01`, to: `${year}-06-30`, label: `${year}年${short}`, short }
    : { kind: 'half', code: `${year}H2`, from: `${year}-07-01`, to: `${year}-12-31`, label: `${year}年${short}`, short }
}

function yearPeriod(year: number): Period {
  return { kind: 'year', code: String(year), from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年`, short: '全年' }
}

function checkYear(y: number): number {
  if (y < 1990 || y > 2100) throw new Error('年份须在 1990 至 2100 之间')
  return y
}

/**
 * Parse 2023H1 / 2023H2 / 2023Q2 / 2023-05 / 2023 / 2023-01-01..2023-03-31 (also 2023上半年, 2023下半年).
 * Throws an Error with a Chinese message naming what is wrong.
 */
export function parsePeriod(input: string): Period {
  const code = input.trim().replace(/\s+/g, '').replace(/[～~至]/g, '..')
  let m: RegExpMatchArray | null
  if ((m = code.match(/^(\d{4})[Hh]([12])$/)) || (m = code.match(/^(\d{4})年?([上下])半年$/))) {
    return halfPeriod(checkYear(Number(m[1])), m[2] === '1' || m[2] === '上' ? 1 : 2)
  }
  if ((m = code.match(/^(\d{4})[Qq]([1-4])$/))) return quarterPeriod(checkYear(Number(m[1])), Number(m[2]))
  if ((m = code.match(/^(\d{4})-(\d{2})$/))) {
    checkYear(Number(m[1]))
    if (Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(`月份无效：${input}`)
    return monthPeriod(code)
  }
  if ((m = code.match(/^(\d{4})年?$/))) return yearPeriod(checkYear(Number(m[1])))
  if ((m = code.match(/^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/))) {
    checkYear(Number(m[1].slice(0, 4)))
    checkYear(Number(m[2].slice(0, 4)))
    return rangePeriod(m[1], m[2])
  }
  throw new Error(`无法识别的统计区间：${input.slice(0, 40)}（可用 2023H1、2023H2、2023Q2、2023-05、2023-01-01..2023-03-31）`)
}

/** The period just before (环比): previous month / quarter / half / year, or the same number of days before a range. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.from.slice(0, 4))
  switch (p.kind) {
    case 'month':
      return monthPeriod(addMonths(p.code, -1))
    case 'quarter': {
      const q = Number(p.code.slice(5))
      return q === 1 ? quarterPeriod(y - 1, 4) : quarterPeriod(y, q - 1)
    }
    case 'half':
      return p.code.endsWith('H1') ? halfPeriod(y - 1, 2) : halfPeriod(y, 1)
    case 'year':
      return yearPeriod(y - 1)
    case 'range': {
      const days = daysBetween(p.from, p.to) + 1
      return rangePeriod(addDays(p.from, -days), addDays(p.from, -1))
    }
  }
}

/** The same period a year earlier (同比). 29 February falls back to the 28th. */
export function samePeriodLastYear(p: Period): Period {
  const y = Number(p.from.slice(0, 4))
  switch (p.kind) {
    case 'month':
      return monthPeriod(addMonths(p.code, -12))
    case 'quarter':
      return quarterPeriod(y - 1, Number(p.code.slice(5)))
    case 'half':
      return halfPeriod(y - 1, p.code.endsWith('H1') ? 1 : 2)
    case 'year':
      return yearPeriod(y - 1)
    case 'range':
      return rangePeriod(addYears(p.from, -1), addYears(p.to, -1))
  }
}

/** Months 'YYYY-MM' a period touches, in order. */
export function monthsOf(p: { from: string; to: string }): string[] {
  const out: string[] = []
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = addMonths(m, 1)) out.push(m)
  return out
}

/** The month before the one containing `today` (the tally's default: the secretary signs last month). */
export function lastMonthOf(today: string): string {
  return addMonths(today.slice(0, 7), -1)
}

export interface Change {
  /** now − before */
  diff: number
  /** Percentage change rounded to one decimal; null when the earlier value is 0 (no base to compare with). */
  pct: number | null
}

/** 环比 / 同比 arithmetic: the change from `before` to `now`. */
export function changeOf(now: number, before: number): Change {
  const diff = Math.round((now - before) * 100) / 100
  if (before === 0) return { diff, pct: null }
  return { diff, pct: Math.round(((now - before) / Math.abs(before)) * 1000) / 10 }
}

/**
 * How a change reads beside a figure: ↑12.5%, ↓3.0%, 持平, 新增 (from zero), —. A figure that is itself a
 * percentage (办结率, 原创占比) changes by percentage points: ↓23.6个百分点.
 */
export function changeText(c: Change, unit = ''): string {
  if (unit === '%') return c.diff === 0 ? '持平' : `${c.diff > 0 ? '↑' : '↓'}${Math.abs(Math.round(c.diff * 10) / 10)}个百分点`
  if (c.pct === null) return c.diff === 0 ? '—' : c.diff > 0 ? '新增' : '—'
  if (c.pct === 0) return '持平'
  return `${c.pct > 0 ? '↑' : '↓'}${Math.abs(c.pct).toFixed(1)}%`
}

/** A stored UTC instant as China's wall clock, '2023-06-02 14:30' (sign-off and closing times the office reads). */
export function chinaDateTime(iso: string | null): string {
  return iso ? chinaClock(iso, 'yyyy-MM-dd HH:mm') : ''
}
