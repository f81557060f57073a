import { describe, expect, it } from 'vitest'
import { createNodeTransport, fetchFeed, parseRetryAfter, type HttpTransport } from '../../services/feeds/fetcher'
import { FIXED_ETAG, FIXED_LAST_MODIFIED, RETRY_AFTER_DATE, useFeedServer } from '../fixtures/feed-server'
import { newsFeed } from '../fixtures/feeds'

const server = useFeedServer()
const transport = createNodeTransport()
const get = (path: string, extra: Partial<Parameters<typeof fetchFeed>[1]> = {}, now?: () => number) =>
  fetchFeed(transport, { url: server().url(path), ...extra }, now)


describe('fetchFeed: success and caching', () => {
  it('returns the bytes with content type, validators and final URL', async () => {
    const r = await get('/feeds/etag.xml')
    expect(r).toMatchObject({ kind: 'ok', status: 200, contentType: 'application/rss+xml; charset=utf-8', etag: FIXED_ETAG, lastModified: FIXED_LAST_MODIFIED, finalUrl: server().url('/feeds/etag.xml') })
    expect(r.kind === 'ok' && r.body.toString('utf8')).toBe(newsFeed('utf-8'))
  })

  it('sends its user agent, Accept-Encoding and no validators it was not given', async () => {
    await get('/feeds/utf8.xml')
    const h = server().lastHeaders('/feeds/utf8.xml')!
    expect(h['accept-encoding']).toBe('gzip, deflate, br')
    expect(h['user-agent']).toMatch(/^Mozilla\/5\.0 \(compatible; PublicityDesk\//)
    expect(h['if-none-match']).toBeUndefined()
    expect(h['if-modified-since']).toBeUndefined()
  })

  it('sends stored validators verbatim and turns 304 into not-modified', async () => {
    const r = await get('/feeds/etag.xml', { etag: FIXED_ETAG, lastModified: FIXED_LAST_MODIFIED })
    expect(r).toEqual({ kind: 'not-modified', etag: FIXED_ETAG, lastModified: FIXED_LAST_MODIFIED })
    expect(server().lastHeaders('/feeds/etag.xml')!['if-none-match']).toBe('W/"5f2a-gbk"')
    expect(server().lastHeaders('/feeds/etag.xml')!['if-modified-since']).toBe('Mon, 15 Jan 2024 01:00:00 GMT')
  })

  it('drops a stored validator that could not be sent as a header instead of failing', async () => {
    const r = await get('/feeds/utf8.xml', { etag: '"abc"\r\nX-Injected: 1' })
    expect(r.kind).toBe('ok')
    expect(server().lastHeaders('/feeds/utf8.xml')!['x-injected']).toBeUndefined()
  })

  it.each(['/enc/gzip.xml', '/enc/deflate.xml', '/enc/br.xml'])('decompresses %s', async (path) => {
    const r = await get(path)
    expect(r.kind === 'ok' && r.body.toString('utf8')).toBe(newsFeed('utf-8'))
  })
})

describe('fetchFeed: HTTP errors', () => {
  it('429 is rate-limited with Retry-After in seconds', async () => {
    expect(await get('/status/429')).toEqual({
      kind: 'error', code: 'rate-limited', status: 429, retryAfterMs: 120_000,
      message: '访问过于频繁，服务器暂时拒绝（HTTP 429），服务器要求 2 分钟后再试'
    })
  })

  it('503 is rate-limited with Retry-After as an HTTP date', async () => {
    const now = () => Date.parse('2026-10-21T07:27:30Z')
    expect(await get('/status/503-date', {}, now)).toEqual({
      kind: 'error', code: 'rate-limited', status: 503, retryAfterMs: 30_000,
      message: '服务器暂时不可用（HTTP 503），服务器要求 30 秒后再试'
    })
    expect(RETRY_AFTER_DATE).toBe('Wed, 21 Oct 2026 07:28:00 GMT')
  })

  it('503 without Retry-After still says it will retry', async () => {
    expect(await get('/status/503-bare')).toEqual({ kind: 'error', code: 'rate-limited', status: 503, message: '服务器暂时不可用（HTTP 503），稍后会自动重试' })
  })

  it.each([
    ['/status/500', 500, '对方服务器出错（HTTP 500），稍后会自动重试'],
    ['/status/404', 404, '订阅地址不存在（HTTP 404），请检查地址是否已变更'],
    ['/status/302-no-location', 302, '服务器要求跳转，但没有给出新的地址（HTTP 302）']
  ])('%s is an http error naming the status', async (path, status, message) => {
    expect(await get(path)).toEqual({ kind: 'error', code: 'http', status, message })
  })

  it('parses Retry-After forms', () => {
    const now = Date.parse('2026-10-21T07:00:00Z')
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 3600 ', now)).toBe(3_600_000)
    expect(parseRetryAfter(RETRY_AFTER_DATE, now)).toBe(28 * 60_000)
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('fetchFeed: redirects and schemes', () => {
  it('follows a chain of absolute, root-relative and relative Locations', async () => {
    const r = await get('/redirect/1')
    expect(r).toMatchObject({ kind: 'ok', finalUrl: server().url('/feeds/utf8.xml') })
    expect(['/redirect/1', '/redirect/2', '/redirect/3'].map((p) => server().hits(p))).toEqual([1, 1, 1])
  })

  it('stops a redirect loop', async () => {
    expect(await get('/loop/a')).toEqual({ kind: 'error', code: 'redirect', status: 302, message: '订阅地址的重定向形成了循环，请检查订阅地址' })
  })

  it('follows at most maxRedirects', async () => {
    const before = server().hits('/chain/6')
    expect(await get('/chain/0')).toEqual({ kind: 'error', code: 'redirect', status: 302, message: '重定向次数过多（超过 5 次），请检查订阅地址' })
    expect(server().hits('/chain/5')).toBeGreaterThan(0)
    expect(server().hits('/chain/6')).toBe(before)
    expect(await get('/chain/0', { maxRedirects: 1 })).toMatchObject({ code: 'redirect', message: '重定向次数过多（超过 1 次），请检查订阅地址' })
  })

  it.each([
    ['/redirect/to-file', 'file:'], ['/redirect/to-ftp', 'ftp:'], ['/redirect/to-javascript', 'javascript:'], ['/redirect/to-app', 'weixin:']
  ])('refuses %s', async (path, scheme) => {
    expect(await get(path)).toEqual({
      kind: 'error', code: 'bad-scheme', status: 302,
      message: `服务器把订阅地址重定向到了不支持的地址（${scheme}），只能订阅 http/https 地址`
    })
  })

  it('refuses non-http URLs and garbage before any request', async () => {
    const fetchNothing: HttpTransport = { request: () => { throw new Error('must not be called') } }
    expect(await fetchFeed(fetchNothing, { url: 'file:///etc/passwd' })).toEqual({ kind: 'error', code: 'bad-scheme', message: '订阅地址必须以 http:// 或 https:// 开头' })
    expect(await fetchFeed(fetchNothing, { url: '黄平县中医医院' })).toEqual({ kind: 'error', code: 'bad-scheme', message: '订阅地址格式不正确，请填写以 http:// 或 https:// 开头的完整地址' })
  })
})
