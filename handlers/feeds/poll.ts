// Polling: every due feed, a few at a time, one request per feed at most; conditional GET, Retry-After,
// exponential backoff with jitter; each feed's outcome is written in one transaction of its own, so one
// feed's failure never touches another's.
import { fetchAndParse, type FetchAndParseResult } from '../../services/feeds/pipeline'
import { isFailing, nextFetchAt } from '../../services/feeds/backoff'
import { pollCounts, pollSummary } from '../../services/feeds/poll-summary'
import { damagedFeedMessage } from '../../services/feeds/messages'
import { countDisabledFeeds, countEnabledFeeds, dueFeeds, updateFeed, type FeedRow } from '../../db/queries/feeds'
import { recordAudit } from '../../db/queries/audit'
import { ingestItems, type AlertCandidate, type IngestSetup } from './ingest'
import { currentMatcher, ensureProfileRule } from '../watch/rules'
import { readLexicon } from '../watch/settings'
import { dispatchAlerts } from '../watch/alerts'
import { fillFullText } from './full-text'
import { startAutoSnapshots, type SnapshotOptions } from '../mentions/snapshot'
import { itemsKeyOf } from '../../services/watch/silent-feeds'
import type { FeedPollResult, PollReport } from '../../shared/contract/feeds'
import type { Desk } from '../../db/open'
import type { Ctx } from '../context'

export const POLL_CONCURRENCY = 4

export interface PollOptions {
  /** The poll's clock (tests fix it); default ctx.now(). */
  now?: Date
  concurrency?: number
  timeoutMs?: number
  maxBytes?: number
  /** Jitter source for the backoff (tests pass a constant). */
  random?: () => number
  /** Deadline and cap of each article page (抓取全文, 存证); default the page defaults. */
  page?: SnapshotOptions
}

// Feeds with a request under way, per open database: the scheduler, the 立即抓取 button and the CLI may overlap.
const inFlight = new WeakMap<Desk, Set<number>>()

function busySet(desk: Desk): Set<number> {
  let s = inFlight.get(desk)
  if (!s) inFlight.set(desk, (s = new Set()))
  return s
}

/**
 * A poll's writes can be fetched again, so its commit skips the fsync (synchronous=NORMAL; the file stays in
 * WAL mode). A power cut may lose the last polls' results — they come back on the next poll, since the feed's
 * validators are in the same transaction — but never damages the file, and the officer's next save (FULL)
 * syncs them with it. With 500 feeds a poll round is 500 commits: an fsync each is seconds of disk time.
 */
function withoutFsync<T>(desk: Desk, fn: () => T): T {
  if (desk.sqlite.inTransaction) return fn()
  const before = desk.sqlite.pragma('synchronous', { simple: true }) as number
  desk.sqlite.pragma('synchronous = NORMAL')
  try {
    return fn()
  } finally {
    desk.sqlite.pragma(`synchronous = ${before}`)
  }
}

/** Writes a fetch's outcome (and, on success, its mentions) for one feed in one transaction. */
export function recordOutcome(
  ctx: Ctx, feed: FeedRow, result: FetchAndParseResult, setup: IngestSetup, now: Date, random?: () => number
): { report: FeedPollResult; alerts: AlertCandidate[] } {
  const at = now.toISOString()
  const base = { feedId: feed.id, name: feed.name, items: 0, matched: 0, newMentions: 0, newSources: 0 }
  return withoutFsync(ctx.desk, () => ctx.desk.tx(() => {
    if (result.kind === 'error') {
      const errors = feed.consecutiveErrors + 1
      const next = new Date(nextFetchAt({ now: now.getTime(), intervalMin: feed.intervalMin, consecutiveErrors: errors, retryAfterMs: result.retryAfterMs, random })).toISOString()
      updateFeed(ctx.desk.db, feed.id, { lastFetchAt: at, status: isFailing(errors) ? 'failing' : 'error', lastError: result.message, consecutiveErrors: errors, nextFetchAt: next })
      return { report: { ...base, outcome: 'error', message: result.message, nextFetchAt: next }, alerts: [] }
    }
    const next = new Date(nextFetchAt({ now: now.getTime(), intervalMin: feed.intervalMin, consecutiveErrors: 0 })).toISOString()
    const healthy = { lastFetchAt: at, status: 'ok', lastError: null as string | null, consecutiveErrors: 0, nextFetchAt: next }
    if (result.kind === 'not-modified') {
      // 304: nothing was parsed and no mention is touched; only the feed's clock moves on. The same bytes
      // would read the same, so a 格式有误 or 暂无条目 feed keeps its status and note.
      const same = feed.status === 'partial' || feed.status === 'empty'
      updateFeed(ctx.desk.db, feed.id, same ? { ...healthy, status: feed.status, lastError: feed.lastError } : healthy)
      return { report: { ...base, outcome: 'not-modified', message: '内容未变化（304）', nextFetchAt: next }, alerts: [] }
    }
    const { items, damaged } = result.feed
    // A broken feed that was read is not a failure (no backoff), but it says so on the feeds page.
    const note = damaged ? damagedFeedMessage(items.length, damaged.line) : null
    const read = { ...healthy, status: damaged ? 'partial' : items.length === 0 ? 'empty' : 'ok', lastError: note }
    const r = ingestItems(ctx.desk.sqlite, setup, { id: feed.id, weight: feed.weight }, items, at)
    const grew = r.newMentions + r.newSources > 0
    const itemsKey = itemsKeyOf(result.feed.items)
    const changedItems = itemsKey !== feed.itemsKey ? { itemsKey, itemsChangedAt: at } : {}
    updateFeed(ctx.desk.db, feed.id, { ...read, etag: result.etag, lastModified: result.lastModified, ...changedItems, ...(grew ? { lastNewAt: at } : {}) })
    if (grew) recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'poll', entity: 'feed', entityId: feed.id, changes: { newMentions: r.newMentions, newSources: r.newSources } })
    const found = grew ? `新增舆情 ${r.newMentions} 条${r.newSources ? `，新增来源 ${r.newSources} 个` : ''}`
      : items.length === 0 ? '暂无条目' : `没有新的相关条目（共 ${items.length} 条，命中 ${r.matched} 条）`
    const message = note ? `${note}；${found}` : found
    return {
      report: { ...base, outcome: grew ? 'new' : 'unchanged', items: result.feed.items.length, matched: r.matched, newMentions: r.newMentions, newSources: r.newSources, message, nextFetchAt: next },
      alerts: r.alerts
    }
  }))
}

async function pollFeed(ctx: Ctx, feed: FeedRow, setup: IngestSetup, now: Date, o: PollOptions): Promise<{ report: FeedPollResult; alerts: AlertCandidate[] }> {
  let result: FetchAndParseResult
  try {
    result = await fetchAndParse(
      ctx.http,
      { url: feed.url, etag: feed.etag, lastModified: feed.lastModified, encoding: feed.encoding },
      { now: () => now.getTime(), timeoutMs: o.timeoutMs, maxBytes: o.maxBytes }
    )
  } catch (e) {
    // A bug in our own code for one feed's bytes: logged, recorded as that feed's error, the others go on.
    console.error(e)
    result = { kind: 'error', code: 'malformed', message: '读取订阅内容时程序内部出错，已记录日志' }
  }
  if (result.kind === 'ok' && feed.fetchFullText) {
    try {
      await fillFullText(ctx, result.feed.items, o.page)
    } catch (e) {
      console.error(e) // the items keep their summaries; the feed's poll goes on
    }
  }
  try {
    return recordOutcome(ctx, feed, result, setup, now, o.random)
  } catch (e) {
    console.error(e)
    return { report: { feedId: feed.id, name: feed.name, outcome: 'error', items: 0, matched: 0, newMentions: 0, newSources: 0, message: '保存抓取结果时程序内部出错，已记录日志，数据未改动', nextFetchAt: feed.nextFetchAt }, alerts: [] }
  }
}

/** Polls every enabled feed whose time has come, POLL_CONCURRENCY at a time. Never throws for a feed's fault. */
export async function pollDue(ctx: Ctx, o: PollOptions = {}): Promise<PollReport> {
  const now = o.now ?? ctx.now()
  ensureProfileRule(ctx)
  const busy = busySet(ctx.desk)
  const due = dueFeeds(ctx.desk.db, now.toISOString())
  const setup: IngestSetup = { matcher: currentMatcher(ctx.desk.db), lexicon: readLexicon(ctx.desk.db) }
  const results = new Map<number, FeedPollResult>()
  const alerts: AlertCandidate[] = []
  const queue: FeedRow[] = []
  for (const feed of due) {
    if (busy.has(feed.id)) {
      results.set(feed.id, { feedId: feed.id, name: feed.name, outcome: 'busy', items: 0, matched: 0, newMentions: 0, newSources: 0, message: '正在抓取中', nextFetchAt: feed.nextFetchAt })
    } else {
      busy.add(feed.id) // claimed before the first await, so an overlapping poll skips it
      queue.push(feed)
    }
  }
  const worker = async () => {
    for (let feed = queue.shift(); feed; feed = queue.shift()) {
      try {
        const r = await pollFeed(ctx, feed, setup, now, o)
        results.set(feed.id, r.report)
        alerts.push(...r.alerts)
      } finally {
        busy.delete(feed.id)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? POLL_CONCURRENCY, queue.length) }, worker))
  try {
    dispatchAlerts(ctx, alerts, now)
  } catch (e) {
    console.error(e) // the mentions are saved; a notification failure must not turn the poll into an error
  }
  try {
    // 存证 of what became 较大/重大 runs after the poll has answered; it keeps its own failures.
    startAutoSnapshots(ctx, alerts.map((a) => a.id), o.page)
  } catch (e) {
    console.error(e)
  }
  const ordered = due.map((f) => results.get(f.id)!)
  const notDue = countEnabledFeeds(ctx.desk.db) - due.length
  const paused = countDisabledFeeds(ctx.desk.db)
  const counts = pollCounts(ordered, notDue, paused)
  return { at: now.toISOString(), results: ordered, notDue, paused, counts, summary: pollSummary(ordered, counts) }
}
