// Feeds and rules as the officer manages them: add (with Chinese errors), 试抓取, update, delete, OPML in and
// out (hostile OPML included), and the first rule made from the hospital profile.
import { describe, expect, it } from 'vitest'
import type { FeedServer } from '../fixtures/feed-server'
import { TITLES } from '../fixtures/feeds'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { count, rows, watchDesk, useFeedServer } from './watch-helpers'

let server: FeedServer
let d: TestDesk | null = null
useFeedServer((s) => (server = s), () => {
  d?.close()
  d = null
})

describe('feeds', () => {
  it('adds, refuses bad input in Chinese naming the field, updates, disables, deletes', async () => {
    d = await watchDesk()
    const f = await d.call('feed-add', { url: ' https://rsshub.app/people/hebei ', name: '', category: '媒体', intervalMin: 60, encoding: 'GBK', weight: 3 })
    expect(f).toMatchObject({ url: 'https://rsshub.app/people/hebei', name: 'rsshub.app', category: '媒体', intervalMin: 60, encoding: 'gbk', weight: 3, enabled: true, status: 'pending', failing: false })
    const errors = async (args: Parameters<TestDesk['invoke']>[1]) => {
      const r = await d!.invoke('feed-add', args as never)
      return r.ok ? null : r.error.message
    }
    expect(await errors({ url: 'https://rsshub.app/people/hebei' })).toBe('地址：这个订阅地址已经添加过了（“rsshub.app”）')
    expect(await errors({ url: 'file:///etc/passwd' })).toBe('地址：链接须以 http:// 或 https:// 开头')
    expect(await errors({ url: '' })).toBe('地址：请填写订阅地址')
    expect(await errors({ url: 'http://a.example/rss', encoding: 'klingon' })).toBe('编码：不认识的编码“klingon”，常用的有 UTF-8、GBK、GB2312、GB18030、Big5')
    expect(await errors({ url: 'http://a.example/rss', intervalMin: 1 })).toBe('抓取间隔：最短 5 分钟')
    expect(await errors({ url: 'http://a.example/rss', weight: 9 })).toBe('来源权重：须为 0–3')

    const u = await d.call('feed-update', { id: f.id, name: '人民网河北', encoding: '' })
    expect([u.name, u.encoding, u.intervalMin]).toEqual(['人民网河北', null, 60])
    expect((await d.call('feed-set-enabled', { id: f.id, enabled: false })).enabled).toBe(false)
    await d.call('feed-delete', { id: f.id })
    expect(await d.call('feed-list', {})).toEqual([])
    const gone = await d.invoke('feed-update', { id: f.id, name: 'x' })
    expect(!gone.ok && gone.error.message).toBe(`找不到编号为 ${f.id} 的订阅源，可能已被删除`)
  })

  it('试抓取 shows the items and which would match, and saves nothing', async () => {
    d = await watchDesk()
    const p = await d.call('feed-preview', { url: server.url('/feeds/gbk-header.xml') })
    expect(p).toMatchObject({ title: '黄平县中医医院 新闻动态', encoding: 'gb18030', total: 3, matched: 3 })
    expect(p.items.map((i) => [i.title, i.matches?.map((m) => m.terms)])).toEqual([
      [TITLES.unityMonth, [['我院']]],
      [TITLES.bilingual, [['黄平县中医医院']]],
      [TITLES.inspection, [['我院']]]
    ])
    expect(p.items[1].titleSegments).toEqual([{ text: '黄平县中医医院', hit: true }, { text: '举办苗汉双语健康讲座', hit: false }])
    expect([count(d, 'feeds'), count(d, 'mentions')]).toEqual([0, 0])
    const bad = await d.invoke('feed-preview', { url: server.url('/feeds/login') })
    expect(!bad.ok && [bad.error.message, bad.error.details?.field]).toEqual(['地址：返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）', 'url'])
  })

  it('a changed address forgets the old validators and error history', async () => {
    d = await watchDesk()
    const f = await d.call('feed-add', { url: 'http://a.example/rss', name: '甲' })
    d.ctx.desk.sqlite.prepare("UPDATE feeds SET etag='\"x\"', consecutive_errors=3, status='failing', last_error='坏了', next_fetch_at='2030-01-01T00:00:00.000Z' WHERE id=?").run(f.id)
    const u = await d.call('feed-update', { id: f.id, url: 'http://b.example/rss' })
    expect(u).toMatchObject({ url: 'http://b.example/rss', etag: null, consecutiveErrors: 0, status: 'pending', lastError: null, nextFetchAt: null, failing: false })
  })
})

describe('OPML', () => {
  it('imports folders as categories, skips bad lines with the reason, and round-trips through export', async () => {
    d = await watchDesk()
    await d.call('feed-add', { url: 'http://dup.example/rss', name: '已有' })
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>订阅</title></head><body>
  <outline text="媒体" title="媒体">
    <outline type="rss" text="人民网 &amp; 河北" xmlUrl="https://rsshub.app/people/hebei?a=1&amp;b=2"/>
    <outline type="rss" title='牛城晚报' xmlUrl='http://nc.example/rss.xml'></outline>
  </outline>
  <!-- <outline xmlUrl="http://commented.example/rss"/> -->
  <outline text="坏的" xmlUrl="javascript:alert(1)"/>
  <outline text="重复" xmlUrl="http://dup.example/rss"/>
  <outline text="卫健委" xmlUrl="http://wjw.example/rss" category="政府网站/卫健"/>
</body></opml>`
    const r = await d.call('feed-import-opml', { opml: text })
    expect(r).toEqual({
      added: 3,
      skipped: [
        { url: 'javascript:alert(1)', name: '坏的', reason: '订阅地址必须以 http:// 或 https:// 开头' },
        { url: 'http://dup.example/rss', name: '重复', reason: '这个订阅地址已经添加过了（“已有”）' }
      ]
    })
    expect((await d.call('feed-list', {})).map((f) => [f.category, f.name, f.url])).toEqual([
      ['', '已有', 'http://dup.example/rss'],
      ['媒体', '人民网 & 河北', 'https://rsshub.app/people/hebei?a=1&b=2'],
      ['媒体', '牛城晚报', 'http://nc.example/rss.xml'],
      ['政府网站', '卫健委', 'http://wjw.example/rss']
    ])
    const out = await d.call('feed-export-opml', {})
    expect(out.count).toBe(4)
    expect(out.text).toContain('<outline type="rss" text="人民网 &amp; 河北" title="人民网 &amp; 河北" xmlUrl="https://rsshub.app/people/hebei?a=1&amp;b=2"/>')

    const e = freshDesk()
    try {
      expect(await e.call('feed-import-opml', { opml: out.text })).toEqual({ added: 4, skipped: [] })
      expect((await e.call('feed-list', {})).map((f) => [f.category, f.name, f.url])).toEqual((await d.call('feed-list', {})).map((f) => [f.category, f.name, f.url]))
    } finally {
      e.close()
    }
  })

  it('never expands entities or fetches anything an OPML file declares; escapes names on export', async () => {
    d = await watchDesk()
    const lol = `<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<opml version="2.0"><body><outline text="&lol2;&xxe;" xmlUrl="http://x.example/rss"/><outline text="&quot;&gt;&lt;script&gt;" xmlUrl="http://y.example/rss"/></body></opml>`
    expect((await d.call('feed-import-opml', { opml: lol })).added).toBe(2)
    const names = (await d.call('feed-list', {})).map((f) => f.name)
    expect(names.sort()).toEqual(['"><script>', '&lol2;&xxe;'])
    const out = (await d.call('feed-export-opml', {})).text
    expect(out).toContain('text="&quot;&gt;&lt;script&gt;"')
    expect(out).not.toContain('<script>')
    const notOpml = await d.invoke('feed-import-opml', { opml: '<html><body>hi</body></html>' })
    expect(!notOpml.ok && notOpml.error.message).toBe('OPML 文件：不是 OPML 文件（找不到 <opml> 标记）')
  })
})

describe('the profile rule', () => {
  it('is made from the hospital profile the first time the watch is opened, once', async () => {
    d = freshDesk()
    expect(await d.call('rule-list', {})).toEqual([]) // no profile yet: nothing to make it from
    await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院', '南和县医院 '], departments: [] })
    const [rule] = await d.call('rule-list', {})
    expect(rule).toMatchObject({ name: '本院名称', any: ['南和县人民医院', '南和县医院'], all: [], none: [], enabled: true, fromProfile: true })
    await d.call('rule-delete', { id: rule.id })
    expect(await d.call('rule-list', {})).toEqual([]) // deleted on purpose: not made again
    expect(rows(d, "SELECT action FROM audit_log WHERE entity = 'rule'")).toEqual([{ action: 'create' }, { action: 'delete' }])
  })
})
