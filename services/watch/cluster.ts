// Near-duplicate clustering: five outlets rewording one 医闹 story are one 事件 (one mention with five sources).
// dedup.ts recognises the same item (guid, link, identical text); this recognises the same story told again.
// Pure: signatures in, a decision out. The poll (handlers/feeds/ingest.ts) stores each source's signature and
// asks pickEvent which recent event, if any, a new item belongs to.
import { foldText } from '../text/normalize'
import { DIRECT, type TextFolder } from '../text/item-text'

/** MinHash permutations: the Jaccard estimate's standard error is √(J(1−J)/K) ≈ 0.04 at J = 0.3 with K = 128. */
export const MINHASH_K = 128

/** Reports of one incident come out within a few days; a story after that is a new event (or a follow-up the officer merges). */
export const CLUSTER_WINDOW_MS = 72 * 3600_000

/**
 * Estimated Jaccard of the character-bigram sets at or above which two items are one incident. Measured on the
 * labelled set (tests/fixtures/incidents.ts; tests/watch/cluster.test.ts prints the sweep): rewordings of one story
 * by different outlets score 0.09–0.7 (median 0.30, 10th percentile 0.20), different stories at the same hospital
 * within the window score median 0.04, 95th percentile 0.09. Pairwise precision and recall are both ≥ 0.9 from
 * 0.12 to 0.18; 0.16 sits in that plateau (P 0.92, R 0.94). Not caught: two stories of one kind at one
 * hospital within 72 h told in the same boilerplate (two 义诊 announcements by one account) — the officer splits them.
 */
export const SIMILARITY_THRESHOLD = 0.16

// 标题党 wrappers carry no story: 【关注】, 【突发】, 转发：, 网传, #话题#, （图）, ｜视频.
const WRAPPERS = /【[^】]{0,8}】|^\s*(?:转发[:：]|网传|#)|（图）|\(图\)|[｜|]\s*视频|\(附[^)]{0,8}\)|（附[^）]{0,8}）/g
// Only letters and digits make bigrams; punctuation and spaces would make the same bigram out of any two stories.
const NON_WORD = /[^\p{L}\p{N}]+/gu

/**
 * The folded story text: wrappers, punctuation and the hospital-matching terms removed. The terms are taken out
 * because every mention carries them — they would make any two stories about the hospital look alike.
 */
export function storyText(title: string, summary: string, terms: readonly string[], f: TextFolder = DIRECT): string {
  // Folding is per character, so the two folded halves joined are the folded whole; the summary's fold is the one
  // the other stages of the poll already made (services/text/item-text.ts).
  let t = `${foldText(f.plain(title ?? '').replace(WRAPPERS, ' '))} ${f.fold(f.plain(summary ?? ''))}`
  const folded = [...new Set(terms.map((x) => f.fold(x).trim()).filter((x) => x.length > 0))].sort((a, b) => b.length - a.length)
  for (const term of folded) t = t.split(term).join(' ')
  return t.replace(NON_WORD, ' ')
}

/** FNV-1a over the UTF-16 units s[from, to) — a shingle hashed where it stands, without cutting it out. */
function fnv(s: string, from: number, to: number): number {
  let h = 0x811c9dc5
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff

/** Murmur3's finaliser: an avalanche mix, so x ^ seed gives K independent-looking permutations. */
function mix(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

const SEEDS = Uint32Array.from({ length: MINHASH_K }, (_, i) => mix(0x9e3779b9 + i * 0x7f4a7c15))

/** Hashed character bigrams of each word run (a lone character is its own shingle). */
export function shingles(text: string): Set<number> {
  const out = new Set<number>()
  // Runs split at ' ', characters are code points (a surrogate pair is one character), as Array.from reads them.
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf(' ', from)
    if (to < 0) to = text.length
    let prev = -1
    let chars = 0
    for (let j = from; j < to; ) {
      const w = isHigh(text.charCodeAt(j)) && j + 1 < to && isLow(text.charCodeAt(j + 1)) ? 2 : 1
      if (prev >= 0) out.add(fnv(text, prev, j + w))
      prev = j
      j += w
      chars++
    }
    if (chars === 1) out.add(fnv(text, from, to))
    from = to + 1
  }
  return out
}

/**
 * Fewer distinct bigrams than this and an item is not compared by text: a bare headline (网友投诉我院停车难 /
 * 网友投诉我院乱收费) shares most of its few bigrams with a different story. Reports with a summary have 60+.
 */
export const MIN_SHINGLES = 24

/** The MinHash signature of an item; null when it has too little text to compare (it then clusters by exact keys only). */
export function signature(title: string, summary: string, terms: readonly string[], f: TextFolder = DIRECT): Uint32Array | null {
  const set = shingles(storyText(title, summary, terms, f))
  if (set.size < MIN_SHINGLES) return null
  // min over the shingles of mix(h ^ seed), permutation by permutation: the running minimum stays in a register
  // and the shingles are read from a typed array (mix written out; the same values as calling it).
  const hs = Uint32Array.from(set)
  const sig = new Uint32Array(MINHASH_K)
  for (let k = 0; k < MINHASH_K; k++) {
    const seed = SEEDS[k]
    let min = 0xffffffff
    for (let j = 0; j < hs.length; j++) {
      let x = hs[j] ^ seed
      x ^= x >>> 16
      x = Math.imul(x, 0x85ebca6b)
      x ^= x >>> 13
      x = Math.imul(x, 0xc2b2ae35)
      x ^= x >>> 16
      const v = x >>> 0
      if (v < min) min = v
    }
    sig[k] = min
  }
  return sig
}

/** Estimated Jaccard similarity: the share of permutations whose minimum agrees. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let k = 0; k < MINHASH_K; k++) if (a[k] === b[k]) same++
  return same / MINHASH_K
}

/** Stored form (mention_sources.signature): base64 of the little-endian words, 684 characters. */
export function encodeSignature(sig: Uint32Array): string {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength).toString('base64')
}

export function decodeSignature(s: string | null | undefined): Uint32Array | null {
  if (!s) return null
  const buf = Buffer.from(s, 'base64')
  if (buf.byteLength !== MINHASH_K * 4) return null
  const out = new Uint32Array(MINHASH_K)
  for (let k = 0; k < MINHASH_K; k++) out[k] = buf.readUInt32LE(k * 4)
  return out
}

export interface ClusterItem {
  signature: Uint32Array | null
  /** ms since epoch */
  at: number
  terms: readonly string[]
}

/** One source of an existing event, as the poll reads it back. */
export interface ClusterCandidate extends ClusterItem {
  eventId: number
}

const sharesTerm = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length === 0 || b.length === 0) return false
  const set = new Set(a.map((t) => foldText(t)))
  return b.some((t) => set.has(foldText(t)))
}

/**
 * The event a new item joins: the one holding the most similar source within the window that shares a
 * hospital-matching term, if that similarity reaches the threshold. Comparing with every source (not only the
 * first) lets an event follow a story as its wording drifts from outlet to outlet.
 */
export function pickEvent(item: ClusterItem, candidates: readonly ClusterCandidate[], threshold = SIMILARITY_THRESHOLD): { eventId: number; similarity: number } | null {
  if (!item.signature) return null
  let best: { eventId: number; similarity: number } | null = null
  for (const c of candidates) {
    if (!c.signature || Math.abs(c.at - item.at) > CLUSTER_WINDOW_MS || !sharesTerm(item.terms, c.terms)) continue
    const s = similarity(item.signature, c.signature)
    if (s >= threshold && (!best || s > best.similarity)) best = { eventId: c.eventId, similarity: s }
  }
  return best
}

/** The time-order clustering the poll does, over plain values: each item's event index (for measurement and tests). */
export function clusterInOrder(items: readonly ClusterItem[], threshold = SIMILARITY_THRESHOLD): number[] {
  const seen: ClusterCandidate[] = []
  let next = 0
  return items.map((item) => {
    const hit = pickEvent(item, seen, threshold)
    const eventId = hit ? hit.eventId : next++
    seen.push({ ...item, eventId })
    return eventId
  })
}

/** Pairwise precision and recall of a clustering against labels: pairs put together that belong together. */
export function pairwiseScores(predicted: readonly (number | string)[], labels: readonly (number | string)[]): { precision: number; recall: number; truePairs: number; predictedPairs: number } {
  let tp = 0
  let pp = 0
  let lp = 0
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const p = predicted[i] === predicted[j]
      const l = labels[i] === labels[j]
      if (p) pp++
      if (l) lp++
      if (p && l) tp++
    }
  }
  return { precision: pp === 0 ? 1 : tp / pp, recall: lp === 0 ? 1 : tp / lp, truePairs: lp, predictedPairs: pp }
}
