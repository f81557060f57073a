// Character-level traditional → simplified map built from opencc-js's own dictionaries.
//
// Why not opencc's converter: it segments phrases, costs ~13 µs per 200 characters on its own and can change
// string length, which would break highlighting. For matching we only need both sides folded the same way, so a
// per-character map (TW/HK variants → OpenCC standard → simplified) is enough, keeps length 1:1 and is a table
// lookup. Phrase-level choices (乾隆 stays 乾隆 in opencc, becomes 干隆 here) do not matter because queries and
// texts go through the same map.
import { from, to } from 'opencc-js/preset/t2cn'
import type { DictLike } from 'opencc-js/core'

function eachPair(dict: DictLike, visit: (key: string, value: string) => void): void {
  if (typeof dict === 'string') {
    for (const entry of dict.split('|')) {
      const sp = entry.indexOf(' ')
      if (sp > 0) visit(entry.slice(0, sp), entry.slice(sp + 1).split(' ')[0])
    }
  } else {
    for (const [key, value] of dict) visit(key, value.split(' ')[0])
  }
}

/** Single-character entries only: multi-character keys are phrase dictionaries, which we skip on purpose. */
function charEntries(groups: readonly (readonly DictLike[])[], into: Map<number, string>): void {
  for (const group of groups) {
    for (const dict of group) {
      eachPair(dict, (key, value) => {
        const cp = key.codePointAt(0)!
        if (key.length !== String.fromCodePoint(cp).length || value === '' || into.has(cp)) return
        into.set(cp, value)
      })
    }
  }
}

let built: Map<number, string> | undefined

/** Code point → simplified replacement (usually one character). Built on first use, ~5 k entries. */
export function t2sCharMap(): Map<number, string> {
  if (built) return built
  const variants = new Map<number, string>()
  charEntries([...(from.tw ?? []), ...(from.hk ?? [])], variants)
  const simplified = new Map<number, string>()
  charEntries(to.cn ?? [], simplified)

  const step = (s: string): string => {
    let out = ''
    for (const ch of s) {
      const cp = ch.codePointAt(0)!
      const v = variants.get(cp) ?? ch
      out += simplified.get(v.codePointAt(0)!) ?? v
    }
    return out
  }
  const result = new Map<number, string>()
  for (const cp of new Set([...variants.keys(), ...simplified.keys()])) {
    // Iterate to a fixpoint so fold(fold(x)) === fold(x); the dictionaries are acyclic in practice.
    let cur = String.fromCodePoint(cp)
    for (let i = 0; i < 4; i++) {
      const next = step(cur)
      if (next === cur) break
      cur = next
    }
    if (cur !== String.fromCodePoint(cp)) result.set(cp, cur)
  }
  built = result
  return built
}
