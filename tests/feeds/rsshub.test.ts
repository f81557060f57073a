// 订阅源模板 for RSSHub (issue 15): the routes as data, the address each builds on the hospital's own RSSHub, and
// RSSHub's filter/filterout/limit parameters.
import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { RSSHUB_FILTERS, RSSHUB_ROUTES, buildRssHubUrl, normalBase, routeByKey, wordsPattern } from '../../shared/rsshub'
import { FEED_CATEGORIES, FEED_WEIGHTS } from '../../shared/watch'

let d: TestDesk
afterEach(() => d?.close())

const route = (key: string) => routeByKey(key)!

describe('the route list', () => {
  it('asks for exactly the parameters each path has, and files each feed under a known category and weight', () => {
    for (const r of RSSHUB_ROUTES) {
      const inPath = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]).filter((k) => k !== 'routeParams')
      expect(r.fields.filter((f) => !f.inRouteParams).map((f) => f.key), r.key).toEqual(inPath)
      expect(FEED_CATEGORIES, r.key).toContain(r.category)
      expect(Object.keys(FEED_WEIGHTS).map(Number), r.key).toContain(r.weight)
      expect(r.path.includes(':routeParams'), r.key).toBe(r.fields.some((f) => f.inRouteParams))
    }
    expect(new Set(RSSHUB_ROUTES.map((r) => r.key)).size).toBe(RSSHUB_ROUTES.length)
    expect(RSSHUB_FILTERS.map((f) => f.key)).toEqual(['filter', 'filterout', 'limit'])
  })
})

describe('building an address', () => {
  it('encodes Chinese keywords, takes a base with or without a trailing slash, and names the feed', () => {
    const a = buildRssHubUrl('https://rsshub.app/', route('weibo-keyword'), { keyword: '南和县人民医院' })
    expect(a).toEqual({ url: 'https://rsshub.app/weibo/keyword/%E5%8D%97%E5%92%8C%E5%8E%BF%E4%BA%BA%E6%B0%91%E5%8C%BB%E9%99%A2', name: '微博关键词·南和县人民医院' })
    expect(buildRssHubUrl('http://10.1.2.3:1200/rsshub//', route('tieba-forum'), { kw: '南和' })).toEqual({ url: 'http://10.1.2.3:1200/rsshub/baidu/tieba/forum/%E5%8D%97%E5%92%8C', name: '百度贴吧·南和吧' })
    // a keyword with a slash or a question mark stays one path segment
    expect(buildRssHubUrl('https://rsshub.app', route('baidu-search'), { keyword: '医院/投诉?' })).toMatchObject({ url: 'https://rsshub.app/baidu/search/%E5%8C%BB%E9%99%A2%2F%E6%8A%95%E8%AF%89%3F' })
  })

  it('leaves out an optional segment, keeps a 栏目 path, and builds the 网页转换 route with its selectors', () => {
    expect(buildRssHubUrl('https://rsshub.app', route('people-channel'), { site: 'he' })).toEqual({ url: 'https://rsshub.app/people/he', name: '人民网地方频道·he' })
    expect(buildRssHubUrl('https://rsshub.app', route('people-channel'), { site: 'he', category: '/197046/197047/' })).toMatchObject({ url: 'https://rsshub.app/people/he/197046/197047' })
    const gov = buildRssHubUrl('https://rsshub.app', route('gov-column'), { url: 'http://www.nanhe.gov.cn/col/gzdt/index.html', item: '.list li', itemTitle: 'a' })
    expect(gov).toMatchObject({
      url: `https://rsshub.app/rsshub/transform/html/${encodeURIComponent('http://www.nanhe.gov.cn/col/gzdt/index.html')}/${encodeURIComponent('item=.list+li&itemTitle=a')}`
    })
  })

  it('offers RSSHub’s filters, each word taken literally', () => {
    expect(wordsPattern('南和县医院、医闹, 投诉（热线）')).toBe('南和县医院|医闹|投诉（热线）')
    expect(wordsPattern('a.b (c)')).toBe('a\\.b|\\(c\\)')
    const r = buildRssHubUrl('https://rsshub.app', route('tieba-forum'), { kw: '南和' }, { filter: '医院、卫生院', filterout: '招聘', limit: '20' })
    expect('url' in r && new URL(r.url).searchParams.get('filter')).toBe('医院|卫生院')
    expect('url' in r && r.url).toBe('https://rsshub.app/baidu/tieba/forum/%E5%8D%97%E5%92%8C?filter=%E5%8C%BB%E9%99%A2%7C%E5%8D%AB%E7%94%9F%E9%99%A2&filterout=%E6%8B%9B%E8%81%98&limit=20')
  })

  it('says what is missing or wrong, naming the field', () => {
    expect(buildRssHubUrl('https://rsshub.app', route('weibo-keyword'), { keyword: '  ' })).toEqual({ error: '请填写关键词', field: 'keyword' })
    expect(buildRssHubUrl('rsshub.app', route('weibo-keyword'), { keyword: '医院' })).toEqual({ error: 'RSSHub 地址不是有效网址，应形如 https://rsshub.app', field: 'base' })
    expect(buildRssHubUrl('ftp://rsshub.app', route('weibo-keyword'), { keyword: '医院' })).toEqual({ error: 'RSSHub 地址须以 http:// 或 https:// 开头', field: 'base' })
    expect(buildRssHubUrl('https://rsshub.app', route('weibo-keyword'), { keyword: '医院' }, { limit: '0' })).toEqual({ error: '最多条数须为 1–200 的整数', field: 'limit' })
    expect(buildRssHubUrl('https://rsshub.app', route('gov-column'), { url: 'www.nanhe.gov.cn', item: 'li' })).toEqual({ error: '栏目网址须以 http:// 或 https:// 开头', field: 'url' })
    expect(buildRssHubUrl('https://rsshub.app', route('gov-column'), { url: 'http://www.nanhe.gov.cn' })).toEqual({ error: '请填写列表项选择器', field: 'item' })
    expect(normalBase('https://rsshub.app/?key=1')).toEqual({ error: 'RSSHub 地址只填服务器地址（可带路径），不要带 ? 、# 或账号密码' })
  })
})

describe('the RSSHub address setting', () => {
  it('is the public instance until the office sets its own, stored without a trailing slash, audited', async () => {
    d = freshDesk()
    expect(await d.call('rsshub-base-get', {})).toEqual({ base: 'https://rsshub.app' })
    expect(await d.call('rsshub-base-save', { base: ' https://rss.nanhe-hospital.cn/hub/ ' })).toEqual({ base: 'https://rss.nanhe-hospital.cn/hub' })
    expect(await d.call('rsshub-base-get', {})).toEqual({ base: 'https://rss.nanhe-hospital.cn/hub' })
    const bad = await d.invoke('rsshub-base-save', { base: 'javascript:alert(1)' })
    expect(!bad.ok && bad.error).toMatchObject({ message: 'RSSHub 地址须以 http:// 或 https:// 开头', details: { field: 'base' } })
    const log = await d.call('audit-list', { entity: 'settings', entityId: 'rsshub-base' })
    expect(log.map((r) => r.changes)).toEqual([{ base: ['https://rsshub.app', 'https://rss.nanhe-hospital.cn/hub'] }])
  })
})
