// Items → mentions through the handlers: matching, dedup and clusters, tombstones, sentiment and grade with
// corrections kept, the inbox order and search.
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2, type FixtureItem } from '../fixtures/feeds'
import type { ArgsOf } from '../../shared/contract'
import { count, item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

/** A desk whose feeds are served from memory; `set(url, items)` changes what a feed returns. */
async function desk() {
  d = await watchDesk()
  const content: Record<string, string> = {}
  const routes = new Proxy({}, { get: (_t, url: string) => (content[url] === undefined ? undefined : () => ({ body: content[url] })) })
  const { transport, stats } = memoryTransport(routes as Record<string, () => { body: string }>)
  d.ctx.http = transport
  const feeds: Record<string, number> = {}
  return {
    d,
    stats,
    async feed(name: string, weight = 1) {
      const url = `http://feed${Object.keys(feeds).length + 1}.example/rss`
      feeds[name] = (await d!.call('feed-add', { url, name, weight })).id
      content[url] = rss2(name, [])
      return { set: (items: FixtureItem[]) => (content[url] = rss2(name, items)), id: feeds[name] }
    },
    /** Polls every feed now, whatever its interval (the clock moves on a day each time). */
    async poll() {
      d!.advance(24 * 60)
      return pollDue(d!.ctx, { random: () => 0.5 })
    }
  }
}

const mentionsOf = (d: WatchDesk) =>
  rows<{ id: number; title: string; matches: string; sentiment: string; grade: string; source_count: number }>(d, 'SELECT id, title, matches, sentiment, grade, source_count FROM mentions ORDER BY id')

describe('matching', () => {
  it('any / all / none, simplified ≡ traditional, full-width ≡ half-width, case, HTML stripped', async () => {
    const w = await desk()
    const profileRule = (await w.d.call('rule-list', {}))[0]
    expect(profileRule).toMatchObject({ name: '本院名称', any: ['黄平县中医医院', '我院'], fromProfile: true })
    const dispute = await w.d.call('rule-create', { name: '医疗纠纷', any: ['纠纷', '投诉'], all: ['黄平'], none: ['招聘'] })
    const brand = await w.d.call('rule-create', { name: '设备', any: ['ABC医疗'] })
    const f = await w.feed('县论坛')
    f.set([
      item('黃平縣中醫醫院舉辦義診', { guid: '1' }),
      item('黄平某诊所发生纠纷', { guid: '2' }),
      item('外地医院纠纷', { guid: '3' }),
      item('黄平招聘启事：护士岗位（无纠纷记录者优先）', { guid: '4' }),
      item('ＡＢＣ医疗设备进驻', { guid: '5' }),
      item('abc医疗 新品发布', { guid: '6' }),
      item('社区新闻', { guid: '7', description: '&lt;p&gt;我&lt;b&gt;院&lt;/b&gt;开展健康讲座&lt;/p&gt;' }),
      item('天气预报', { guid: '8', description: '明天晴' })
    ])
    await w.poll()
    expect(mentionsOf(w.d).map((m) => [m.title, JSON.parse(m.matches)])).toEqual([
      ['黃平縣中醫醫院舉辦義診', [{ ruleId: profileRule.id, ruleName: '本院名称', terms: ['黄平县中医医院'] }]],
      ['黄平某诊所发生纠纷', [{ ruleId: dispute.id, ruleName: '医疗纠纷', terms: ['纠纷', '黄平'] }]],
      ['ＡＢＣ医疗设备进驻', [{ ruleId: brand.id, ruleName: '设备', terms: ['ABC医疗'] }]],
      ['abc医疗 新品发布', [{ ruleId: brand.id, ruleName: '设备', terms: ['ABC医疗'] }]],
      ['社区新闻', [{ ruleId: profileRule.id, ruleName: '本院名称', terms: ['我院'] }]]
    ])
    // Highlights mark the item's own characters.
    const list = await w.d.call('mention-list', { q: 'ABC' })
    expect(list.rows.map((r) => r.titleSegments)).toEqual([
      [{ text: 'abc医疗', hit: true }, { text: ' 新品发布', hit: false }],
      [{ text: 'ＡＢＣ医疗', hit: true }, { text: '设备进驻', hit: false }]
    ])
  })

  it('a disabled rule matches nothing; a rule needs a positive term; clashing terms are refused in Chinese', async () => {
    const w = await desk()
    await w.d.call('rule-list', {})
    const r = await w.d.call('rule-create', { name: '临时', any: ['天气'] })
    await w.d.call('rule-update', { id: r.id, enabled: false })
    const f = await w.feed('源')
    f.set([item('天气预报', { guid: '1' })])
    await w.poll()
    expect(count(w.d, 'mentions')).toBe(0)
    const empty = await w.d.invoke('rule-create', { name: '空', any: [], none: ['招聘'] })
    expect(!empty.ok && empty.error.message).toBe('任一词：请至少填写一个“任一词”或“全部词”，否则规则什么也匹配不到')
    const clash = await w.d.invoke('rule-create', { name: '矛盾', any: ['纠纷'], none: ['纠纷'] })
    expect(!clash.ok && clash.error.message).toBe('排除词：“纠纷”既是监测词又是排除词，请删去其中一处')
  })
})

describe('dedup and clusters', () => {
  it('the same story in several feeds is one mention with every source; re-polls add nothing', async () => {
    const w = await desk()
    const a = await w.feed('县论坛', 0)
    const b = await w.feed('牛城晚报', 2)
    const c = await w.feed('县政府网', 1)
    const story = { description: '患者家属投诉候诊时间过长。' }
    a.set([item('我院急诊候诊时间长遭投诉', { guid: 'a1', link: 'http://bbs.example/t/1?utm_source=wx#top', ...story })])
    b.set([item('我院急诊候诊时间长遭投诉', { guid: 'b9', link: 'http://bbs.example/t/1', ...story })]) // same link, tracking dropped
    c.set([item('我院急诊候诊时间长遭投诉', { guid: 'c5', link: 'http://gov.example/n/77.html', ...story })]) // other link, same text
    await w.poll()
    await w.poll()
    const [m] = mentionsOf(w.d)
    expect(mentionsOf(w.d)).toHaveLength(1)
    expect(m.source_count).toBe(3)
    const detail = await w.d.call('mention-get', { id: m.id })
    expect(detail.sources.map((s) => [s.feedName, s.link])).toEqual([
      ['县论坛', 'http://bbs.example/t/1?utm_source=wx#top'],
      ['牛城晚报', 'http://bbs.example/t/1'],
      ['县政府网', 'http://gov.example/n/77.html']
    ])
    expect(count(w.d, 'mention_sources')).toBe(3)
  })

  it('by guid within a feed (an edited title is the same item), else by content for items with neither guid nor link', async () => {
    const w = await desk()
    const f = await w.feed('院网')
    f.set([item('我院召开职代会', { guid: 'x1', link: 'http://a.example/1' }), item('我院开展义诊')])
    await w.poll()
    f.set([item('我院召开第五届职代会（更新）', { guid: 'x1', link: 'http://a.example/1' }), item('我院开展义诊')])
    await w.poll()
    expect(mentionsOf(w.d).map((m) => [m.title, m.source_count])).toEqual([['我院召开职代会', 1], ['我院开展义诊', 1]])
    expect(count(w.d, 'mention_sources')).toBe(2)
  })

  it('a removed mention never comes back: not from its feed, not from another feed (tombstone)', async () => {
    const w = await desk()
    const a = await w.feed('甲')
    const b = await w.feed('乙')
    a.set([item('我院某科室被指乱收费', { guid: '1', link: 'http://x.example/a' })])
    await w.poll()
    const [m] = mentionsOf(w.d)
    await w.d.call('mention-remove', { id: m.id, reason: '误报：同名诊所的报道' })
    expect((await w.d.call('mention-list', { status: 'all' })).total).toBe(0)
    b.set([item('我院某科室被指乱收费', { guid: '7', link: 'http://x.example/a?utm_medium=share' })])
    const r = await w.poll()
    expect(r.results.map((x) => x.newMentions)).toEqual([0, 0])
    // Kept (移除 is not deletion), with no new source: a removed story does not grow or alert again.
    expect(count(w.d, 'mentions')).toBe(1)
    expect(count(w.d, 'mention_sources')).toBe(1)
    expect(rows(w.d, 'SELECT count(*) AS n FROM mention_keys WHERE mention_id = ?', m.id)).toEqual([{ n: 4 }])
    expect((await w.d.call('mention-list', { status: 'all', q: '乱收费' })).total).toBe(0)
    expect((await w.d.call('mention-list', { status: 'removed', q: '乱收费' })).total).toBe(1)
  })
})

describe('sentiment and risk grade', () => {
  it('grades by sentiment, source weight and cluster size; the dangerous ones sort first', async () => {
    const w = await desk()
    const forum = await w.feed('论坛', 0)
    const city = await w.feed('市报', 2)
    const prov = await w.feed('省台', 3)
    forum.set([
      item('我院护士获评“最美护士”', { guid: '1' }),
      item('网友投诉我院停车难', { guid: '2', link: 'http://n.example/2' }),
      item('我院召开年度工作会议', { guid: '3' })
    ])
    await w.poll()
    expect(mentionsOf(w.d).map((m) => [m.title, m.sentiment, m.grade])).toEqual([
      ['我院护士获评“最美护士”', '正面', '一般'],
      ['网友投诉我院停车难', '负面', '一般'],
      ['我院召开年度工作会议', '中性', '一般']
    ])
    city.set([item('网友投诉我院停车难', { guid: 'c', link: 'http://n.example/2' })])
    prov.set([item('我院发生医疗纠纷 家属质疑', { guid: 'p' })])
    await w.poll()
    const list = await w.d.call('mention-list', {})
    expect(list.rows.map((r) => [r.title, r.sentiment, r.grade, r.sourceCount])).toEqual([
      ['我院发生医疗纠纷 家属质疑', '负面', '重大', 1],
      ['网友投诉我院停车难', '负面', '较大', 2],
      ['我院召开年度工作会议', '中性', '一般', 1],
      ['我院护士获评“最美护士”', '正面', '一般', 1]
    ])
    const detail = await w.d.call('mention-get', { id: list.rows[0].id })
    expect(detail.sentimentCues).toEqual(['医疗纠纷', '质疑'])
  })

  it('corrections are kept: a later source never overwrites a sentiment or grade set by hand', async () => {
    const w = await desk()
    const a = await w.feed('论坛', 0)
    const b = await w.feed('市报', 2)
    a.set([item('我院拒收红包获患者点赞', { guid: '1', link: 'http://n.example/1' })])
    await w.poll()
    const [m] = mentionsOf(w.d)
    expect([m.sentiment, m.grade]).toEqual(['正面', '一般'])
    let det = await w.d.call('mention-correct', { id: m.id, sentiment: '负面' })
    expect([det.sentiment, det.sentimentManual, det.grade, det.gradeManual]).toEqual(['负面', true, '一般', false])
    det = await w.d.call('mention-correct', { id: m.id, grade: '重大' })
    expect([det.grade, det.gradeManual]).toEqual(['重大', true])
    b.set([item('我院拒收红包获患者点赞', { guid: '2', link: 'http://n.example/1' })])
    await w.poll()
    det = await w.d.call('mention-get', { id: m.id })
    expect([det.sentiment, det.sentimentManual, det.grade, det.gradeManual, det.sourceCount]).toEqual(['负面', true, '重大', true, 2])
    const none = await w.d.invoke('mention-correct', { id: m.id })
    expect(!none.ok && none.error.message).toBe('情感：请选择要更正的情感或级别')
  })

  it('an automatic grade follows a corrected sentiment and the cluster', async () => {
    const w = await desk()
    const a = await w.feed('市报', 2)
    a.set([item('我院门诊排队时间长', { guid: '1' })])
    await w.poll()
    const [m] = mentionsOf(w.d)
    expect([m.sentiment, m.grade]).toEqual(['中性', '一般'])
    const det = await w.d.call('mention-correct', { id: m.id, sentiment: '负面' })
    expect([det.sentiment, det.grade, det.gradeManual]).toEqual(['负面', '较大', false])
  })

  it('uses the lexicon edited in settings for new mentions', async () => {
    const w = await desk()
    const s = await w.d.call('watch-settings-get', {})
    expect(s.lexiconIsDefault).toBe(true)
    await w.d.call('watch-settings-save', { alerts: s.alerts, lexicon: { negative: [...s.lexicon.negative, '排队'], positive: s.lexicon.positive } })
    const a = await w.feed('源')
    a.set([item('我院门诊排队时间长', { guid: '1' })])
    await w.poll()
    expect(mentionsOf(w.d).map((m) => m.sentiment)).toEqual(['负面'])
    const reset = await w.d.call('watch-settings-reset-lexicon', {})
    expect([reset.lexiconIsDefault, reset.lexicon.negative.includes('排队')]).toEqual([true, false])
  })
})

describe('inbox search and filters', () => {
  it('finds Chinese of any length (1, 2, 3+ characters), traditional or simplified, and filters by feed and date', async () => {
    const w = await desk()
    const a = await w.feed('甲')
    const b = await w.feed('乙')
    a.set([item('我院开展医保政策宣讲', { guid: '1', pubDate: 'Mon, 15 Jan 2024 09:00:00 +0800' }), item('我院举办义诊', { guid: '2', pubDate: 'Tue, 20 Feb 2024 09:00:00 +0800' })])
    b.set([item('我院护理部获表彰', { guid: '3', pubDate: 'Wed, 20 Mar 2024 09:00:00 +0800' })])
    await w.poll()
    const titles = async (args: ArgsOf<'mention-list'>) => (await w.d.call('mention-list', args)).rows.map((r) => r.title).sort()
    expect(await titles({ q: '医保' })).toEqual(['我院开展医保政策宣讲'])
    expect(await titles({ q: '诊' })).toEqual(['我院举办义诊'])
    expect(await titles({ q: '醫保政策' })).toEqual(['我院开展医保政策宣讲'])
    expect(await titles({ q: '“”' })).toEqual([])
    expect(await titles({ feedId: b.id })).toEqual(['我院护理部获表彰'])
    expect(await titles({ from: '2024-02-01', to: '2024-02-29' })).toEqual(['我院举办义诊'])
    expect(await titles({ sentiment: '正面' })).toEqual(['我院举办义诊', '我院护理部获表彰'])
  })
})
