// Feed items → mentions: match rules → dedup (guid per feed, else normalized link, else content hash) → else
// near-duplicate of a recent event (services/watch/cluster.ts) → sentiment and risk grade → mention + source +
// keys + search row. Called inside the caller's transaction
// (one per feed). Exported piece by piece so the benchmark can time each step on its own. Each item's text is
// made plain and folded once (services/text/item-text.ts) and that one result feeds every step.
import type Database from 'better-sqlite3'
import { dedupKeys } from '../../services/watch/dedup'
import { gradeEvent, gradeRisk, scoreSentiment, type Lexicon, type RiskGrade } from '../../services/watch/sentiment'
import { CLUSTER_WINDOW_MS, decodeSignature, encodeSignature, pickEvent, signature, type ClusterCandidate } from '../../services/watch/cluster'
import type { Matcher, RuleHit } from '../../services/watch/matcher'
import type { FeedItem } from '../../services/feeds/parse'
import { indexTokensOf } from '../../services/text/search-tokens'
import { DIRECT, itemFolder, type TextFolder } from '../../services/text/item-text'
import { mentionWriter, type MentionWriter } from '../../db/queries/mention-writer'
import { dangerScore } from '../../shared/watch'

export const SNIPPET_CHARS = 200
const CHINA_OFFSET_MS = 8 * 3600_000

export interface IngestFeed {
  id: number | null
  /** Source weight 0..3 (services/watch/sentiment.ts gradeRisk). */
  weight: number
}

export interface IngestSetup {
  matcher: Matcher
  lexicon: Lexicon
  /**
   * false: exact duplicates only, no near-duplicate 事件 (services/watch/cluster.ts). For the bench's synthetic
   * ten-year desk, whose stories are drawn from a few stock sentences and would all read as retellings.
   */
  nearDuplicates?: boolean
}

/** A mention that is now 较大 or 重大: new, or an existing story that grew into one. */
export interface AlertCandidate {
  id: number
  title: string
  grade: RiskGrade
  publishedAt: string
}

export interface IngestResult {
  matched: number
  newMentions: number
  newSources: number
  /** Items whose story the officer removed (误报…) or deleted: skipped for good. */
  tombstoned: number
  alerts: AlertCandidate[]
}

/** The first SNIPPET_CHARS characters of the plain text, never cutting a surrogate pair. */
export function snippetOf(text: string): string {
  if (text.length <= SNIPPET_CHARS) return text
  let cut = SNIPPET_CHARS
  const c = text.charCodeAt(cut - 1)
  if (c >= 0xd800 && c <= 0xdbff) cut--
  return text.slice(0, cut) + '…'
}

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:.*Z$/

/** China calendar date of an ISO instant, without Intl (this runs once per stored item). */
export function chinaDayOf(iso: string): string {
  // Before 16:00 UTC it is still the same calendar day in China: no date arithmetic needed.
  if (UTC_ISO.test(iso) && (iso.charCodeAt(11) - 48) * 10 + (iso.charCodeAt(12) - 48) < 16) return iso.slice(0, 10)
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Stores one matched item as a new mention with its source, keys and search row; returns the id. */
export function insertNewMention(
  w: MentionWriter, feed: IngestFeed, item: FeedItem, hits: RuleHit[], keys: string[], lexicon: Lexicon, fetchedAt: string,
  f: TextFolder = DIRECT, sig?: Uint32Array | null
): { id: number; grade: RiskGrade } {
  const { sentiment, cues } = scoreSentiment(item.title, item.text, lexicon, f)
  const grade = gradeRisk({ sentiment, sourceWeight: feed.weight, clusterSize: 1 })
  const snippet = snippetOf(item.text)
  const link = item.link ?? ''
  const gradeReason = gradeEvent({ sentiment, maxWeight: feed.weight, sources: [{ feedId: feed.id, publishedAt: item.publishedAt }] }).reason
  const id = w.insertMention({
    title: item.title, link, snippet, publishedAt: item.publishedAt, fetchedAt, day: chinaDayOf(item.publishedAt),
    feedId: feed.id, matches: JSON.stringify(hits), sentiment, cues: cues.length ? JSON.stringify(cues) : '[]', grade, gradeReason, score: dangerScore(sentiment, grade)
  })
  w.insertSource({ mentionId: id, feedId: feed.id, guid: item.guid, link, title: item.title, snippet, signature: sig !== undefined ? (sig && encodeSignature(sig)) : signatureOf(item, hits, f), publishedAt: item.publishedAt, fetchedAt })
  for (const k of keys) w.insertKey(k, id)
  w.indexTokens(id, indexTokensOf([item.title, snippet], f))
  return { id, grade }
}

/**
 * Another source of a known story: one more row in its cluster, and the grade follows the cluster's size
 * and its weightiest source — unless the officer set the grade by hand, which is never overwritten.
 * Returns the new grade when the story just became 较大/重大.
 */
export function addSource(
  w: MentionWriter, mentionId: number, feed: IngestFeed, item: FeedItem, fetchedAt: string, hits: RuleHit[] = [], f: TextFolder = DIRECT, sig?: Uint32Array | null
): RiskGrade | null {
  w.insertSource({
    mentionId, feedId: feed.id, guid: item.guid, link: item.link ?? '', title: item.title, snippet: snippetOf(item.text),
    signature: sig !== undefined ? (sig && encodeSignature(sig)) : signatureOf(item, hits, f), publishedAt: item.publishedAt, fetchedAt
  })
  return regrade(w, mentionId, fetchedAt)
}

/** Re-derives an event's count and grade from its sources; a grade set by hand stays (and so does its reason). */
export function regrade(w: MentionWriter, mentionId: number, at: string): RiskGrade | null {
  const state = w.mentionState(mentionId)!
  const { count, maxWeight } = w.sourceWeights(mentionId)
  const auto = gradeEvent({ sentiment: state.sentiment as '负面', maxWeight, sources: w.sourceTimes(mentionId) })
  const grade = state.gradeManual ? state.grade : auto.grade
  w.setCluster(mentionId, count, grade, state.gradeManual ? '人工更正' : auto.reason, dangerScore(state.sentiment, grade), at)
  const rose = grade !== state.grade && grade !== '一般' && !state.gradeManual
  return rose ? (grade as RiskGrade) : null
}

const termsOf = (hits: RuleHit[]): string[] => [...new Set(hits.flatMap((h) => h.terms))]

function signatureOf(item: FeedItem, hits: RuleHit[], f: TextFolder): string | null {
  const sig = signature(item.title, snippetOf(item.text), termsOf(hits), f)
  return sig ? encodeSignature(sig) : null
}

/**
 * The recent signed sources a fetch's items may retell (services/watch/cluster.ts), read and decoded once per
 * fetch — for the window around all of its items — and kept up to date as the fetch adds sources. Reading them
 * again for every item made a large fetch quadratic in decoding (bench feed_pipeline: 18× rss-parser).
 */
class RecentSources {
  private list: ClusterCandidate[] | null = null
  constructor(private w: MentionWriter, private items: readonly FeedItem[]) {}

  private load(): ClusterCandidate[] {
    const times = this.items.map((i) => Date.parse(i.publishedAt)).filter(Number.isFinite)
    if (times.length === 0) return []
    const from = new Date(Math.min(...times) - CLUSTER_WINDOW_MS).toISOString()
    const to = new Date(Math.max(...times) + CLUSTER_WINDOW_MS).toISOString()
    return this.w.recentSignatures(from, to).map((r) => ({
      eventId: r.mentionId, signature: decodeSignature(r.signature), at: Date.parse(r.publishedAt),
      terms: (JSON.parse(r.matches) as RuleHit[]).flatMap((m) => m.terms)
    }))
  }

  /** The live event a new item retells, if any: its most similar recent source. */
  near(sig: Uint32Array | null, item: FeedItem, hits: RuleHit[]): number | null {
    const at = Date.parse(item.publishedAt)
    if (!sig || !Number.isFinite(at)) return null
    this.list ??= this.load()
    return pickEvent({ signature: sig, at, terms: termsOf(hits) }, this.list)?.eventId ?? null
  }

  /** A source this fetch just wrote (a new event, or one more source of one). */
  add(eventId: number, sig: Uint32Array | null, item: FeedItem, hits: RuleHit[]): void {
    const at = Date.parse(item.publishedAt)
    if (this.list && sig && Number.isFinite(at)) this.list.push({ eventId, signature: sig, at, terms: termsOf(hits) })
  }
}

/** Runs every item of one fetch through the pipeline. Must be called inside a transaction. */
export function ingestItems(sqlite: Database.Database, setup: IngestSetup, feed: IngestFeed, items: FeedItem[], fetchedAt: string): IngestResult {
  const w = mentionWriter(sqlite)
  const out: IngestResult = { matched: 0, newMentions: 0, newSources: 0, tombstoned: 0, alerts: [] }
  const recent = new RecentSources(w, items)
  for (const item of items) {
    const f = itemFolder()
    const hits = setup.matcher.match(item.title, item.text, f)
    if (!hits) continue
    out.matched++
    const keys = dedupKeys({ guid: item.guid, link: item.link, title: item.title, text: item.text, feedId: feed.id ?? 0 }, f)
    const owner = w.findOwner(keys)
    // The signature is computed once: compared with recent sources here, and stored with the source below.
    const sig = owner ? undefined : signature(item.title, snippetOf(item.text), termsOf(hits), f)
    const near = owner || setup.nearDuplicates === false ? null : recent.near(sig ?? null, item, hits)
    if (near !== null) {
      // A retelling of a recent event: one more source of it, and its keys lead there next time.
      for (const k of keys) w.insertKey(k, near)
      const rose = addSource(w, near, feed, item, fetchedAt, hits, f, sig)
      recent.add(near, sig ?? null, item, hits)
      out.newSources++
      if (rose) out.alerts.push({ id: near, title: item.title, grade: rose, publishedAt: item.publishedAt })
      continue
    }
    if (!owner) {
      const { id, grade } = insertNewMention(w, feed, item, hits, keys, setup.lexicon, fetchedAt, f, sig)
      recent.add(id, sig ?? null, item, hits)
      out.newMentions++
      if (grade !== '一般') out.alerts.push({ id, title: item.title, grade, publishedAt: item.publishedAt })
      continue
    }
    // Every key the item brings now points at the same story, so its other copies are recognised too;
    // for a removed or deleted story this widens the tombstone.
    for (const k of keys) w.insertKey(k, owner.mentionId)
    if (!owner.alive) {
      out.tombstoned++
      continue
    }
    if (w.hasSource(owner.mentionId, feed.id, item.guid, item.link ?? '', item.title)) continue
    const rose = addSource(w, owner.mentionId, feed, item, fetchedAt, hits, f)
    out.newSources++
    if (rose) out.alerts.push({ id: owner.mentionId, title: item.title, grade: rose, publishedAt: item.publishedAt })
  }
  return out
}
