// Triage (新 → 研判 → 处置中 → 已办结, or 忽略), assignee, 上报领导, piece link; alerts with quiet hours;
// the digest and the dashboard counts.
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2 } from '../fixtures/feeds'
import { item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

/** A desk with one feed carrying `titles`, polled once at the desk's clock. */
async function withMentions(titles: string[], o: { now?: Date; weight?: number } = {}) {
  d = await watchDesk({ now: o.now })
  const content = { body: rss2('源', titles.map((t, i) => item(t, { guid: String(i) }))) }
  d.ctx.http = memoryTransport({ 'http://a.example/rss': () => content }).transport
  await d.call('feed-add', { url: 'http://a.example/rss', name: '市报', weight: o.weight ?? 1 })
  await pollDue(d.ctx)
  const ids = rows<{ id: number }>(d, 'SELECT id FROM mentions ORDER BY id').map((r) => r.id)
  return { d, ids, set: (more: string[]) => (content.body = rss2('源', more.map((t, i) => item(t, { guid: `n${i}` })))) }
}

describe('triage', () => {
  it('walks 研判 → 处置中 → 已办结 recording who, when and the note', async () => {
    const { d, ids } = await withMentions(['网友投诉我院停车难'])
    const id = ids[0]
    let m = await d.call('mention-get', { id })
    expect([m.status, m.nextSteps]).toEqual(['new', ['assessing', 'ignored']])
    await d.call('mention-triage', { id, step: 'assessing', note: '核实来源' })
    d.advance(60)
    await d.call('mention-triage', { id, step: 'handling', note: '已转保卫科' })
    d.advance(120)
    m = await d.call('mention-triage', { id, step: 'closed', note: '已增设临时车位并回复网友' })
    expect(m.status).toBe('closed')
    expect(m.closedAt).toBe(d.clock.now.toISOString())
    expect(m.events.map((e) => [e.actor, e.at, e.fromStatus, e.toStatus, e.note])).toEqual([
      ['测试干事', '2024-06-01T04:00:00.000Z', 'new', 'assessing', '核实来源'],
      ['测试干事', '2024-06-01T05:00:00.000Z', 'assessing', 'handling', '已转保卫科'],
      ['测试干事', '2024-06-01T07:00:00.000Z', 'handling', 'closed', '已增设临时车位并回复网友']
    ])
    expect(m.nextSteps).toEqual(['handling'])
    expect((await d.call('mention-list', {})).total).toBe(0) // the default inbox shows only what is still open
    expect((await d.call('mention-list', { status: 'closed' })).total).toBe(1)
  })

  it('refuses steps that skip the path, in Chinese, and changes nothing', async () => {
    const { d, ids } = await withMentions(['网友投诉我院停车难'])
    const id = ids[0]
    const skip = await d.invoke('mention-triage', { id, step: 'closed', note: '直接办结' })
    expect(!skip.ok && skip.error.message).toBe('处置步骤：“新”状态不能直接改为“已办结”，只能改为“研判”或“忽略”')
    const back = await d.invoke('mention-triage', { id, step: 'new' })
    expect(!back.ok && back.error.message).toBe('处置步骤：“新”状态不能直接改为“新”，只能改为“研判”或“忽略”')
    await d.call('mention-triage', { id, step: 'assessing' })
    await d.call('mention-triage', { id, step: 'handling' })
    const noNote = await d.invoke('mention-triage', { id, step: 'closed', note: '  ' })
    expect(!noNote.ok && noNote.error.message).toBe('处置说明：办结时请写明处置结果（如：已联系患者家属沟通解决）')
    const m = await d.call('mention-get', { id })
    expect([m.status, m.events.length]).toEqual(['handling', 2])
    const missing = await d.invoke('mention-triage', { id: 999, step: 'assessing' })
    expect(!missing.ok && missing.error.message).toBe('找不到编号为 999 的舆情，可能已被删除')
  })

  it('ignore from any open state, restore to 新; reopen a closed one', async () => {
    const { d, ids } = await withMentions(['我院召开会议', '网友投诉我院'])
    await d.call('mention-triage', { id: ids[0], step: 'ignored', note: '常规新闻' })
    expect((await d.call('mention-triage', { id: ids[0], step: 'new' })).status).toBe('new')
    for (const step of ['assessing', 'handling', 'closed', 'handling'] as const) await d.call('mention-triage', { id: ids[1], step, note: '处理' })
    const m = await d.call('mention-get', { id: ids[1] })
    expect([m.status, m.closedAt]).toEqual(['handling', null])
  })

  it('assignee, 上报领导 (the secretary’s view) and the link to a ledger piece, validated', async () => {
    const { d, ids } = await withMentions(['网友投诉我院停车难', '我院召开会议'])
    await d.call('mention-assign', { id: ids[0], assignee: '李明' })
    await d.call('mention-escalate', { id: ids[0], escalated: true, note: '请院办关注' })
    const leaders = await d.call('mention-list', { escalated: true, status: 'all' })
    expect(leaders.rows.map((r) => [r.id, r.assignee, r.escalated])).toEqual([[ids[0], '李明', true]])
    const bad = await d.invoke('mention-link-piece', { id: ids[0], pieceId: 4242 })
    expect(!bad.ok && bad.error.message).toBe('台账稿件：台账中没有编号为 4242 的记录')
    const piece = await d.call('piece-create', { channel: 'website', title: '关于停车难问题的情况说明', date: '2024-06-01', status: 'published', backfill: true })
    const m = await d.call('mention-link-piece', { id: ids[0], pieceId: piece.id })
    expect(m.piece).toEqual({ id: piece.id, title: '关于停车难问题的情况说明', date: '2024-06-01', channel: 'website' })
    expect((await d.call('mention-link-piece', { id: ids[0], pieceId: null })).piece).toBeNull()
    expect((await d.call('watch-summary', {})).escalatedOpen).toBe(1)
    const audit = await d.call('audit-list', { entity: 'mention', entityId: String(ids[0]) })
    expect(audit.map((a) => Object.keys(a.changes)[0])).toEqual(['assignee', 'escalated', 'pieceId', 'pieceId'])
  })
})

describe('alerts', () => {
  it('notifies new 较大/重大 mentions only, one notice each', async () => {
    const { d, ids } = await withMentions(['网友投诉我院停车难', '我院召开会议'], { weight: 2 })
    expect(d.notices).toEqual([{ kind: 'alert', title: '较大舆情', body: '网友投诉我院停车难', href: `#/watch/inbox/${ids[0]}` }])
  })

  it('in quiet hours holds 较大 for the digest; the first poll after announces them in one notice', async () => {
    // 23:30 in China: inside the default quiet hours 22:00–07:00.
    const night = new Date('2024-06-01T15:30:00.000Z')
    const { d, set } = await withMentions(['网友投诉我院停车难', '我院召开会议'], { now: night, weight: 2 })
    expect(d.notices).toEqual([])
    const digest = await d.call('watch-digest', { date: '2024-06-01' })
    expect([digest.total, digest.negative, digest.held.map((h) => h.title), digest.rest.map((h) => h.title)]).toEqual([
      2, 1, ['网友投诉我院停车难'], ['我院召开会议']
    ])
    d.clock.now = new Date('2024-06-01T23:10:00.000Z') // 07:10 next morning
    set(['我院举办义诊'])
    await pollDue(d.ctx)
    expect(d.notices).toEqual([{ kind: 'alert', title: '静默时段内的舆情提醒', body: '静默时段内发现 1 条较大舆情，已列入今日简报，请及时研判。', href: '#/watch/inbox' }])
    await pollDue(d.ctx, { now: new Date('2024-06-02T00:00:00.000Z') })
    expect(d.notices).toHaveLength(1)
  })

  it('switched off: no notices at all; many at once: one summary notice', async () => {
    d = await watchDesk()
    const s = await d.call('watch-settings-get', {})
    await d.call('watch-settings-save', { ...s, alerts: { ...s.alerts, enabled: false } })
    const negative = (t: string[]) => ({ body: rss2('源', t.map((x, i) => item(`网友投诉我院${x}`, { guid: x + i }))) })
    d.ctx.http = memoryTransport({ 'http://a.example/rss': negative(['甲']), 'http://b.example/rss': negative(['乙', '丙', '丁', '戊']) }).transport
    await d.call('feed-add', { url: 'http://a.example/rss', name: '省台', weight: 3 })
    await pollDue(d.ctx)
    expect(d.notices).toEqual([])
    await d.call('watch-settings-save', { ...s, alerts: { ...s.alerts, enabled: true } })
    await d.call('feed-add', { url: 'http://b.example/rss', name: '央视', weight: 3 })
    await pollDue(d.ctx)
    expect(d.notices).toEqual([{ kind: 'alert', title: '发现 4 条较大/重大舆情', body: '【重大】网友投诉我院乙\n【重大】网友投诉我院丙\n【重大】网友投诉我院丁\n……请到舆情收件箱查看。', href: '#/watch/inbox' }])
  })

  it('quiet hours are validated in Chinese', async () => {
    d = await watchDesk()
    const s = await d.call('watch-settings-get', {})
    const r = await d.invoke('watch-settings-save', { ...s, alerts: { ...s.alerts, quietFrom: '25:00' } })
    expect(!r.ok && r.error.message).toBe('静默开始时间：请填写时间，格式如 22:00')
  })
})

describe('dashboard counts', () => {
  it("today's new and negative, unhandled, failing feeds", async () => {
    const { d, ids } = await withMentions(['网友投诉我院停车难', '我院召开会议', '我院举办义诊'])
    await d.call('mention-triage', { id: ids[1], step: 'ignored' })
    expect(await d.call('watch-summary', {})).toEqual({
      today: '2024-06-01', newToday: 3, negativeToday: 1, unhandled: 2, escalatedOpen: 0, feeds: 1, failingFeeds: []
    })
  })
})
