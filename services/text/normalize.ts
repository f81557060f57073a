// Text normalisation shared by the opinion watch, search and the feed parser: HTML → plain text, entity decoding,
// and the "folded" matching form. The one implementation of each: feed items (services/feeds/parse.ts), the matcher,
// dedup and sentiment all read HTML through stripHtml and entities through decodeEntities.
import { HTML_ENTITIES, isXmlChar } from '../feeds/entities'
import { t2sCharMap } from './t2s-map'

// ---------------------------------------------------------------------------------------------------------------
// stripHtml: a single forward scan. Regex-based strippers go quadratic on inputs such as "<a<a<a…" or an
// unterminated comment; here every character is visited a bounded number of times.

// Tags whose content is never readable text. Kept to these four: the matcher strips titles that are already text
// once more, so every tag added here is one more literal "<tag>" in a title that hides the words after it.
const DROP_CONTENT = new Set(['script', 'style', 'noscript', 'template'])
// Block-level tags become a space so "<p>甲</p><p>乙</p>" does not glue words; inline tags (b, span, a) add nothing,
// so "医<b>闹</b>" still reads 医闹.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'img', 'option', 'title'
])
const ENTITY = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g

/**
 * Decodes character references in text (feed descriptions are usually escaped HTML, so after XML parsing they still
 * hold `&nbsp;` and friends). Names come from the table the XML repair uses; unknown names stay as written. A
 * reference to NUL, a control character, a surrogate or past U+10FFFF becomes U+FFFD: text must never gain
 * through a reference what it may not carry itself.
 */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s
  return s.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16)
      return isXmlChar(cp) ? String.fromCodePoint(cp) : '\ufffd'
    }
    const cp = HTML_ENTITIES[name!] ?? HTML_ENTITIES[name!.toLowerCase()]
    return cp === undefined ? whole : String.fromCodePoint(cp)
  })
}

const isTagStart = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 47 /* / */ || c === 33 /* ! */ || c === 63 /* ? */

/** End index (exclusive) of the tag opened at `lt`, honouring quoted attributes; -1 if it never closes. */
function tagEnd(html: string, lt: number): number {
  let quote = 0
  for (let i = lt + 1; i < html.length; i++) {
    const c = html.charCodeAt(i)
    if (quote) {
      if (c === quote) quote = 0
    } else if (c === 34 || c === 39) {
      // A quote only opens inside the attribute part (after "=" possibly with spaces), like browsers do.
      let j = i - 1
      while (j > lt && (html.charCodeAt(j) === 32 || html.charCodeAt(j) === 9)) j--
      if (html.charCodeAt(j) === 61) quote = c
    } else if (c === 62) return i + 1
  }
  return -1
}

function tagName(html: string, lt: number): string {
  let i = lt + 1
  if (html.charCodeAt(i) === 47) i++
  const start = i
  while (i < html.length) {
    const c = html.charCodeAt(i)
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))) break
    i++
  }
  return html.slice(start, i).toLowerCase()
}

/** Collected text; `room` runs down as text is added, and the scan stops when it is used up. */
interface Sink { parts: string[]; room: number }

function emit(out: Sink, s: string): void {
  out.parts.push(s)
  out.room -= s.length
}

function stripInto(html: string, out: Sink, inCdata = false): void {
  let i = 0
  while (i < html.length && out.room > 0) {
    const lt = html.indexOf('<', i)
    if (lt < 0) break
    if (lt + 1 >= html.length || !isTagStart(html.charCodeAt(lt + 1))) {
      emit(out, html.slice(i, lt + 1)) // a bare "<" as in "a<b" or "< 5" is text
      i = lt + 1
      continue
    }
    emit(out, html.slice(i, lt))
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      i = close < 0 ? html.length : close + 3
      continue
    }
    if (!inCdata && html.startsWith('<![CDATA[', lt)) {
      const close = html.indexOf(']]>', lt + 9)
      const inner = html.slice(lt + 9, close < 0 ? html.length : close)
      stripInto(inner, out, true) // feeds wrap HTML in CDATA; nested CDATA is not unwrapped, so this recurses once
      i = close < 0 ? html.length : close + 3
      continue
    }
    const end = tagEnd(html, lt)
    if (end < 0) {
      emit(out, html.slice(lt, lt + Math.max(0, out.room))) // never closed: keep it as text rather than lose the rest
      return
    }
    const name = tagName(html, lt)
    const closing = html.charCodeAt(lt + 1) === 47
    if (BLOCK.has(name)) emit(out, ' ')
    if (!closing && DROP_CONTENT.has(name) && html.charCodeAt(end - 2) !== 47) {
      const re = new RegExp(`</${name}\\s*>`, 'gi')
      re.lastIndex = end
      const m = re.exec(html)
      i = m ? m.index + m[0].length : html.length
      emit(out, ' ')
      continue
    }
    i = end
  }
  if (out.room > 0) emit(out, html.slice(i, i + out.room))
}

/** At most `max` characters, the last one "…" when cut; never splits a surrogate pair (emoji, rare ideographs). */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = max - 1
  if (/[\uD800-\uDBFF]/.test(text[cut - 1])) cut--
  return text.slice(0, cut) + '…'
}

/**
 * Plain text from an HTML fragment: tags removed, script/style contents dropped, entities decoded, spaces (全角
 * paragraph indents included) collapsed. With `max`, at most that many characters, and the scan stops once far
 * more text than that has been collected: a hostile 15 MB description costs no more than a page of it.
 */
export function stripHtml(html: string, max = Infinity): string {
  const out: Sink = { parts: [], room: max === Infinity ? Infinity : max * 8 + 1024 }
  stripInto(html, out)
  const text = decodeEntities(out.parts.join('')).replace(/\s+/g, ' ').trim()
  return max === Infinity ? text : truncate(text, max)
}

/** Cheap test used by callers that receive "plain" text which might still carry markup or entities. */
export function looksLikeHtml(s: string): boolean {
  const lt = s.indexOf('<')
  return (lt >= 0 && s.indexOf('>', lt) > lt) || /&(?:#\d|#x[0-9a-f]|[a-z]{2,8};)/i.test(s)
}

// ---------------------------------------------------------------------------------------------------------------
// Folding: NFKC (full-width ≡ half-width), lower case, traditional → simplified, zero-width characters removed.
// Done per character through a lazily filled table so that a 200-character string costs a few microseconds and
// every folded code unit can point back at the original character that produced it. Per-character NFKC does not
// compose combining sequences (e + U+0301 ≠ é); that matters for Latin accents only, not for Chinese.

// Zero-width and soft-hyphen characters are invisible but split words ("医\u200b闹"); dropping them defeats that.
const IGNORABLE = new Set([0x00ad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff])

function foldCodePoint(cp: number): string {
  if (IGNORABLE.has(cp)) return ''
  const t2s = t2sCharMap()
  // NFKC twice: lower-casing can produce a character that has a compatibility form of its own.
  const nfkc = String.fromCodePoint(cp).normalize('NFKC').toLowerCase().normalize('NFKC')
  let out = ''
  for (const ch of nfkc) {
    const cpi = ch.codePointAt(0)!
    out += IGNORABLE.has(cpi) ? '' : (t2s.get(cpi) ?? ch)
  }
  return out
}

// BMP table: -1 = not computed yet, -2 = see BMP_SPECIAL (expansion or deletion), otherwise the folded code unit.
let bmpTable: Int32Array | undefined
const BMP_SPECIAL = new Map<number, string>()
const ASTRAL = new Map<number, string>()

function table(): Int32Array {
  if (!bmpTable) {
    bmpTable = new Int32Array(0x10000).fill(-1)
    for (let c = 0; c < 128; c++) bmpTable[c] = c >= 65 && c <= 90 ? c + 32 : c
  }
  return bmpTable
}

function slowBmp(tbl: Int32Array, c: number): number {
  const f = foldCodePoint(c)
  if (f.length === 1) tbl[c] = f.charCodeAt(0)
  else {
    BMP_SPECIAL.set(c, f)
    tbl[c] = -2
  }
  return tbl[c]
}

function foldAstral(cp: number): string {
  let f = ASTRAL.get(cp)
  if (f === undefined) {
    f = foldCodePoint(cp)
    if (ASTRAL.size < 20_000) ASTRAL.set(cp, f) // bounded: hostile feeds can carry any number of distinct emoji
  }
  return f
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/** The matching form of `s`. Equal to `foldWithMap(s).folded`. */
export function foldText(s: string): string {
  const tbl = table()
  const n = s.length
  // Fast path: most of a simplified-Chinese text is unchanged, so copy unchanged runs with slice().
  let out = ''
  let runStart = 0
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    let m = tbl[c]
    if (m === -1) m = isHigh(c) || isLow(c) ? -3 : slowBmp(tbl, c)
    if (m === c) continue
    out += s.slice(runStart, i)
    if (m >= 0) out += String.fromCharCode(m)
    else if (m === -2) out += BMP_SPECIAL.get(c)!
    else if (isHigh(c) && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      const cp = s.codePointAt(i)!
      out += foldAstral(cp)
      i++
    } else out += s[i] // lone surrogate: keep
    runStart = i + 1
  }
  return runStart === 0 ? s : out + s.slice(runStart)
}

export type FoldMap = {
  folded: string
  /** start[i] / end[i]: the range of the ORIGINAL string that produced folded code unit i. */
  start: Uint32Array
  end: Uint32Array
}

/** Folds and records, for every folded code unit, which original characters it came from. */
export function foldWithMap(s: string): FoldMap {
  const tbl = table()
  const n = s.length
  const parts: string[] = []
  const start: number[] = []
  const end: number[] = []
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    let m = tbl[c]
    if (m === -1) m = isHigh(c) || isLow(c) ? -3 : slowBmp(tbl, c)
    let piece: string
    let width = 1
    if (m >= 0) piece = String.fromCharCode(m)
    else if (m === -2) piece = BMP_SPECIAL.get(c)!
    else if (isHigh(c) && i + 1 < n && isLow(s.charCodeAt(i + 1))) {
      piece = foldAstral(s.codePointAt(i)!)
      width = 2
    } else piece = s[i]
    parts.push(piece)
    for (let k = 0; k < piece.length; k++) {
      start.push(i)
      end.push(i + width)
    }
    i += width - 1
  }
  return { folded: parts.join(''), start: Uint32Array.from(start), end: Uint32Array.from(end) }
}

/** Original [start, end) for the folded range [fs, fe). */
export function originalRange(map: FoldMap, fs: number, fe: number): [number, number] {
  return [map.start[fs], map.end[fe - 1]]
}
