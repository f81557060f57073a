// A post's title as the back office writes it and as the ledger does are seldom the same string: the export adds
// a trailing 【医院名】 or ｜栏目, an 原创 mark, #话题# tags, full-width punctuation or spaces. Both sides are reduced to the
// same comparable forms; nothing here is shown to the officer.

const TRAILING_BRACKET = /\s*[【\[［〔][^【】\[\]［］〔〕]*[】\]］〕]\s*$/u
const TRAILING_BAR = /\s*[|｜丨]\s*[^|｜丨]*$/u
const ORIGINAL_MARK = /^\s*(?:[【\[(（]\s*原创\s*[】\])）]|原创\s*[:：|｜丨]?)\s*/u

/** 微博 #话题# anywhere, 抖音's trailing #标签 words. */
const TOPICS = /#[^#\s]+#|(?:\s+#[^#\s]+)+\s*$/gu

const squeeze = (s: string): string => s.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '').toLowerCase()

/** Strip one kind of suffix until none is left, never down to nothing. */
function stripAll(s: string, re: RegExp): string {
  for (;;) {
    const next = s.replace(re, '')
    if (next === s || next.trim() === '') return s
    s = next
  }
}

export interface TitleKeys {
  /** NFKC (全角 → 半角), no 原创 mark, no trailing 【…】, no punctuation or spaces, lower case. */
  exact: string
  /** Also without a trailing ｜栏目 / |…: tried only when no piece matches `exact` (栏目 may lead a ledger title too). */
  loose: string
}

export function titleKeys(raw: string): TitleKeys {
  const s = stripAll(raw.normalize('NFKC').replace(TOPICS, ' ').trim().replace(ORIGINAL_MARK, ''), TRAILING_BRACKET)
  const loose = stripAll(s, new RegExp(`(?:${TRAILING_BAR.source})|(?:${TRAILING_BRACKET.source})`, 'u'))
  return { exact: squeeze(s), loose: squeeze(loose) }
}
