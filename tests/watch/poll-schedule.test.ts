// When feeds are fetched: conditional GET, Retry-After, backoff to failing and back, the interval, the
// parallelism limit and one request per feed at a time.
import { describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { createNodeTransport, type HttpTransport } from '../../services/feeds/fetcher'
import { FIXED_ETAG, FIXED_LAST_MODIFIED, type FeedServer } from '../fixtures/feed-server'
import { rss2 } from '../fixtures/feeds'
import { T0, count, item, memoryTransport, rows, watchDesk, type WatchDesk, useFeedServer } from './watch-helpers'

let server: FeedServer
let d: WatchDesk | null = null
useFeedServer((s) => (server = s), () => {
  d?.close()
  d = null
})

const MIN = 60_000
const iso = (ms: number) => new Date(ms).toISOString()
const feedRow = (id: number) => rows<Record<string, unknown>>(d!, 'SELECT * FROM feeds WHERE id = ?', id)[0]

describe('conditional GET', () => {
  it('stores ETag and Last-Modified verbatim, sends them back, and a 304 writes no mention', async () => {
    d = await watchDesk()
    const feed = await d.call('feed-add', { url: server.url('/feeds/etag.xml'), name: '院网', intervalMin: 30 })
    await pollDue(d.ctx, { random: () => 0.5 })
    expect(feedRow(feed.id)).toMatchObject({ etag: FIXED_ETAG, last_modified: FIXED_LAST_MODIFIED })
    const before = rows(d, 'SELECT * FROM mentions ORDER BY id')
    const sourcesBefore = count(d, 'mention_sources')
    expect(before).toHaveLength(3)

    d.advance(30)
    const r = await pollDue(d.ctx, { random: () => 0.5 })
    expect(server.hits('/feeds/etag.xml')).toBe(2)
    expect(server.lastHeaders('/feeds/etag.xml')).toMatchObject({ 'if-none-match': FIXED_ETAG, 'if-modified-since': FIXED_LAST_MODIFIED })
    expect(r.results[0]).toMatchObject({ outcome: 'not-modified', newMentions: 0, message: '内容未变化（304）' })
    expect(rows(d, 'SELECT * FROM mentions ORDER BY id')).toEqual(before)
    expect(count(d, 'mention_sources')).toBe(sourcesBefore)
    expect(feedRow(feed.id)).toMatchObject({ etag: FIXED_ETAG, last_modified: FIXED_LAST_MODIFIED, status: 'ok', last_fetch_at: d.clock.now.toISOString(), last_new_at: T0.toISOString() })
  })
})

describe('Retry-After and backoff', () => {
  it('429 with Retry-After: the next fetch is not earlier, and the server is not asked before', async () => {
    d = await watchDesk()
    const feed = await d.call('feed-add', { url: server.url('/status/429'), name: '限流', intervalMin: 5 })
    await pollDue(d.ctx, { random: () => 0 })
    const row = feedRow(feed.id)
    expect(row.last_error).toBe('访问过于频繁，服务器暂时拒绝（HTTP 429），服务器要求 2 分钟后再试')
    // 5 min × jitter 0.8 = 4 min, longer than the 120 s asked for.
    expect(row.next_fetch_at).toBe(iso(T0.getTime() + 4 * MIN))
    expect(Date.parse(row.next_fetch_at as string)).toBeGreaterThanOrEqual(T0.getTime() + 120_000)
    d.advance(2)
    await pollDue(d.ctx)
    expect(server.hits('/status/429')).toBe(1)
  })

  it('503 with a Retry-After date years away: honoured up to the 7-day cap', async () => {
    d = await watchDesk()
    const feed = await d.call('feed-add', { url: server.url('/status/503-date'), name: '维护中' })
    await pollDue(d.ctx, { random: () => 0.5 })
    expect(feedRow(feed.id).next_fetch_at).toBe(iso(T0.getTime() + 7 * 24 * 60 * MIN))
  })

  it('500s until failing after 3, backing off 1×, 2×, 4× the interval; one success resets everything', async () => {
    d = await watchDesk()
    const node = createNodeTransport()
    let healthy = false
    // The same feed URL answers 500 until the site is fixed.
    const flaky: HttpTransport = { request: (_url, h, s) => node.request(server.url(healthy ? '/feeds/utf8.xml' : '/status/500'), h, s) }
    d.ctx.http = flaky
    const feed = await d.call('feed-add', { url: 'http://www.hpxzyy.cn/rss.xml', name: '院网', intervalMin: 10 })
    const states: unknown[] = []
    for (const wait of [10, 20, 40]) {
      await pollDue(d.ctx, { random: () => 0.5 })
      const f = (await d.call('feed-list', {}))[0]
      states.push([f.status, f.consecutiveErrors, f.failing, f.nextFetchAt])
      d.advance(wait)
    }
    const t = T0.getTime()
    expect(states).toEqual([
      ['error', 1, false, iso(t + 10 * MIN)],
      ['error', 2, false, iso(t + 10 * MIN + 20 * MIN)],
      ['failing', 3, true, iso(t + 30 * MIN + 40 * MIN)]
    ])
    const summary = await d.call('watch-summary', {})
    expect(summary.failingFeeds).toEqual([{ id: feed.id, name: '院网', lastError: '对方服务器出错（HTTP 500），稍后会自动重试' }])

    healthy = true
    await pollDue(d.ctx, { random: () => 0.5 })
    const f = (await d.call('feed-list', {}))[0]
    expect(f).toMatchObject({ status: 'ok', consecutiveErrors: 0, failing: false, lastError: null, nextFetchAt: iso(d.clock.now.getTime() + 10 * MIN) })
    expect((await d.call('watch-summary', {})).failingFeeds).toEqual([])
    expect(count(d, 'mentions')).toBe(3)
  })
})

describe('scheduling', () => {
  it('never fetches a feed more often than its interval', async () => {
    d = await watchDesk()
    const { transport, stats } = memoryTransport({ 'http://a.example/rss': { body: rss2('甲', [item('我院新闻', { guid: '1' })]) } })
    d.ctx.http = transport
    await d.call('feed-add', { url: 'http://a.example/rss', name: '甲', intervalMin: 30 })
    await pollDue(d.ctx, { random: () => 0.5 })
    d.advance(29)
    const r = await pollDue(d.ctx, { random: () => 0.5 })
    expect(r).toMatchObject({ results: [], notDue: 1, summary: '1 个订阅源：成功 0，失败 0，跳过 1（未到抓取时间 1）；新增舆情 0 条' })
    d.advance(1)
    await pollDue(d.ctx, { random: () => 0.5 })
    expect(stats.requests).toEqual(['http://a.example/rss', 'http://a.example/rss'])
  })

  it('polls at most 4 feeds at a time, and every due feed once', async () => {
    d = await watchDesk()
    const routes = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`http://f${i}.example/rss`, { body: rss2(`源${i}`, [item(`我院第${i}条新闻`, { guid: `g${i}` })]) }]))
    const { transport, stats } = memoryTransport(routes, () => new Promise((r) => setTimeout(r, 5)))
    d.ctx.http = transport
    for (let i = 0; i < 9; i++) await d.call('feed-add', { url: `http://f${i}.example/rss`, name: `源${i}` })
    const r = await pollDue(d.ctx)
    expect(stats.maxActive).toBe(4)
    expect([...stats.requests].sort()).toEqual(Object.keys(routes).sort())
    expect(r.results.map((x) => x.outcome)).toEqual(Array(9).fill('new'))
    expect(count(d, 'mentions')).toBe(9)
  })

  it('never sends two requests for one feed at once: an overlapping poll skips it as busy', async () => {
    d = await watchDesk()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { transport, stats } = memoryTransport({ 'http://slow.example/rss': { body: rss2('慢', [item('我院新闻', { guid: '1' })]) } }, () => gate)
    d.ctx.http = transport
    await d.call('feed-add', { url: 'http://slow.example/rss', name: '慢' })
    const first = pollDue(d.ctx)
    const second = await pollDue(d.ctx)
    expect(second.results.map((x) => x.outcome)).toEqual(['busy'])
    release()
    expect((await first).results.map((x) => x.outcome)).toEqual(['new'])
    expect(stats.requests).toHaveLength(1)
  })

  it("one feed's failure never affects another's", async () => {
    d = await watchDesk()
    const broken: HttpTransport = { request: async () => { throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) } }
    const { transport } = memoryTransport({ 'http://good.example/rss': { body: rss2('好', [item('我院新闻', { guid: '1' })]) } })
    const node = createNodeTransport()
    d.ctx.http = { request: (url, h, s) => (url.startsWith('http://down') ? broken : url.startsWith('http://good') ? transport : node).request(url, h, s) }
    await d.call('feed-add', { url: 'http://down.example/rss', name: '坏' })
    await d.call('feed-add', { url: 'http://good.example/rss', name: '好' })
    await d.call('feed-add', { url: server.url('/feeds/login'), name: '登录页' })
    const r = await pollDue(d.ctx)
    expect(r.results.map((x) => [x.name, x.outcome, x.message])).toEqual([
      ['坏', 'error', '无法连接到服务器（连接被拒绝），网站可能已关闭（ECONNREFUSED）'],
      ['好', 'new', '新增舆情 1 条'],
      ['登录页', 'error', '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）']
    ])
    expect(rows(d, 'SELECT title FROM mentions')).toEqual([{ title: '我院新闻' }])
  })

  it('a disabled feed is not polled; enabling it makes it due at once', async () => {
    d = await watchDesk()
    const { transport, stats } = memoryTransport({ 'http://a.example/rss': { body: rss2('甲', [item('我院新闻', { guid: '1' })]) } })
    d.ctx.http = transport
    const f = await d.call('feed-add', { url: 'http://a.example/rss', name: '甲', enabled: false })
    await pollDue(d.ctx)
    expect(stats.requests).toEqual([])
    await d.call('feed-set-enabled', { id: f.id, enabled: true })
    await pollDue(d.ctx)
    expect(stats.requests).toEqual(['http://a.example/rss'])
  })
})
