// How the secretary reads the tally: a quota's result in plain words (本月 10 条，目标 4 条，已达标), and which way
// each figure is good news (fewer 负面 mentions is good, fewer posts is not). Pure, no I/O: the 统计 screen, the
// report's figure list (Word appendix, workbook, CSV, CLI) and their tests all read the tally through here.
import { CHANNEL_UNITS, type Channel } from './channels'
import { parsePeriod, type PeriodKind } from './periods'
import type { QuotaPeriod } from './contract/quotas'

/**
 * The unit a quota counts in: the one its own name uses (工作动态信息每周至少 1 条 → 条), so the sentence keeps the
 * office's word; else its channel's (微信公众号 → 篇); a quota on outlet level alone counts 稿件 (篇).
 */
export function quotaUnit(q: { label: string; channel: Channel | null }): string {
  const named = [...q.label.matchAll(/\d+\s*(人次|篇|条|次|份|期|部|场|项|批|个)/g)].at(-1)?.[1]
  return named ?? (q.channel ? CHANNEL_UNITS[q.channel] : '篇')
}

const EACH: Record<QuotaPeriod, string> = { week: '每周', month: '每月', half: '每半年' }
/** How many of a quota's periods: 4 周, 2 个月, 2 个半年. */
export const COUNT: Record<QuotaPeriod, string> = { week: '周', month: '个月', half: '个半年' }
const SPAN: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', half: '本半年', year: '全年', range: '本期' }

/** How the tally refers to its own period in a sentence: 本月, 本季度, 上半年, 全年, 本期. */
export function periodSpan(code: string): string {
  try {
    const p = parsePeriod(code)
    return p.kind === 'half' ? p.short : SPAN[p.kind]
  } catch {
    return SPAN.range
  }
}

/** met: every whole period reached its target; short: one did not; unjudged: no whole period in the tally. */
export type QuotaState = 'met' | 'short' | 'unjudged'

export interface QuotaReading {
  state: QuotaState
  /** 本月 / 本季度 / 上半年 / 全年 / 本期. */
  span: string
  actual: number
  unit: string
  /** 目标 8 篇 · 目标 4 篇（每周 1 篇，4 周）· 每半年目标 5 篇 (unjudged). */
  target: string
  /** 已达标 · 未达标，差 2 篇 · 未达标，4 周中有 1 周不足 1 篇，共差 1 篇 · 本月不单独考核. */
  verdict: string
  /** The whole sentence: 本月 10 篇，目标 8 篇，已达标. */
  text: string
}

/** What the wording needs of a quota's progress (QuotaProgress has all of it). */
export interface QuotaFacts {
  period: QuotaPeriod
  /** Target of one period. */
  perPeriod: number
  /** perPeriod × whole periods in the tally. */
  target: number
  actual: number
  unit: string
  periods: { actual: number; partial: boolean; off: string | null }[]
}

/** A period a quota is judged on: whole within the range asked for, and not a week with no working day. */
export function judged(p: { partial: boolean; off: string | null }): boolean {
  return !p.partial && !p.off
}

/** A quota's result over the tally's period (its code: 2023-05, 2023H1 …), as the secretary reads it. */
export function readQuota(q: QuotaFacts, periodCode: string): QuotaReading {
  const span = periodSpan(periodCode)
  const { unit, perPeriod: per } = q
  const n = (x: number) => `${x} ${unit}`
  const whole = q.periods.filter(judged)
  const offWeeks = q.periods.filter((p) => !p.partial && p.off).length
  const reading = (state: QuotaState, target: string, verdict: string): QuotaReading => ({
    state, span, actual: q.actual, unit, target, verdict, text: `${span} ${n(q.actual)}，${target}，${verdict}`
  })
  if (whole.length === 0) return reading('unjudged', `${EACH[q.period]}目标 ${n(per)}`, `${span}不单独考核`)
  const missed = whole.filter((p) => p.actual < per)
  const shortBy = missed.reduce((a, p) => a + per - p.actual, 0)
  if (whole.length === 1) {
    return missed.length === 0 ? reading('met', `目标 ${n(q.target)}`, '已达标') : reading('short', `目标 ${n(q.target)}`, `未达标，差 ${n(shortBy)}`)
  }
  const count = `${whole.length} ${COUNT[q.period]}${offWeeks ? `，放假 ${offWeeks} 周不计` : ''}`
  const target = `目标 ${n(q.target)}（${EACH[q.period]} ${n(per)}，${count}）`
  if (missed.length === 0) return reading('met', target, '已达标')
  return reading('short', target, `未达标，${count}中有 ${missed.length} ${COUNT[q.period]}不足 ${n(per)}，共差 ${n(shortBy)}`)
}

/** Which way a figure is good news. */
export type Direction = 'higher' | 'lower' | 'neutral'

/**
 * Every figure whose good direction is not 'higher' (more work done, more read, more closed). Lower is better
 * for bad news and for time taken; neutral where more or fewer says nothing by itself (all mentions, 误报,
 * 合作版面, accounts in use).
 */
export const FIGURE_DIRECTIONS: Readonly<Record<string, Direction>> = {
  'mentions.negative': 'lower',
  'mentions.serious': 'lower',
  'mentions.major': 'lower',
  'mentions.severe': 'lower',
  'mentions.medianCloseHours': 'lower',
  'mentions.total': 'neutral',
  'mentions.neutral': 'neutral',
  'mentions.general': 'neutral',
  'mentions.removed': 'neutral',
  'mentions.ignored': 'neutral',
  'submissions.paid': 'neutral',
  'accounts.active': 'neutral'
}

export function figureDirection(key: string): Direction {
  return FIGURE_DIRECTIONS[key] ?? 'higher'
}

/** good / bad for a change of a figure, flat for none, neutral for a figure with no good direction. */
export type ChangeTone = 'good' | 'bad' | 'flat' | 'neutral'

export function changeTone(key: string, diff: number): ChangeTone {
  if (diff === 0) return 'flat'
  const d = figureDirection(key)
  if (d === 'neutral') return 'neutral'
  return (diff > 0) === (d === 'higher') ? 'good' : 'bad'
}
