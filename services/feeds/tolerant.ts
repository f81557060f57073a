// The tolerant reader: used only when the strict parse (rss-parser) refuses a feed. It reads each
// <item>/<entry> on its own, so one item with raw HTML in its <title>, a truncated end or a CDATA that never
// closes costs at most that item, never the feed.
//
// htmlparser2's Tokenizer does the lexing (a well-kept forgiving tokenizer: unclosed tags, stray `<`,
// unterminated CDATA and comments at the end of input are all reported, never thrown). Its Parser is not
// used: it keeps a stack of open elements and searches it on every closing tag, which an attacker can make
// quadratic (a million unclosed tags, then a million stray closing tags). The state here is flat: at most
// one open item, one open field and a bounded container stack, so the cost is linear in the input.
//
// Safe by construction against the hostile cases the strict path also survives: the prolog (DOCTYPE and its
// internal subset) is skipped, so no entity is declared, expanded or fetched; only the five XML entities and
// numeric references (all that repairXml leaves) are decoded; each field keeps at most MAX_FIELD_CHARS.
import { Tokenizer } from 'htmlparser2'
import { decodeEntities } from '../text/normalize'

/** Raw field values of one entry: still markup (stripped by the caller, exactly as on the strict path). */
export interface TolerantEntry {
  title: string | null
  link: string | null
  guid: string | null
  /** content:encoded, else content / description, else summary. */
  body: string | null
  date: string | null
}
export interface TolerantFeed { title: string | null; entries: TolerantEntry[] }

/** Raw characters kept per field; stripHtml keeps at most 2,000 of the text, so this is ample. */
export const MAX_FIELD_CHARS = 256 * 1024
const CONTAINER_DEPTH = 32

const ENTRY = new Set(['item', 'entry'])
type Slot = 'title' | 'link' | 'guid' | 'encoded' | 'content' | 'summary' | 'published' | 'updated'
// Item fields. Opening one of these while another field is open ends that field: it is what a title left
// unclosed (`<title>医院新闻<link>…`) looks like. None of them is an HTML tag a description would carry.
const FIELDS: Record<string, Slot> = {
  title: 'title', link: 'link', guid: 'guid', id: 'guid', 'content:encoded': 'encoded', content: 'content',
  description: 'content', summary: 'summary', pubdate: 'published', published: 'published', 'dc:date': 'published',
  issued: 'published', updated: 'updated', modified: 'updated'
}
const FEED_CONTAINERS = new Set(['channel', 'feed'])

interface OpenField { slot: Slot; name: string; parts: string[]; size: number }
type Values = Partial<Record<Slot, string>>

/**
 * A CDATA section opened right after `<name>` that contains `</name>` was never closed where it should have
 * been (`<title><![CDATA[医院新闻</title>`): close it there, so it does not swallow the rest of the feed.
 */
export function closeRunawayCdata(text: string): string {
  const out: string[] = []
  let pos = 0
  for (;;) {
    const open = text.indexOf('<![CDATA[', pos)
    if (open === -1) break
    const end = text.indexOf(']]>', open + 9)
    const tag = /<([A-Za-z_][\w.:-]{0,63})(?:\s[^<>]{0,512})?>\s{0,64}$/.exec(text.slice(Math.max(0, open - 640), open))
    const close = tag ? text.indexOf(`</${tag[1]}`, open + 9) : -1
    if (close !== -1 && (end === -1 || close < end)) {
      out.push(text.slice(pos, close), ']]>')
      pos = close
      continue
    }
    if (end === -1) break
    out.push(text.slice(pos, end + 3))
    pos = end + 3
  }
  out.push(text.slice(pos))
  return out.join('')
}

/**
 * Reads what can be read from a feed the strict parser refused. `text` is repaired (repairXml) and starts at
 * the root element. Never throws; stops building entries after `maxEntries`.
 */
export function readTolerant(text: string, maxEntries: number): TolerantFeed {
  const src = closeRunawayCdata(text)
  const entries: TolerantEntry[] = []
  const containers: string[] = []
  let feedTitle: string | null = null
  let entry: Values | null = null
  let field: OpenField | null = null
  let channelTitle: OpenField | null = null
  // The tag being opened: its name and the attributes a link or an RDF item carries.
  let tagName = ''
  let attrs: Record<string, string> = Object.create(null)
  let attrName = ''
  let attrValue: string[] = []

  const append = (f: OpenField, s: string) => {
    if (f.size >= MAX_FIELD_CHARS || !s) return
    const piece = s.length > MAX_FIELD_CHARS - f.size ? s.slice(0, MAX_FIELD_CHARS - f.size) : s
    f.parts.push(piece)
    f.size += piece.length
  }
  const target = () => field ?? channelTitle
  const endField = () => {
    if (field && entry) {
      const value = field.parts.join('')
      // The first value wins: `<source><title>` or `<media:title>` later in the item never replaces it.
      if (entry[field.slot] === undefined && value.trim()) entry[field.slot] = value
    }
    field = null
  }
  const endEntry = () => {
    endField()
    if (entry) {
      entries.push({
        title: entry.title ?? null,
        link: entry.link ?? null,
        guid: entry.guid ?? null,
        body: entry.encoded ?? entry.content ?? entry.summary ?? null,
        date: entry.published ?? entry.updated ?? null
      })
      if (entries.length >= maxEntries) tokenizer.pause()
    }
    entry = null
  }
  const endChannelTitle = () => {
    if (channelTitle && feedTitle === null) feedTitle = channelTitle.parts.join('').trim() || null
    channelTitle = null
  }

  const opened = (selfClosing: boolean) => {
    const name = tagName
    if (ENTRY.has(name)) {
      endEntry()
      endChannelTitle()
      entry = Object.create(null) as Values
      const about = attrs['rdf:about']
      if (about) entry.guid = about
      if (selfClosing) endEntry()
      return
    }
    const slot = FIELDS[name]
    if (entry) {
      if (field && !slot) {
        // Markup inside a text field is text: kept as a bare tag so stripHtml drops it (and a <script>'s body).
        append(field, selfClosing ? `<${name}/>` : `<${name}>`)
        return
      }
      if (!slot) return
      endField()
      if (slot === 'link' && attrs.href !== undefined) {
        // Atom: <link rel="alternate" href="…"/>; the alternate (or rel-less) link is the article.
        const rel = (attrs.rel ?? 'alternate').toLowerCase()
        if (rel === 'alternate' && entry.link === undefined && attrs.href.trim()) entry.link = attrs.href
        if (!selfClosing) field = { slot: 'link', name, parts: [], size: MAX_FIELD_CHARS } // its text is not the link
        return
      }
      if (!selfClosing) field = { slot, name, parts: [], size: 0 }
      return
    }
    if (channelTitle) {
      append(channelTitle, selfClosing ? `<${name}/>` : `<${name}>`)
      return
    }
    if (name === 'title' && !selfClosing && FEED_CONTAINERS.has(containers[containers.length - 1] ?? '') && feedTitle === null) {
      channelTitle = { slot: 'title', name, parts: [], size: 0 }
      return
    }
    if (!selfClosing && containers.length < CONTAINER_DEPTH) containers.push(name)
  }

  const closed = (name: string) => {
    if (ENTRY.has(name)) return endEntry()
    if (field) {
      if (name === field.name) endField()
      else append(field, `</${name}>`)
      return
    }
    if (channelTitle) {
      if (name === 'title') endChannelTitle()
      else append(channelTitle, `</${name}>`)
      return
    }
    if (entry) return
    // Close the nearest matching container within a few levels; a stray closing tag is ignored.
    for (let i = containers.length - 1; i >= Math.max(0, containers.length - 4); i--) {
      if (containers[i] === name) {
        containers.length = i
        break
      }
    }
  }

  const slice = (start: number, end: number) => src.slice(start, end)
  const tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, {
    onopentagname(start, end) {
      tagName = slice(start, end).toLowerCase()
      attrs = Object.create(null)
    },
    onattribname(start, end) {
      attrName = slice(start, end).toLowerCase()
      attrValue = []
    },
    onattribdata(start, end) {
      // Only the few attributes read here are kept, and each at most MAX_FIELD_CHARS.
      if ((attrName === 'href' || attrName === 'rel' || attrName === 'rdf:about') && attrValue.length < 64) attrValue.push(slice(start, Math.min(end, start + MAX_FIELD_CHARS)))
    },
    onattribentity() {},
    onattribend() {
      if (attrName === 'href' || attrName === 'rel' || attrName === 'rdf:about') attrs[attrName] = decodeEntities(attrValue.join(''))
      attrName = ''
    },
    onopentagend() {
      opened(false)
    },
    onselfclosingtag() {
      opened(true)
    },
    onclosetag(start, end) {
      closed(slice(start, end).toLowerCase())
    },
    ontext(start, end) {
      const f = target()
      // A markup declaration cut off by the end of input (`<![CD`) is reported as text: it is not text.
      if (end === src.length && src.lastIndexOf('<!', start) === start - 2) return
      if (f && f.size < MAX_FIELD_CHARS) append(f, decodeEntities(slice(start, Math.min(end, start + MAX_FIELD_CHARS))))
    },
    ontextentity() {},
    oncdata(start, end, offset) {
      const f = target()
      // CDATA is literal: its markup is the field's HTML, as the strict parser hands it over.
      if (f && f.size < MAX_FIELD_CHARS) append(f, slice(start, Math.min(end - offset, start + MAX_FIELD_CHARS)))
    },
    oncomment() {},
    ondeclaration() {},
    onprocessinginstruction() {},
    onend() {}
  })
  tokenizer.write(src)
  // A truncated document: whatever item is still open is kept with what it has.
  if (entries.length < maxEntries) {
    tokenizer.end()
    endEntry()
  }
  endChannelTitle()
  return { title: feedTitle, entries }
}
