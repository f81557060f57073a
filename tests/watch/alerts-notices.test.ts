// 重大 alerts in quiet hours, the notice centre (the bell) and its survival across a restart, and silent feeds.
import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { pollDue } from '../../handlers/feeds/poll'
import { alertsDuty } from '../../handlers/watch/alerts'
import { openContext } from '../../handlers/context'
import { listNotices, countUnread } from '../../db/queries/notices'
import { silentFeedIds } from '../../services/watch/silent-feeds'
import { rss2 } from '../fixtures/feeds'
import { item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const NIGHT = new Date('2024-06-01T15:30:00.000Z') // 23:30 in China, inside the default quiet hours

describe('quiet hours hold only 较大', () => {
  it('a 重大 mention alerts at once at night; a 较大 one waits for the morning', async () => {
    d = await watchDesk({ now: NIGHT })
    const feed = (titles: string[]) => ({ body: rss2('源', titles.map((t, i) => item(t, { guid: t + i }))) })
    d.ctx.http = memoryTransport({ 'http://prov.example/rss': feed(['网友投诉我院急诊室医闹']), 'http://city.example/rss': feed(['网友投诉我院停车难']) }).transport
    await d.call('feed-add', { url: 'http://prov.example/rss', name: '省台', weight: 3 })
    await d.call('feed-add', { url: 'http://city.example/rss', name: '市报', weight: 2 })
    await pollDue(d.ctx)
    const [major] = rows<{ id: number }>(d, "SELECT id FROM mentions WHERE grade = '重大'")
    expect(d.notices).toEqual([{ kind: 'alert', title: '重大舆情（静默时段）', body: '网友投诉我院急诊室医闹', href: `#/watch/inbox/${major.id}` }])
    const digest = await d.call('watch-digest', { date: '2024-06-01' })
    expect(digest.held.map((h) => [h.title, h.grade])).toEqual([['网友投诉我院停车难', '较大']])
    // 07:10: the alerts duty announces the held 较大 one, without a poll
    d.clock.now = new Date('2024-06-01T23:10:00.000Z')
    await alertsDuty(d.ctx, d.clock.now)
    expect(d.notices.map((n) => n.title)).toEqual(['重大舆情（静默时段）', '静默时段内的舆情提醒'])
  })
})

describe('the notice centre', () => {
  it('keeps every notice with its time and link, counts unread, marks read, and survives a restart', async () => {
    d = await watchDesk({ now: NIGHT })
    d.ctx.notify({ kind: 'alert', title: '重大舆情', body: '甲', href: '#/watch/inbox/7' })
    d.advance(1)
    d.ctx.notify({ kind: 'due', title: '排期到期：网站', body: '乙', href: '#/calendar/3' })
    d.advance(1)
    d.ctx.notify({ title: '今天的自动备份没有完成', body: '丙', href: 'https://evil.example/' })
    let list = await d.call('notice-list', {})
    expect(list.unread).toBe(3)
    expect(list.items.map((n) => [n.kind, n.title, n.href, n.at, n.read])).toEqual([
      ['other', '今天的自动备份没有完成', '', '2024-06-01T15:32:00.000Z', false],
      ['due', '排期到期：网站', '#/calendar/3', '2024-06-01T15:31:00.000Z', false],
      ['alert', '重大舆情', '#/watch/inbox/7', '2024-06-01T15:30:00.000Z', false]
    ])
    expect(await d.call('notice-read', { ids: [list.items[2].id] })).toEqual({ unread: 2 })
    const bad = await d.invoke('notice-read', { ids: [] })
    expect(!bad.ok && bad.error.message).toContain('请选择提醒')
    // a restart: the file opened afresh keeps the notices and what was read
    const again = openContext({ dbFile: join(d.dir, 'desk.sqlite') })
    expect([countUnread(again.desk.db), listNotices(again.desk.db, 10).map((n) => [n.title, n.read])]).toEqual([
      2,
      [['今天的自动备份没有完成', false], ['排期到期：网站', false], ['重大舆情', true]]
    ])
    again.desk.close()
    expect(await d.call('notice-read-all', {})).toEqual({ unread: 0 })
    list = await d.call('notice-list', { limit: 1 })
    expect([list.items.length, list.unread]).toEqual([1, 0])
  })
})

describe('silent feeds', () => {
  const DAY = 86_400_000
  it('a feed whose items stop changing while another keeps flowing is flagged and announced once', async () => {
    d = await watchDesk()
    const flowing = { body: rss2('源', [item('今日新闻 0', { guid: 'g0' })]) }
    const stuck = { body: rss2('源', [item('旧闻', { guid: 'old' })]) }
    d.ctx.http = memoryTransport({ 'http://a.example/rss': () => flowing, 'http://b.example/rss': () => stuck }).transport
    const a = await d.call('feed-add', { url: 'http://a.example/rss', name: '市报', intervalMin: 60 })
    const b = await d.call('feed-add', { url: 'http://b.example/rss', name: '卫健委栏目', intervalMin: 60 })
    for (let day = 0; day < 5; day++) {
      flowing.body = rss2('源', [item(`今日新闻 ${day}`, { guid: `g${day}` })])
      await pollDue(d.ctx)
      await alertsDuty(d.ctx, d.clock.now)
      d.advance(24 * 60)
    }
    await pollDue(d.ctx)
    await alertsDuty(d.ctx, d.clock.now)
    const feeds = await d.call('feed-list', {})
    expect(feeds.map((f) => [f.id, f.silent]).sort()).toEqual([[a.id, false], [b.id, true]])
    const silent = d.notices.filter((n) => n.kind === 'silent')
    expect(silent).toEqual([
      { kind: 'silent', title: '订阅源静默：卫健委栏目', body: '“卫健委栏目”已连续 3 天以上没有新条目，而其他订阅源仍在更新。可能是地址失效或改版，请检查该订阅源。', href: '#/watch/feeds' }
    ])
    // it flows again: no longer flagged; falls silent again later: announced again
    stuck.body = rss2('源', [item('新栏目', { guid: 'new' })])
    await pollDue(d.ctx, { now: new Date(d.clock.now.getTime() + 2 * 3600_000) })
    expect((await d.call('feed-list', {})).find((f) => f.id === b.id)?.silent).toBe(false)
  })

  it('pure rule: nothing flagged when every feed is quiet, when days is 0, or before a feed was first read', () => {
    const now = new Date('2024-06-10T00:00:00Z')
    const f = (id: number, changedDaysAgo: number | null) => ({
      id,
      enabled: true,
      lastFetchAt: now.toISOString(),
      createdAt: '2024-01-01T00:00:00Z',
      itemsChangedAt: changedDaysAgo === null ? null : new Date(now.getTime() - changedDaysAgo * DAY).toISOString()
    })
    expect(silentFeedIds([f(1, 1), f(2, 4), f(3, null)], now, 3)).toEqual([2])
    expect(silentFeedIds([f(1, 5), f(2, 4)], now, 3)).toEqual([])
    expect(silentFeedIds([f(1, 1), f(2, 4)], now, 0)).toEqual([])
    expect(silentFeedIds([f(1, 1), { ...f(2, 9), enabled: false }], now, 3)).toEqual([])
  })
})
