// How the office writes numbers in its summaries: counts of pieces exactly ("上报信息及线索186篇"), large amounts
// either exactly or rounded down with 余 ("印制各类宣传册10万余份", "发放宣传资料860余份"). Pure functions.
import type { NumberWording } from '../../shared/contract/reports'

/** Below this an amount is always written exactly ("锦旗2面", "发放资料60份"). */
const APPROX_FROM = 100

/** n rounded down to two significant digits: 103600 → 100000, 3560 → 3500, 865 → 860. */
export function floorTwoDigits(n: number): number {
  if (n < 100) return Math.floor(n)
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1)
  return Math.floor(n / unit) * unit
}

/** 120000 → 12万, 15000 → 1.5万 (the value is already rounded to what it should show). */
function wan(n: number): string {
  const w = n / 10_000
  return `${Number.isInteger(w) ? w : Number(w.toFixed(4)).toString()}万`
}

/**
 * An amount (copies, people, reads, notes) as the report writes it. exact: plain digits (103600).
 * approx: rounded down to two significant digits, in 万 from ten thousand, with 余 when something was dropped
 * (103600 → 10万余, 3560 → 3500余, 1000 → 1000, 99 → 99).
 */
export function amountText(n: number, wording: NumberWording): string {
  const v = Math.round(n)
  if (wording === 'exact' || v < APPROX_FROM) return String(v)
  const r = floorTwoDigits(v)
  const text = r >= 10_000 ? wan(r) : String(r)
  return r < v ? `${text}余` : text
}

/** A count of pieces, meetings, banners: always exact. */
export function countText(n: number): string {
  return String(Math.round(n))
}

export function percentText(p: number): string {
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`
}

/** Hours to close, as a sentence writes it: 5.5小时, 36小时 (约1.5天 beyond two days). */
export function hoursText(h: number): string {
  const hours = Number.isInteger(h) ? String(h) : h.toFixed(1)
  return h >= 48 ? `${hours}小时（约${(h / 24).toFixed(1)}天）` : `${hours}小时`
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (section numbers 一、二、…). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n]
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`
  return String(n)
}

/** ['甲', '乙', '丙'] → 甲、乙、丙 */
export function listText(items: readonly string[]): string {
  return items.join('、')
}

/** '2023-07-03' → 2023年7月3日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}
