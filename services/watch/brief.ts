// 舆情日报 / 周报: the period's mentions by 情感 and 等级, the ones that still need attention (负面 or 较大以上,
// not closed at the cutoff), the ones closed in the period and by whom, the feeds that failed, and a 研判 paragraph
// in the register of a 舆情 brief — "总体态势平稳" only when nothing serious is open. Pure: data in, paragraphs and
// tables out; the handler (handlers/watch/reports.ts) reads the desk and writes the Word file.
import { GRADES, SENTIMENTS, mentionStatusLabel, type GradeLabel, type MentionStatus, type SentimentLabel } from '../../shared/watch'
import type { BriefPeriod } from '../../shared/watch-periods'
import type { BriefCounts, BriefTable } from '../../shared/contract/watch-reports'
import type { DraftParagraph } from '../../shared/contract/reports'
import { clockCell, clockWords, cutoffWords, dayWords, feedStatusLabel, feedStatusWords, numbered, quoted, spanBetween, spanWords, statusWords } from './report-words'

export interface BriefMention {
  id: number
  title: string
  feedName: string
  grade: GradeLabel
  sentiment: SentimentLabel
  publishedAt: string
  fetchedAt: string
  /** China calendar date of publication. */
  day: string
  assignee: string
  escalated: boolean
}

/** A mention needing attention, with its state at the cutoff. */
export interface AttentionItem extends BriefMention {
  status: MentionStatus
}

export interface ClosedItem extends BriefMention {
  closedAt: string
  closedBy: string
  note: string
}

export interface BriefFeed {
  name: string
  status: string
  lastError: string | null
  lastFetchAt: string | null
  consecutiveErrors: number
}

export interface BriefInput {
  hospital: string
  /** The unit that watches online opinion (设置 › 本院信息), e.g. 网络信息管理中心. */
  watchUnit: string
  period: BriefPeriod
  /** The instant the brief reads the desk as of (ISO). */
  cutoff: string
  /** True when the cutoff is the end of the period (midnight), false while the period is still running. */
  periodOver: boolean
  /** The brief's date (YYYY-MM-DD): the day after the period, or today while it runs. */
  signDate: string
  counts: BriefCounts
  /** The same mentions by 等级 × 情感. */
  matrix: Record<GradeLabel, Record<SentimentLabel, number>>
  previousShort: string
  /** Sorted most serious first; `attentionTotal` may be larger than the list (the list is capped). */
  attention: AttentionItem[]
  attentionTotal: number
  /** Closed in the period (and still closed at the cutoff), most serious first. */
  closed: ClosedItem[]
  ignored: number
  feeds: { watched: number; failed: BriefFeed[] }
}

export interface BriefDocument {
  /** On one line (document properties, file name). */
  title: string
  paragraphs: DraftParagraph[]
  tables: BriefTable[]
}

/** Named in a sentence; the rest are counted and every one is in the 附表. */
const NAMED = 5

const body = (key: string, text: string): DraftParagraph => ({ kind: 'body', key, text })

/** 负面2条、中性8条 — the non-zero parts only. */
function parts(labels: readonly string[], counts: Record<string, number>): string {
  return labels.filter((l) => counts[l] > 0).map((l) => `${l}${counts[l]}条`).join('、')
}

function overview(i: BriefInput): string {
  const c = i.counts
  const removed = c.removed > 0 ? `另有${c.removed}条经核实为误报、重复或与本院无关，已移除，未计入上述统计。` : ''
  if (c.total === 0) return `本期未监测到涉及我院的舆情信息。${removed}`
  const diff = c.total - c.previousTotal
  const trend = c.previousTotal === 0 ? '' : diff === 0 ? `，与上期（${i.previousShort}）持平` : `，较上期（${i.previousShort}）${diff > 0 ? '增加' : '减少'}${Math.abs(diff)}条`
  const sentiment = parts(SENTIMENTS, c.bySentiment)
  const noNegative = c.bySentiment['负面'] === 0 ? '，无负面信息' : ''
  const grades = parts(GRADES, c.byGrade)
  const noMajor = c.byGrade['重大'] === 0 ? (c.byGrade['较大'] === 0 ? '，未发现较大及以上舆情' : '，未发现重大舆情') : ''
  return `本期共监测到涉及我院的舆情信息${c.total}条${trend}。从情感倾向看，${sentiment}${noNegative}；从风险等级看，${grades}${noMajor}。${removed}`
}

const label = (m: BriefMention): string => `${m.grade}，${m.sentiment}`
const serious = (m: BriefMention): boolean => m.sentiment === '负面' || m.grade !== '一般'
const trimEnd = (s: string): string => s.trim().replace(/[。；;.，,\s]+$/, '')

function attentionLine(m: AttentionItem, i: BriefInput, year: string): string {
  const source = m.feedName ? `来源为${m.feedName}，` : ''
  const carried = m.day < i.period.from ? '，系往期遗留' : ''
  const who = m.assignee ? `，责任人${m.assignee}` : '，尚未指定责任人'
  const escalated = m.escalated ? '，已上报领导' : ''
  return `${quoted(m.title)}（${label(m)}）：${source}${clockWords(m.fetchedAt, year)}发现${carried}；现处于${statusWords(m.status)}状态${who}${escalated}，自发现起已持续${spanBetween(m.fetchedAt, i.cutoff)}。`
}

/** 附表 numbers, given once the empty tables are left out (officialDocx leaves them out too). */
type Refs = Partial<Record<'matrix' | 'attention' | 'closed' | 'feeds', string>>
const see = (refs: Refs, key: keyof Refs): string => (refs[key] ? `见${refs[key]}` : '')

function attentionSection(i: BriefInput, cutoff: string, year: string, refs: Refs): DraftParagraph[] {
  if (i.attentionTotal === 0) return [body('attention', `截至${cutoff}，未发现尚未办结的负面或较大以上舆情。`)]
  const shown = i.attention.slice(0, NAMED)
  const more = i.attentionTotal > shown.length ? `，其中最需关注的${shown.length}条如下（全部${see(refs, 'attention')}）` : ''
  return [
    body('attention', `截至${cutoff}，尚未办结的负面或较大以上舆情共${i.attentionTotal}条${more}：`),
    ...shown.map((m, n) => body(`attention.${n + 1}`, numbered(n, attentionLine(m, i, year))))
  ]
}

function closedSection(i: BriefInput, year: string, refs: Refs): DraftParagraph[] {
  const ignored = i.ignored > 0 ? `另有${i.ignored}条经研判无需处置，予以忽略。` : ''
  if (i.closed.length === 0) return [body('closed', `本期无办结的舆情。${ignored}`)]
  const negative = i.closed.filter(serious)
  const general = i.closed.length - negative.length
  const table = refs.closed ? `（见${refs.closed}）` : ''
  if (negative.length === 0) return [body('closed', `本期共办结舆情${i.closed.length}条${table}，均为一般信息，已按程序办结。${ignored}`)]
  const named = negative.slice(0, NAMED)
  const lines = named.map((m, n) => {
    const result = m.note.trim() ? `，处置结果：${trimEnd(m.note)}` : ''
    return body(`closed.${n + 1}`, numbered(n, `${quoted(m.title)}（${label(m)}）：由${m.closedBy}于${clockWords(m.closedAt, year)}办结${result}。`))
  })
  const moreNegative = negative.length > named.length ? `另有${negative.length - named.length}条负面或较大以上舆情已办结。` : ''
  const rest = general > 0 ? `其余${general}条为一般信息，已按程序办结。` : ''
  const tail = `${moreNegative}${rest}${ignored}`
  return [
    body('closed', `本期共办结舆情${i.closed.length}条${table}，其中负面或较大以上${negative.length}条：`),
    ...lines,
    ...(tail ? [body('closed.rest', tail)] : [])
  ]
}

/** A feed's reason without the reassurance a retryable error ends with (as services/feeds/poll-summary.ts words it). */
const feedReason = (message: string | null): string => trimEnd((message ?? '未记录').replace(/，稍后会自动重试$/, ''))

/** Failing feeds named in the sentence; more are listed in the 附表. */
const NAMED_FEEDS = 3

function feedsSection(i: BriefInput, refs: Refs): DraftParagraph[] {
  const failed = i.feeds.failed
  if (failed.length === 0) return [body('feeds', `本期共监测订阅源${i.feeds.watched}个，未发现抓取失败记录。`)]
  const named = failed.slice(0, NAMED_FEEDS).map((f) => `${f.name}（${feedStatusWords(f.status, f.consecutiveErrors)}，原因：${feedReason(f.lastError)}）`)
  const more = failed.length > NAMED_FEEDS ? `等（全部${see(refs, 'feeds')}）` : ''
  return [body('feeds', `本期共监测订阅源${i.feeds.watched}个，其中${failed.length}个抓取异常：${named.join('；')}${more}。相关渠道的信息可能漏监，请尽快核对订阅地址或改用其他渠道。`)]
}

/** A few cases by name: “标题”（重大，负面，处置中）、… */
function named(ms: readonly AttentionItem[], withGrade = true): string {
  return ms.slice(0, 3).map((m) => `${quoted(m.title)}（${withGrade ? `${m.grade}，` : ''}${m.sentiment}，${mentionStatusLabel(m.status)}）`).join('、')
}

/** The 研判 paragraph: what the period's figures and open cases say, naming the serious ones. */
function assessment(i: BriefInput): string {
  const c = i.counts
  const major = i.attention.filter((m) => m.grade === '重大')
  const others = i.attentionTotal - major.length
  const feedRisk = i.feeds.failed.length > 0 ? `另有${i.feeds.failed.length}个订阅源抓取异常，相关渠道存在漏监可能，以上研判以现有监测范围为限。` : ''
  if (major.length > 0) {
    const also = others > 0 ? `此外，还有${others}条负面或较大舆情尚未办结。` : ''
    return `本期舆情形势较为严峻，重大舆情${named(major, false)}${major.length > 3 ? `等${major.length}条` : ''}尚未办结，需高度关注。${also}建议及时报告分管院领导，统一回应口径，加强与属地网信、卫健部门的沟通，及时回应社会关切，防止舆情扩散。${feedRisk}`
  }
  if (i.attentionTotal > 0) {
    return `本期舆情总体可控，但仍有${i.attentionTotal}条负面或较大舆情尚未办结，需重点关注${named(i.attention)}${i.attentionTotal > 3 ? '等' : ''}。建议责任部门加快核实处置，及时回应社会关切，防止舆情发酵。${feedRisk}`
  }
  const severe = c.byGrade['重大'] + c.byGrade['较大']
  const all = (n: number) => (n > 1 ? '均' : '')
  if (severe > 0) return `本期出现较大及以上舆情${severe}条，目前${all(severe)}已处置完毕，总体态势平稳。建议持续关注相关话题的后续讨论，防止反弹。${feedRisk}`
  const negative = c.bySentiment['负面'] > 0 ? `本期负面信息${c.bySentiment['负面']}条，目前${all(c.bySentiment['负面'])}已处置完毕。` : ''
  return `总体态势平稳，未发现重大负面舆情。${negative}建议继续做好日常监测和正面宣传。${feedRisk}`
}

const GRADE_ROWS = [...GRADES, '合计'] as const

/**
 * The 附表, numbered in order: the 等级 × 情感 table, and the lists the paragraphs could not give in full (more
 * cases than they name, the 一般 ones closed, more failing feeds than named). Column shares are in characters of
 * 小四 across the 156 mm of an A4 text line (36), so no short header or date wraps.
 */
function tables(i: BriefInput): { tables: BriefTable[]; refs: Refs } {
  const year = i.period.from.slice(0, 4)
  const negative = i.closed.filter(serious).length
  const all: [keyof Refs, boolean, Omit<BriefTable, 'heading'> & { name: string }][] = [
    ['matrix', i.counts.total > 0, {
      name: '本期舆情分类统计',
      intro: '按信息发布日期（北京时间）统计，单位：条；已移除的误报等不计入。',
      headers: ['风险等级', ...SENTIMENTS, '合计'],
      rows: GRADE_ROWS.map((g) => [
        g, ...SENTIMENTS.map((s) => String(g === '合计' ? i.counts.bySentiment[s] : i.matrix[g][s])), String(g === '合计' ? i.counts.total : i.counts.byGrade[g])
      ]),
      share: [8, 7, 7, 7, 7],
      right: [1, 2, 3, 4]
    }],
    ['attention', i.attentionTotal > NAMED, {
      name: '需关注舆情',
      intro: i.attention.length < i.attentionTotal ? `共${i.attentionTotal}条，此处列出最需关注的${i.attention.length}条。` : undefined,
      headers: ['序号', '标题（来源）', '等级/情感', '发现日期', '状态/责任人', '已持续'],
      rows: i.attention.map((m, n) => [
        String(n + 1), m.feedName ? `${m.title}（${m.feedName}）` : m.title, `${m.grade}/${m.sentiment}`, dayWords(m.fetchedAt, year),
        `${mentionStatusLabel(m.status)}/${m.assignee || '未指定'}`, spanWords(Date.parse(i.cutoff) - Date.parse(m.fetchedAt), true)
      ]),
      share: [3.2, 10.6, 5.2, 4.6, 6.8, 5.6],
      right: [0]
    }],
    ['closed', i.closed.length > Math.min(negative, NAMED), {
      name: '本期办结舆情',
      headers: ['序号', '标题', '等级', '办结时间', '办结人', '处置结果'],
      rows: i.closed.map((m, n) => [String(n + 1), m.title, m.grade, clockWords(m.closedAt, year), m.closedBy, m.note.trim() || '—']),
      share: [3.2, 9.6, 3.4, 5.6, 4, 10.2],
      right: [0]
    }],
    ['feeds', i.feeds.failed.length > NAMED_FEEDS, {
      name: '抓取异常的订阅源',
      headers: ['序号', '订阅源', '状态', '连续失败', '最近抓取', '出错原因'],
      rows: i.feeds.failed.map((f, n) => [String(n + 1), f.name, feedStatusLabel(f.status), `${f.consecutiveErrors}次`, clockCell(f.lastFetchAt).slice(5), feedReason(f.lastError)]),
      share: [3.2, 8.6, 3.4, 4.6, 6.2, 10],
      right: [0, 3]
    }]
  ]
  const refs: Refs = {}
  const out: BriefTable[] = []
  for (const [key, wanted, { name, ...t }] of all) {
    if (!wanted || !t.rows.length) continue
    refs[key] = `附表${out.length + 1}`
    out.push({ heading: `${refs[key]}　${name}`, ...t })
  }
  return { tables: out, refs }
}

export function briefDocument(i: BriefInput): BriefDocument {
  const year = i.period.from.slice(0, 4)
  const cutoff = cutoffWords(i.cutoff, i.periodOver, i.period.to, year)
  const title = `${i.hospital}${i.period.name}`
  const asOf = i.periodOver ? '' : `（本期尚未结束，数据截至${cutoff}）`
  const { tables: appendix, refs } = tables(i)
  const paragraphs: DraftParagraph[] = [
    { kind: 'title', key: 'title', text: `${i.hospital}\n${i.period.name}` },
    body('opening', `${i.period.label}，${i.watchUnit}对互联网上涉及我院的信息进行了监测${asOf}。现将有关情况报告如下。`),
    { kind: 'heading', key: 'h.overview', text: '一、总体情况' },
    body('overview', overview(i)),
    { kind: 'heading', key: 'h.attention', text: '二、需关注舆情' },
    ...attentionSection(i, cutoff, year, refs),
    { kind: 'heading', key: 'h.closed', text: '三、处置情况' },
    ...closedSection(i, year, refs),
    { kind: 'heading', key: 'h.feeds', text: '四、监测渠道运行情况' },
    ...feedsSection(i, refs),
    { kind: 'heading', key: 'h.assessment', text: '五、研判意见' },
    body('assessment', assessment(i)),
    { kind: 'sign', key: 'sign.unit', text: `${i.hospital}${i.watchUnit}` },
    { kind: 'sign', key: 'sign.date', text: `${Number(i.signDate.slice(0, 4))}年${Number(i.signDate.slice(5, 7))}月${Number(i.signDate.slice(8, 10))}日` }
  ]
  return { title, paragraphs, tables: appendix }
}
