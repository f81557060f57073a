// 规范表述校对: find wrong forms of standard political and institutional formulations and of the hospital's own
// name. Only warns; the officer decides.
//
// A wrong form is often a piece of the right one ("民族共同体意识" inside "中华民族共同体意识", "十九大" inside
// "党的十九大"), so an occurrence of the wrong form that lies inside an occurrence of its right form is not a hit.
// A right form in quotation marks counts also when nested in a quotation (‘两个维护’ inside “……”, GB/T 15834).
// Where one hit lies inside a longer one ("卫计委" inside "国家卫计委"), only the longer is shown.

export type { ProofEntry } from './proof-terms'
import type { ProofEntry } from './proof-terms'

/** One hit in one text. */
export interface ProofMatch {
  wrong: string
  right: string
  note: string
  source: string
  /** Offset of the hit in the text. */
  index: number
  /** The hit with a few characters either side, for showing where it is. */
  context: string
}

export interface ProofHit extends ProofMatch {
  field: 'title' | 'body' | 'notes'
}

/** A hit in one paragraph of a draft, by the paragraph's key. */
export interface ProofParagraphHit extends ProofMatch {
  key: string
}

/** Shipped default (shared/proof-terms.ts); the office edits its own copy in 设置 › 规范表述. */
export { DEFAULT_PROOF_TERMS } from './proof-terms'

/**
 * Likely wrong forms of the hospital's own name, derived from the profile: the homophone slip 人民→人名,
 * 中医医院 shortened to 中医院, and the name without its 县/市 — each only when it is not one of the
 * hospital's registered aliases.
 */
export function nameSlips(profile: { fullName: string; aliases: string[] } | null): ProofEntry[] {
  if (!profile) return []
  const good = [profile.fullName, ...profile.aliases]
  const name = profile.fullName
  const candidates = new Set<string>()
  if (name.includes('人民')) candidates.add(name.replace('人民', '人名'))
  if (name.includes('中医医院')) candidates.add(name.replace('中医医院', '中医院'))
  const county = name.match(/^(.{2,4}?)[县市区]/)
  if (county) candidates.add(name.replace(/^(.{2,4}?)[县市区]/, '$1'))
  const out: ProofEntry[] = []
  for (const wrong of candidates) {
    if (wrong === name || wrong.length < 4 || good.some((g) => g === wrong || g.includes(wrong))) continue
    out.push({ wrong, right: name, note: '本院名称，请使用全称或登记的简称', source: '本院“医院信息”' })
  }
  return out
}

const CURRENT_COMMISSION = /^(.*?)(卫生健康委员会|卫生健康委|卫健委|卫生健康局|卫健局)$/
const OUTDATED_COMMISSION = {
  bureau: ['卫计局', '卫生计生局', '卫生和计划生育局', '卫生局'],
  committee: ['卫计委', '卫生计生委', '卫生计生委员会', '卫生和计划生育委员会', '卫生局']
}

/**
 * Outdated names of the commission above the hospital, each to be written as its current name (医院信息's
 * 上级卫生健康部门, e.g. 县卫健局): 卫计局, 卫生计生局, 卫生和计划生育局 and 卫生局, bare and with the place
 * before them (县卫计局, 南和县卫生局), and for a named place the other current form (县卫健委 where the county
 * has a 卫健局). A name that is not a 卫生健康 one gives none. Put these before the office's terms: on the same
 * span the first entry's suggestion is shown.
 */
export function commissionSlips(commission: string): ProofEntry[] {
  const name = commission.trim()
  const m = name.match(CURRENT_COMMISSION)
  if (!m) return []
  const [, place, current] = m
  const bureau = current.endsWith('局')
  const places = [...new Set([place, /^.+[省市县区州旗盟]$/.test(place) ? place.slice(-1) : place, ''])]
  const wrongs = new Set<string>()
  for (const p of places) {
    for (const old of OUTDATED_COMMISSION[bureau ? 'bureau' : 'committee']) wrongs.add(p + old)
    if (p) for (const other of bureau ? ['卫健委', '卫生健康委'] : ['卫健局', '卫生健康局']) wrongs.add(p + other)
  }
  const note = `本院上级卫生健康部门现名“${name}”（2018年机构改革后）`
  return [...wrongs]
    .filter((w) => !name.includes(w))
    .map((wrong) => ({ wrong, right: name, note, source: '国务院机构改革方案（2018）；本院“医院信息”' }))
}

/**
 * An office's saved list with the shipped entries it lacks (by wrong form) appended, and a blank 出处 filled in
 * where an entry is a shipped one (same wrong and right form). The office's own wording is never changed.
 */
export function mergeDefaultTerms(terms: ProofEntry[], defaults: ProofEntry[]): { terms: ProofEntry[]; added: number; sourced: number } {
  const shipped = new Map(defaults.map((d) => [d.wrong, d]))
  let sourced = 0
  const kept = terms.map((t) => {
    const d = shipped.get(t.wrong)
    if (!d?.source || t.source?.trim() || d.right !== t.right) return t
    sourced++
    return { ...t, source: d.source }
  })
  const have = new Set(terms.map((t) => t.wrong))
  const added = defaults.filter((d) => !have.has(d.wrong)).map((d) => ({ ...d }))
  return { terms: [...kept, ...added], added: added.length, sourced }
}

/** Non-overlapping occurrences of the needle, left to right. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = []
  if (!needle) return out
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) out.push(i)
  return out
}

/** The right form, and the same with its quotation marks as nested inside another quotation. */
function rightForms(right: string): string[] {
  const nested = right.replace(/“/g, '‘').replace(/”/g, '’')
  return nested === right ? [right] : [right, nested]
}

const CONTEXT = 10

/** Every hit of the dictionary in one text, in reading order. */
export function proofreadText(text: string, entries: ProofEntry[]): ProofMatch[] {
  if (!text) return []
  const found: { e: ProofEntry; order: number; start: number; end: number }[] = []
  entries.forEach((e, order) => {
    if (!e.wrong) return
    const rights = rightForms(e.right).flatMap((r) => occurrences(text, r).map((at) => [at, at + r.length]))
    for (const start of occurrences(text, e.wrong)) {
      const end = start + e.wrong.length
      if (!rights.some(([a, b]) => a <= start && end <= b)) found.push({ e, order, start, end })
    }
  })
  // Longest first at each offset, then by entry: a hit is covered when one sorted before it reaches as far.
  found.sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order)
  const out: ProofMatch[] = []
  let reach = -1
  for (const h of found) {
    if (h.end <= reach) continue
    reach = h.end
    const context = text.slice(Math.max(0, h.start - CONTEXT), h.end + CONTEXT).replace(/\s+/g, ' ')
    out.push({ wrong: h.e.wrong, right: h.e.right, note: h.e.note ?? '', source: h.e.source ?? '', index: h.start, context })
  }
  return out
}

/** Every hit of the dictionary in the piece's title, body and notes, in reading order. */
export function proofread(texts: { title?: string; body?: string; notes?: string }, entries: ProofEntry[]): ProofHit[] {
  return (['title', 'body', 'notes'] as const).flatMap((field) => proofreadText(texts[field] ?? '', entries).map((m) => ({ field, ...m })))
}

/** Every hit in a draft's paragraphs (the half-year summary before its Word file is written), paragraph by paragraph. */
export function proofreadParagraphs(paragraphs: { key: string; text: string }[], entries: ProofEntry[]): ProofParagraphHit[] {
  return paragraphs.flatMap(({ key, text }) => proofreadText(text, entries).map((m) => ({ key, ...m })))
}
