// The opinion watch's vocabulary (舆情监测): mention states and their allowed steps, sentiment, risk grade,
// feed states and source weights. Shared by handlers, CLI and renderer so the wording is reviewed once.

export const MENTION_STATUSES = {
  new: '新',
  assessing: '研判',
  handling: '处置中',
  closed: '已办结',
  ignored: '忽略',
  /** 移除 (误报, 重复…): out of the inbox and every count, kept with its reason (mentions.removed_*). */
  removed: '已移除'
} as const
export type MentionStatus = keyof typeof MENTION_STATUSES
export const MENTION_STATUS_CODES = Object.keys(MENTION_STATUSES) as MentionStatus[]
/** Still waiting for someone: counted as 未处置 on the dashboard and shown by default in the inbox. */
export const OPEN_STATUSES: readonly MentionStatus[] = ['new', 'assessing', 'handling']

/**
 * The triage path 新 → 研判 → 处置中 → 已办结, or 忽略 while still open. A closed item can be reopened for
 * further handling (a story flares up again) and an ignored one restored to 新; nothing skips a step.
 */
export const TRIAGE_STEPS: Record<MentionStatus, readonly MentionStatus[]> = {
  new: ['assessing', 'ignored'],
  assessing: ['handling', 'ignored'],
  handling: ['closed', 'ignored'],
  closed: ['handling'],
  ignored: ['new'],
  removed: []
}

/** What the button for a step says (the verb, not the resulting state). */
export const TRIAGE_ACTIONS: Record<MentionStatus, string> = {
  new: '恢复为新',
  assessing: '开始研判',
  handling: '转入处置',
  closed: '办结',
  ignored: '忽略',
  removed: '移除'
}

export function mentionStatusLabel(code: string): string {
  return (MENTION_STATUSES as Record<string, string>)[code] ?? code
}

export const SENTIMENTS = ['负面', '中性', '正面'] as const
export type SentimentLabel = (typeof SENTIMENTS)[number]
export const GRADES = ['重大', '较大', '一般'] as const
export type GradeLabel = (typeof GRADES)[number]

/**
 * The inbox order: 重大/较大 first, then the other negative ones, then the rest; newest first within each.
 * Stored in mentions.score so the sort is one index-friendly column.
 */
export function dangerScore(sentiment: string, grade: string): number {
  if (grade === '重大') return 3
  if (grade === '较大') return 2
  return sentiment === '负面' ? 1 : 0
}

export const FEED_STATUSES = {
  pending: '待抓取',
  ok: '正常',
  /** Read, but the XML was broken: the items that could be read were kept (lastError says how many). */
  partial: '格式有误',
  /** A valid feed with no items in it. */
  empty: '暂无条目',
  error: '出错',
  failing: '失效'
} as const
export type FeedStatus = keyof typeof FEED_STATUSES

/** Source weight used by the risk grade (services/watch/sentiment.ts gradeRisk). */
export const FEED_WEIGHTS: Record<number, string> = {
  0: '自媒体/论坛',
  1: '县级媒体/网站',
  2: '市级媒体',
  3: '省级/中央媒体'
}

export const FEED_CATEGORIES = ['媒体', '政府网站', '卫健委', '论坛/社区', '本院', '其他']

export const DEFAULT_INTERVAL_MIN = 30
export const DEFAULT_QUIET_HOURS = { from: '22:00', to: '07:00' }
/** A feed with no new items for this many days, while others keep bringing them, is flagged 静默 (not a quiet week). */
export const DEFAULT_SILENT_DAYS = 3

/** Minutes since midnight of 'HH:MM'. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

/** Whether China clock time `minutes` lies in [from, to), a window that may wrap past midnight (22:00–07:00). */
export function inQuietWindow(minutes: number, from: string, to: string): boolean {
  const a = clockMinutes(from)
  const b = clockMinutes(to)
  if (a === b) return false
  return a < b ? minutes >= a && minutes < b : minutes >= a || minutes < b
}

/** An http(s) link as a URL, or null: feed links are opened only when they parse as plain web addresses. */
export function safeWebLink(raw: string | null | undefined): string | null {
  if (!raw) return null
  try {
    const u = new URL(raw)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}
