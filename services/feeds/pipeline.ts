import { decodeFeedBytes } from './decode'
import { fetchFeed, type FetchErrorCode, type HttpTransport } from './fetcher'
import { FeedError, parseFeed, type FeedErrorCode, type ParsedFeed } from './parse'

export interface FeedSource {
  url: string
  /** Validators saved from the last successful fetch. */
  etag?: string | null
  lastModified?: string | null
  /** The officer's encoding override for this feed; null lets decode.ts decide. */
  encoding?: string | null
}

export interface FetchAndParseOptions {
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  now?: () => number
}

export type FetchAndParseResult =
  | { kind: 'ok'; feed: ParsedFeed; etag: string | null; lastModified: string | null; encoding: string; finalUrl: string }
  | { kind: 'not-modified' }
  | { kind: 'error'; code: FetchErrorCode | FeedErrorCode; message: string; status?: number; retryAfterMs?: number }

/**
 * Fetch → decode → parse for one feed. Never throws for anything a feed can do; every error carries a
 * Chinese message. On a parse error no validators are returned, so the next fetch gets the full body again
 * instead of a 304 for content that was never read.
 */
export async function fetchAndParse(
  transport: HttpTransport, source: FeedSource, opts: FetchAndParseOptions = {}
): Promise<FetchAndParseResult> {
  const now = opts.now ?? Date.now
  const fetched = await fetchFeed(transport, {
    url: source.url, etag: source.etag, lastModified: source.lastModified,
    timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes, maxRedirects: opts.maxRedirects
  }, now)
  if (fetched.kind === 'not-modified') return { kind: 'not-modified' }
  if (fetched.kind === 'error') return fetched

  const { text, encoding } = decodeFeedBytes(fetched.body, fetched.contentType, source.encoding)
  try {
    const feed = await parseFeed(text, new Date(now()), fetched.finalUrl)
    return { kind: 'ok', feed, etag: fetched.etag, lastModified: fetched.lastModified, encoding, finalUrl: fetched.finalUrl }
  } catch (err) {
    if (err instanceof FeedError) return { kind: 'error', code: err.code, message: err.message, status: fetched.status }
    // Anything else is a bug in this code, not a property of the feed: let the caller log it as internal.
    throw err
  }
}
