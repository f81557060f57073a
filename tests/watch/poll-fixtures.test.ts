// Every fixture feed through the real poll: fetched from 127.0.0.1, decoded, parsed, matched, stored. The
// assertions are the exact mentions, errors and feed states the officer would see.
import { describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import type { FeedServer } from '../fixtures/feed-server'
import { NEWS_EXPECTED, TITLES } from '../fixtures/feeds'
import { T0, count, rows, watchDesk, type WatchDesk, useFeedServer } from './watch-helpers'

let server: FeedServer
let d: WatchDesk | null = null
useFeedServer((s) => (server = s), () => {
  d?.close()
  d = null
})

const FETCHED = T0.toISOString()
const BROAD = { name: '测试', any: ['我院', '医院', '心血管', '通知'] }

/** A desk with one feed at `path`, one broad rule, polled once. */
async function pollOne(path: string, o: { rule?: { name: string; any: string[] }; timeoutMs?: number; maxBytes?: number; encoding?: string } = {}) {
  d = await watchDesk()
  await d.call('rule-create', o.rule ?? BROAD)
  const feed = await d.call('feed-add', { url: server.url(path), name: '测试源', encoding: o.encoding ?? null })
  const report = await pollDue(d.ctx, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, random: () => 0.5 })
  const mentions = rows<{ title: string; link: string; snippet: string; publishedAt: string; day: string }>(
    d, 'SELECT title, link, snippet, published_at AS publishedAt, day FROM mentions ORDER BY id'
  )
  const state = (await d.call('feed-list', {})).find((f) => f.id === feed.id)!
  return { report, mentions, state, result: report.results[0] }
}

const NEWS_MENTIONS = NEWS_EXPECTED.map((e) => ({ title: e.title, link: e.link, snippet: e.text, publishedAt: e.publishedAt, day: e.publishedAt.slice(0, 10) }))
// The third item (2024-01-10 02:00Z) is 10:00 in China, the same calendar day.

describe('poll: encodings and damaged feeds become exact mentions', () => {
  it.each([
    ['GBK with charset in the header', '/feeds/gbk-header.xml'],
    ['GBK declared only in the XML', '/feeds/gbk-decl-only.xml'],
    ['GBK with no label at all', '/feeds/gbk-unlabelled.xml'],
    ['UTF-8 falsely declared as GBK', '/feeds/utf8-declared-gbk.xml'],
    ['UTF-8 with a BOM (header says GBK)', '/feeds/bom-utf8.xml'],
    ['blank lines before the declaration', '/feeds/leading-blank.xml'],
    ['a gzip body', '/enc/gzip.xml'],
    ['a redirect chain 301 → 307 → 308', '/redirect/1']
  ])('%s', async (_name, path) => {
    const { mentions, state, result } = await pollOne(path)
    expect(mentions).toEqual(NEWS_MENTIONS)
    expect(result).toMatchObject({ outcome: 'new', items: 3, matched: 3, newMentions: 3, message: '新增舆情 3 条' })
    expect(state).toMatchObject({ status: 'ok', lastError: null, consecutiveErrors: 0, failing: false, lastFetchAt: FETCHED, lastNewAt: FETCHED })
  })

  it('GB2312-labelled bytes with a GBK-only character (镕)', async () => {
    const { mentions } = await pollOne('/feeds/gb2312.xml')
    expect(mentions.map((m) => m.title)).toEqual([TITLES.zhuRongji])
  })

  it('Big5 traditional text matches a simplified rule, highlighted in its own characters', async () => {
    const { mentions } = await pollOne('/feeds/big5.xml', { rule: { name: '本院', any: ['黄平县中医医院'] } })
    expect(mentions.map((m) => m.title)).toEqual([TITLES.traditional, TITLES.traditionalUnity])
    const list = await d!.call('mention-list', {})
    const first = list.rows.find((r) => r.title === TITLES.traditional)!
    expect(first.matches.find((m) => m.ruleName === '本院')).toEqual({ ruleId: expect.any(Number), ruleName: '本院', terms: ['黄平县中医医院'] })
    expect(first.titleSegments).toEqual([{ text: '黃平縣中醫醫院', hit: true }, { text: '舉辦苗漢雙語義診活動', hit: false }])
  })

  it('traditional UTF-8 (seed 002: 黃平縣中醫醫院 vs 黄平县中医医院)', async () => {
    const { mentions } = await pollOne('/feeds/traditional-utf8.xml', { rule: { name: '本院', any: ['黄平县中医医院'] } })
    expect(mentions).toEqual([
      { title: TITLES.traditional, link: 'http://www.hpxzyy.cn/news/201.html', snippet: '印刷宣傳標語8條，發放相關政策及宣傳資料860餘份。', publishedAt: '2024-01-15T01:00:00.000Z', day: '2024-01-15' },
      { title: TITLES.traditionalUnity, link: 'http://www.hpxzyy.cn/news/202.html', snippet: '在90餘個村寨開展義診，諮詢群眾200餘人。', publishedAt: '2024-01-16T01:00:00.000Z', day: '2024-01-16' }
    ])
  })

  it('a stray & and HTML entities', async () => {
    expect((await pollOne('/feeds/stray-amp.xml')).mentions.map((m) => [m.title, m.link, m.snippet])).toEqual([
      ['医院 & 社区联合开展健康科普宣传', 'http://www.hpxzyy.cn/show.asp?id=7&page=1', ''],
      [TITLES.volunteers, 'http://www.hpxzyy.cn/show.asp?id=8', 'R&D 中心 & 门诊部']
    ])
    d!.close()
    d = null
    expect((await pollOne('/feeds/entities.xml')).mentions.map((m) => [m.title, m.snippet])).toEqual([
      ['“健康中国”巡讲活动走进我院…', '主讲人：王主任——心内科 版权所有©黄平县中医医院 &unknownthing; 中']
    ])
  })

  it('a bad date among good items: every item kept, the bad dates become the fetch time', async () => {
    const { mentions } = await pollOne('/feeds/mixed-dates.xml')
    expect(mentions.map((m) => [m.title, m.publishedAt, m.day])).toEqual([
      [TITLES.partyMeeting, '2024-01-02T00:00:00.000Z', '2024-01-02'],
      [TITLES.tavi, FETCHED, '2024-06-01'],
      [TITLES.volunteers, FETCHED, '2024-06-01'],
      [TITLES.springFestival, '2024-01-20T07:30:00.000Z', '2024-01-20'],
      [TITLES.award, '2024-01-20T07:30:00.000Z', '2024-01-20']
    ])
  })

  it('Atom and RSS 1.0', async () => {
    expect((await pollOne('/feeds/atom.xml')).mentions.map((m) => [m.title, m.link, m.publishedAt])).toEqual([
      [TITLES.award, 'http://wjw.example.gov.cn/xwdt/001.html', '2024-01-12T01:00:00.000Z'],
      [TITLES.tavi, server.url('/xwdt/002.html'), FETCHED],
      [TITLES.springFestival, 'http://wjw.example.gov.cn/xwdt/003.html', '2024-01-14T16:00:00.000Z']
    ])
    d!.close()
    d = null
    expect((await pollOne('/feeds/rdf.xml')).mentions.map((m) => [m.title, m.publishedAt])).toEqual([
      [TITLES.volunteers, '2024-01-18T02:00:00.000Z'],
      [TITLES.unityMonth, '2024-01-19T01:30:00.000Z']
    ])
  })
})

describe('poll: feeds that fail are recorded in plain Chinese, nothing is stored', () => {
  it.each([
    ['an HTML login page', '/feeds/login', {}, '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）'],
    ['a redirect to file:', '/redirect/to-file', {}, '服务器把订阅地址重定向到了不支持的地址（file:），只能订阅 http/https 地址'],
    ['a slow server past the deadline', '/slow/silent', { timeoutMs: 300 }, '服务器在 0.3 秒内没有响应'],
    ['a body over the cap', '/big/streamed', { maxBytes: 1024 * 1024 }, '订阅内容超过 1 MB 上限，已停止下载'],
    ['HTTP 500', '/status/500', {}, '对方服务器出错（HTTP 500），稍后会自动重试']
  ])('%s', async (_name, path, opts, message) => {
    const { state, result } = await pollOne(path, opts)
    expect(result).toMatchObject({ outcome: 'error', message, newMentions: 0 })
    expect(state).toMatchObject({ status: 'error', lastError: message, consecutiveErrors: 1, failing: false, lastFetchAt: FETCHED, lastNewAt: null })
    // First error: the normal interval (30 min), ±20 % jitter; random 0.5 = exactly the interval.
    expect(state.nextFetchAt).toBe(new Date(T0.getTime() + 30 * 60_000).toISOString())
    expect(count(d!, 'mentions')).toBe(0)
  })

  it('an encoding override wins over a wrong declaration', async () => {
    // The header says UTF-8 but the bytes are GBK; detection already copes, and the override says so too.
    const { mentions } = await pollOne('/feeds/gbk-under-utf8-label.xml', { encoding: 'GBK' })
    expect(mentions).toEqual(NEWS_MENTIONS)
  })
})
