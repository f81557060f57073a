import { isUtf8 } from 'node:buffer'
import iconv from 'iconv-lite'
import { HTML_ENTITIES, numericRefCodePoint } from './entities'

// Every GB family label is decoded as GB18030, a strict superset: sites that say "gb2312" routinely
// publish characters (生僻字 in names, 䶮…) that only GBK/GB18030 contain.
const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'euc-cn',
  'csgb2312', 'csgbk', 'gb_2312-80', 'iso-ir-58', 'chinese'])
const BIG5_LABELS = new Set(['big5', 'big5-hkscs', 'x-x-big5', 'cp950', 'csbig5', 'cn-big5', 'x-big5'])
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8'])
const UTF16_LABELS: Record<string, string> = {
  'utf-16': 'utf-16le', utf16: 'utf-16le', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', unicode: 'utf-16le'
}
// Latin-1 and ASCII are what misconfigured servers (Apache's old default) put on Chinese pages, so when a
// server or XML declaration says so it carries no information; only the officer's explicit override counts.
const WEAK_LABELS = new Set(['iso-8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'windows-1252', 'cp1252'])

export interface DecodedFeed { text: string; encoding: string }

/** Canonical encoding name for a charset label, or null when iconv-lite cannot decode it. */
export function normalizeEncoding(label: string | null | undefined): string | null {
  const l = (label ?? '').trim().replace(/^["']+|["']+$/g, '').toLowerCase()
  if (!l) return null
  if (GB_LABELS.has(l)) return 'gb18030'
  if (BIG5_LABELS.has(l)) return 'big5'
  if (UTF8_LABELS.has(l)) return 'utf-8'
  if (UTF16_LABELS[l]) return UTF16_LABELS[l]
  return iconv.encodingExists(l) ? l : null
}

function headerCharset(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType ?? '')
  return m ? m[2] : null
}

function xmlDeclEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 1024).toString('latin1')
  const m = /^\s*<\?xml[^>]{0,200}?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:-]{1,40})\s*["']/.exec(head)
  return m ? m[1] : null
}

/** Byte-order marks, and the UTF-16 `<?` pattern XML allows without a BOM (XML 1.0 appendix F). */
function sniffUnicode(bytes: Buffer): { encoding: string; skip: number } | null {
  const [a, b, c, d] = bytes
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', skip: 3 }
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', skip: 2 }
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', skip: 2 }
  if (a === 0x3c && b === 0x00 && c === 0x3f && d === 0x00) return { encoding: 'utf-16le', skip: 0 }
  if (a === 0x00 && b === 0x3c && c === 0x00 && d === 0x3f) return { encoding: 'utf-16be', skip: 0 }
  return null
}

function decodeAs(bytes: Buffer, encoding: string): string {
  return encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, encoding, { stripBOM: false })
}

/**
 * Turns feed bytes into text. Order: BOM; then bytes that are valid UTF-8 are UTF-8 whatever is declared
 * (Chinese sites often declare GBK on UTF-8 pages, and GBK text is practically never valid UTF-8); then the
 * officer's override, the Content-Type charset, the XML declaration; finally GB18030, the likeliest
 * encoding for a Chinese feed that is not UTF-8.
 */
export function decodeFeedBytes(bytes: Buffer, contentType: string | null, override?: string | null): DecodedFeed {
  const sniffed = sniffUnicode(bytes)
  if (sniffed) return { text: decodeAs(bytes.subarray(sniffed.skip), sniffed.encoding), encoding: sniffed.encoding }

  const weak = (label: string | null) => (label && WEAK_LABELS.has(label.trim().toLowerCase()) ? null : label)
  const declared = [normalizeEncoding(override), normalizeEncoding(weak(headerCharset(contentType))),
    normalizeEncoding(weak(xmlDeclEncoding(bytes)))]
  const first = declared.find((e) => e !== null) ?? null
  // ASCII-range UTF-16 without a BOM is also "valid UTF-8" (NULs are legal), so trust a UTF-16 label then.
  const utf16 = first !== null && first.startsWith('utf-16') && bytes.includes(0)
  if (!utf16 && isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf-8' }

  // A UTF-8 label on bytes that are not UTF-8 is demonstrably wrong, so look further.
  const encoding = declared.find((e) => e !== null && e !== 'utf-8') ?? 'gb18030'
  return { text: decodeAs(bytes, encoding), encoding }
}

const ILLEGAL_XML_CHARS =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// Bounded repetitions keep every match O(1), so the repair stays linear on hostile input. Two passes so the
// common cases (a bare `&`, the five XML entities) never call back into JS: 25 M callbacks take seconds.
const STRAY_AMPERSAND = /&(?!#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g
const OTHER_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos);)(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/g
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
// V8 collects all matches of a global replace in one array and aborts the process (not an exception) past
// ~100 M entries, so long text is repaired in slices.
const SLICE = 1 << 20

function fixReference(whole: string, ref: string): string {
  if (ref[0] === '#') {
    const cp = numericRefCodePoint(ref)
    // A reference to a control character is as fatal to the parser as the character itself.
    return cp === null ? '' : `&#${cp};`
  }
  if (XML_ENTITIES.has(ref.toLowerCase())) return whole
  const cp = HTML_ENTITIES[ref] ?? HTML_ENTITIES[ref.toLowerCase()]
  // An unknown name (or an entity a DTD tried to define) is kept as visible text, never expanded.
  return cp === undefined ? `&amp;${ref};` : `&#${cp};`
}

const CONTROL_CHARS = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/

/**
 * Whether the text holds a character XML forbids. Two linear scans (a character class, the engine's own surrogate
 * check) where the replace with look-arounds walks every character through its alternatives: most feeds are clean,
 * and the repair then skips that pass on every segment.
 */
function hasIllegalChars(text: string): boolean {
  return CONTROL_CHARS.test(text) || !(text as string & { isWellFormed(): boolean }).isWellFormed()
}

const STRAY_AMPERSAND_TEST = new RegExp(STRAY_AMPERSAND.source)
const OTHER_REFERENCE_TEST = new RegExp(OTHER_REFERENCE.source)

/** Whether any `&` needs mending (CDATA included, so a false "yes" only costs the full pass). */
function needsReferenceRepair(text: string): boolean {
  return text.includes('&') && (STRAY_AMPERSAND_TEST.test(text) || OTHER_REFERENCE_TEST.test(text))
}

function repairSlice(text: string, illegal: boolean): string {
  const legal = illegal ? text.replace(ILLEGAL_XML_CHARS, '') : text
  // No `&` at all: nothing below can match.
  return legal.includes('&') ? legal.replace(STRAY_AMPERSAND, '&amp;').replace(OTHER_REFERENCE, fixReference) : legal
}

function repairMarkup(segment: string, illegal: boolean): string {
  if (segment.length <= SLICE) return repairSlice(segment, illegal)
  const out: string[] = []
  for (let pos = 0; pos < segment.length;) {
    let end = Math.min(pos + SLICE, segment.length)
    if (end < segment.length) {
      // Never cut inside an entity reference (at most 35 characters) or a surrogate pair.
      const amp = segment.lastIndexOf('&', end - 1)
      if (amp > end - 40) end = amp
      else if (/[\uD800-\uDBFF]/.test(segment[end - 1])) end--
    }
    out.push(repairSlice(segment.slice(pos, end), illegal))
    pos = end
  }
  return out.join('')
}

/** The text is already decoded, so an `encoding="gbk"` left in the declaration could only mislead a parser. */
function dropDeclaredEncoding(text: string): string {
  if (!text.startsWith('<?xml')) return text
  const close = text.indexOf('?>')
  if (close === -1 || close > 1024) return text
  const decl = text.slice(0, close).replace(/\s+encoding\s*=\s*(["'])[^"']*\1/, '')
  return decl + text.slice(close)
}

/**
 * Fixes what real Chinese CMS feeds get wrong and the strict XML parser refuses: whitespace before the
 * declaration, control characters, bare `&` in titles, HTML entities such as `&nbsp;`. CDATA sections are
 * copied untouched apart from illegal characters, since `&` is literal there.
 */
export function repairXml(text: string): string {
  let start = 0
  while (start < text.length && /[\s\uFEFF]/.test(text[start])) start++
  const body = dropDeclaredEncoding(text.slice(start))
  const illegal = hasIllegalChars(body)
  // Nothing to mend anywhere (most feeds): the text as it is, not rebuilt from two thousand pieces.
  if (!illegal && !needsReferenceRepair(body)) return body
  const out: string[] = []
  let pos = 0
  while (pos < body.length) {
    const cdata = body.indexOf('<![CDATA[', pos)
    if (cdata === -1) {
      out.push(repairMarkup(body.slice(pos), illegal))
      break
    }
    out.push(repairMarkup(body.slice(pos, cdata), illegal))
    const end = body.indexOf(']]>', cdata + 9)
    const stop = end === -1 ? body.length : end + 3
    out.push(illegal ? body.slice(cdata, stop).replace(ILLEGAL_XML_CHARS, '') : body.slice(cdata, stop))
    pos = stop
  }
  return out.join('')
}
