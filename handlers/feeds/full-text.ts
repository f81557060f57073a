// 抓取全文 (opt-in per feed): a new item that carries only a summary gets its article page's readable text before the
// rules read it, so a mention of the hospital in the body is not missed. Bounded: only items the desk has not stored,
// at most FULL_TEXT_PER_POLL pages per feed per poll, each under the fetcher's deadline and a page size cap; a page
// once read (or failed) is remembered for this process, so an unmatched item is not fetched again on every poll.
import { fetchFeed } from '../../services/feeds/fetcher'
import type { FeedItem } from '../../services/feeds/parse'
import { MAX_TEXT_CHARS } from '../../services/feeds/parse'
import { PAGE_MAX_BYTES, extractPage } from '../../services/watch/snapshot'
import { safeWebLink } from '../../shared/watch'
import type { Desk } from '../../db/open'
import type { Ctx } from '../context'

export const FULL_TEXT_PER_POLL = 6
/** Shorter than this, an item's text is taken for a summary only. */
export const SUMMARY_CHARS = 300
export const FULL_TEXT_TIMEOUT_MS = 10_000
const REMEMBERED = 2000

const seen = new WeakMap<Desk, Map<string, string | null>>()

function memory(desk: Desk): Map<string, string | null> {
  let m = seen.get(desk)
  if (!m) seen.set(desk, (m = new Map()))
  return m
}

function remember(m: Map<string, string | null>, link: string, text: string | null): void {
  m.set(link, text)
  if (m.size > REMEMBERED) m.delete(m.keys().next().value as string)
}

export interface FullTextReport {
  fetched: number
  failed: number
}

/** Replaces the text of summary-only new items with their page's text, in place. Never throws for a page's fault. */
export async function fillFullText(ctx: Ctx, items: FeedItem[], o: { timeoutMs?: number; maxBytes?: number; perPoll?: number } = {}): Promise<FullTextReport> {
  const known = ctx.desk.sqlite.prepare<[string], { n: number }>('SELECT 1 AS n FROM mention_sources WHERE link = ? LIMIT 1')
  const mem = memory(ctx.desk)
  const out: FullTextReport = { fetched: 0, failed: 0 }
  let budget = o.perPoll ?? FULL_TEXT_PER_POLL
  for (const item of items) {
    const link = safeWebLink(item.link)
    if (!link || item.text.length >= SUMMARY_CHARS) continue
    if (mem.has(link)) {
      const text = mem.get(link)
      if (text) item.text = text
      continue
    }
    if (known.get(link) || budget <= 0) continue // stored already: its story is known; or this poll's pages are spent
    budget--
    const r = await fetchFeed(ctx.http, { url: link, timeoutMs: o.timeoutMs ?? FULL_TEXT_TIMEOUT_MS, maxBytes: o.maxBytes ?? PAGE_MAX_BYTES }, () => ctx.now().getTime())
    let text: string | null = null
    if (r.kind === 'ok') {
      try {
        text = extractPage(r.body, r.contentType).text.slice(0, MAX_TEXT_CHARS) || null
      } catch (e) {
        console.error(e)
      }
    }
    remember(mem, link, text)
    if (text && text.length > item.text.length) {
      item.text = text
      out.fetched++
    } else if (!text) out.failed++
  }
  return out
}
