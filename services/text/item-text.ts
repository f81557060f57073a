// One feed item's text, folded once. The poll runs each item through the matcher, sentiment, dedup, the MinHash
// signature and the search tokens; each needs the same plain (stripHtml) and folded (foldText) forms of the same
// strings. A TextFolder remembers them for the item, so every stage gets the result of the one implementation
// (normalize.ts) without computing it again — identical output by construction, one fold per string.
import { foldText, looksLikeHtml, stripHtml } from './normalize'

export interface TextFolder {
  /** foldText(s) */
  fold(s: string): string
  /** s as plain text: stripHtml(s) when it looks like markup, else s */
  plain(s: string): string
}

const plainOf = (s: string): string => (looksLikeHtml(s) ? stripHtml(s) : s)

/** No memory: for callers that handle one string once (and the default of every stage). */
export const DIRECT: TextFolder = { fold: foldText, plain: plainOf }

/**
 * A folder for one item's strings; drop it with the item. An item has a handful of strings (title, text, snippet,
 * terms), and the stages pass the same string objects along, so a short list compared with === beats a Map, which
 * would hash a 2,000-character text to look it up.
 */
export function itemFolder(): TextFolder {
  const memo = (compute: (s: string) => string): ((s: string) => string) => {
    const keys: string[] = []
    const values: string[] = []
    return (s) => {
      for (let i = 0; i < keys.length; i++) if (keys[i] === s) return values[i]
      const v = compute(s)
      keys.push(s)
      values.push(v)
      return v
    }
  }
  return { fold: memo(foldText), plain: memo(plainOf) }
}
