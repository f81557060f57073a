// The poll's one sentence (issue #13): succeeded / failed (named, with their reason) / skipped (not due, 已停用,
// already being fetched), and what came in. Pure first, then as pollDue reports it.
import { afterEach, describe, expect, it } from 'vitest'
import { pollCounts, pollSummary } from '../../services/feeds/poll-summary'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2 } from '../fixtures/feeds'
import { item, memoryTransport, watchDesk, type WatchDesk } from '../watch/watch-helpers'
import type { FeedPollResult } from '../../shared/contract/feeds'

const result = (name: string, outcome: FeedPollResult['outcome'], message: string, newMentions = 0, newSources = 0): FeedPollResult => ({
  feedId: name.length, name, outcome, items: 0, matched: 0, newMentions, newSources, message, nextFetchAt: null
})
const summary = (results: FeedPollResult[], notDue = 0, paused = 0) => pollSummary(results, pollCounts(results, notDue, paused))

describe('pollSummary (pure)', () => {
  it('six feeds, all failed: says so, naming the first three with their reason', () => {
    const names = ['县卫健委', '市报', '省台', '论坛', '贴吧', '微博']
    const results = names.map((n, i) => result(n, 'error', i === 0 ? '连接服务器超时（ETIMEDOUT）' : '对方服务器出错（HTTP 500），稍后会自动重试'))
    expect(summary(results.slice(0, 3))).toBe(
      '3 个订阅源：成功 0，失败 3（县卫健委：连接服务器超时（ETIMEDOUT）；市报：对方服务器出错（HTTP 500）；省台：对方服务器出错（HTTP 500）），跳过 0；新增舆情 0 条'
    )
    // Past three the sentence counts the rest; the list with it (UI) or above it (CLI) names every feed.
    expect(summary(results)).toBe(
      '6 个订阅源：成功 0，失败 6（县卫健委：连接服务器超时（ETIMEDOUT）；市报：对方服务器出错（HTTP 500）；省台：对方服务器出错（HTTP 500）；另有 3 个），跳过 0；新增舆情 0 条'
    )
  })

  it('every feed is exactly one of succeeded, failed, skipped; 304 and nothing-new are successes; busy is skipped', () => {
    const results = [
      result('院网', 'new', '新增舆情 3 条，新增来源 1 个', 3, 1),
      result('市报', 'unchanged', '没有新的相关条目'),
      result('省台', 'not-modified', '内容未变化（304）'),
      result('论坛', 'error', '订阅地址不存在（HTTP 404），请检查地址是否已变更'),
      result('贴吧', 'busy', '正在抓取中')
    ]
    const c = pollCounts(results, 2, 1)
    expect(c).toEqual({ feeds: 8, succeeded: 3, failed: 1, skipped: 4, notDue: 2, paused: 1, busy: 1, newMentions: 3, newSources: 1 })
    expect(c.succeeded + c.failed + c.skipped).toBe(c.feeds)
    expect(pollSummary(results, c)).toBe(
      '8 个订阅源：成功 3，失败 1（论坛：订阅地址不存在（HTTP 404），请检查地址是否已变更），跳过 4（未到抓取时间 2，已停用 1，正在抓取中 1）；新增舆情 3 条，新增来源 1 个'
    )
  })

  it('no feeds at all, and a feed without a name', () => {
    expect(summary([])).toBe('0 个订阅源：成功 0，失败 0，跳过 0；新增舆情 0 条')
    expect(summary([result('', 'error', '找不到这个网站，请检查订阅地址或本机网络（ENOTFOUND）')])).toBe(
      '1 个订阅源：成功 0，失败 1（未命名订阅源：找不到这个网站，请检查订阅地址或本机网络（ENOTFOUND）），跳过 0；新增舆情 0 条'
    )
  })
})

describe('pollDue reports the sentence', () => {
  let d: WatchDesk | null = null
  afterEach(() => {
    d?.close()
    d = null
  })

  it('counts a disabled feed and a not-due one as skipped, a 404 as failed', async () => {
    d = await watchDesk()
    d.ctx.http = memoryTransport({
      'http://ok.example/rss': { body: rss2('好', [item('我院召开会议', { guid: '1' })]) },
      'http://gone.example/rss': { status: 404 },
      'http://off.example/rss': { body: rss2('停', []) }
    }).transport
    await d.call('feed-add', { url: 'http://ok.example/rss', name: '院网', intervalMin: 60 })
    await d.call('feed-add', { url: 'http://gone.example/rss', name: '县卫健委', intervalMin: 60 })
    const off = await d.call('feed-add', { url: 'http://off.example/rss', name: '停用的源' })
    await d.call('feed-set-enabled', { id: off.id, enabled: false })
    const first = await pollDue(d.ctx, { random: () => 0.5 })
    expect(first.counts).toMatchObject({ feeds: 3, succeeded: 1, failed: 1, skipped: 1, paused: 1, notDue: 0, newMentions: 1 })
    expect(first.summary).toBe('3 个订阅源：成功 1，失败 1（县卫健委：订阅地址不存在（HTTP 404），请检查地址是否已变更），跳过 1（已停用 1）；新增舆情 1 条')
    const again = await pollDue(d.ctx, { random: () => 0.5 })
    expect(again.summary).toBe('3 个订阅源：成功 0，失败 0，跳过 3（未到抓取时间 2，已停用 1）；新增舆情 0 条')
    // The same sentence through the dispatcher, as the 立即抓取 button gets it.
    expect((await d.call('watch-poll-now', {})).summary).toBe(again.summary)
  })
})
