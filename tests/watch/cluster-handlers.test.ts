// Near-duplicates from several feeds become one 事件 at poll time; the grade follows the spread and says why;
// the officer merges and splits events (audited); a grade set by hand wins.
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2, type FixtureItem } from '../fixtures/feeds'
import { memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const STORY: FixtureItem[] = [
  { title: '【突发】黄平县中医医院急诊科发生医闹 家属砸坏电脑', description: '昨日，黄平县中医医院急诊科一名王姓患者的家属对抢救结果不满，与值班医生发生争执后砸坏电脑并动手殴打，造成2名医护人员受伤，警方已介入调查。', pubDate: 'Sat, 01 Jun 2024 08:00:00 +0800' },
  { title: '王姓家属对抢救结果不满在黄平县中医医院大闹急诊科 2名医护人员受伤', description: '据网友爆料，王姓患者家属对抢救结果不满，在黄平县中医医院急诊科大吵大闹，砸坏电脑，2名医护人员不同程度受伤，派出所民警到场处置。', pubDate: 'Sat, 01 Jun 2024 09:10:00 +0800' },
  { title: '黃平縣中醫醫院急診科醫生遭患者家屬毆打', description: '記者從黃平縣公安局獲悉，發生在黃平縣中醫醫院急診科的傷醫事件中，涉事的王姓家屬已被依法行政拘留，2名受傷醫護人員正在治療。', pubDate: 'Sat, 01 Jun 2024 10:30:00 +0800' },
  { title: '转发：急诊科医生被打、砸坏电脑，黄平县中医医院医闹事件引关注', description: '视频显示，黄平县中医医院急诊科内一片狼藉，王某家属砸坏电脑。院方称家属对抢救结果不满，2名医护人员上前劝阻被打伤。', pubDate: 'Sat, 01 Jun 2024 10:50:00 +0800' }
]
const OTHER: FixtureItem = { title: '黄平县中医医院走进旧州镇开展义诊活动', description: '黄平县中医医院专家来到旧州镇，为群众开展高血压糖尿病筛查，现场发放宣传资料，共接待咨询200余人次。', pubDate: 'Sat, 01 Jun 2024 09:00:00 +0800' }

async function desk() {
  d = await watchDesk()
  const content: Record<string, string> = {}
  d.ctx.http = memoryTransport(new Proxy({}, { get: (_t, url: string) => (content[url] === undefined ? undefined : () => ({ body: content[url] })) }) as Record<string, () => { body: string }>).transport
  const feeds: ((items: FixtureItem[]) => void)[] = []
  for (const name of ['a', 'b', 'c', 'e', 'f']) {
    const url = `http://${name}.example/rss`
    await d.call('feed-add', { url, name: `源${name}`, weight: 1 })
    content[url] = rss2(name, [])
    feeds.push((items) => (content[url] = rss2(name, items.map((x, i) => ({ ...x, guid: `${name}-${i}`, link: `http://${name}.example/${i}` })))))
  }
  const poll = async () => {
    d!.advance(24 * 60)
    return pollDue(d!.ctx, { random: () => 0.5 })
  }
  return { d, feeds, poll }
}

describe('incidents at poll time', () => {
  it('four outlets rewording one 医闹 are one event graded by spread; another story stays apart', async () => {
    const w = await desk()
    STORY.forEach((s, i) => w.feeds[i](i === 0 ? [s, OTHER] : [s]))
    await w.poll()
    const list = (await w.d.call('mention-list', {})).rows
    expect(list).toHaveLength(2)
    const event = list.find((m) => m.sourceCount > 1)!
    expect(event.sourceCount).toBe(4)
    expect(event).toMatchObject({ grade: '较大', gradeReason: '4 个来源 3 小时内转载' })
    expect(list.find((m) => m.id !== event.id)!.title).toBe(OTHER.title)

    // A fifth outlet within six hours: 重大, and the reason says so.
    w.feeds[4]([{ ...STORY[1], title: `【关注】${STORY[1].title}`, pubDate: 'Sat, 01 Jun 2024 11:30:00 +0800' }])
    await w.poll()
    const detail = await w.d.call('mention-get', { id: event.id })
    expect(detail).toMatchObject({ sourceCount: 5, grade: '重大', gradeReason: '5 个来源 4 小时内转载' })
  })

  it('splits a source into its own event and merges it back, both audited; triage stays on the event', async () => {
    const w = await desk()
    STORY.slice(0, 3).forEach((s, i) => w.feeds[i]([s]))
    await w.poll()
    const [event] = (await w.d.call('mention-list', {})).rows
    await w.d.call('mention-triage', { id: event.id, step: 'assessing', note: '' })
    const before = await w.d.call('mention-get', { id: event.id })
    const first = before.sources[0]

    const bad = await w.d.invoke('mention-split', { id: event.id, sourceId: 99999 })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.details).toMatchObject({ field: 'sourceId' })

    // Splitting the headline source: the event takes the next source's title; the split one is 新 on its own.
    const split = await w.d.call('mention-split', { id: event.id, sourceId: first.id })
    expect(split).toMatchObject({ title: first.title, status: 'new', sourceCount: 1 })
    const rest = await w.d.call('mention-get', { id: event.id })
    expect(rest).toMatchObject({ sourceCount: 2, status: 'assessing', title: before.sources[1].title })

    // The next poll brings the same items again: the split source stays split (its keys went with it).
    await w.poll()
    expect((await w.d.call('mention-get', { id: split.id })).sourceCount).toBe(1)

    const self = await w.d.invoke('mention-merge', { id: split.id, intoId: split.id })
    expect(self.ok).toBe(false)
    const merged = await w.d.call('mention-merge', { id: split.id, intoId: event.id })
    expect(merged).toMatchObject({ sourceCount: 3, status: 'assessing', grade: '较大', gradeReason: '3 个来源 3 小时内转载' })
    expect((await w.d.call('mention-get', { id: split.id })).removed).toMatchObject({ reason: `合并到事件 #${event.id}` })
    expect((await w.d.call('mention-list', {})).rows.map((m) => m.id)).toEqual([event.id])
    expect(rows(w.d, "SELECT action, entity_id AS entityId FROM audit_log WHERE action IN ('merge', 'split') ORDER BY id")).toEqual([
      { action: 'split', entityId: String(event.id) }, { action: 'merge', entityId: String(event.id) }
    ])
  })

  it('offers the events to merge into: the same story first by similarity, another story of the week after it', async () => {
    const w = await desk()
    STORY.slice(0, 3).forEach((s, i) => w.feeds[i](i === 0 ? [s, OTHER] : [s]))
    await w.poll()
    const event = (await w.d.call('mention-list', {})).rows.find((m) => m.sourceCount > 1)!
    const other = (await w.d.call('mention-list', {})).rows.find((m) => m.sourceCount === 1)!
    const split = await w.d.call('mention-split', { id: event.id, sourceId: (await w.d.call('mention-get', { id: event.id })).sources[0].id })
    const offered = await w.d.call('mention-merge-candidates', { id: split.id })
    expect(offered.map((c) => [c.id, c.sourceCount])).toEqual([[event.id, 2], [other.id, 1]])
    expect(offered[0].similarity).toBeGreaterThan(0.16)
    expect(offered[1].similarity).toBeLessThan(offered[0].similarity)
    expect(offered[0]).toMatchObject({ grade: expect.any(String), status: 'new', title: expect.stringContaining('黄平县中医医院') })
    // a merged (removed) event is offered no more, and asking about an unknown one names it
    await w.d.call('mention-merge', { id: other.id, intoId: event.id })
    expect((await w.d.call('mention-merge-candidates', { id: split.id })).map((c) => c.id)).toEqual([event.id])
    const none = await w.d.invoke('mention-merge-candidates', { id: 99999 })
    expect(!none.ok && none.error.message).toBe('没有编号为 99999 的舆情')
  })

  it('keeps a grade the officer set by hand as the event grows', async () => {
    const w = await desk()
    STORY.slice(0, 2).forEach((s, i) => w.feeds[i]([s]))
    await w.poll()
    const [event] = (await w.d.call('mention-list', {})).rows
    await w.d.call('mention-correct', { id: event.id, grade: '一般' })
    STORY.slice(0, 4).forEach((s, i) => w.feeds[i]([s]))
    await w.poll()
    expect(await w.d.call('mention-get', { id: event.id })).toMatchObject({ sourceCount: 4, grade: '一般', gradeManual: true, gradeReason: '人工更正' })
  })
})
