import { sqliteTable, text, integer, index, real, blob } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'
import { pieces } from './ledger'

export const feeds = sqliteTable('feeds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull().unique(),
  name: text('name').notNull(),
  category: text('category').notNull().default(''),
  intervalMin: integer('interval_min').notNull().default(30),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** Per-feed encoding override (gb18030, big5, utf-8…); null = detect. */
  encoding: text('encoding'),
  /** Source weight 0..3 used by the risk grade (e.g. 3 = 中央/省级 media). */
  weight: integer('weight').notNull().default(1),
  /** Opt-in: a snippet-only item's page is fetched and its readable text used for matching (services/watch/snapshot.ts). */
  fetchFullText: integer('fetch_full_text', { mode: 'boolean' }).notNull().default(false),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchAt: text('last_fetch_at'),
  lastNewAt: text('last_new_at'),
  /** A digest of the keys of the items last read, and when that set last changed (订阅源静默: a feed that stops changing). */
  itemsKey: text('items_key'),
  itemsChangedAt: text('items_changed_at'),
  status: text('status').notNull().default('pending'),
  lastError: text('last_error'),
  consecutiveErrors: integer('consecutive_errors').notNull().default(0),
  nextFetchAt: text('next_fetch_at'),
  createdAt: text('created_at').notNull()
})

export const rules = sqliteTable('rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  anyTerms: text('any_terms', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  allTerms: text('all_terms', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  noneTerms: text('none_terms', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at').notNull()
})

/** One row per story: the same story from several feeds is one mention (a cluster) with several sources. */
export const mentions = sqliteTable(
  'mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    link: text('link').notNull().default(''),
    snippet: text('snippet').notNull().default(''),
    publishedAt: text('published_at').notNull(),
    fetchedAt: text('fetched_at').notNull(),
    /** China calendar date of publication, for monthly counts. */
    day: text('day').notNull(),
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    matches: text('matches', { mode: 'json' }).$type<{ ruleId: number; ruleName: string; terms: string[] }[]>().notNull().default(sql`'[]'`),
    sentiment: text('sentiment').notNull().default('中性'),
    sentimentCues: text('sentiment_cues', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    sentimentManual: integer('sentiment_manual', { mode: 'boolean' }).notNull().default(false),
    grade: text('grade').notNull().default('一般'),
    gradeManual: integer('grade_manual', { mode: 'boolean' }).notNull().default(false),
    /** Why the grade is what it is (`4 个来源 3 小时内转载`, `省级/中央媒体报道`); '' for a plain 一般 (services/watch/sentiment.ts gradeEvent). */
    gradeReason: text('grade_reason').notNull().default(''),
    score: real('score').notNull().default(0),
    status: text('status').notNull().default('new'),
    assignee: text('assignee').notNull().default(''),
    escalated: integer('escalated', { mode: 'boolean' }).notNull().default(false),
    pieceId: integer('piece_id').references(() => pieces.id, { onDelete: 'set null' }),
    sourceCount: integer('source_count').notNull().default(1),
    closedAt: text('closed_at'),
    updatedAt: text('updated_at').notNull(),
    /** 移除 (误报 etc.): the mention leaves the inbox but stays, with who, when and why; reports count it as removed. */
    removedAt: text('removed_at'),
    removedBy: text('removed_by'),
    removedReason: text('removed_reason')
  },
  (t) => [
    index('mentions_day_idx').on(t.day),
    index('mentions_status_idx').on(t.status, t.id),
    index('mentions_grade_idx').on(t.grade, t.id),
    // The dashboard's 今日新增/今日负面 (by pick-up time) and 已上报未办结, counted from an index, not a scan of
    // every mention the desk ever kept.
    index('mentions_fetched_idx').on(t.fetchedAt, t.sentiment),
    index('mentions_escalated_idx').on(t.status).where(sql`escalated = 1`)
  ]
)

export const mentionSources = sqliteTable(
  'mention_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    feedId: integer('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    guid: text('guid'),
    link: text('link').notNull().default(''),
    title: text('title').notNull(),
    /** The item's own first 200 characters: what a split-out source becomes the snippet of. */
    snippet: text('snippet').notNull().default(''),
    /** MinHash of title + snippet (services/watch/cluster.ts encodeSignature); null = compared by exact keys only. */
    signature: text('signature'),
    publishedAt: text('published_at').notNull(),
    fetchedAt: text('fetched_at').notNull()
  },
  // The poll looks for the events of the last 72 h by their sources' publication time.
  (t) => [index('mention_sources_mention_idx').on(t.mentionId), index('mention_sources_published_idx').on(t.publishedAt)]
)

/**
 * Dedup keys (guid / normalized link / content hash) → mention. Keys outlive their mention on purpose:
 * a key whose mention was deleted is a tombstone, so a deleted story does not come back on the next poll.
 */
export const mentionKeys = sqliteTable('mention_keys', {
  key: text('key').primaryKey(),
  mentionId: integer('mention_id').notNull()
})

/** Triage trail: 新 → 研判 → 处置中 → 已办结 (or 忽略), who, when, note. */
export const mentionEvents = sqliteTable(
  'mention_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    note: text('note').notNull().default('')
  },
  // at: the 办结/忽略 steps of a period, in time order (db/queries/watch-reports.ts closingsBetween)
  (t) => [index('mention_events_mention_idx').on(t.mentionId), index('mention_events_at_idx').on(t.at)]
)

/**
 * 存证: one fetch of a mention's article page, kept as evidence of what was said before it can be deleted. Written
 * in one statement once the page was fetched and read — a failed fetch leaves no row (see mention_snapshot_failures).
 * The raw HTML is kept byte-exact (a BLOB, never decoded or shown); the hashes are of those bytes and of the text.
 */
export const mentionSnapshots = sqliteTable(
  'mention_snapshots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    mentionId: integer('mention_id').notNull().references(() => mentions.id, { onDelete: 'cascade' }),
    /** The address asked for (the mention's link) and the one that answered after redirects. */
    url: text('url').notNull(),
    finalUrl: text('final_url').notNull(),
    status: integer('status').notNull(),
    fetchedAt: text('fetched_at').notNull(),
    contentType: text('content_type'),
    html: blob('html', { mode: 'buffer' }).notNull(),
    htmlSha256: text('html_sha256').notNull(),
    title: text('title').notNull().default(''),
    text: text('text').notNull(),
    textSha256: text('text_sha256').notNull(),
    /** 自动 (graded 较大/重大 by a poll) or the officer who asked. */
    actor: text('actor').notNull(),
    /**
     * The page laid out from these same bytes (services/watch/page-image.ts): its first screen as PNG and the whole
     * page as PDF, with their SHA-256. Null where no renderer ran; page_note then says why (browser mode, a failure).
     */
    pagePng: blob('page_png', { mode: 'buffer' }),
    pagePngSha256: text('page_png_sha256'),
    pagePdf: blob('page_pdf', { mode: 'buffer' }),
    pagePdfSha256: text('page_pdf_sha256'),
    pageNote: text('page_note')
  },
  (t) => [index('mention_snapshots_mention_idx').on(t.mentionId, t.fetchedAt)]
)

/** The last failed 存证 attempt of a mention, in Chinese, until one succeeds: shown with a 重试. */
export const mentionSnapshotFailures = sqliteTable('mention_snapshot_failures', {
  mentionId: integer('mention_id').primaryKey().references(() => mentions.id, { onDelete: 'cascade' }),
  at: text('at').notNull(),
  url: text('url').notNull(),
  message: text('message').notNull()
})
