// The poll's insert path. Raw prepared statements, prepared once per connection: a poll writes hundreds of rows
// per feed in one transaction, and building each statement through the query builder would cost more than
// running it. Everything else about mentions goes through db/queries/mentions.ts.
import type Database from 'better-sqlite3'

export interface NewMentionRow {
  title: string
  link: string
  snippet: string
  publishedAt: string
  fetchedAt: string
  day: string
  feedId: number | null
  /** JSON of MentionMatch[] */
  matches: string
  sentiment: string
  /** JSON of string[] */
  cues: string
  grade: string
  gradeReason?: string
  score: number
}

export interface NewSourceRow {
  mentionId: number
  feedId: number | null
  guid: string | null
  link: string
  title: string
  snippet: string
  /** encodeSignature() of the item, or null */
  signature: string | null
  publishedAt: string
  fetchedAt: string
}

/** A source of a live event published within the clustering window (services/watch/cluster.ts pickEvent). */
export interface SourceSignature {
  mentionId: number
  signature: string
  publishedAt: string
  /** JSON of the event's MentionMatch[] */
  matches: string
}

export interface KeyHit {
  mentionId: number
  /** false = the mention was deleted or removed (误报…) and this key is its tombstone. */
  alive: boolean
}

export interface MentionWriter {
  /** The mention owning the first of `keys` (strongest first, at most three) that is known, if any. */
  findOwner(keys: string[]): KeyHit | undefined
  insertMention(m: NewMentionRow): number
  insertSource(s: NewSourceRow): void
  /** Keeps the first owner of a key: a key never moves to another mention. */
  insertKey(key: string, mentionId: number): void
  /** FTS row of a new mention (tokens from services/text/search-tokens indexTokens). */
  indexTokens(mentionId: number, tokens: string): void
  /** Has this feed already given this mention a source (same guid, same link, or — for items with neither — same title)? */
  hasSource(mentionId: number, feedId: number | null, guid: string | null, link: string, title: string): boolean
  sourceWeights(mentionId: number): { count: number; maxWeight: number }
  /** Feed and publication time of every source: what the spread grade reads. */
  sourceTimes(mentionId: number): { feedId: number | null; publishedAt: string }[]
  /** Signed sources of live (not removed) events published in [from, to]. */
  recentSignatures(from: string, to: string): SourceSignature[]
  mentionState(mentionId: number): { sentiment: string; grade: string; gradeManual: number } | undefined
  setCluster(mentionId: number, sourceCount: number, grade: string, reason: string, score: number, at: string): void
}

const cache = new WeakMap<Database.Database, MentionWriter>()

export function mentionWriter(sqlite: Database.Database): MentionWriter {
  const cached = cache.get(sqlite)
  if (cached) return cached
  // One lookup for all of an item's keys (at most three: guid, link, hash); the caller picks the strongest hit.
  const findKeys = [1, 2, 3].map((n) =>
    sqlite.prepare<string[], { key: string; mentionId: number; alive: number }>(
      // A removed mention is no home for a new source: it would grow, be re-graded and alert about a story the
      // officer judged a false hit.
      `SELECT k.key AS key, k.mention_id AS mentionId, (m.id IS NOT NULL AND m.status <> 'removed') AS alive FROM mention_keys k LEFT JOIN mentions m ON m.id = k.mention_id
        WHERE k.key IN (${Array(n).fill('?').join(', ')})`
    )
  )
  const insertMention = sqlite.prepare(
    `INSERT INTO mentions (title, link, snippet, published_at, fetched_at, day, feed_id, matches, sentiment, sentiment_cues, grade, grade_reason, score, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  const insertSource = sqlite.prepare(
    'INSERT INTO mention_sources (mention_id, feed_id, guid, link, title, snippet, signature, published_at, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
  )
  const insertKey = sqlite.prepare('INSERT OR IGNORE INTO mention_keys (key, mention_id) VALUES (?, ?)')
  const insertTokens = sqlite.prepare('INSERT INTO mention_search (rowid, tokens) VALUES (?, ?)')
  const hasSource = sqlite.prepare<[{ mid: number; feed: number | null; guid: string | null; link: string; title: string }], { n: number }>(
    `SELECT count(*) AS n FROM mention_sources WHERE mention_id = @mid AND feed_id IS @feed
       AND ((@guid IS NOT NULL AND guid = @guid) OR (@link <> '' AND link = @link)
            OR (@guid IS NULL AND @link = '' AND guid IS NULL AND link = '' AND title = @title))`
  )
  const weights = sqlite.prepare<[number], { count: number; maxWeight: number | null }>(
    `SELECT count(*) AS count, max(coalesce(f.weight, 0)) AS maxWeight
       FROM mention_sources s LEFT JOIN feeds f ON f.id = s.feed_id WHERE s.mention_id = ?`
  )
  const state = sqlite.prepare<[number], { sentiment: string; grade: string; gradeManual: number }>(
    'SELECT sentiment, grade, grade_manual AS gradeManual FROM mentions WHERE id = ?'
  )
  const times = sqlite.prepare<[number], { feedId: number | null; publishedAt: string }>(
    'SELECT feed_id AS feedId, published_at AS publishedAt FROM mention_sources WHERE mention_id = ? ORDER BY published_at, id'
  )
  const recent = sqlite.prepare<[string, string], SourceSignature>(
    `SELECT s.mention_id AS mentionId, s.signature AS signature, s.published_at AS publishedAt, m.matches AS matches
       FROM mention_sources s JOIN mentions m ON m.id = s.mention_id
      WHERE s.published_at >= ? AND s.published_at <= ? AND s.signature IS NOT NULL AND m.status <> 'removed'`
  )
  const setCluster = sqlite.prepare('UPDATE mentions SET source_count = ?, grade = ?, grade_reason = ?, score = ?, updated_at = ? WHERE id = ?')

  const writer: MentionWriter = {
    findOwner(keys) {
      if (keys.length === 0) return undefined
      const rows = findKeys[Math.min(keys.length, 3) - 1].all(...keys.slice(0, 3))
      if (rows.length === 0) return undefined
      const best = rows.length === 1 ? rows[0] : rows.sort((a, b) => keys.indexOf(a.key) - keys.indexOf(b.key))[0]
      return { mentionId: best.mentionId, alive: best.alive === 1 }
    },
    insertMention: (m) =>
      Number(
        insertMention.run(m.title, m.link, m.snippet, m.publishedAt, m.fetchedAt, m.day, m.feedId, m.matches, m.sentiment, m.cues, m.grade, m.gradeReason ?? '', m.score, m.fetchedAt)
          .lastInsertRowid
      ),
    insertSource: (s) => void insertSource.run(s.mentionId, s.feedId, s.guid, s.link, s.title, s.snippet, s.signature, s.publishedAt, s.fetchedAt),
    insertKey: (key, mentionId) => void insertKey.run(key, mentionId),
    indexTokens: (id, tokens) => void insertTokens.run(id, tokens),
    hasSource: (mid, feed, guid, link, title) => hasSource.get({ mid, feed, guid, link, title })!.n > 0,
    sourceWeights(mentionId) {
      const r = weights.get(mentionId)!
      return { count: r.count, maxWeight: r.maxWeight ?? 0 }
    },
    sourceTimes: (id) => times.all(id),
    recentSignatures: (from, to) => recent.all(from, to),
    mentionState: (id) => state.get(id),
    setCluster: (id, count, grade, reason, score, at) => void setCluster.run(count, grade, reason, score, at, id)
  }
  cache.set(sqlite, writer)
  return writer
}
