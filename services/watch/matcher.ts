// Watch rules: which feed items are about us. Every term of every enabled rule goes into one Aho–Corasick scanner,
// so an item is folded once and scanned once whatever the number of rules.
import { foldText, foldWithMap, looksLikeHtml, originalRange } from '../text/normalize'
import { DIRECT, type TextFolder } from '../text/item-text'
import { TermScanner } from '../text/term-scan'

export type WatchRule = { id: number; name: string; any: string[]; all: string[]; none: string[]; enabled?: boolean }

export type RuleHit = { ruleId: number; ruleName: string; terms: string[] /* rule terms that hit, as written */ }

/** `folder`: the item's TextFolder when the caller folds its text for other stages too (handlers/feeds/ingest.ts). */
export type Matcher = { match(title: string, text: string, folder?: TextFolder): RuleHit[] | null }

type Term = { id: number; written: string }
type CompiledRule = { id: number; name: string; any: Term[]; all: Term[]; none: Term[] }

/** Shared by the matcher and highlight(): trimmed, folded, empties dropped, one pattern per folded form. */
class TermTable {
  readonly folded: string[] = []
  private readonly ids = new Map<string, number>()

  add(written: string): Term | null {
    const f = foldText(written.trim())
    if (f.trim() === '') return null
    let id = this.ids.get(f)
    if (id === undefined) {
      id = this.folded.length
      this.ids.set(f, id)
      this.folded.push(f)
    }
    return { id, written: written.trim() }
  }

  addAll(list: readonly string[] | undefined): Term[] {
    const out: Term[] = []
    for (const w of list ?? []) {
      const t = this.add(w)
      if (t && !out.some((o) => o.id === t.id)) out.push(t)
    }
    return out
  }
}

export function compileRules(rules: WatchRule[]): Matcher {
  const table = new TermTable()
  const compiled: CompiledRule[] = []
  for (const r of rules) {
    if (r.enabled === false) continue
    const rule = { id: r.id, name: r.name, any: table.addAll(r.any), all: table.addAll(r.all), none: table.addAll(r.none) }
    // A rule without positive terms would match everything; treat it as matching nothing instead.
    if (rule.any.length === 0 && rule.all.length === 0) continue
    compiled.push(rule)
  }
  const scanner = new TermScanner(table.folded)
  const seen = new Uint8Array(table.folded.length)
  const seenList: number[] = []
  const mark = (term: number): void => {
    if (!seen[term]) {
      seen[term] = 1
      seenList.push(term)
    }
  }

  return {
    match(title: string, text: string, f: TextFolder = DIRECT): RuleHit[] | null {
      if (compiled.length === 0) return null
      // "\n" keeps a term from straddling the title/text boundary.
      const t = title ?? ''
      const x = text ?? ''
      scanner.scan(`${f.fold(f.plain(t))}\n${f.fold(f.plain(x))}`, mark)
      // Feed text reaches us as plain text; a literal "<style>" in it must not hide the words after it from the
      // rules, so text that merely looks like markup is also scanned as written (hits are the union).
      if (looksLikeHtml(t) || looksLikeHtml(x)) scanner.scan(`${f.fold(t)}\n${f.fold(x)}`, mark)
      if (seenList.length === 0) return null
      const hits: RuleHit[] = []
      for (const r of compiled) {
        if (r.none.some((t) => seen[t.id])) continue
        if (!r.all.every((t) => seen[t.id])) continue
        const anyHits = r.any.filter((t) => seen[t.id])
        if (r.any.length > 0 && anyHits.length === 0) continue
        const terms = [...anyHits, ...r.all].map((t) => t.written)
        hits.push({ ruleId: r.id, ruleName: r.name, terms: [...new Set(terms)] })
      }
      for (const t of seenList) seen[t] = 0
      seenList.length = 0
      return hits.length > 0 ? hits : null
    }
  }
}

export type HighlightSegment = { text: string; hit: boolean }

// A row's highlight terms are the few rule terms that hit it, and they differ from row to row; an automaton per
// list (two 64K-entry tables) rebuilt for almost every row of a 200-row page cost more than the whole query. A
// few terms are found with indexOf instead; a long list still gets a scanner (the last one is kept).
const INDEXOF_TERMS = 8
const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)
let lastTerms: { key: string; scanner: TermScanner } | undefined

function findTerms(folded: string, terms: string[], hit: (start: number, end: number) => void): void {
  const table = new TermTable()
  table.addAll(terms)
  if (table.folded.length <= INDEXOF_TERMS) {
    for (const t of table.folded) {
      // Every occurrence, overlapping ones included, with the scanner's ASCII word edges (term-scan.ts).
      const headEdge = isAsciiAlnum(t.charCodeAt(0))
      const tailEdge = isAsciiAlnum(t.charCodeAt(t.length - 1))
      for (let at = folded.indexOf(t); at !== -1; at = folded.indexOf(t, at + 1)) {
        const end = at + t.length
        if (headEdge && at > 0 && isAsciiAlnum(folded.charCodeAt(at - 1))) continue
        if (tailEdge && end < folded.length && isAsciiAlnum(folded.charCodeAt(end))) continue
        hit(at, end)
      }
    }
    return
  }
  const key = terms.join('\u0000')
  if (lastTerms?.key !== key) lastTerms = { key, scanner: new TermScanner(table.folded) }
  lastTerms.scanner.scan(folded, (_t, fs, fe) => hit(fs, fe))
}

/**
 * Splits the ORIGINAL text into plain and hit segments. Hits are found on the folded form and mapped back, so a
 * traditional-character or full-width title highlights its own characters. Segments are for React text nodes.
 */
export function highlight(text: string, terms: string[]): HighlightSegment[] {
  if (text === '') return []
  const map = foldWithMap(text)
  const ranges: [number, number][] = []
  findTerms(map.folded, terms, (fs, fe) => {
    ranges.push(originalRange(map, fs, fe))
  })
  if (ranges.length === 0) return [{ text, hit: false }]
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const segments: HighlightSegment[] = []
  let pos = 0
  let cur: [number, number] | null = null
  const flush = (): void => {
    if (!cur) return
    if (cur[0] > pos) segments.push({ text: text.slice(pos, cur[0]), hit: false })
    segments.push({ text: text.slice(cur[0], cur[1]), hit: true })
    pos = cur[1]
  }
  for (const r of ranges) {
    if (cur && r[0] <= cur[1]) cur[1] = Math.max(cur[1], r[1])
    else {
      flush()
      cur = [r[0], r[1]]
    }
  }
  flush()
  if (pos < text.length) segments.push({ text: text.slice(pos), hit: false })
  return segments
}

/** The first rule a hospital gets: its full name and aliases (简称, 曾用名), any of them. */
export function ruleFromProfile(profile: { fullName: string; aliases: string[] }): Omit<WatchRule, 'id'> {
  const seen = new Set<string>()
  const any: string[] = []
  for (const name of [profile.fullName, ...profile.aliases]) {
    const written = name.trim()
    const key = foldText(written)
    if (written === '' || seen.has(key)) continue
    seen.add(key)
    any.push(written)
  }
  return { name: '本院名称', any, all: [], none: [], enabled: true }
}
