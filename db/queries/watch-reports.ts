// What the 舆情 briefs read: the period's mentions by class, the serious ones that may still be open at the cutoff
// (with their trails, so the state at the cutoff is read from the trail, not today's state), the closing steps
// taken in the period, and the feeds. Mentions belong to a period by `day`, the China calendar date of
// publication — the same rule as the inbox's date filter and the half-year figures (db/queries/figures.ts).
import type { Db } from '../open'
import { prepared } from '../prepared'

export interface ClassCount {
  sentiment: string
  grade: string
  removed: number
  n: number
}

/** Mentions of [from, to] by sentiment × grade, 移除 apart. */
export function classCounts(db: Db, from: string, to: string): ClassCount[] {
  return prepared(
    db.$client,
    `SELECT sentiment, grade, (status = 'removed') AS removed, count(*) AS n FROM mentions
     WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3`
  ).all(from, to) as ClassCount[]
}

export interface BriefMentionRow {
  id: number
  title: string
  feedName: string
  grade: string
  sentiment: string
  publishedAt: string
  fetchedAt: string
  day: string
  assignee: string
  escalated: number
  status: string
}

const COLUMNS = `m.id, m.title, coalesce(f.name, '') AS feedName, m.grade, m.sentiment, m.published_at AS publishedAt,
  m.fetched_at AS fetchedAt, m.day, m.assignee, m.escalated, m.status`

/**
 * 负面 or 较大以上 mentions published by `to` that may have been open at `cutoff`: open now, or moved along their
 * trail since (a step at or after the cutoff). The caller reads each one's state at the cutoff from its trail.
 * Most serious first; at most `limit`. The trail is looked up per candidate (mention_events_mention_idx): a scan of
 * every step after an old cutoff would read nearly the whole table.
 */
export function attentionCandidates(db: Db, to: string, cutoff: string, limit: number): BriefMentionRow[] {
  return prepared(
    db.$client,
    `SELECT ${COLUMNS} FROM mentions m LEFT JOIN feeds f ON f.id = m.feed_id
     WHERE m.day <= @to AND m.status <> 'removed' AND (m.sentiment = '负面' OR m.grade IN ('较大', '重大'))
       AND (m.status IN ('new', 'assessing', 'handling')
         OR EXISTS (SELECT 1 FROM mention_events e WHERE e.mention_id = m.id AND e.at >= @cutoff))
     ORDER BY m.score DESC, m.fetched_at ASC, m.id ASC LIMIT @limit`
  ).all({ to, cutoff, limit }) as BriefMentionRow[]
}

export interface TrailRow {
  mentionId: number
  at: string
  actor: string
  fromStatus: string
  toStatus: string
  note: string
}

/** The trails of these mentions, in order. */
export function trailsOf(db: Db, ids: readonly number[]): TrailRow[] {
  if (!ids.length) return []
  return prepared(
    db.$client,
    `SELECT mention_id AS mentionId, at, actor, from_status AS fromStatus, to_status AS toStatus, note FROM mention_events
     WHERE mention_id IN (SELECT value FROM json_each(?)) ORDER BY mention_id, id`
  ).all(JSON.stringify(ids)) as TrailRow[]
}

export interface ClosingRow extends BriefMentionRow {
  at: string
  actor: string
  toStatus: string
  note: string
}

/** 办结 and 忽略 steps taken in [start, cutoff) on mentions not removed, with the mention they closed. */
export function closingsBetween(db: Db, start: string, cutoff: string): ClosingRow[] {
  return prepared(
    db.$client,
    `SELECT ${COLUMNS}, e.at, e.actor, e.to_status AS toStatus, e.note FROM mention_events e
     JOIN mentions m ON m.id = e.mention_id LEFT JOIN feeds f ON f.id = m.feed_id
     WHERE e.at >= ? AND e.at < ? AND e.to_status IN ('closed', 'ignored') AND m.status <> 'removed'
     ORDER BY e.at, e.id`
  ).all(start, cutoff) as ClosingRow[]
}

export interface BriefFeedRow {
  name: string
  enabled: number
  status: string
  lastError: string | null
  lastFetchAt: string | null
  consecutiveErrors: number
  createdAt: string
}

export function briefFeeds(db: Db): BriefFeedRow[] {
  return prepared(
    db.$client,
    `SELECT name, enabled, status, last_error AS lastError, last_fetch_at AS lastFetchAt, consecutive_errors AS consecutiveErrors,
     created_at AS createdAt FROM feeds ORDER BY name, id`
  ).all() as BriefFeedRow[]
}
