// Reading one spreadsheet cell as the ledger means it: dates in every form the office types, counts, channel and
// status names. Pure functions, no time zone: an Excel date is a day number, and we keep it a day.
import { DATE_FORMS, addDays, checkedDate, dateFromText, utcDate } from '../../shared/dates'
import { CHANNELS, STATUSES, type Channel, type Status } from '../../shared/channels'

/** What a reader hands over for one cell. */
export type CellValue = string | number | boolean | Date | null

/** Excel's day 0 (1899-12-30 in the 1900 system, which also counts the non-existent 1900-02-29). */
const EPOCH_1900 = '1899-12-30'
const EPOCH_1904 = '1904-01-01'

export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : utcDate(v)
  return String(v).trim()
}

/** An Excel serial day number → calendar date. The fraction (time of day) is dropped: the day is what was typed. */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null
  return addDays(date1904 ? EPOCH_1904 : EPOCH_1900, Math.floor(serial))
}

export { DATE_FORMS }

/** Date cell → 'YYYY-MM-DD', or a Chinese reason. Typed text is read by shared/dates.ts, as in the window's date fields. */
export function parseDateCell(v: CellValue, date1904 = false): { date: string } | { error: string } {
  let date: string | null = null
  if (v instanceof Date) {
    // Readers give Excel dates as UTC midnight of the day shown; read the day in UTC, whatever the machine's zone.
    date = Number.isNaN(v.getTime()) ? null : utcDate(v)
  } else if (typeof v === 'number') {
    date = /^\d{8}$/.test(String(v)) ? dateFromText(String(v)) : excelSerialToDate(v, date1904)
  } else {
    const s = cellText(v)
    if (s === '') return { error: '请填写日期' }
    // A five-digit text is an Excel day number that lost its format: spreadsheets only, never a typed field.
    date = dateFromText(s) ?? (/^\d{5}(\.\d+)?$/.test(s) ? excelSerialToDate(Number(s), date1904) : null)
  }
  return checkedDate(date, cellText(v))
}

/** Count cell (数量, 覆盖人次) → integer ≥ 0, null when blank, or a reason. "1,200" and "1200 " are fine. */
export function parseCountCell(v: CellValue): { value: number | null } | { error: string } {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { value: null }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim().replace(/[,，\s]/g, '')) : NaN
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 0) return { error: `“${cellText(v)}”不是有效的数量，须为不小于 0 的整数` }
  if (n > 1e9) return { error: `“${cellText(v)}”太大，请检查` }
  return { value: n }
}

/** Other names officers use for a channel, besides the names in the channel table. */
const CHANNEL_ALIASES: Record<string, Channel> = {
  公众号: 'wechat',
  微信: 'wechat',
  微信号: 'wechat',
  官网: 'website',
  网站: 'website',
  LED: 'led',
  led屏: 'led',
  电子屏: 'led',
  电子显示屏: 'led',
  工作动态: 'gov_report',
  信息报送: 'gov_report',
  活动: 'event',
  会议: 'meeting'
}
const CHANNEL_BY_NAME = new Map<string, Channel>([
  ...(Object.entries(CHANNELS) as [Channel, string][]).map(([code, name]) => [name.toLowerCase(), code] as [string, Channel]),
  ...(Object.keys(CHANNELS) as Channel[]).map((code) => [code, code] as [string, Channel]),
  ...Object.entries(CHANNEL_ALIASES).map(([name, code]) => [name.toLowerCase(), code] as [string, Channel])
])

export function channelFromName(s: string): Channel | null {
  return CHANNEL_BY_NAME.get(s.trim().replace(/\s+/g, '').toLowerCase()) ?? null
}

const STATUS_BY_NAME = new Map<string, Status>([
  ...(Object.entries(STATUSES) as [Status, string][]).map(([code, name]) => [name, code] as [string, Status]),
  ...(Object.keys(STATUSES) as Status[]).map((code) => [code, code] as [string, Status]),
  ['已播放', 'published'],
  ['已举办', 'completed'],
  ['已采用', 'accepted'],
  ['未采用', 'not_accepted']
])

export function statusFromName(s: string): Status | null {
  return STATUS_BY_NAME.get(s.trim().replace(/\s+/g, '')) ?? null
}

/** 主题 cell → themes. The office separates them with 、 , or ，. */
export function splitThemes(s: string): string[] {
  return [...new Set(s.split(/[、,，]/).map((t) => t.trim()).filter(Boolean))]
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = ''
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
