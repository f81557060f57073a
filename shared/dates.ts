// Dates in the desk are China's calendar dates ('YYYY-MM-DD'), whatever the machine's time zone.
// Timestamps (created/updated, fetched) are ISO strings in UTC.

const CHINA_TZ = 'Asia/Shanghai'
const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TZ, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar date in China at the given instant. */
export function chinaDate(at: Date = new Date()): string {
  return fmt.format(at)
}

/** 'YYYY-MM' of a calendar date or of "now" in China. */
export function chinaMonth(at: Date = new Date()): string {
  return chinaDate(at).slice(0, 7)
}

export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number)
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

/** First and last calendar day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` }
}

/** Shift a month 'YYYY-MM' by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  const idx = y * 12 + (m - 1) + n
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`
}

/** Shift a calendar date by n days (pure calendar arithmetic, no time zone involved). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** 上半年 / 下半年 of a calendar date. */
export function halfOf(date: string): 'H1' | 'H2' {
  return Number(date.slice(5, 7)) <= 6 ? 'H1' : 'H2'
}
