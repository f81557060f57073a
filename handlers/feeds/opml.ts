// OPML in and out. An imported OPML file is untrusted XML, so it is not given to an XML parser at all: a
// linear scan reads `<outline>` tags and their attributes, decodes only the five predefined entities and
// numeric references, and ignores any DOCTYPE — no entity expansion, no external fetches, nothing quadratic.

export interface OpmlFeed {
  url: string
  name: string
  category: string
}

export const MAX_OPML_FEEDS = 2000

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeAttr(v: string): string {
  return v.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      const ok = cp === 9 || cp === 10 || cp === 13 || (cp >= 0x20 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff))
      return ok ? String.fromCodePoint(cp) : ''
    }
    return PREDEFINED[ref] ?? whole
  })
}

const ATTR = /([A-Za-z_:][\w:.-]{0,63})\s*=\s*("([^"]*)"|'([^']*)')/g

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of tag.matchAll(ATTR)) {
    const key = m[1].toLowerCase()
    if (!(key in out)) out[key] = decodeAttr(m[3] ?? m[4] ?? '').replace(/\s+/g, ' ').trim()
  }
  return out
}

/** End of the tag opened at `lt` (index just past `>`), honouring quotes; -1 when it never closes. */
function tagEnd(text: string, lt: number): number {
  let quote = ''
  for (let i = lt + 1; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') return i + 1
  }
  return -1
}

/** Feeds listed in an OPML document; outlines without an http(s) xmlUrl are folders (their text is the category). */
export function parseOpml(text: string): OpmlFeed[] {
  if (!/<opml[\s>]/i.test(text.slice(0, 4096))) throw new Error('不是 OPML 文件（找不到 <opml> 标记）')
  const feeds: OpmlFeed[] = []
  const folders: string[] = []
  let pos = 0
  while (pos < text.length) {
    const lt = text.indexOf('<', pos)
    if (lt < 0) break
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4)
      pos = end < 0 ? text.length : end + 3
      continue
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9)
      pos = end < 0 ? text.length : end + 3
      continue
    }
    const end = tagEnd(text, lt)
    if (end < 0) break
    pos = end
    const tag = text.slice(lt, end)
    if (/^<\/outline\s*>$/i.test(tag)) {
      folders.pop()
      continue
    }
    if (!/^<outline[\s/>]/i.test(tag)) continue
    const a = attributes(tag)
    const selfClosing = tag.endsWith('/>')
    const url = (a.xmlurl ?? '').trim()
    if (url) {
      const name = a.title || a.text || ''
      const category = a.category?.split(/[,/]/)[0]?.trim() || folders[folders.length - 1] || ''
      feeds.push({ url, name, category })
      if (feeds.length > MAX_OPML_FEEDS) throw new Error(`OPML 中的订阅源超过 ${MAX_OPML_FEEDS} 个，请分批导入`)
    }
    if (!selfClosing) folders.push(url ? (folders[folders.length - 1] ?? '') : a.text || a.title || '')
  }
  return feeds
}

function escapeAttr(s: string): string {
  return s
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r?\n|\r/g, '&#10;')
}

/** OPML 2.0 with one folder per category. */
export function buildOpml(feeds: OpmlFeed[], title: string, createdAt: Date): string {
  const groups = new Map<string, OpmlFeed[]>()
  for (const f of feeds) groups.set(f.category, [...(groups.get(f.category) ?? []), f])
  const line = (f: OpmlFeed, indent: string) =>
    `${indent}<outline type="rss" text="${escapeAttr(f.name)}" title="${escapeAttr(f.name)}" xmlUrl="${escapeAttr(f.url)}"/>`
  const body: string[] = []
  for (const [category, list] of groups) {
    if (!category) {
      for (const f of list) body.push(line(f, '    '))
      continue
    }
    body.push(`    <outline text="${escapeAttr(category)}" title="${escapeAttr(category)}">`)
    for (const f of list) body.push(line(f, '      '))
    body.push('    </outline>')
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttr(title)}</title>`,
    `    <dateCreated>${createdAt.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...body,
    '  </body>',
    '</opml>',
    ''
  ].join('\n')
}
