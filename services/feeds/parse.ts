import Parser from 'rss-parser'
import { itemDate } from './dates'
import { repairXml } from './decode'
import { stripHtml } from '../text/normalize'
import { readTolerant, type TolerantEntry } from './tolerant'

/**
 * At most this many items are kept per fetch (the first ones, which in every real feed are the newest).
 * A 100,000-item feed still costs one XML parse, but item building and matching stay bounded.
 */
export const MAX_ITEMS = 5000
export const MAX_TEXT_CHARS = 2000
const MAX_TITLE_CHARS = 500

export interface FeedItem {
  guid: string | null
  link: string | null
  title: string
  /** Plain text: tags stripped, entities decoded, whitespace collapsed, at most MAX_TEXT_CHARS. */
  text: string
  /** ISO 8601; unreadable or absurd dates are replaced by the fetch time. */
  publishedAt: string
}

export interface ParsedFeed {
  title: string | null
  items: FeedItem[]
  /**
   * Set when the strict parse refused the document and the tolerant reader (tolerant.ts) recovered the items:
   * the feed is shown as 格式有误，已读取 N 条. `line` is where the XML first broke (1-based), when known.
   */
  damaged?: { line: number | null }
}

export type FeedErrorCode = 'empty' | 'web-page' | 'not-feed' | 'malformed'

/** A body that cannot be read as a feed; `message` is shown to the officer as is. */
export class FeedError extends Error {
  constructor(readonly code: FeedErrorCode, message: string) {
    super(message)
    this.name = 'FeedError'
  }
}

const NOT_A_FEED = '返回的内容不是 RSS/Atom 订阅源，请检查订阅地址'
const WEB_ROOTS = new Set(['html', 'head', 'body', 'meta', 'script', 'div', 'form', 'title', 'link', 'style'])
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf'])

/** Index just past the next `end` from `from`, or -1 when the construct is never closed. */
function after(text: string, end: string, from: number): number {
  const i = text.indexOf(end, from)
  return i === -1 ? -1 : i + end.length
}

/**
 * Name (lower-cased) and position of the first element after the prolog (declaration, comments, DOCTYPE).
 * An HTML DOCTYPE makes the document a web page unless a feed root follows it (some CMSs put an XHTML
 * DOCTYPE on their feeds).
 */
function rootElement(text: string): { name: string; pos: number } | null {
  let pos = 0
  let htmlDoctype = false
  for (let guard = 0; guard < 100 && pos !== -1; guard++) {
    while (pos < text.length && /\s/.test(text[pos])) pos++
    if (/^<!doctype\s+html/i.test(text.slice(pos, pos + 20))) htmlDoctype = true
    if (text.startsWith('<?', pos)) pos = after(text, '?>', pos)
    else if (text.startsWith('<!--', pos)) pos = after(text, '-->', pos)
    else if (text.startsWith('<!', pos)) {
      // A DOCTYPE, possibly with an internal subset `[ … ]` that contains `>` of its own.
      const gt = text.indexOf('>', pos)
      const bracket = text.indexOf('[', pos)
      pos = bracket !== -1 && bracket < gt ? after(text, ']', bracket) : gt
      pos = pos === -1 ? -1 : after(text, '>', pos)
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(pos, pos + 64))
      const name = m ? m[1].toLowerCase() : null
      if (htmlDoctype && (!name || !FEED_ROOTS.has(name))) return { name: 'html', pos }
      return name ? { name, pos } : null
    }
  }
  return htmlDoctype ? { name: 'html', pos: 0 } : null
}

type Raw = Record<string | symbol, unknown>
interface ParserInternals {
  parseItemRss(item: Raw, fields: unknown): Raw
  parseItemAtom(entry: Raw): Raw
}
const DROPPED = Symbol('dropped')
const RAW_DATE = Symbol('rawDate')

function str(v: unknown): string | null {
  if (Array.isArray(v)) return str(v[0])
  if (typeof v === 'string') return v
  if (v && typeof v === 'object' && typeof (v as Raw)._ === 'string') return (v as Raw)._ as string
  return null
}

/**
 * An RSS item as rss-parser's parseItemRss reads the fields toItem uses, without the ones this desk never reads:
 * parseItemRss also makes a plain-text snippet of every description and content:encoded (an entity decode and two
 * regex passes each) and an ISO date, which buildItem makes again its own way — a fifth of the parse of a large
 * feed. The precedence is rss-parser's (copyFromXML: `title` over `dc:title`). Null for a description with child
 * elements (raw HTML in the XML), which rss-parser rebuilds into markup: that item goes through parseItemRss.
 */
function leanRssItem(xml: Raw): Raw | null {
  const description = Array.isArray(xml.description) ? (xml.description[0] as unknown) : undefined
  const content = description === undefined ? undefined : str(description)
  if (description !== undefined && content === null && typeof description === 'object') return null
  return {
    title: xml.title ?? xml['dc:title'],
    link: xml.link,
    guid: xml.guid,
    'content:encoded': xml['content:encoded'],
    content: content ?? description,
    summary: xml.summary,
    pubDate: xml.pubDate,
    date: xml['dc:date'],
    'rdf:about': (xml.$ as Raw | undefined)?.['rdf:about']
  }
}

/**
 * rss-parser with two behaviours changed per item: a throwing item (an Atom date it cannot read makes
 * `toISOString()` throw, a `<link>` without attributes a TypeError) is dropped alone instead of rejecting
 * the feed, and items past MAX_ITEMS are not built at all. RSS items are read lean (leanRssItem); Atom dates
 * are taken raw so dates.ts reads them.
 */
function boundedParser(): Parser {
  const parser = new Parser({ defaultRSS: 2 })
  const base = Parser.prototype as unknown as ParserInternals
  const self = parser as unknown as ParserInternals
  let built = 0
  const guard = (build: () => Raw): Raw => {
    if (++built > MAX_ITEMS) return { [DROPPED]: true }
    try {
      return build()
    } catch {
      return { [DROPPED]: true }
    }
  }
  self.parseItemRss = (item, fields) => guard(() => leanRssItem(item) ?? base.parseItemRss.call(parser, item, fields))
  self.parseItemAtom = (entry) => guard(() => {
    const { published, updated, ...rest } = entry
    let item: Raw
    try {
      item = base.parseItemAtom.call(parser, rest)
    } catch {
      // Usually `<link>url</link>` written RSS-style, without href: keep the entry, take the link as text.
      item = base.parseItemAtom.call(parser, { ...rest, link: undefined })
      item.link = str(rest.link)
    }
    item[RAW_DATE] = str(published) ?? str(updated)
    return item
  })
  return parser
}

function safeLink(raw: string | null, baseUrl: string | undefined): string | null {
  if (!raw?.trim()) return null
  try {
    const url = new URL(raw.trim(), baseUrl)
    // Links are opened from the app; never hand it javascript: or file: from a stranger's feed.
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** One item from its raw field values (markup, entities decoded once), whichever reader found them. */
function buildItem(raw: TolerantEntry, fetchedAt: Date, baseUrl: string | undefined): FeedItem | null {
  const text = stripHtml(raw.body ?? '', MAX_TEXT_CHARS)
  const link = safeLink(raw.link, baseUrl)
  let title = stripHtml(raw.title ?? '', MAX_TITLE_CHARS)
  if (!title && !text && !link) return null
  if (!title) title = text ? stripHtml(text, 60) : '（无标题）'
  return { guid: raw.guid?.trim() || null, link, title, text, publishedAt: itemDate(raw.date, fetchedAt) }
}

function toItem(raw: Raw, fetchedAt: Date, baseUrl: string | undefined): FeedItem | null {
  return buildItem({
    title: str(raw.title),
    link: str(raw.link),
    guid: str(raw.guid) ?? str(raw.id) ?? str(raw['rdf:about']),
    body: str(raw['content:encoded']) ?? str(raw.content) ?? str(raw.summary),
    date: (raw[RAW_DATE] as string | null | undefined) ?? str(raw.pubDate) ?? str(raw.date)
  }, fetchedAt, baseUrl)
}

/**
 * Why the strict parse refused: a syntax error (sax gives a 0-based line), or (line null) valid XML that
 * rss-parser cannot walk: an <rss> without <channel>, or without a version it recognises.
 */
function refusal(err: unknown): { line: number | null } {
  const message = err instanceof Error ? err.message : ''
  const line = /Line:\s*(\d+)/.exec(message)?.[1]
  return { line: line === undefined ? null : Number(line) + 1 }
}

/** The tolerant reader's items, built exactly as the strict path builds them. */
function tolerantItems(text: string, fetchedAt: Date, baseUrl: string | undefined): { title: string | null; items: FeedItem[] } {
  const read = readTolerant(text, MAX_ITEMS)
  const items: FeedItem[] = []
  for (const entry of read.entries) {
    const item = buildItem(entry, fetchedAt, baseUrl)
    if (item) items.push(item)
  }
  return { title: stripHtml(read.title ?? '', MAX_TITLE_CHARS) || null, items }
}

/**
 * Parses decoded feed text (RSS 0.9x/1.0/2.0, Atom). Repairs the usual CMS damage first (see repairXml).
 * When the strict parse refuses the document, the tolerant reader recovers every item it can and the result
 * carries `damaged`; the strict result is kept whenever the strict parse succeeds. A feed with no items
 * (`<rss></rss>`, a channel without items) is an empty result, not an error.
 * `baseUrl` (the final fetch URL) resolves relative item links. Throws FeedError with a Chinese message.
 */
export async function parseFeed(xml: string, fetchedAt: Date, baseUrl?: string): Promise<ParsedFeed> {
  const text = repairXml(xml)
  if (!text.trim()) throw new FeedError('empty', '服务器返回了空内容，里面没有任何订阅条目')
  const root = rootElement(text)
  if (root && WEB_ROOTS.has(root.name)) {
    throw new FeedError('web-page', '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）')
  }
  if (!root || !FEED_ROOTS.has(root.name)) throw new FeedError('not-feed', NOT_A_FEED)
  let output: Parser.Output<Record<string, unknown>>
  try {
    output = await boundedParser().parseString(text)
  } catch (err) {
    const why = refusal(err)
    // From the root on: the DOCTYPE and its entity declarations are never read.
    const recovered = tolerantItems(text.slice(root.pos), fetchedAt, baseUrl)
    if (recovered.items.length > 0) return { ...recovered, damaged: why }
    // Valid XML with nothing in it is an empty feed; a broken document that yields nothing stays an error.
    if (why.line === null) return recovered
    throw new FeedError('malformed', `订阅源的 XML 格式有误，无法解析（第 ${why.line} 行附近）`)
  }
  const items: FeedItem[] = []
  for (const raw of output.items.slice(0, MAX_ITEMS)) {
    if ((raw as Raw)[DROPPED]) continue
    const item = toItem(raw as Raw, fetchedAt, baseUrl)
    if (item) items.push(item)
  }
  const title = stripHtml(str(output.title) ?? '', MAX_TITLE_CHARS) || null
  return { title, items }
}
