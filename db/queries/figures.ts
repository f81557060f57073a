// The SQL behind every tally and report figure: one aggregate pass over the period's pieces and one over its
// mentions — no query per figure, no per-row work in JavaScript. Row ids come from the same grouped pass
// (group_concat) only when asked for: the tally screen does not need them, exports and drill-downs do.
//
// Only carried-out pieces count (COUNTED_STATUSES). Mentions count by their China publication day; "closed"
// means closed before the period ended, so a signed month does not change when an old mention is closed later.
import type { Db } from '../open'
import { COUNTED_STATUSES } from '../../shared/channels'
import { addDays } from '../../shared/dates'

const COUNTED = COUNTED_STATUSES.map((s) => `'${s}'`).join(',')
/** Channels whose 媒体/平台 column names who received or showed the piece (outlet, recipient, medium, screen). */
const VENUE_CHANNELS = `'media','gov_report','notice','tv'`
/** Separates a piece's themes inside one group key (a theme name cannot contain a control character). */
export const THEME_SEPARATOR = '\u001f'

export interface PieceGroup {
  channel: string
  status: string
  level: string | null
  paid: 0 | 1
  kind: string | null
  department: string
  /** Outlet / recipient / medium / screen for the channels where the report names them; null elsewhere. */
  venue: string | null
  /** WeChat only: 1 when marked 原创; null on other channels. */
  original: 0 | 1 | null
  /** 1 when given in two languages (extra.languages, e.g. 回汉双语). */
  bilingual: 0 | 1
  /** The piece's themes joined with THEME_SEPARATOR, or null. */
  themes: string | null
  n: number
  /** The group's oldest piece: ties between outlets or kinds go to the one used first. */
  first: number
  quantity: number
  reach: number
  reads: number
  notes: number
  reflections: number
  /** Comma-separated piece ids (only when asked for). */
  ids?: string
}

/**
 * Counted pieces in [from, to], grouped by everything a figure tells apart. A half-year is a few hundred groups
 * however many pieces it has. `extra` is parsed only where it can hold a figure (instr() skips the rest).
 */
export function pieceGroups(db: Db, from: string, to: string, withIds = false): PieceGroup[] {
  return db.$client
    .prepare(
      `SELECT channel, status, outlet_level AS level, paid, kind, department,
         CASE WHEN channel IN (${VENUE_CHANNELS}) THEN venue END AS venue,
         CASE WHEN channel = 'wechat' THEN coalesce(json_extract(extra, '$.original') IN (1, 'true'), 0) END AS original,
         CASE WHEN instr(extra, '"languages"') > 0 THEN coalesce(json_array_length(extra, '$.languages') > 0, 0) ELSE 0 END AS bilingual,
         (SELECT group_concat(theme, char(31)) FROM (SELECT theme FROM piece_themes t WHERE t.piece_id = pieces.id ORDER BY theme)) AS themes,
         count(*) AS n, min(id) AS first,
         coalesce(sum(quantity), 0) AS quantity,
         coalesce(sum(reach), 0) AS reach,
         coalesce(sum(reads), 0) AS reads,
         coalesce(sum(CASE WHEN channel = 'meeting' THEN json_extract(extra, '$.notesCount') END), 0) AS notes,
         coalesce(sum(CASE WHEN channel = 'meeting' THEN json_extract(extra, '$.reflectionsCount') END), 0) AS reflections
         ${withIds ? ', group_concat(id) AS ids' : ''}
       FROM pieces
       WHERE date BETWEEN ? AND ? AND +status IN (${COUNTED})
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`
    )
    .all(from, to) as PieceGroup[]
}

/** The instant a China calendar day ends, as the ISO UTC text stored in closed_at. */
export function endOfChinaDay(date: string): string {
  return new Date(`${addDays(date, 1)}T00:00:00+08:00`).toISOString()
}

/** How each mention figure picks its rows; `@end` is the end of the period (endOfChinaDay). */
export const MENTION_CLASSES = {
  positive: `sentiment = '正面'`,
  neutral: `sentiment = '中性'`,
  negative: `sentiment = '负面'`,
  general: `grade = '一般'`,
  serious: `grade = '较大'`,
  major: `grade = '重大'`,
  closed: `status = 'closed' AND closed_at < @end`
} as const
export type MentionClass = keyof typeof MENTION_CLASSES

export type MentionStats = { total: number; medianCloseHours: number | null } & Record<MentionClass, number>

/**
 * Mentions published in [from, to]: every count, and the median hours from being picked up (fetched_at) to
 * closed — one pass over mentions_tally_idx, which holds every column read here.
 */
export function mentionStats(db: Db, from: string, to: string): MentionStats {
  const sums = Object.entries(MENTION_CLASSES)
    .map(([k, cond]) => `coalesce(sum(${cond}), 0) AS ${k}`)
    .join(', ')
  const row = db.$client
    .prepare(
      `SELECT count(*) AS total, ${sums},
         median(CASE WHEN ${MENTION_CLASSES.closed} THEN (julianday(closed_at) - julianday(fetched_at)) * 24 END) AS medianCloseHours
       FROM mentions WHERE day BETWEEN @from AND @to`
    )
    .get({ from, to, end: endOfChinaDay(to) }) as MentionStats
  return { ...row, medianCloseHours: row.medianCloseHours === null ? null : Math.round(row.medianCloseHours * 10) / 10 }
}

export interface MentionIdGroup {
  sentiment: string
  grade: string
  closed: 0 | 1
  ids: string
}

/** Ids of the period's mentions by class (exports, drill-down): each id is concatenated once; callers union groups. */
export function mentionIdGroups(db: Db, from: string, to: string): MentionIdGroup[] {
  return db.$client
    .prepare(
      `SELECT sentiment, grade, (${MENTION_CLASSES.closed}) AS closed, group_concat(id) AS ids
       FROM mentions WHERE day BETWEEN @from AND @to GROUP BY 1, 2, 3`
    )
    .all({ from, to, end: endOfChinaDay(to) }) as MentionIdGroup[]
}

/** Counted pieces in [from, to] per month and channel (the tally's matrix and trend chart). */
export function monthlyChannelCounts(db: Db, from: string, to: string): { month: string; channel: string; n: number }[] {
  return db.$client
    .prepare(
      `SELECT substr(date, 1, 7) AS month, channel, count(*) AS n
       FROM pieces WHERE date BETWEEN ? AND ? AND +status IN (${COUNTED})
       GROUP BY 1, 2 ORDER BY 1, 2`
    )
    .all(from, to) as { month: string; channel: string; n: number }[]
}

export interface AccountStats {
  active: number
  owners: number
  ids: string | null
}

/** 阵地管理: accounts and groups in use, and how many people answer for them (谁建立谁负责). */
export function accountStats(db: Db): AccountStats {
  return db.$client
    .prepare(
      `SELECT count(*) AS active, count(DISTINCT nullif(owner, '')) AS owners, group_concat(id) AS ids
       FROM accounts WHERE status = '在用'`
    )
    .get() as AccountStats
}

/** '1,5,9' → [1, 5, 9] (group_concat output). */
export function idList(s: string | null | undefined): number[] {
  return s ? s.split(',').map(Number) : []
}
