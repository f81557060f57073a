// Full-text search that finds Chinese terms of any length.
//
// FTS5's trigram tokenizer cannot find 1–2 character terms (团结, 医保, 义诊 — the common case), and unicode61
// treats a whole run of Chinese as one token. So we tokenize ourselves and let FTS5 store ready-made tokens:
//
//   indexTokens("民族团结进步月, COVID-19") → "民族 族团 团结 结进 进步 步月 covid 19 民 族 团 结 进 步 月"
//
//   · each Chinese run (split at punctuation and non-CJK) → its overlapping bigrams, in order;
//   · each letter or digit run → one token (letters and digits split: "h7n9" → h 7 n 9), in order;
//   · then every distinct CJK character once, as unigrams, so a one-character query is an exact token lookup.
//
// Store it in a contentless table keyed by the mention/piece id (the token string is ~3× the text, no need to keep it):
//   CREATE VIRTUAL TABLE … USING fts5(tokens, tokenize = 'ascii', content = '', contentless_delete = 1)
//   SELECT rowid FROM … WHERE … MATCH ? ORDER BY rowid DESC LIMIT 50
// `ascii` splits only on ASCII spaces/punctuation, so our tokens reach the index unchanged (`unicode61` splits these
// tokens identically and is what db/migrations uses; tests cover both); everything is
// already folded (foldText), so 醫保 ≡ 医保 and ＡＢ ≡ ab. Pass plain text (stripHtml first).
//
// queryExpression(q) turns each run of the query into a quoted phrase and ANDs them: a Chinese run of ≥ 2
// characters is the phrase of its bigrams (order matters: 结团 does not find 团结), one character is a unigram,
// a letter/digit run is the phrase of its words. Semantics are SUBSTRING semantics for Chinese by design — 结进
// finds 民族团结进步月, because Chinese has no word boundaries to respect. Runs of different scripts in one query
// ("CT检查") must all occur but need not be adjacent. Every token is quoted, and tokens only ever contain letters,
// digits or CJK, so user input can never become FTS5 syntax (", *, OR, NEAR(, ^, column filters).
import { foldText } from './normalize'
import { DIRECT, type TextFolder } from './item-text'

const isCjk = (cp: number): boolean =>
  (cp >= 0x4e00 && cp <= 0x9fff) ||
  (cp >= 0x3400 && cp <= 0x4dbf) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0x3040 && cp <= 0x30ff) || // kana: also written without spaces
  (cp >= 0x3005 && cp <= 0x3007) ||
  (cp >= 0x20000 && cp <= 0x323af)

const LETTER = /[\p{L}\p{M}]/u
const DIGIT = /\p{N}/u

/** 'c' CJK, 'l' letter, 'd' digit, '' separator. ASCII is decided without a regex: it is most of the non-CJK. */
function classOf(ch: string, cp: number): 'c' | 'l' | 'd' | '' {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) ? 'l' : cp >= 48 && cp <= 57 ? 'd' : ''
  if (isCjk(cp)) return 'c'
  return LETTER.test(ch) ? 'l' : DIGIT.test(ch) ? 'd' : ''
}

type Run = { cjk: boolean; tokens: string[]; chars: string[] }

/** Runs of one script class, separated by punctuation/space; adjacent letter and digit runs stay in one phrase. */
function runs(folded: string): Run[] {
  const out: Run[] = []
  let cur: Run | null = null
  let word = ''
  let wordClass = ''
  const endWord = (): void => {
    if (word && cur) cur.tokens.push(word)
    word = ''
    wordClass = ''
  }
  for (const ch of folded) {
    const k = classOf(ch, ch.codePointAt(0)!)
    if (k === 'c') {
      if (!cur?.cjk) {
        endWord()
        cur = { cjk: true, tokens: [], chars: [] }
        out.push(cur)
      }
      cur.chars.push(ch)
      if (cur.chars.length >= 2) cur.tokens.push(cur.chars[cur.chars.length - 2] + ch)
    } else if (k === 'l' || k === 'd') {
      if (!cur || cur.cjk) {
        cur = { cjk: false, tokens: [], chars: [] }
        out.push(cur)
      }
      if (wordClass !== k) endWord()
      word += ch
      wordClass = k
    } else {
      endWord()
      cur = null
    }
  }
  endWord()
  return out
}

/** The string to store in the FTS5 `tokens` column for a text. */
export function indexTokens(text: string): string {
  return tokensOfFolded(foldText(text))
}

/**
 * indexTokens of the lines `parts` joined with "\n", folding each part through `f` (folding is per character,
 * so the folded parts joined are the folded whole): the poll reuses the item's folded title and snippet.
 */
export function indexTokensOf(parts: readonly string[], f: TextFolder = DIRECT): string {
  return tokensOfFolded(parts.map((p) => f.fold(p)).join('\n'))
}

function tokensOfFolded(folded: string): string {
  const main: string[] = []
  const unigrams = new Set<string>()
  for (const r of runs(folded)) {
    for (const t of r.tokens) main.push(t)
    for (const ch of r.chars) unigrams.add(ch)
  }
  for (const u of unigrams) main.push(u)
  return main.join(' ')
}

const MAX_QUERY_CHARS = 100
const MAX_PHRASES = 16
const quote = (t: string): string => `"${t.replaceAll('"', '""')}"`

/** A safe FTS5 MATCH expression for what the user typed, or null when nothing searchable is left. */
export function queryExpression(q: string): string | null {
  const folded = Array.from(foldText(q ?? '')).slice(0, MAX_QUERY_CHARS).join('')
  const phrases: string[] = []
  for (const r of runs(folded)) {
    const tokens = r.cjk && r.chars.length === 1 ? r.chars : r.tokens
    if (tokens.length === 0) continue
    const phrase = tokens.map(quote).join(' + ')
    if (!phrases.includes(phrase)) phrases.push(phrase)
  }
  return phrases.length === 0 ? null : phrases.slice(0, MAX_PHRASES).join(' AND ')
}
