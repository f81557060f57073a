// How the 舆情 briefs and 专报 write times, spans and states: China wall time in the official form
// (6月11日9时20分), spans as 3天5小时, and the triage states by their desk names. Pure: strings in, strings out.
import { chinaClock } from '../../shared/dates'
import { FEED_STATUSES, mentionStatusLabel, type FeedStatus } from '../../shared/watch'

/** 2023年6月11日9时20分 (9时 on the hour); without the year when it is `year`. */
export function clockWords(iso: string, year?: string): string {
  const y = chinaClock(iso, 'yyyy')
  const minutes = chinaClock(iso, 'mm')
  const day = chinaClock(iso, y === year ? 'M月d日' : 'yyyy年M月d日')
  return `${day}${chinaClock(iso, 'H')}时${minutes === '00' ? '' : `${minutes}分`}`
}

/** 2023年6月11日 of an instant (China calendar). */
export function dayWords(iso: string, year?: string): string {
  return chinaClock(iso, chinaClock(iso, 'yyyy') === year ? 'M月d日' : 'yyyy年M月d日')
}

/** 2023-06-11 09:20, for table cells. */
export function clockCell(iso: string | null): string {
  return iso ? chinaClock(iso, 'yyyy-MM-dd HH:mm') : '—'
}

/** The end of a China day at midnight reads 24时 of that day, as a 截至 line says it. */
export function cutoffWords(iso: string, dayEnd: boolean, lastDay: string, year?: string): string {
  if (!dayEnd) return clockWords(iso, year)
  const [y, m, d] = lastDay.split('-').map(Number)
  return `${String(y) === year ? '' : `${y}年`}${m}月${d}日24时`
}

/** A span of time as a person says it: 3天5小时, 5小时20分钟, 20分钟, 不足1分钟; `short` drops the minutes of hours (table cells). */
export function spanWords(ms: number, short = false): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000)
  if (minutes < 1) return '不足1分钟'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return `${days}天${hours ? `${hours}小时` : ''}`
  if (hours > 0) return `${hours}小时${mins && !short ? `${mins}分钟` : ''}`
  return `${mins}分钟`
}

export function spanBetween(from: string, to: string): string {
  return spanWords(Date.parse(to) - Date.parse(from))
}

/** “处置中” with the desk's word for the state. */
export function statusWords(code: string): string {
  return `“${mentionStatusLabel(code)}”`
}

export function feedStatusLabel(status: string): string {
  return (FEED_STATUSES as Record<string, string>)[status as FeedStatus] ?? status
}

export function feedStatusWords(status: string, errors: number): string {
  const label = feedStatusLabel(status)
  return errors > 1 ? `${label}，已连续${errors}次抓取失败` : label
}

/** A headline as quoted in a sentence: “…”, with quotes inside it made single. */
export function quoted(title: string): string {
  return `“${title.replace(/“/g, '‘').replace(/”/g, '’').trim()}”`
}

/** 1．2．3． — the third-level numbering of GB/T 9704 (full-width point). */
export function numbered(i: number, text: string): string {
  return `${i + 1}．${text}`
}

/** A file name from a title: no characters the file systems refuse, no line breaks. */
export function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\r\n\t]/g, '').replace(/\s+/g, ' ').trim().slice(0, 120)
}
