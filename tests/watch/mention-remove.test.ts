// 移除 replaces deleting a mention: a reason is required; the mention leaves the inbox and every count but stays
// with its trail (mention_events, audit), is visible under 已移除, is counted as removed in the tally and the
// report, and does not come back on the next poll.
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2, type FixtureItem } from '../fixtures/feeds'
import { actAs, addTestUser } from '../helpers/desk'
import { count, item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

/** A desk with two feeds served from memory; poll() fetches both (the clock moves on a day each time). */
async function desk() {
  d = await watchDesk()
  const content: Record<string, string> = {}
  const routes = new Proxy({}, { get: (_t, url: string) => (content[url] === undefined ? undefined : () => ({ body: content[url] })) })
  d.ctx.http = memoryTransport(routes as Record<string, () => { body: string }>).transport
  const feed = async (name: string) => {
    const url = `http://${name}.example/rss`
    await d!.call('feed-add', { url, name, weight: 1 })
    content[url] = rss2(name, [])
    return (items: FixtureItem[]) => (content[url] = rss2(name, items))
  }
  const poll = async () => {
    d!.advance(24 * 60)
    return pollDue(d!.ctx, { random: () => 0.5 })
  }
  return { d, feed, poll }
}

const NEGATIVE = item('网友投诉我院停车难', { guid: 'n1', link: 'http://bbs.example/t/9' })
const FALSE_HIT = item('我院所在小区业主投诉物业收费纠纷', { guid: 'f1', link: 'http://bbs.example/t/10' })

async function withTwo() {
  const w = await desk()
  const forum = await w.feed('forum')
  forum([NEGATIVE, FALSE_HIT])
  await w.poll()
  const list = (await w.d.call('mention-list', {})).rows
  const falseHit = list.find((m) => m.title === FALSE_HIT.title)!
  return { ...w, forum, falseHit, other: list.find((m) => m.title === NEGATIVE.title)! }
}

describe('移除 a mention', () => {
  it('needs a reason, named 理由 in Chinese; an officer may remove, a viewer may not', async () => {
    const w = await withTwo()
    for (const reason of ['', '   ']) {
      const r = await w.d.invoke('mention-remove', { id: w.falseHit.id, reason })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatchObject({ message: '理由：请填写移除理由（如：误报、重复、与本院无关）', details: { field: 'reason' } })
    }
    actAs(w.d.ctx, addTestUser(w.d.ctx, '查看员', ['viewer']))
    const viewer = await w.d.invoke('mention-remove', { id: w.falseHit.id, reason: '误报' })
    expect(viewer.ok).toBe(false)
    if (!viewer.ok) expect(viewer.error.message).toContain('“宣传干事”')
    expect(rows(w.d, 'SELECT status FROM mentions WHERE id = ?', w.falseHit.id)).toEqual([{ status: 'new' }])
  })

  it('leaves the inbox, every list and count, but stays with its trail and under 已移除', async () => {
    const w = await withTwo()
    expect((await w.d.call('watch-summary', {})).unhandled).toBe(2)
    const detail = await w.d.call('mention-remove', { id: w.falseHit.id, reason: '与本院无关：小区物业纠纷' })
    expect(detail).toMatchObject({ status: 'removed', nextSteps: [], removed: { by: '测试干事', reason: '与本院无关：小区物业纠纷' } })
    expect(detail.events.at(-1)).toMatchObject({ fromStatus: 'new', toStatus: 'removed', note: '与本院无关：小区物业纠纷', actor: '测试干事' })

    for (const status of ['open', 'all', 'new'] as const) expect((await w.d.call('mention-list', { status })).rows.map((m) => m.id)).toEqual([w.other.id])
    expect((await w.d.call('mention-list', { status: 'all', q: '物业' })).total).toBe(0)
    expect((await w.d.call('mention-list', { status: 'removed' })).rows.map((m) => m.title)).toEqual([FALSE_HIT.title])
    expect((await w.d.call('mention-list', { status: 'removed', sentiment: '负面' })).total).toBe(1)
    const summary = await w.d.call('watch-summary', {})
    expect([summary.unhandled]).toEqual([1])
    const digest = await w.d.call('watch-digest', { date: summary.today })
    expect([...digest.held, ...digest.rest].map((x) => x.id)).not.toContain(w.falseHit.id)

    // The row and its trail stay; the audit row says who removed it and why.
    expect(count(w.d, 'mentions')).toBe(2)
    const audit = await w.d.call('audit-list', { entity: 'mention', entityId: String(w.falseHit.id) })
    expect(audit.at(-1)).toMatchObject({ action: 'remove', actor: '测试干事', changes: expect.objectContaining({ reason: '与本院无关：小区物业纠纷', status: ['new', 'removed'] }) })
    // A removed mention is not worked on any more.
    const again = await w.d.invoke('mention-triage', { id: w.falseHit.id, step: 'assessing', note: '' })
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error.message).toBe('此舆情已于2024-06-02由测试干事移除（理由：与本院无关：小区物业纠纷），不能再处置或修改')
    expect((await w.d.invoke('mention-remove', { id: w.falseHit.id, reason: '重复' })).ok).toBe(false)
  })

  it('is counted as removed in the tally and the report, not as a mention', async () => {
    const w = await withTwo()
    const before = (await w.d.call('tally-get', { period: '2024-05' })).set
    expect(before.mentions.total).toBe(2)
    await w.d.call('mention-remove', { id: w.falseHit.id, reason: '误报' })
    const after = (await w.d.call('tally-get', { period: '2024-05' })).set
    expect([after.mentions.total, after.mentions.negative, after.mentions.removed]).toEqual([1, before.mentions.negative - 1, 1])
    expect(after.figures.find((f) => f.key === 'mentions.removed')).toMatchObject({ label: '移除（误报等）', value: 1, unit: '条' })
    const drill = await w.d.call('tally-rows', { period: '2024-05', key: 'mentions.removed' })
    expect(drill.mentions.map((m) => m.title)).toEqual([FALSE_HIT.title])
    expect((await w.d.call('tally-rows', { period: '2024-05', key: 'mentions.total' })).mentions.map((m) => m.title)).toEqual([NEGATIVE.title])
    const report = await w.d.call('report-preview', { period: '2024H1' })
    const text = report.paragraphs.map((p) => p.text).join('\n')
    expect(text).toContain('共监测到涉及我院的网络信息1条（另经研判排除误报等无关信息1条）')
  })

  it('does not return on the next poll, from its feed or another one, and gains no source', async () => {
    const w = await withTwo()
    await w.d.call('mention-remove', { id: w.falseHit.id, reason: '误报' })
    const city = await w.feed('city')
    city([item(FALSE_HIT.title, { guid: 'c9', link: 'http://bbs.example/t/10?from=share' })])
    const r = await w.poll()
    expect(r.results.map((x) => x.newMentions)).toEqual([0, 0])
    expect(rows(w.d, 'SELECT status, source_count FROM mentions WHERE id = ?', w.falseHit.id)).toEqual([{ status: 'removed', source_count: 1 }])
    expect((await w.d.call('mention-list', {})).rows.map((m) => m.id)).toEqual([w.other.id])
  })
})
