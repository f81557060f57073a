import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../open'
import { feeds, mentionEvents, mentionKeys, mentionSources, mentions, pieces } from '../schema'
import { OPEN_STATUSES, type GradeLabel, type MentionStatus, type SentimentLabel } from '../../shared/watch'
import type { z } from 'zod'
import type { mentionFilter } from '../../shared/contract/mentions'

export type MentionRecord = typeof mentions.$inferSelect & { feedName: string }

const feedName = sql<string>`coalesce(${feeds.name}, '')`

function selectMentions(db: Db) {
  return db
    .select({
      id: mentions.id, title: mentions.title, link: mentions.link, snippet: mentions.snippet, publishedAt: mentions.publishedAt,
      fetchedAt: mentions.fetchedAt, day: mentions.day, feedId: mentions.feedId, matches: mentions.matches,
      sentiment: mentions.sentiment, sentimentCues: mentions.sentimentCues, sentimentManual: mentions.sentimentManual,
      grade: mentions.grade, gradeManual: mentions.gradeManual, gradeReason: mentions.gradeReason, score: mentions.score, status: mentions.status,
      assignee: mentions.assignee, escalated: mentions.escalated, pieceId: mentions.pieceId, sourceCount: mentions.sourceCount,
      closedAt: mentions.closedAt, updatedAt: mentions.updatedAt, removedAt: mentions.removedAt, removedBy: mentions.removedBy,
      removedReason: mentions.removedReason, feedName
    })
    .from(mentions)
    .leftJoin(feeds, eq(feeds.id, mentions.feedId))
}

/** The status of a mention removed with a reason (mention-remove); kept, never counted. */
export const REMOVED: MentionStatus = 'removed'

type Filter = Omit<z.output<typeof mentionFilter>, 'offset' | 'limit'>

export function mentionConditions(f: Partial<Filter>, match?: SQL): SQL | undefined {
  const c: SQL[] = []
  if (f.status === 'open' || f.status === undefined) c.push(inArray(mentions.status, [...OPEN_STATUSES]))
  // 全部 means every mention still counted: a removed one (误报…) shows only when 已移除 is asked for.
  else if (f.status === 'all') c.push(ne(mentions.status, REMOVED))
  else c.push(eq(mentions.status, f.status))
  if (f.grade) c.push(eq(mentions.grade, f.grade))
  if (f.sentiment) c.push(eq(mentions.sentiment, f.sentiment))
  if (f.feedId) c.push(sql`${mentions.id} IN (SELECT mention_id FROM mention_sources WHERE feed_id = ${f.feedId})`)
  if (f.from) c.push(gte(mentions.day, f.from))
  if (f.to) c.push(lte(mentions.day, f.to))
  if (f.escalated !== undefined) c.push(eq(mentions.escalated, f.escalated))
  if (match) c.push(match)
  return c.length ? and(...c) : undefined
}

/** Dangerous first (重大, 较大, other negative), newest first within each. */
export function listMentions(db: Db, where: SQL | undefined, offset: number, limit: number): { rows: MentionRecord[]; total: number } {
  const rows = selectMentions(db)
    .where(where)
    .orderBy(desc(mentions.score), desc(mentions.publishedAt), desc(mentions.id))
    .limit(limit)
    .offset(offset)
    .all()
  const total = db.select({ n: sql<number>`count(*)` }).from(mentions).where(where).get()!.n
  return { rows, total }
}

/** A search counts its hits up to here and then says "more than": counting every hit of a common word costs as much as reading them all. */
export const SEARCH_COUNT_CAP = 1000

/**
 * Search results, most recently picked up first. The search index drives the query in its own rowid order
 * (rowid = mention id), so a common two-character word stops after one page instead of collecting and sorting
 * its tens of thousands of hits; the filters are checked on the way. `expr` is a queryExpression().
 */
export function searchMentions(db: Db, expr: string, where: SQL | undefined, offset: number, limit: number): { rows: MentionRecord[]; total: number; capped: boolean } {
  const match = sql`mention_search MATCH ${expr}`
  const rows = selectMentions(db)
    .innerJoin(sql`mention_search`, sql`mention_search.rowid = ${mentions.id}`)
    .where(and(match, where))
    .orderBy(sql`mention_search.rowid DESC`)
    .limit(limit)
    .offset(offset)
    .all()
  // Counted in the same order, so it reads the rows the page just read.
  const counted = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (SELECT 1 FROM mention_search JOIN ${mentions} ON ${mentions.id} = mention_search.rowid
    WHERE ${and(match, where)} ORDER BY mention_search.rowid DESC LIMIT ${SEARCH_COUNT_CAP + 1})`).n
  return { rows, total: Math.min(counted, SEARCH_COUNT_CAP), capped: counted > SEARCH_COUNT_CAP }
}

export function getMention(db: Db, id: number): MentionRecord | undefined {
  return selectMentions(db).where(eq(mentions.id, id)).get()
}

export function mentionSourcesOf(db: Db, id: number) {
  return db
    .select({
      id: mentionSources.id, feedId: mentionSources.feedId, feedName, title: mentionSources.title,
      link: mentionSources.link, publishedAt: mentionSources.publishedAt, fetchedAt: mentionSources.fetchedAt
    })
    .from(mentionSources)
    .leftJoin(feeds, eq(feeds.id, mentionSources.feedId))
    .where(eq(mentionSources.mentionId, id))
    .orderBy(asc(mentionSources.publishedAt), asc(mentionSources.id))
    .all()
}

/** Moves every source and dedup key of `fromId` to `intoId` (合并): the retellings now lead to the kept event. */
export function moveSources(db: Db, fromId: number, intoId: number): void {
  db.update(mentionSources).set({ mentionId: intoId }).where(eq(mentionSources.mentionId, fromId)).run()
  db.update(mentionKeys).set({ mentionId: intoId }).where(eq(mentionKeys.mentionId, fromId)).run()
}

export function sourceRow(db: Db, mentionId: number, sourceId: number) {
  return db.select().from(mentionSources).where(and(eq(mentionSources.id, sourceId), eq(mentionSources.mentionId, mentionId))).get()
}

/** 拆分: the source and the keys it brought go to the new event. */
export function moveSource(db: Db, sourceId: number, keys: string[], fromId: number, intoId: number): void {
  db.update(mentionSources).set({ mentionId: intoId }).where(eq(mentionSources.id, sourceId)).run()
  if (keys.length) db.update(mentionKeys).set({ mentionId: intoId }).where(and(inArray(mentionKeys.key, keys), eq(mentionKeys.mentionId, fromId))).run()
}

export function insertSplitMention(db: Db, v: typeof mentions.$inferInsert): number {
  return db.insert(mentions).values(v).returning({ id: mentions.id }).get().id
}

export function mentionEventsOf(db: Db, id: number) {
  return db.select().from(mentionEvents).where(eq(mentionEvents.mentionId, id)).orderBy(asc(mentionEvents.id)).all()
}

export function pieceBrief(db: Db, id: number) {
  return db.select({ id: pieces.id, title: pieces.title, date: pieces.date, channel: pieces.channel }).from(pieces).where(and(eq(pieces.id, id), isNull(pieces.deletedAt))).get()
}

export function updateMention(db: Db, id: number, v: Partial<typeof mentions.$inferInsert>): void {
  db.update(mentions).set(v).where(eq(mentions.id, id)).run()
}

export function insertMentionEvent(db: Db, e: { mentionId: number; at: string; actor: string; fromStatus: MentionStatus; toStatus: MentionStatus; note: string }): void {
  db.insert(mentionEvents).values(e).run()
}

/**
 * 移除: the story stays with its sources and trail, marked removed with who, when and why. Its status becomes
 * 'removed', which every count and list leaves out (status sits in the class index, so the tally's counts still
 * read only indexes); its dedup keys keep pointing at it and act as tombstones (mention-writer findOwner).
 */
export function removeMention(db: Db, id: number, v: { at: string; by: string; reason: string }): void {
  db.update(mentions).set({ status: REMOVED, removedAt: v.at, removedBy: v.by, removedReason: v.reason, updatedAt: v.at }).where(eq(mentions.id, id)).run()
}

/**
 * The dashboard's watch counts. Four indexed counts rather than one pass over every mention ever kept: on a
 * ten-year desk that pass read a million rows (seconds) each time the dashboard opened.
 */
export function watchCounts(db: Db, today: { from: string; to: string }) {
  const n = (q: SQL): number => db.get<{ n: number }>(q).n
  // A removed mention (误报…) is not news of the day: only today's rows are read to tell.
  const fetchedToday = sql`${mentions.fetchedAt} >= ${today.from} AND ${mentions.fetchedAt} < ${today.to} AND ${mentions.status} <> ${REMOVED}`
  const open = sql`${mentions.status} IN ('new', 'assessing', 'handling')`
  return {
    newToday: n(sql`SELECT count(*) AS n FROM ${mentions} WHERE ${fetchedToday}`),
    negativeToday: n(sql`SELECT count(*) AS n FROM ${mentions} WHERE ${fetchedToday} AND ${mentions.sentiment} = '负面'`),
    unhandled: n(sql`SELECT count(*) AS n FROM ${mentions} WHERE ${open}`),
    // `escalated = 1` written as the partial index mentions_escalated_idx says it, so the index is used.
    escalatedOpen: n(sql`SELECT count(*) AS n FROM ${mentions} WHERE escalated = 1 AND ${open}`)
  }
}

export function digestRows(db: Db, day: { from: string; to: string }) {
  return db
    .select({ id: mentions.id, title: mentions.title, feedName, sentiment: sql<SentimentLabel>`${mentions.sentiment}`, grade: sql<GradeLabel>`${mentions.grade}`, fetchedAt: mentions.fetchedAt })
    .from(mentions)
    .leftJoin(feeds, eq(feeds.id, mentions.feedId))
    .where(and(gte(mentions.fetchedAt, day.from), lt(mentions.fetchedAt, day.to), ne(mentions.status, REMOVED)))
    .orderBy(desc(mentions.score), desc(mentions.fetchedAt), desc(mentions.id))
    .all()
}

export function mentionBriefs(db: Db) {
  return db.select({ id: mentions.id, title: mentions.title, sentiment: mentions.sentiment, grade: mentions.grade, fetchedAt: mentions.fetchedAt }).from(mentions).orderBy(asc(mentions.id)).all()
}

/**
 * Live events published within [from, to] other than `id`, newest first, each with its sources' MinHash signatures
 * (newline-separated; null where a source's text was too short to sign): what 合并到… offers.
 */
export function mergeCandidateRows(db: Db, id: number, from: string, to: string, limit: number) {
  return db
    .select({
      id: mentions.id, title: mentions.title, publishedAt: mentions.publishedAt, grade: mentions.grade, status: mentions.status, sourceCount: mentions.sourceCount,
      // the outer row named in full: a bare column in a sql fragment would be read as the subquery's own
      signatures: sql<string | null>`(SELECT group_concat(s.signature, char(10)) FROM mention_sources s WHERE s.mention_id = "mentions"."id")`
    })
    .from(mentions)
    .where(and(ne(mentions.id, id), ne(mentions.status, REMOVED), gte(mentions.publishedAt, from), lte(mentions.publishedAt, to)))
    .orderBy(desc(mentions.publishedAt), desc(mentions.id))
    .limit(limit)
    .all()
}

export function sourceSignaturesOf(db: Db, id: number): (string | null)[] {
  return db.select({ s: mentionSources.signature }).from(mentionSources).where(eq(mentionSources.mentionId, id)).all().map((r) => r.s)
}
