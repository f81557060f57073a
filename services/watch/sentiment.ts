// Lexicon sentiment and risk grade for mentions. Deliberately simple and explainable: the officer sees the cues
// that decided it, and 研判 (assessment) stays a human decision — this only orders the queue.
import { foldText } from '../text/normalize'
import { DIRECT, type TextFolder } from '../text/item-text'
import { TermScanner } from '../text/term-scan'

export type Sentiment = '正面' | '中性' | '负面'
export type RiskGrade = '一般' | '较大' | '重大'
export type Lexicon = { negative: readonly string[]; positive: readonly string[] }

export const DEFAULT_LEXICON: Lexicon = {
  negative: [
    '投诉', '医闹', '死亡', '身亡', '猝死', '纠纷', '医疗纠纷', '曝光', '爆料', '红包', '回扣', '误诊', '漏诊',
    '事故', '医疗事故', '维权', '举报', '殴打', '打人', '伤医', '暴力', '欠薪', '拖欠', '乱收费', '天价',
    '过度医疗', '态度恶劣', '推诿', '索赔', '赔偿', '起诉', '违规', '违法', '处罚', '通报批评', '问责', '免职',
    '立案', '丑闻', '假药', '骗保', '套保', '受贿', '腐败', '失职', '渎职', '院内感染', '泄露', '不满', '质疑',
    '哭诉', '黑心', '上访', '围堵', '冲突', '群体事件'
  ],
  positive: [
    '表扬', '锦旗', '感谢', '感谢信', '致谢', '点赞', '好评', '称赞', '赞扬', '成功救治', '成功抢救', '妙手回春',
    '救死扶伤', '义诊', '荣获', '获评', '表彰', '先进集体', '先进个人', '模范', '优秀', '最美', '好医生', '暖心',
    '感动', '爱心', '捐赠', '志愿服务', '惠民', '便民', '首例', '填补空白', '送医下乡', '健康科普'
  ]
}

// A cue right after one of these is not counted: "无投诉", "零投诉", "拒收红包", "未发生医疗事故", "防止医闹".
// Only the immediately preceding words are checked ("无人死亡" still counts) — cheap and rarely wrong; a negated
// positive ("未成功救治") is likewise just dropped, not flipped.
const NEGATORS = ['无', '没有', '未', '未发生', '不', '零', '拒收', '不收', '杜绝', '拒绝', '谢绝', '严禁', '禁止', '防止', '预防', '避免', '反对', '打击']

const TITLE_WEIGHT = 2
const TEXT_WEIGHT = 1

type Compiled = { scanner: TermScanner; polarity: (-1 | 1)[]; written: string[] }
const cache = new WeakMap<Lexicon, Compiled>()

function compile(lexicon: Lexicon): Compiled {
  let c = cache.get(lexicon)
  if (c) return c
  const folded: string[] = []
  const polarity: (-1 | 1)[] = []
  const written: string[] = []
  const add = (w: string, p: -1 | 1): void => {
    const f = foldText(w.trim())
    if (f === '' || folded.includes(f)) return
    folded.push(f)
    polarity.push(p)
    written.push(w.trim())
  }
  lexicon.negative.forEach((w) => add(w, -1))
  lexicon.positive.forEach((w) => add(w, 1))
  c = { scanner: new TermScanner(folded), polarity, written }
  cache.set(lexicon, c)
  return c
}

const negators = NEGATORS.map(foldText)

function negated(text: string, start: number): boolean {
  return negators.some((n) => start >= n.length && text.startsWith(n, start - n.length))
}

/** Distinct cues in one zone; a cue inside a longer hit ("事故" inside "医疗事故") is not counted twice. */
function zoneCues(c: Compiled, raw: string, f: TextFolder): Set<number> {
  const text = f.fold(f.plain(raw))
  const hits: [number, number, number][] = []
  c.scanner.scan(text, (term, start, end) => {
    hits.push([term, start, end])
  })
  hits.sort((a, b) => a[1] - b[1] || b[2] - a[2])
  const cues = new Set<number>()
  let coverEnd = -1
  for (const [term, start, end] of hits) {
    if (end <= coverEnd) continue
    coverEnd = end
    // Negation is checked after covering so "无医疗事故" also silences the inner "事故".
    if (!negated(text, start)) cues.add(term)
  }
  return cues
}

/**
 * Title cues count double. Ties with any negative cue go to 负面: for a publicity desk a missed negative costs more
 * than a false alarm. Cues are returned as written in the lexicon, negative ones first.
 */
export function scoreSentiment(title: string, text: string, lexicon: Lexicon = DEFAULT_LEXICON, f: TextFolder = DIRECT): { sentiment: Sentiment; cues: string[] } {
  const c = compile(lexicon)
  const inTitle = zoneCues(c, title ?? '', f)
  const inText = zoneCues(c, text ?? '', f)
  let neg = 0
  let pos = 0
  for (const [set, weight] of [[inTitle, TITLE_WEIGHT], [inText, TEXT_WEIGHT]] as const) {
    for (const t of set) {
      if (c.polarity[t] < 0) neg += weight
      else pos += weight
    }
  }
  const all = [...new Set([...inTitle, ...inText])]
  const cues = [...all.filter((t) => c.polarity[t] < 0), ...all.filter((t) => c.polarity[t] > 0)].map((t) => c.written[t])
  const sentiment: Sentiment = neg > 0 && neg >= pos ? '负面' : pos > 0 ? '正面' : '中性'
  return { sentiment, cues }
}

/**
 * Risk grade, negative mentions only (anything else is 一般):
 *   重大 — the story is spreading (cluster ≥ 5 items) or a 中央/省级 outlet carries it (sourceWeight ≥ 3);
 *   较大 — it has been picked up twice (cluster ≥ 2) or by a city-level outlet (sourceWeight ≥ 2);
 *   一般 — a single negative item from a minor source.
 * sourceWeight: 0 unknown/self-media, 1 county, 2 city, 3 provincial or central.
 */
export function gradeRisk(input: { sentiment: Sentiment; sourceWeight: number; clusterSize: number }): RiskGrade {
  if (input.sentiment !== '负面') return '一般'
  const weight = Number.isFinite(input.sourceWeight) ? input.sourceWeight : 0
  const cluster = Number.isFinite(input.clusterSize) ? input.clusterSize : 1
  if (cluster >= 5 || weight >= 3) return '重大'
  if (cluster >= 2 || weight >= 2) return '较大'
  return '一般'
}

/** A story picked up by this many distinct sources within SPREAD_WINDOW_MS is spreading: 较大. */
export const SPREAD_MAJOR = 3
/** …and by this many: 重大. */
export const SPREAD_SEVERE = 5
export const SPREAD_WINDOW_MS = 6 * 3600_000

const RANK: Record<RiskGrade, number> = { 一般: 0, 较大: 1, 重大: 2 }

/**
 * The most distinct sources (feeds; items entered by hand count one each) seen within any SPREAD_WINDOW_MS, and
 * how many hours those sources took. One pass over the sources in time order with a sliding window.
 */
export function fastestSpread(sources: readonly { feedId: number | null; publishedAt: string }[]): { sources: number; hours: number } {
  const rows = sources.map((s, i) => ({ key: s.feedId === null ? `m${i}` : `f${s.feedId}`, at: Date.parse(s.publishedAt) })).filter((s) => Number.isFinite(s.at)).sort((a, b) => a.at - b.at)
  let best = { sources: rows.length > 0 ? 1 : 0, hours: 0 }
  const inWindow = new Map<string, number>()
  let lo = 0
  for (let hi = 0; hi < rows.length; hi++) {
    inWindow.set(rows[hi].key, (inWindow.get(rows[hi].key) ?? 0) + 1)
    while (rows[hi].at - rows[lo].at > SPREAD_WINDOW_MS) {
      const n = inWindow.get(rows[lo].key)! - 1
      if (n === 0) inWindow.delete(rows[lo].key)
      else inWindow.set(rows[lo].key, n)
      lo++
    }
    if (inWindow.size > best.sources) best = { sources: inWindow.size, hours: Math.max(1, Math.ceil((rows[hi].at - rows[lo].at) / 3600_000)) }
  }
  return best
}

/**
 * The grade of an event and why, as the officer reads it (mentions.grade_reason):
 *   - gradeRisk above (negative stories only: a weighty outlet, or the number of sources);
 *   - spread: ≥ SPREAD_MAJOR distinct sources within 6 h → at least 较大, ≥ SPREAD_SEVERE → 重大 — for negative
 *     and neutral stories (a 停电 is neutral by its words and still worth a look when it travels); a positive
 *     story (表彰, 义诊) that travels is good news, not risk.
 * The higher of the two wins; its reason is shown (`4 个来源 3 小时内转载`, `省级/中央媒体报道`, `2 个来源转载`).
 */
export function gradeEvent(input: { sentiment: Sentiment; maxWeight: number; sources: readonly { feedId: number | null; publishedAt: string }[] }): { grade: RiskGrade; reason: string } {
  const count = input.sources.length
  const base = gradeRisk({ sentiment: input.sentiment, sourceWeight: input.maxWeight, clusterSize: count })
  let reason = ''
  if (base !== '一般') {
    const weighty = input.maxWeight >= 3 ? '省级/中央媒体报道' : input.maxWeight >= 2 ? '市级媒体报道' : ''
    const bySize = base === '重大' ? count >= 5 : count >= 2
    reason = bySize || !weighty ? `${count} 个来源转载` : weighty
  }
  if (input.sentiment === '正面') return { grade: base, reason }
  const spread = fastestSpread(input.sources)
  const bySpread: RiskGrade = spread.sources >= SPREAD_SEVERE ? '重大' : spread.sources >= SPREAD_MAJOR ? '较大' : '一般'
  if (RANK[bySpread] >= RANK[base] && bySpread !== '一般') return { grade: bySpread, reason: `${spread.sources} 个来源 ${spread.hours} 小时内转载` }
  return { grade: base, reason }
}
