// How the report words each month's sign-off and which figures it uses. The preview, the Word appendix (附表3)
// and the workbook's 签阅情况 sheet all read these strings, so the three cannot say different things. Pure.
import type { FigureChange, MonthSignoff } from '../../shared/contract/reports'
import { chinaDate } from '../../shared/dates'
import { chineseDate } from './numbers'
import type { Table } from './tables'

/** Changed figures named in a sentence before "等". */
const CHANGES_NAMED = 3

/** '2023-05' → 5月 (2023年5月 when the period spans years). */
export function monthLabel(month: string, withYear = false): string {
  return `${withYear ? `${month.slice(0, 4)}年` : ''}${Number(month.slice(5, 7))}月`
}

/** An ISO instant as the China calendar date the secretary signed on: 2023年6月2日. */
export function signedDay(iso: string): string {
  return chineseDate(chinaDate(new Date(iso)))
}

const round = (n: number): number => Math.round(n * 10) / 10

/** 微信公众号 2→1、舆情·负面 0→1等 */
export function changesText(changes: readonly FigureChange[], limit = CHANGES_NAMED): string {
  const named = changes.slice(0, limit).map((c) => `${c.label} ${round(c.signed)}→${round(c.now)}`)
  return `${named.join('、')}${changes.length > limit ? `等${changes.length}项` : ''}`
}

/** 已签阅（第2版，王书记，2023年6月2日） / 签阅后有变动（…；变动：…） / 未签阅（月份未结束）. */
export function monthStateText(s: Omit<MonthSignoff, 'text'>): string {
  if (s.state === 'unsigned') return s.ended ? '未签阅' : '未签阅（月份未结束）'
  const who = `第${s.version}版，${s.signedBy}，${signedDay(s.signedAt!)}`
  if (s.state === 'signed') return `已签阅（${who}）`
  const what = s.figureChanges.length ? `变动：${changesText(s.figureChanges)}` : `${s.rowChanges}条台账记录有修改，统计数字未变`
  return `签阅后有变动（${who}签阅；${what}）`
}

/** Which figures the draft uses: today's, with each month's signed version listed. */
export function basisText(today: string, months: readonly MonthSignoff[], withYear = false): string {
  const each = months.map((m) => {
    const name = monthLabel(m.month, withYear)
    if (m.state === 'signed') return `${name}已签阅（第${m.version}版）`
    if (m.state === 'changed') return `${name}签阅后有变动（签阅第${m.version}版）`
    return `${name}未签阅`
  })
  const changed = months.some((m) => m.state === 'changed')
  return `本稿数字为${chineseDate(today)}的现行统计${each.length ? `，各月签阅情况：${each.join('；')}` : ''}。${changed ? '签阅后有变动的月份以现行数字为准，变动的数字见各月签阅情况表。' : ''}`
}

/** The 签阅情况 sheet (and the rows of the Word appendix table). */
export function signoffTable(months: readonly MonthSignoff[], withYear = false): Table {
  return {
    name: '签阅情况',
    columns: [
      { header: '月份', width: 10 }, { header: '签阅情况', width: 14 }, { header: '版本', width: 8 }, { header: '签阅人', width: 12 },
      { header: '签阅日期', width: 16 }, { header: '签阅后变动的数字', width: 60 }, { header: '签阅后修改的台账记录', width: 12 }
    ],
    rows: months.map((m) => [
      monthLabel(m.month, withYear),
      m.state === 'signed' ? '已签阅' : m.state === 'changed' ? '签阅后有变动' : m.ended ? '未签阅' : '未签阅（月份未结束）',
      m.version,
      m.signedBy,
      m.signedAt ? signedDay(m.signedAt) : null,
      m.figureChanges.length ? changesText(m.figureChanges, Infinity) : null,
      m.state === 'unsigned' ? null : m.rowChanges
    ])
  }
}
