// The SQL behind every tally and report figure: a few narrow aggregates over the period's pieces (each a GROUP BY
// of one family of figures, most on a channel's slice of the date index) and one over its mentions — no query per
// figure, no per-row work in JavaScript. Narrow groupings sort a handful of keys; one wide grouping by every
// dimension at once was ten times slower. Row ids come from the same passes (group_concat) only when asked for:
// the tally screen does not need them, exports and drill-downs do.
//
// Only carried-out pieces count (COUNTED_STATUSES). Mentions count by their China publication day; "closed"
// means closed before the period ended, so a signed month does not change when an old mention is closed later.
// A mention removed with a reason (误报, 重复…, status 'removed') is left out of every mention figure and counted
// on its own as such (mentions.removed).
import type { Statement } from 'better-sqlite3'
import type { Db } from '../open'
import type { WorkCalendar } from '../../shared/china-calendar'
import { COUNTED_STATUSES, SUBMISSION_CHANNELS } from '../../shared/channels'
import { addDays, chinaDayStart } from '../../shared/dates'
import { GRADES, SENTIMENTS } from '../../shared/watch'
import { quotaProgress } from './quotas'
import {
  KIND_CHANNELS, type AccountStats, type ChannelRow, type DepartmentRow, type FigureFetch, type FigureInputs, type KindRow, type MentionIdGroup,
  type MentionStats, type PieceAggregates, type SubmissionRow, type ThemeRow
} from '../../services/report/figures'

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',')

/** Prepared statements per connection: a tally runs these a dozen times, and preparing is half the cost of a small one. */
const statements = new WeakMap<object, Map<string, Statement>>()
function cached(db: Db, sql: string): Statement {
  let m = statements.get(db.$client)
  if (!m) statements.set(db.$client, (m = new Map()))
  let st = m.get(sql)
  if (!st) m.set(sql, (st = db.$client.prepare(sql)))
  return st
}
const COUNTED = `+status IN (${list(COUNTED_STATUSES)})`
/** Pieces in the 回收站 count nowhere (db/queries/pieces.ts LIVE_SQL). */
const LIVE = 'deleted_at IS NULL'
/** Channels whose 媒体/平台 the report names besides outlets: notice media, video places. */
export const VENUE_CHANNELS = ['notice', 'tv'] as const
/** 双语: the languages a piece or event was given in (e.g. ['回汉双语']) sit in extra.languages; instr() skips the JSON parse for the rest. */
const BILINGUAL = `(instr(extra, '"languages"') > 0 AND EXISTS (SELECT 1 FROM json_each(extra, '$.languages') WHERE value IN (SELECT value FROM json_each(@bilingual))))`
const ORIGINAL = `(channel = 'wechat' AND json_extract(extra, '$.original') IN (1, 'true'))`

/** Counted pieces in [from, to], one narrow aggregate per family of figures. */
/** `bilingual`: the forms that count as 双语 (设置 › 双语形式); any other 语言 wording counts for nothing. */
export function pieceAggregates(db: Db, from: string, to: string, bilingual: readonly string[], withIds = false): PieceAggregates {
  const ids = withIds ? ', group_concat(id) AS ids' : ''
  const where = `date BETWEEN @from AND @to AND ${COUNTED} AND ${LIVE}`
  const args = { from, to }
  return {
    channels: cached(
      db,
      `SELECT channel, count(*) AS n,
         coalesce(sum(quantity), 0) AS quantity, coalesce(sum(reach), 0) AS reach, coalesce(sum(reads), 0) AS reads,
         coalesce(sum(${ORIGINAL}), 0) AS original,
         coalesce(sum(${BILINGUAL}), 0) AS bilingual,
         coalesce(sum(CASE WHEN channel = 'meeting' THEN json_extract(extra, '$.notesCount') END), 0) AS notes,
         coalesce(sum(CASE WHEN channel = 'meeting' THEN json_extract(extra, '$.reflectionsCount') END), 0) AS reflections
         ${withIds ? `, group_concat(id) AS ids, group_concat(CASE WHEN ${ORIGINAL} THEN id END) AS originalIds,
           group_concat(CASE WHEN ${BILINGUAL} THEN id END) AS bilingualIds,
           group_concat(CASE WHEN channel = 'meeting' AND (json_extract(extra, '$.notesCount') > 0 OR json_extract(extra, '$.reflectionsCount') > 0) THEN id END) AS notesIds` : ''}
       FROM pieces WHERE ${where} GROUP BY channel`
    ).all({ ...args, bilingual: JSON.stringify(bilingual) }) as ChannelRow[],
    submissions: cached(
      db,
      `SELECT channel, outlet_level AS level, (status = 'accepted') AS accepted, paid, venue, count(*) AS n, min(id) AS first ${ids}
       FROM pieces WHERE channel IN (${list(SUBMISSION_CHANNELS)}) AND ${where} GROUP BY 1, 2, 3, 4, 5`
    ).all(args) as SubmissionRow[],
    kinds: cached(
      db,
      `SELECT channel, kind, CASE WHEN channel IN (${list(VENUE_CHANNELS)}) THEN venue END AS venue,
         count(*) AS n, coalesce(sum(quantity), 0) AS quantity, min(id) AS first ${ids}
       FROM pieces WHERE channel IN (${list([...KIND_CHANNELS, ...VENUE_CHANNELS])}) AND ${where} GROUP BY 1, 2, 3`
    ).all(args) as KindRow[],
    departments: cached(db, `SELECT department, count(*) AS n ${ids} FROM pieces WHERE ${where} GROUP BY 1`).all(args) as DepartmentRow[],
    themes: cached(
      db,
      `SELECT t.theme, (p.channel = 'event') AS event, count(*) AS n ${withIds ? ', group_concat(p.id) AS ids' : ''}
       FROM pieces p JOIN piece_themes t ON t.piece_id = p.id
       WHERE p.date BETWEEN @from AND @to AND +p.status IN (${list(COUNTED_STATUSES)}) AND p.${LIVE} GROUP BY 1, 2`
    ).all(args) as ThemeRow[]
  }
}

/** The instant a China calendar day ends, as the ISO UTC text stored in closed_at. */
export function endOfChinaDay(date: string): string {
  return chinaDayStart(addDays(date, 1))
}

/**
 * A mention counts as 已办结 for a period when it was closed before the period ended (`@end`, endOfChinaDay).
 * `+status`: searching mentions_status_idx for every closed mention ever is what the planner would otherwise do.
 */
const CLOSED = `+status = 'closed' AND closed_at < @end`
/** The nine sentiment × grade classes: each one range of mentions_class_idx. */
const CLASSES = `sentiment IN (${SENTIMENTS.map((x) => `'${x}'`).join(',')}) AND grade IN (${GRADES.map((x) => `'${x}'`).join(',')})`
/**
 * status is the class index's fourth column: telling removed mentions apart reads the index, not the rows
 * (`+status` keeps the planner off mentions_status_idx, which would read each removed row for its day).
 */
const KEPT = `status <> 'removed'`

/**
 * Mentions published in [from, to]: the total (day index), the count of each sentiment × grade class (one range
 * of mentions_class_idx each, counted in index order without a sort), and the closed ones with the median hours
 * from being picked up (fetched_at) to closed. Every column read is in an index; no mention row is touched.
 */
export function mentionStats(db: Db, from: string, to: string): MentionStats {
  const args = { from, to, end: endOfChinaDay(to) }
  const { all } = cached(db, `SELECT count(*) AS "all" FROM mentions WHERE day BETWEEN @from AND @to`).get({ from, to }) as { all: number }
  const { removed } = cached(db, `SELECT count(*) AS removed FROM mentions WHERE ${CLASSES} AND day BETWEEN @from AND @to AND +status = 'removed'`).get({ from, to }) as { removed: number }
  const { ignored } = cached(db, `SELECT count(*) AS ignored FROM mentions WHERE ${CLASSES} AND day BETWEEN @from AND @to AND +status = 'ignored'`).get({ from, to }) as { ignored: number }
  const classes = cached(db, `SELECT sentiment, grade, count(*) AS n FROM mentions WHERE ${CLASSES} AND day BETWEEN @from AND @to AND ${KEPT} GROUP BY sentiment, grade`).all({ from, to }) as {
    sentiment: string
    grade: string
    n: number
  }[]
  const closed = cached(
  db,
  `SELECT count(*) AS n, median((julianday(closed_at) - julianday(fetched_at)) * 24) AS median
   FROM mentions WHERE ${CLASSES} AND day BETWEEN @from AND @to AND ${CLOSED}`
).get(args) as { n: number; median: number | null }
  const sum = (pick: (c: (typeof classes)[number]) => boolean) => classes.filter(pick).reduce((a, c) => a + c.n, 0)
  return {
    total: all - removed,
    removed,
    ignored,
    positive: sum((c) => c.sentiment === '正面'),
    neutral: sum((c) => c.sentiment === '中性'),
    negative: sum((c) => c.sentiment === '负面'),
    general: sum((c) => c.grade === '一般'),
    serious: sum((c) => c.grade === '较大'),
    major: sum((c) => c.grade === '重大'),
    closed: closed.n,
    medianCloseHours: closed.median === null ? null : Math.round(closed.median * 10) / 10
  }
}

/** Ids of the period's mentions by class (exports, drill-down): each id is concatenated once; callers union groups. */
export function mentionIdGroups(db: Db, from: string, to: string): MentionIdGroup[] {
  return cached(
    db,
    `SELECT sentiment, grade, (${CLOSED}) AS closed, (status = 'removed') AS removed, (status = 'ignored') AS ignored, group_concat(id) AS ids
     FROM mentions WHERE ${CLASSES} AND day BETWEEN @from AND @to GROUP BY 1, 2, 3, 4, 5`
  ).all({ from, to, end: endOfChinaDay(to) }) as MentionIdGroup[]
}

/** Everything the figures of [from, to] are computed from (services/report/figures.ts), ids only where asked. */
export function figureInputs(db: Db, from: string, to: string, fetch: FigureFetch, bilingual: readonly string[], cal: WorkCalendar): FigureInputs {
  return {
    pieces: pieceAggregates(db, from, to, bilingual, fetch.pieceIds),
    mentions: mentionStats(db, from, to),
    mentionIds: fetch.mentionIds ? mentionIdGroups(db, from, to) : [],
    accounts: accountStats(db),
    quotas: fetch.quotas ? quotaProgress(db, from, to, cal) : []
  }
}

/** Counted pieces in [from, to] per month and channel (the tally's matrix and trend chart). */
export function monthlyChannelCounts(db: Db, from: string, to: string): { month: string; channel: string; n: number }[] {
  return cached(
    db,
    `SELECT substr(date, 1, 7) AS month, channel, count(*) AS n
     FROM pieces WHERE date BETWEEN ? AND ? AND ${COUNTED} AND ${LIVE}
     GROUP BY 1, 2 ORDER BY 1, 2`
  ).all(from, to) as { month: string; channel: string; n: number }[]
}

/** 阵地管理: accounts and groups in use, and how many people answer for them (谁建立谁负责). */
export function accountStats(db: Db): AccountStats {
  return cached(
    db,
    `SELECT count(*) AS active, count(DISTINCT nullif(owner, '')) AS owners, group_concat(id) AS ids
     FROM accounts WHERE status = '在用'`
  ).get() as AccountStats
}

/**
 * The query plan of every figure statement this connection has run (for tests and the benchmark's notes): each
 * should search an index by the period, and the mention ones should read nothing but indexes.
 */
export function figurePlans(db: Db): { sql: string; plan: string }[] {
  return [...(statements.get(db.$client)?.keys() ?? [])].map((sql) => ({
    sql,
    plan: (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(sql.includes('@') ? [{ from: '2023-01-01', to: '2023-01-31', end: '2023-02-01', ...(sql.includes('@bilingual') ? { bilingual: '[]' } : {}) }] : [])) as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ')
  }))
}
