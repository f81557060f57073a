import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { feeds, mentions, rules } from '../schema'
import type { Feed } from '../../shared/contract/feeds'
import type { Rule } from '../../shared/contract/watch'
import type { FeedStatus } from '../../shared/watch'

export type FeedRow = typeof feeds.$inferSelect
export type FeedValues = Pick<FeedRow, 'url' | 'name' | 'category' | 'intervalMin' | 'enabled' | 'encoding' | 'weight'> & Partial<Pick<FeedRow, 'fetchFullText'>>

const FAILING_AFTER = 3 // mirrors services/feeds/backoff.ts isFailing; kept here so SQL and code agree

export function toFeed(row: FeedRow, mentionCount = 0): Feed {
  return { ...row, status: row.status as FeedStatus, failing: row.consecutiveErrors >= FAILING_AFTER, mentionCount }
}

export function insertFeed(db: Db, v: FeedValues, createdAt: string): FeedRow {
  return db.insert(feeds).values({ ...v, createdAt }).returning().get()
}

export function getFeed(db: Db, id: number): FeedRow | undefined {
  return db.select().from(feeds).where(eq(feeds.id, id)).get()
}

export function feedByUrl(db: Db, url: string): FeedRow | undefined {
  return db.select().from(feeds).where(eq(feeds.url, url)).get()
}

export function updateFeed(db: Db, id: number, v: Partial<FeedRow>): FeedRow {
  return db.update(feeds).set(v).where(eq(feeds.id, id)).returning().get()
}

export function deleteFeed(db: Db, id: number): void {
  db.delete(feeds).where(eq(feeds.id, id)).run()
}

export function listFeeds(db: Db): Feed[] {
  const counts = new Map(
    db.select({ feedId: mentions.feedId, n: sql<number>`count(*)` }).from(mentions).groupBy(mentions.feedId).all().map((r) => [r.feedId, r.n])
  )
  return db.select().from(feeds).orderBy(asc(feeds.category), asc(feeds.name), asc(feeds.id)).all().map((r) => toFeed(r, counts.get(r.id) ?? 0))
}

/** Enabled feeds whose next fetch time has come (never fetched = due), earliest first. */
export function dueFeeds(db: Db, nowIso: string): FeedRow[] {
  return db
    .select()
    .from(feeds)
    .where(and(eq(feeds.enabled, true), or(isNull(feeds.nextFetchAt), lte(feeds.nextFetchAt, nowIso))))
    .orderBy(sql`${feeds.nextFetchAt} IS NOT NULL`, asc(feeds.nextFetchAt), asc(feeds.id))
    .all()
}

export function countEnabledFeeds(db: Db): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM feeds WHERE enabled = 1`).n
}

export function countDisabledFeeds(db: Db): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM feeds WHERE enabled = 0`).n
}

export function failingFeeds(db: Db): Pick<FeedRow, 'id' | 'name' | 'lastError'>[] {
  return db
    .select({ id: feeds.id, name: feeds.name, lastError: feeds.lastError })
    .from(feeds)
    .where(and(eq(feeds.enabled, true), sql`${feeds.consecutiveErrors} >= ${FAILING_AFTER}`))
    .orderBy(asc(feeds.name))
    .all()
}

// ---- rules ----------------------------------------------------------------------------------------------------

export type RuleRow = typeof rules.$inferSelect
export type RuleValues = Pick<RuleRow, 'name' | 'anyTerms' | 'allTerms' | 'noneTerms' | 'enabled'>

export function toRule(row: RuleRow, profileRuleId: number | null): Rule {
  return {
    id: row.id, name: row.name, any: row.anyTerms, all: row.allTerms, none: row.noneTerms, enabled: row.enabled,
    createdAt: row.createdAt, fromProfile: row.id === profileRuleId
  }
}

export function listRuleRows(db: Db): RuleRow[] {
  return db.select().from(rules).orderBy(asc(rules.id)).all()
}

export function getRule(db: Db, id: number): RuleRow | undefined {
  return db.select().from(rules).where(eq(rules.id, id)).get()
}

export function insertRule(db: Db, v: RuleValues, createdAt: string): RuleRow {
  return db.insert(rules).values({ ...v, createdAt }).returning().get()
}

export function updateRule(db: Db, id: number, v: Partial<RuleValues>): RuleRow {
  return db.update(rules).set(v).where(eq(rules.id, id)).returning().get()
}

export function deleteRule(db: Db, id: number): void {
  db.delete(rules).where(eq(rules.id, id)).run()
}
