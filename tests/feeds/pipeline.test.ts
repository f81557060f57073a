import { describe, expect, it } from 'vitest'
import { createNodeTransport } from '../../services/feeds/fetcher'
import { fetchAndParse } from '../../services/feeds/pipeline'
import { FIXED_ETAG, FIXED_LAST_MODIFIED, useFeedServer } from '../fixtures/feed-server'
import { HOSPITAL_FEED_TITLE, NEWS_EXPECTED, TITLES, TRADITIONAL_FEED_TITLE } from '../fixtures/feeds'

// The whole chain over real sockets: every fixture route, fetched, decoded and parsed.
const server = useFeedServer()
const transport = createNodeTransport()
const now = () => Date.parse('2024-06-01T04:00:00.000Z')
const run = (path: string, extra: { etag?: string; lastModified?: string; encoding?: string; timeoutMs?: number } = {}) =>
  fetchAndParse(transport, { url: server().url(path), etag: extra.etag, lastModified: extra.lastModified, encoding: extra.encoding }, { now, timeoutMs: extra.timeoutMs })


describe('fetchAndParse: encodings end to end', () => {
  it.each([
    ['/feeds/utf8.xml', 'utf-8'],
    ['/feeds/gbk-header.xml', 'gb18030'],
    ['/feeds/gbk-decl-only.xml', 'gb18030'],
    ['/feeds/gbk-unlabelled.xml', 'gb18030'],
    ['/feeds/gbk-under-utf8-label.xml', 'gb18030'],
    ['/feeds/utf8-declared-gbk.xml', 'utf-8'],
    ['/feeds/bom-utf8.xml', 'utf-8'],
    ['/feeds/bom-utf16.xml', 'utf-16le'],
    ['/feeds/leading-blank.xml', 'utf-8'],
    ['/enc/gzip.xml', 'utf-8'],
    ['/enc/br.xml', 'utf-8'],
    ['/enc/gzip-gbk.xml', 'gb18030']
  ])('%s reads as the hospital news feed (%s)', async (path, encoding) => {
    expect(await run(path)).toEqual({
      kind: 'ok', encoding, etag: null, lastModified: null, finalUrl: server().url(path),
      feed: { title: HOSPITAL_FEED_TITLE, items: NEWS_EXPECTED }
    })
  })

  it('reads GB2312-labelled GBK, Big5 and traditional UTF-8', async () => {
    const gb = await run('/feeds/gb2312.xml')
    expect(gb.kind === 'ok' && gb.feed.items.map((i) => i.title)).toEqual([TITLES.zhuRongji])
    for (const path of ['/feeds/big5.xml', '/feeds/traditional-utf8.xml']) {
      const r = await run(path)
      expect(r.kind === 'ok' && [r.encoding, r.feed.title, ...r.feed.items.map((i) => i.title)])
        .toEqual([path.includes('big5') ? 'big5' : 'utf-8', TRADITIONAL_FEED_TITLE, TITLES.traditional, TITLES.traditionalUnity])
    }
  })

  it('reads the damaged and alternative feeds', async () => {
    const titles = async (path: string) => {
      const r = await run(path)
      return r.kind === 'ok' ? r.feed.items.map((i) => i.title) : r
    }
    expect(await titles('/feeds/stray-amp.xml')).toEqual(['医院 & 社区联合开展健康科普宣传', TITLES.volunteers])
    expect(await titles('/feeds/entities.xml')).toEqual(['“健康中国”巡讲活动走进我院…'])
    expect(await titles('/feeds/mixed-dates.xml')).toHaveLength(5)
    expect(await titles('/feeds/atom.xml')).toEqual([TITLES.award, TITLES.tavi, TITLES.springFestival])
    expect(await titles('/feeds/rdf.xml')).toEqual([TITLES.volunteers, TITLES.unityMonth])
  })
})

describe('fetchAndParse: outcomes', () => {
  it('returns validators on success and not-modified when they still match', async () => {
    const first = await run('/feeds/etag.xml')
    expect(first).toMatchObject({ kind: 'ok', etag: FIXED_ETAG, lastModified: FIXED_LAST_MODIFIED })
    expect(await run('/feeds/etag.xml', { etag: FIXED_ETAG, lastModified: FIXED_LAST_MODIFIED })).toEqual({ kind: 'not-modified' })
  })

  it('turns a login page into an error the officer can act on', async () => {
    expect(await run('/feeds/login')).toEqual({
      kind: 'error', code: 'web-page', status: 200,
      message: '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）'
    })
  })

  it('turns an empty body into an error', async () => {
    expect(await run('/feeds/empty.xml')).toMatchObject({ kind: 'error', code: 'empty' })
  })

  it('passes fetch errors through with their Chinese message', async () => {
    expect(await run('/status/429')).toEqual({ kind: 'error', code: 'rate-limited', status: 429, retryAfterMs: 120_000, message: '访问过于频繁，服务器暂时拒绝（HTTP 429），服务器要求 2 分钟后再试' })
    expect(await run('/status/500')).toMatchObject({ kind: 'error', code: 'http', status: 500 })
    expect(await run('/redirect/to-file')).toMatchObject({ kind: 'error', code: 'bad-scheme' })
    expect(await run('/slow/trickle', { timeoutMs: 300 })).toMatchObject({ kind: 'error', code: 'timeout' })
  })

  it('follows redirects and reports the final URL', async () => {
    expect(await run('/redirect/1')).toMatchObject({ kind: 'ok', finalUrl: server().url('/feeds/utf8.xml'), feed: { title: HOSPITAL_FEED_TITLE } })
  })
})
