import Parser from 'rss-parser'
import { itemDate } from './dates'
import { repairXml } from './decode'
import { htmlToText } from './html-text'

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

export interface ParsedFeed { title: string | null; items: FeedItem[] }

export type FeedErrorCode = 'empty' | 'web-page' | 'not-feed' | 'malformed'

/** A body that cannot be read as a feed; `message` is shown to the officer as is. */
export class FeedError extends Error {
  constructor(readonly code: FeedErrorCode, message: string) {
    super(message)
    this.name = 'FeedError'
  }
}

const WEB_ROOTS = new Set(['html', 'head', 'body', 'meta', 'script', 'div', 'form', 'title', 'link', 'style'])
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf'])

/** Name of the first element after the prolog (declaration, comments, DOCTYPE), lower-cased. */
function rootElement(text: string): string | null {
  let pos = 0
  for (let guard = 0; guard < 100; guard++) {
    while (pos < text.length && /\s/.test(text[pos])) pos++
    if (text.startsWith('<?', pos)) pos = text.indexOf('?>', pos) + 2
    else if (text.startsWith('<!--', pos)) pos = text.indexOf('-->', pos) + 3
    else if (/^<!doctype\s+html/i.test(text.slice(pos, pos + 20))) return 'html'
    else if (text.startsWith('<!', pos)) {
      const gt = text.indexOf('>', pos)
      const bracket = text.indexOf('[', pos)
      pos = bracket !== -1 && bracket < gt ? text.indexOf(']', bracket) + 1 : gt + 1
      if (pos === 0) return null
      if (text[pos] === '>') pos++
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(pos, pos + 64))
      return m ? m[1].toLowerCase() : null
    }
    if (pos <= 1) return null // an unterminated construct: indexOf gave -1
  }
  return null
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
 * rss-parser with two behaviours changed per item: a throwing item (an Atom date it cannot read makes
 * `toISOString()` throw, a `<link>` without attributes a TypeError) is dropped alone instead of rejecting
 * the feed, and items past MAX_ITEMS are not built at all. Atom dates are taken raw so dates.ts reads them.
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
  self.parseItemRss = (item, fields) => guard(() => base.parseItemRss.call(parser, item, fields))
  self.parseItemAtom = (entry) => guard(() => {
    const { published, updated, ...rest } = entry
    let built: Raw
    try {
      built = base.parseItemAtom.call(parser, rest)
    } catch {
      // Usually `<link>url</link>` written RSS-style, without href: keep the entry, take the link as text.
      built = base.parseItemAtom.call(parser, { ...rest, link: undefined })
      built.link = str(rest.link)
    }
    built[RAW_DATE] = str(published) ?? str(updated)
    return built
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

function toItem(raw: Raw, fetchedAt: Date, baseUrl: string | undefined): FeedItem | null {
  const body = str(raw['content:encoded']) ?? str(raw.content) ?? str(raw.summary) ?? ''
  const text = htmlToText(body, MAX_TEXT_CHARS)
  const link = safeLink(str(raw.link), baseUrl)
  let title = htmlToText(str(raw.title) ?? '', MAX_TITLE_CHARS)
  if (!title && !text && !link) return null
  if (!title) title = text ? htmlToText(text, 60) : '（无标题）'
  const guid = (str(raw.guid) ?? str(raw.id) ?? str(raw['rdf:about']))?.trim() || null
  const rawDate = (raw[RAW_DATE] as string | null | undefined) ?? str(raw.pubDate) ?? str(raw.date)
  return { guid, link, title, text, publishedAt: itemDate(rawDate, fetchedAt) }
}

function syntaxError(err: unknown): FeedError {
  const line = /Line:\s*(\d+)/.exec(err instanceof Error ? err.message : '')?.[1]
  const where = line ? `（第 ${Number(line) + 1} 行附近）` : ''
  return new FeedError('malformed', `订阅源的 XML 格式有误，无法解析${where}`)
}

/**
 * Parses decoded feed text (RSS 0.9x/1.0/2.0, Atom). Repairs the usual CMS damage first (see repairXml).
 * `baseUrl` (the final fetch URL) resolves relative item links. Throws FeedError with a Chinese message.
 */
export async function parseFeed(xml: string, fetchedAt: Date, baseUrl?: string): Promise<ParsedFeed> {
  const text = repairXml(xml)
  if (!text.trim()) throw new FeedError('empty', '服务器返回了空内容，里面没有任何订阅条目')
  const root = rootElement(text)
  if (root && WEB_ROOTS.has(root)) {
    throw new FeedError('web-page', '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）')
  }
  if (!root || !FEED_ROOTS.has(root)) {
    throw new FeedError('not-feed', '返回的内容不是 RSS/Atom 订阅源，请检查订阅地址')
  }
  let output: Parser.Output<Record<string, unknown>>
  try {
    output = await boundedParser().parseString(text)
  } catch (err) {
    if (err instanceof Error && /not recognized/i.test(err.message)) {
      throw new FeedError('not-feed', '返回的内容不是 RSS/Atom 订阅源，请检查订阅地址')
    }
    throw syntaxError(err)
  }
  const items: FeedItem[] = []
  for (const raw of output.items.slice(0, MAX_ITEMS)) {
    if ((raw as Raw)[DROPPED]) continue
    const item = toItem(raw as Raw, fetchedAt, baseUrl)
    if (item) items.push(item)
  }
  const title = htmlToText(str(output.title) ?? '', MAX_TITLE_CHARS) || null
  return { title, items }
}
