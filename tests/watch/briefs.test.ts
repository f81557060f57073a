// 舆情周报/日报 and 舆情专报 at the handler level: mentions come in through the real poll (two feeds, one story in
// both, one feed failing), are triaged, corrected, assigned, removed and linked through the handlers, and the
// Word files are read back from their XML. Expectations come from the desk's own lists and tallies, and from the
// clock the steps were taken at. Then the CLI writes both files and refuses bad flags in Chinese.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import Database from 'better-sqlite3'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2 } from '../fixtures/feeds'
import { addTestUser, actAs } from '../helpers/desk'
import { cli, firstAdmin } from '../helpers/cli'
import { item, memoryTransport, watchDesk, type WatchDesk } from './watch-helpers'
import type { WatchBrief } from '../../shared/contract/watch-reports'
import { briefDocument, type AttentionItem, type BriefInput, type ClosedItem } from '../../services/watch/brief'
import { briefPeriod } from '../../shared/watch-periods'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')
const A = 'http://a.example/rss'
const B = 'http://b.example/rss'
const C = 'http://c.example/rss'
const china = (s: string) => new Date(`${s}+08:00`)

const T = {
  praise: '我院开展送医下乡义诊 群众点赞',
  parking: '网友投诉我院停车场乱收费',
  attitude: '患者投诉我院挂号窗口态度恶劣',
  meeting: '我院召开安全生产工作会议',
  clinic: '我院同名诊所招聘广告',
  lastWeek: '我院举办糖尿病健康讲座',
  sunday: '我院医护人员街头救助晕倒路人',
  monday: '我院开通夜间便民门诊'
}

/** The paragraphs of a .docx (w:t runs joined), read from word/document.xml. */
async function docxText(base64: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'))
  const xml = await zip.file('word/document.xml')!.async('string')
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('')).filter(Boolean)
}

function inOrder(paragraphs: string[], wanted: string[]): number[] {
  const at = wanted.map((w) => paragraphs.findIndex((p) => p.startsWith(w)))
  expect(at.every((i) => i >= 0), `missing: ${wanted.filter((_, i) => at[i] < 0).join(' ')}`).toBe(true)
  expect([...at].sort((a, b) => a - b)).toEqual(at)
  return at
}

const PLACEHOLDERS = /请补充|XXX|xxx|undefined|NaN|null|\[object/

let d: WatchDesk
const ids: Record<string, number> = {}
let pieceId = 0

/**
 * The week of Monday 3 June 2024: polled on Wednesday (feed A and C carry the 停车 story, B answers 500), the
 * complaints triaged by two officers, the 诊所 ad removed, the meeting ignored; polled again on Sunday night
 * (one item from after midnight, China time: next week's); 态度 is closed only on the following Wednesday.
 */
beforeAll(async () => {
  d = await watchDesk({ now: china('2024-06-05T12:00:00'), profile: { fullName: '黄平县中医医院', aliases: ['我院'] } })
  await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [], watchUnit: '网络信息管理中心' })
  const feedA = { body: rss2('市报', [
    item(T.praise, { guid: 'a1', link: 'http://a.example/1', pubDate: 'Mon, 03 Jun 2024 09:00:00 +0800' }),
    item(T.parking, { guid: 'a2', link: 'http://a.example/2', pubDate: 'Tue, 04 Jun 2024 10:00:00 +0800', description: '有网友发帖称医院停车场收费标准不清，引发讨论。' }),
    item(T.attitude, { guid: 'a3', link: 'http://a.example/3', pubDate: 'Tue, 04 Jun 2024 11:00:00 +0800' }),
    item(T.meeting, { guid: 'a4', link: 'http://a.example/4', pubDate: 'Wed, 05 Jun 2024 08:00:00 +0800' }),
    item(T.clinic, { guid: 'a5', link: 'http://a.example/5', pubDate: 'Wed, 05 Jun 2024 09:00:00 +0800' }),
    item(T.lastWeek, { guid: 'a6', link: 'http://a.example/6', pubDate: 'Sun, 02 Jun 2024 20:00:00 +0800' })
  ]) }
  const feedC = { body: rss2('论坛', [item(T.parking, { guid: 'c1', link: 'http://c.example/t/9', pubDate: 'Tue, 04 Jun 2024 13:30:00 +0800', description: '有网友发帖称医院停车场收费标准不清，引发讨论。' })]) }
  d.ctx.http = memoryTransport({ [A]: () => feedA, [B]: () => ({ status: 500, body: 'oops' }), [C]: () => feedC }).transport
  await d.call('feed-add', { url: A, name: '市报', weight: 2 })
  await d.call('feed-add', { url: B, name: '县政府网', weight: 1 })
  await d.call('feed-add', { url: C, name: '本地论坛', weight: 0 })
  await pollDue(d.ctx)
  const rows = d.ctx.desk.sqlite.prepare('SELECT id, title FROM mentions').all() as { id: number; title: string }[]
  for (const [k, t] of Object.entries(T)) ids[k] = rows.find((r) => r.title === t)?.id ?? 0

  const liMing = addTestUser(d.ctx, '李明', ['officer'])
  const tester = { id: d.ctx.session.userId!, name: d.ctx.actor }
  d.advance(10)
  await d.call('mention-triage', { id: ids.parking, step: 'assessing', note: '已核实来源，转总务科了解情况', assignee: '李明' })
  d.advance(20)
  await d.call('mention-correct', { id: ids.parking, grade: '重大' })
  await d.call('mention-escalate', { id: ids.parking, escalated: true, note: '报分管院领导' })
  actAs(d.ctx, liMing)
  d.advance(60)
  await d.call('mention-triage', { id: ids.parking, step: 'handling', note: '总务科已重新公示收费标准' })
  const piece = await d.call('piece-create', { channel: 'website', title: '关于停车场收费标准的说明', date: '2024-06-05', status: 'published', backfill: true })
  pieceId = piece.id
  await d.call('evidence-add', { pieceId, fileName: '官网截图.png', dataBase64: PNG.toString('base64') })
  await d.call('mention-link-piece', { id: ids.parking, pieceId })
  d.advance(30)
  await d.call('mention-triage', { id: ids.parking, step: 'closed', note: '已在官网发布说明，网友表示理解' })
  await d.call('mention-triage', { id: ids.attitude, step: 'assessing', note: '转门诊部核实' })
  await d.call('mention-triage', { id: ids.attitude, step: 'handling', note: '门诊部约谈当事人' })
  actAs(d.ctx, tester)
  await d.call('mention-triage', { id: ids.meeting, step: 'ignored', note: '本院常规新闻' })
  await d.call('mention-remove', { id: ids.clinic, reason: '与本院无关：同名诊所的广告' })

  d.clock.now = china('2024-06-09T23:00:00')
  feedA.body = rss2('市报', [
    item(T.sunday, { guid: 'a7', link: 'http://a.example/7', pubDate: 'Sun, 09 Jun 2024 22:30:00 +0800' }),
    item(T.monday, { guid: 'a8', link: 'http://a.example/8', pubDate: 'Mon, 10 Jun 2024 00:30:00 +0800' })
  ])
  await pollDue(d.ctx)
  for (const [k, t] of Object.entries(T)) ids[k] ||= (d.ctx.desk.sqlite.prepare('SELECT id FROM mentions WHERE title = ?').get(t) as { id: number } | undefined)?.id ?? 0

  d.clock.now = china('2024-06-12T12:00:00')
  actAs(d.ctx, liMing)
  await d.call('mention-triage', { id: ids.attitude, step: 'closed', note: '当事人已道歉' })
  actAs(d.ctx, tester)
  d.clock.now = china('2024-06-12T12:30:00')
})
afterAll(() => d?.close())

describe('舆情周报', () => {
  it('counts the week by publication date (China), as the inbox and the tally count it, with 移除 apart', async () => {
    const b = await d.call('watch-brief-preview', { period: '2024-06-05', kind: 'weekly' })
    expect(b.period).toMatchObject({ code: '2024-06-03..2024-06-09', name: '舆情周报', label: '2024年6月3日至6月9日' })
    const inbox = await d.call('mention-list', { status: 'all', from: '2024-06-03', to: '2024-06-09' })
    const removed = await d.call('mention-list', { status: 'removed', from: '2024-06-03', to: '2024-06-09' })
    const tally = await d.call('tally-get', { period: '2024-06-03..2024-06-09' })
    const figure = (key: string) => tally.set.figures.find((f) => f.key === key)?.value
    expect(b.counts.total).toBe(inbox.total)
    expect(b.counts.total).toBe(figure('mentions.total'))
    expect(b.counts.removed).toBe(removed.total)
    expect(b.counts.removed).toBe(figure('mentions.removed'))
    expect(b.counts.bySentiment['负面']).toBe(figure('mentions.negative'))
    expect(b.counts.byGrade['重大']).toBe(figure('mentions.major'))
    // 义诊, 停车 (two sources, one story), 态度, 会议, Sunday's 救助; not last week's 讲座 nor Monday's 门诊; 诊所 removed
    expect(inbox.rows.map((r) => r.title).sort()).toEqual([T.praise, T.parking, T.attitude, T.meeting, T.sunday].sort())
    expect([b.counts.total, b.counts.removed, b.counts.previousTotal]).toEqual([5, 1, 1])
    expect(b.counts.byGrade).toEqual({ 重大: 1, 较大: 1, 一般: 3 })
  })

  it('reads the desk as of the end of the week: 态度 was still 处置中 then, 停车 closed by 李明 within it', async () => {
    const b = await d.call('watch-brief-preview', { period: '2024-06-03..2024-06-09' })
    expect(b.cutoff).toBe('2024-06-09T16:00:00.000Z')
    expect([b.attention, b.closed, b.ignored, b.failingFeeds]).toEqual([1, 1, 1, 1])
    const text = b.paragraphs.map((p) => p.text)
    expect(text).toContain('本期共监测到涉及我院的舆情信息5条，较上期（5月27日至6月2日）增加4条。从情感倾向看，负面2条、中性2条、正面1条；从风险等级看，重大1条、较大1条、一般3条。另有1条经核实为误报、重复或与本院无关，已移除，未计入上述统计。')
    expect(text).toContain(`1．“${T.attitude}”（较大，负面）：来源为市报，6月5日12时发现；现处于“处置中”状态，尚未指定责任人，自发现起已持续4天12小时。`)
    expect(text.some((t) => t.startsWith(`1．“${T.parking}”（重大，负面）：由李明于6月5日14时办结，处置结果：已在官网发布说明，网友表示理解。`))).toBe(true)
    expect(text).toContain('本期共办结舆情1条，其中负面或较大以上1条：')
    expect(text).toContain('另有1条经研判无需处置，予以忽略。')
    const feeds = text.find((t) => t.startsWith('本期共监测订阅源'))!
    expect(feeds).toMatch(/^本期共监测订阅源3个，其中1个抓取异常：县政府网（出错(，已连续\d次抓取失败)?，原因：/)
    const assessment = text[text.indexOf('五、研判意见') + 1]
    expect(assessment).toContain(`需重点关注“${T.attitude}”（较大，负面，处置中）`)
    expect(assessment).not.toContain('总体态势平稳')
    // every case, closing and feed is named above: only the 等级 × 情感 table is appended
    expect(b.tables.map((t) => t.heading)).toEqual(['附表1　本期舆情分类统计'])
    expect(b.tables[0].rows).toEqual([['重大', '1', '0', '0', '1'], ['较大', '1', '0', '0', '1'], ['一般', '0', '2', '1', '3'], ['合计', '2', '2', '1', '5']])
  })

  it('writes the same brief as Word: sections in order, counts as in the desk, China times, no placeholder', async () => {
    const b: WatchBrief = await d.call('watch-brief-preview', { period: '2024-06-03..2024-06-09' })
    const f = await d.call('watch-brief-docx', { period: '2024-06-03..2024-06-09' })
    expect(f.fileName).toBe('黄平县中医医院舆情周报（2024年6月3日至6月9日）.docx')
    const ps = await docxText(f.base64)
    inOrder(ps, ['黄平县中医医院舆情周报', '2024年6月3日至6月9日，网络信息管理中心', '一、总体情况', '本期共监测到涉及我院的舆情信息5条', '二、需关注舆情',
      '截至6月9日24时，尚未办结的负面或较大以上舆情共1条', '三、处置情况', '四、监测渠道运行情况', '五、研判意见', '黄平县中医医院网络信息管理中心', '2024年6月10日',
      '附表1　本期舆情分类统计', '按信息发布日期（北京时间）统计', '风险等级', '重大'])
    for (const p of b.paragraphs) expect(ps).toContain(p.text.replace('\n', ''))
    expect(ps.join('\n')).not.toMatch(PLACEHOLDERS)
  })

  it('while a week runs, reads it as of now: Monday’s item, 态度 closed on Wednesday, the feed failing now', async () => {
    const b = await d.call('watch-brief-preview', { period: '2024-06-12', kind: 'weekly' })
    expect([b.period.code, b.cutoff]).toEqual(['2024-06-10..2024-06-16', d.clock.now.toISOString()])
    expect([b.counts.total, b.attention, b.closed]).toEqual([1, 0, 1])
    const text = b.paragraphs.map((p) => p.text)
    expect(text[1]).toBe('2024年6月10日至6月16日，网络信息管理中心对互联网上涉及我院的信息进行了监测（本期尚未结束，数据截至6月12日12时30分）。现将有关情况报告如下。')
    expect(text).toContain('截至6月12日12时30分，未发现尚未办结的负面或较大以上舆情。')
    expect(text.some((t) => t.startsWith(`1．“${T.attitude}”（较大，负面）：由李明于6月12日12时办结，处置结果：当事人已道歉。`))).toBe(true)
    // the only feed in trouble is named, so the calm verdict says its limits
    expect(text.at(-3)).toMatch(/^总体态势平稳，未发现重大负面舆情。建议继续做好日常监测和正面宣传。另有1个订阅源抓取异常/)
  })

  it('a 日报 is one day; the day boundary is China’s whatever the machine’s zone', async () => {
    const sunday = await d.call('watch-brief-preview', { period: '2024-06-09', kind: 'daily' })
    const monday = await d.call('watch-brief-preview', { period: '2024-06-10', kind: 'daily' })
    expect([sunday.period.name, sunday.counts.total, monday.counts.total]).toEqual(['舆情日报', 1, 1])
    expect(sunday.tables[0].rows.at(-1)).toEqual(['合计', '0', '1', '0', '1'])
  })

  it('refuses a period that is not what the kind says, in Chinese, naming the field', async () => {
    const week = await d.invoke('watch-brief-preview', { period: '2024-06-01..2024-06-10', kind: 'weekly' })
    expect(!week.ok && week.error.message).toBe('统计区间：舆情周报统计 7 天（如 2023-06-05..2023-06-11，或填写一个日期取其所在的周一至周日），所给区间为 10 天')
    const day = await d.invoke('watch-brief-docx', { period: '2024-06-03..2024-06-09', kind: 'daily' })
    expect(!day.ok && day.error.message).toMatch(/^统计区间：舆情日报只统计一天/)
    const future = await d.invoke('watch-brief-preview', { period: '2024-07-01', kind: 'daily' })
    expect(!future.ok && future.error.message).toBe('统计区间：2024年7月1日尚未开始，无法生成舆情日报')
    const junk = await d.invoke('watch-brief-preview', { period: '上周' })
    expect(!junk.ok && junk.error.message).toMatch(/^统计区间：无法识别的统计区间：上周（可用 2023-06-11（一天）、2023-W23（一周）/)
    const weekCode = await d.call('watch-brief-preview', { period: '2024-W23' })
    expect(weekCode.period.code).toBe('2024-06-03..2024-06-09')
  })
})

describe('the brief’s wording (pure)', () => {
  const period = briefPeriod('2024-06-03..2024-06-09')
  const zero = { 负面: 0, 中性: 0, 正面: 0 }
  const mention = (n: number, o: Partial<AttentionItem> = {}): AttentionItem => ({
    id: n, title: `投诉${n}`, feedName: '市报', grade: '一般', sentiment: '负面', publishedAt: '2024-06-04T02:00:00.000Z', fetchedAt: '2024-06-04T02:30:00.000Z',
    day: '2024-06-04', assignee: '', escalated: false, status: 'assessing', ...o
  })
  const closed = (n: number, o: Partial<ClosedItem> = {}): ClosedItem => ({ ...mention(n, { sentiment: '中性' }), closedAt: '2024-06-05T06:00:00.000Z', closedBy: '王芳', note: '已回复', ...o })
  function input(o: Partial<BriefInput> = {}): BriefInput {
    const attention = o.attention ?? []
    return {
      hospital: '某县医院', watchUnit: '宣传科', period, cutoff: '2024-06-09T16:00:00.000Z', periodOver: true, signDate: '2024-06-10',
      counts: { total: 10, bySentiment: { 负面: 1, 中性: 6, 正面: 3 }, byGrade: { 重大: 0, 较大: 0, 一般: 10 }, removed: 0, previousTotal: 0 },
      matrix: { 重大: { ...zero }, 较大: { ...zero }, 一般: { 负面: 1, 中性: 6, 正面: 3 } },
      previousShort: '5月27日至6月2日', attention, attentionTotal: attention.length, closed: [], ignored: 0, feeds: { watched: 4, failed: [] }, ...o
    }
  }
  const texts = (i: BriefInput) => briefDocument(i).paragraphs.map((p) => p.text)
  const verdict = (i: BriefInput) => { const t = texts(i); return t[t.indexOf('五、研判意见') + 1] }

  it('says 总体态势平稳 only when nothing serious is open, and names what is', () => {
    expect(verdict(input())).toBe('总体态势平稳，未发现重大负面舆情。本期负面信息1条，目前已处置完毕。建议继续做好日常监测和正面宣传。')
    expect(texts(input())[3]).toBe('本期共监测到涉及我院的舆情信息10条。从情感倾向看，负面1条、中性6条、正面3条；从风险等级看，一般10条，未发现较大及以上舆情。')
    const serious = input({ counts: { ...input().counts, byGrade: { 重大: 0, 较大: 2, 一般: 8 } } })
    expect(verdict(serious)).toBe('本期出现较大及以上舆情2条，目前均已处置完毕，总体态势平稳。建议持续关注相关话题的后续讨论，防止反弹。')
    const open = input({ attention: [mention(1, { grade: '较大' })] })
    expect(verdict(open)).toMatch(/^本期舆情总体可控，但仍有1条负面或较大舆情尚未办结，需重点关注“投诉1”（较大，负面，研判）。/)
    const major = input({ attention: [mention(1, { grade: '重大', status: 'handling' }), mention(2)] })
    expect(verdict(major)).toMatch(/^本期舆情形势较为严峻，重大舆情“投诉1”（负面，处置中）尚未办结，需高度关注。此外，还有1条负面或较大舆情尚未办结。/)
    for (const i of [open, major]) expect(verdict(i)).not.toContain('平稳')
    const quiet = input({ counts: { total: 0, bySentiment: { ...zero }, byGrade: { 重大: 0, 较大: 0, 一般: 0 }, removed: 2, previousTotal: 3 } })
    expect(texts(quiet)[3]).toBe('本期未监测到涉及我院的舆情信息。另有2条经核实为误报、重复或与本院无关，已移除，未计入上述统计。')
    expect(briefDocument(quiet).tables).toEqual([])
  })

  it('lists in a 附表 only what the paragraphs do not name, numbered as they are kept', () => {
    const feeds = [1, 2, 3, 4].map((n) => ({ name: `源${n}`, status: 'failing', lastError: '连接服务器超时（ETIMEDOUT），稍后会自动重试', lastFetchAt: '2024-06-09T01:00:00.000Z', consecutiveErrors: 4 }))
    const doc = briefDocument(input({
      attention: [1, 2, 3, 4, 5, 6, 7].map((n) => mention(n)),
      closed: [closed(8, { sentiment: '负面' }), closed(9), closed(10)],
      ignored: 2,
      feeds: { watched: 9, failed: feeds }
    }))
    expect(doc.tables.map((t) => t.heading)).toEqual(['附表1　本期舆情分类统计', '附表2　需关注舆情', '附表3　本期办结舆情', '附表4　抓取异常的订阅源'])
    const t = doc.paragraphs.map((p) => p.text)
    expect(t).toContain('截至6月9日24时，尚未办结的负面或较大以上舆情共7条，其中最需关注的5条如下（全部见附表2）：')
    expect(t.filter((x) => /^\d．“投诉\d”（一般，负面）：来源为市报，6月4日10时30分发现；现处于“研判”状态，尚未指定责任人，自发现起已持续5天13小时。$/.test(x))).toHaveLength(5)
    expect(t).toContain('本期共办结舆情3条（见附表3），其中负面或较大以上1条：')
    expect(t).toContain('1．“投诉8”（一般，负面）：由王芳于6月5日14时办结，处置结果：已回复。')
    expect(t).toContain('其余2条为一般信息，已按程序办结。另有2条经研判无需处置，予以忽略。')
    expect(t.find((x) => x.startsWith('本期共监测订阅源9个'))).toBe('本期共监测订阅源9个，其中4个抓取异常：源1（失效，已连续4次抓取失败，原因：连接服务器超时（ETIMEDOUT））；源2（失效，已连续4次抓取失败，原因：连接服务器超时（ETIMEDOUT））；源3（失效，已连续4次抓取失败，原因：连接服务器超时（ETIMEDOUT））等（全部见附表4）。相关渠道的信息可能漏监，请尽快核对订阅地址或改用其他渠道。')
    expect(doc.tables[1].rows[0]).toEqual(['1', '投诉1（市报）', '一般/负面', '6月4日', '研判/未指定', '5天13小时'])
    expect(doc.tables[3].rows[0]).toEqual(['1', '源1', '失效', '4次', '06-09 09:00', '连接服务器超时（ETIMEDOUT）'])
    for (const table of doc.tables) for (const row of table.rows) expect(row).toHaveLength(table.headers.length)
  })
})

describe('舆情专报', () => {
  it('tells one incident from its two sources, its trail with who and when (China time), the outcome and the evidence', async () => {
    const f = await d.call('watch-incident-docx', { id: ids.parking })
    expect(f.fileName).toBe(`黄平县中医医院舆情专报（${T.parking}）.docx`)
    const ps = await docxText(f.base64)
    inOrder(ps, ['黄平县中医医院舆情专报', `2024年6月5日，网络信息管理中心监测发现一条涉及我院的负面舆情“${T.parking}”（风险等级：重大）`,
      '一、事件概况', '二、发现与传播情况', '三、研判与处置过程', '四、处置结果', '五、佐证材料', '黄平县中医医院网络信息管理中心', '2024年6月12日', '附表　佐证材料清单'])
    expect(ps).toContain('6月4日10时，市报发布信息称：有网友发帖称医院停车场收费标准不清，引发讨论。')
    expect(ps).toContain('经系统初判，该信息情感倾向为负面（涉及“投诉”“乱收费”等表述）；经人工研判，风险等级为重大。')
    expect(ps).toContain('首发时间：6月4日10时，首发来源为市报。发现时间：6月5日12时，距首发1天2小时。')
    expect(ps).toContain('截至6月12日12时30分，共监测到2个来源发布或转载，按发布时间排列如下（原文链接见附表）：')
    expect(ps).toContain('1．市报：6月4日10时发布，6月5日12时抓取。')
    expect(ps).toContain('2．本地论坛：6月4日13时30分发布，6月5日12时抓取。')
    const steps = ps.slice(ps.indexOf('三、研判与处置过程') + 1, ps.indexOf('四、处置结果'))
    expect(steps).toEqual([
      '1．6月5日12时10分，测试干事指定李明为责任人。',
      '2．6月5日12时10分，测试干事将状态由“新”转为“研判”，说明：已核实来源，转总务科了解情况。',
      '3．6月5日12时30分，测试干事将风险等级由较大调整为重大。',
      '4．6月5日12时30分，测试干事上报领导（报分管院领导）。',
      '5．6月5日13时30分，李明将状态由“研判”转为“处置中”，说明：总务科已重新公示收费标准。',
      `6．6月5日13时30分，李明关联回应稿件（台账第${pieceId}号《关于停车场收费标准的说明》）。`,
      '7．6月5日14时，李明将状态由“处置中”转为“已办结”，说明：已在官网发布说明，网友表示理解。'
    ])
    expect(ps).toContain('该舆情已于6月5日14时办结，办结人李明，自发现起历时2小时。处置结果：已在官网发布说明，网友表示理解。')
    expect(ps).toContain(`佐证材料清单见附表：各来源原文链接2条；回应稿件《关于停车场收费标准的说明》（台账第${pieceId}号）及其佐证材料1份。各来源网页未留存网页快照，原文如被删除将无法复核，请及时截图存档。`)
    const table = ps.slice(ps.indexOf('附表　佐证材料清单'))
    for (const cell of ['http://a.example/2', 'http://c.example/t/9', '未留存快照', `台账第${pieceId}号《关于停车场收费标准的说明》`, `官网截图.png（${PNG.length} 字节）`]) expect(table).toContain(cell)
    expect(ps.join('\n')).not.toMatch(PLACEHOLDERS)
  })

  it('an incident still open says so, with its 责任人 and how long; a missing mention is a Chinese error', async () => {
    const monday = await d.call('watch-incident-docx', { id: ids.monday })
    const ps = await docxText(monday.base64)
    expect(ps).toContain('该舆情尚无研判处置记录。')
    expect(ps).toContain('截至6月12日12时30分，该舆情尚未开展研判，尚未指定责任人，自发现起已2天13小时。')
    expect(ps).toContain('截至6月12日12时30分，仅监测到该来源发布，未发现其他来源转载。原文链接见附表。')
    const missing = await d.invoke('watch-incident-docx', { id: 99999 })
    expect(!missing.ok && missing.error.message).toBe('找不到编号为 99999 的舆情，可能已被删除')
  })

  it('a viewer reads them as the inbox is read (the watch readers)', async () => {
    const me = { id: d.ctx.session.userId!, name: d.ctx.actor }
    actAs(d.ctx, addTestUser(d.ctx, '查看员', ['viewer']))
    try {
      expect((await d.invoke('watch-brief-docx', { period: '2024-06-03..2024-06-09' })).ok).toBe(true)
      expect((await d.invoke('watch-incident-docx', { id: ids.parking })).ok).toBe(true)
    } finally {
      actAs(d.ctx, me)
    }
  })
})

describe('CLI: report --kind', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-briefs-'))
  const db = join(dir, 'x.sqlite')
  const desk = (...args: string[]) => cli(db, args)
  beforeAll(() => {
    firstAdmin(db)
    const r = desk('seed-demo')
    if (r.code !== 0) throw new Error(r.err)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the 周报 and the 医闹 专报 as Word files, and keeps the half-year report as it was', async () => {
    const weekly = desk('report', '--period', '2023-06-01..2023-06-07', '--kind', 'watch-weekly', '--format', 'docx', '--out', join(dir, 'w.docx'))
    expect(weekly.err).toBe('')
    expect([weekly.code, weekly.out]).toEqual([0, expect.stringContaining('南和县人民医院舆情周报（2023年6月1日至6月7日）.docx')])
    const w = await docxText(readFileSync(join(dir, 'w.docx')).toString('base64'))
    expect(w.slice(0, 2)).toEqual(['南和县人民医院舆情周报', '2023年6月1日至6月7日，网络信息管理中心对互联网上涉及我院的信息进行了监测。现将有关情况报告如下。'])
    const sqlite = new Database(db, { readonly: true })
    const { id } = sqlite.prepare("SELECT id FROM mentions WHERE title LIKE '%医闹%'").get() as { id: number }
    sqlite.close()
    const incident = desk('report', '--mention', String(id), '--kind', 'incident', '--format', 'docx', '--out', join(dir, 'i.docx'))
    expect(incident.code).toBe(0)
    const i = await docxText(readFileSync(join(dir, 'i.docx')).toString('base64'))
    expect(i).toContain('2023年6月11日，网络信息管理中心监测发现一条涉及我院的负面舆情“南和县人民医院发生医闹事件 警方已介入”（风险等级：重大）。现将有关情况报告如下。')
    const half = desk('report', '--period', '2023H1', '--format', 'csv', '--out', join(dir, 'h.csv'))
    expect([half.code, half.out]).toEqual([0, expect.stringContaining('宣传舆情统计.csv')])
  })

  it('refuses what it cannot do, in Chinese, with exit codes 2 (the flags) and 1 (the desk)', () => {
    const out = join(dir, 'x.docx')
    const cases: [string[], number, RegExp][] = [
      [['--kind', 'watch-monthly', '--period', '2023-06', '--out', out], 2, /^未知的报告类型：watch-monthly（--kind 可用 watch-daily（舆情日报）、watch-weekly（舆情周报）、incident（舆情专报）/],
      [['--kind', 'watch-weekly', '--period', '2023-06-01..2023-06-07', '--format', 'xlsx', '--out', out], 2, /^舆情周报只生成 Word 文件，不支持 xlsx 格式：请用 --format docx/],
      [['--kind', 'incident', '--format', 'docx', '--out', out], 2, /^请用 --mention 指定舆情编号/],
      [['--kind', 'incident', '--mention', '99999', '--out', out], 1, /^找不到编号为 99999 的舆情/],
      [['--mention', '3', '--out', out], 2, /^--mention 只用于舆情专报：请同时写 --kind incident/]
    ]
    for (const [args, code, message] of cases) {
      const r = desk('report', ...args)
      expect([r.code, r.err.trim()], args.join(' ')).toEqual([code, expect.stringMatching(message)])
    }
  })
})
