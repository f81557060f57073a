import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
afterEach(() => d?.close())

async function scheduled(title: string, date: string, channel: 'wechat' | 'led' = 'wechat', extra: Record<string, unknown> = {}) {
  const p = await d.call('piece-create', { channel, title, date, status: 'draft', kind: channel === 'led' ? '标语' : null, extra })
  await d.call('review-submit', { id: p.id })
  await d.call('review-decide', { id: p.id, decision: 'approve' })
  await d.call('review-decide', { id: p.id, decision: 'approve' })
  return d.call('piece-update', { id: p.id, status: 'scheduled' })
}

describe('calendar', () => {
  it('lists the month’s pieces and LED display windows that overlap it, but not withdrawn ones', async () => {
    d = freshDesk()
    await d.call('piece-create', { channel: 'wechat', title: '五月推文', date: '2023-05-31', status: 'published', backfill: true })
    await d.call('piece-create', { channel: 'wechat', title: '六月推文', date: '2023-06-02', status: 'published', backfill: true })
    await d.call('piece-create', { channel: 'wechat', title: '撤回的推文', date: '2023-06-03', status: 'withdrawn' })
    await d.call('piece-create', { channel: 'led', title: '端午安康', date: '2023-05-28', status: 'published', backfill: true, kind: '节日祝福', extra: { displayStart: '2023-05-28', displayEnd: '2023-06-03' } })
    const items = await d.call('calendar-items', { from: '2023-06-01', to: '2023-06-30' })
    expect(items.map((i) => [i.title, i.start, i.end])).toEqual([
      ['端午安康', '2023-05-28', '2023-06-03'],
      ['六月推文', '2023-06-02', '2023-06-02']
    ])
    const tooLong = await d.invoke('calendar-items', { from: '2023-01-01', to: '2023-12-31' })
    expect(!tooLong.ok && tooLong.error.message).toBe('日程一次最多查看 62 天')
  })

  it('reschedules a planned piece, audited; an LED piece keeps the length of its display window', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'wechat', title: '六月医保政策解读', date: '2023-06-21', status: 'draft' })
    const moved = await d.call('piece-reschedule', { id: p.id, date: '2023-06-23' })
    expect(moved.date).toBe('2023-06-23')
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    expect(log.at(-1)).toMatchObject({ action: 'reschedule', changes: { date: ['2023-06-21', '2023-06-23'] } })
    const led = await d.call('piece-create', { channel: 'led', title: '庆七一', date: '2023-06-26', status: 'draft', kind: '标语', extra: { displayStart: '2023-06-26', displayEnd: '2023-07-01' } })
    const ledMoved = await d.call('piece-reschedule', { id: led.id, date: '2023-06-28' })
    expect(ledMoved.extra).toEqual({ displayStart: '2023-06-28', displayEnd: '2023-07-03' })
  })

  // Issue 11: the date is reviewed content. A drag cannot ask a question, so moving an approved piece is refused
  // with the reason and the way to do it (the detail form asks, then sends the piece back for review).
  it('refuses to drag an approved piece to another day, saying why and where to change the date', async () => {
    d = freshDesk()
    const p = await scheduled('六月医保政策解读', '2023-06-21')
    const r = await d.invoke('piece-reschedule', { id: p.id, date: '2023-06-23' })
    expect(!r.ok && r.error.message).toBe('《六月医保政策解读》已审核通过，日期是审核内容的一部分，改期须重新审核。请打开稿件详情修改日期（保存前会提示退回重新审核）')
    expect((await d.call('piece-get', { id: p.id })).date).toBe('2023-06-21')
  })

  it('refuses to move a piece that was already carried out', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'wechat', title: '已发的推文', date: '2023-06-02', status: 'published', backfill: true })
    const r = await d.invoke('piece-reschedule', { id: p.id, date: '2023-06-05' })
    expect(!r.ok && r.error.message).toBe('《已发的推文》已是“已发布”，不能改期；如日期记错，请在详情中修改日期')
  })

  it('announces each scheduled piece that falls due once, and again after it is moved to another due date', async () => {
    d = freshDesk() // today is 2023-06-15
    const today = await scheduled('“七一”党建专题片', '2023-06-15')
    const late = await scheduled('端午推文', '2023-06-14')
    await scheduled('下周推文', '2023-06-21')
    const first = await d.call('schedule-due', {})
    expect(first.map((p) => p.title)).toEqual(['端午推文', '“七一”党建专题片'])
    expect(d.notices).toEqual([
      { title: '排期到期：微信公众号', body: '《端午推文》排期在 2023-06-14，请按时发布', kind: 'due', href: `#/calendar/${late.id}` },
      { title: '排期到期：微信公众号', body: '《“七一”党建专题片》排期在 2023-06-15，请按时发布', kind: 'due', href: `#/calendar/${today.id}` }
    ])
    expect(first.every((p) => p.announced)).toBe(true)
    const second = await d.call('schedule-due', {})
    expect(second.map((p) => p.announced)).toEqual([false, false])
    expect(d.notices).toHaveLength(2)
    // Moved in the form (the date is reviewed content: back to review, approved again, scheduled again).
    await d.call('piece-update', { id: late.id, date: '2023-06-13', confirm: true })
    await d.call('review-decide', { id: late.id, decision: 'approve' })
    await d.call('review-decide', { id: late.id, decision: 'approve' })
    await d.call('piece-update', { id: late.id, status: 'scheduled' })
    await d.call('schedule-due', {})
    expect(d.notices).toHaveLength(3)
    await d.call('piece-update', { id: today.id, status: 'published' })
    expect((await d.call('schedule-due', {})).map((p) => p.id)).toEqual([late.id])
  })

  it('gathers 今日待办: due and overdue scheduled pieces, pieces waiting for review, deadlines near or past', async () => {
    d = freshDesk()
    await scheduled('今天发', '2023-06-15')
    await scheduled('昨天就该发', '2023-06-14')
    const p = await d.call('piece-create', { channel: 'wechat', title: '等待审核', date: '2023-06-20', status: 'draft', themes: ['健康科普'] })
    await d.call('review-submit', { id: p.id })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    await d.call('deadline-save', { title: '报送推进情况', dueDate: '2023-06-20' })
    await d.call('deadline-save', { title: '佐证材料', dueDate: '2023-06-10' })
    await d.call('deadline-save', { title: '工作总结', dueDate: '2023-12-20' })
    const t = await d.call('today-list', {})
    expect(t.today).toBe('2023-06-15')
    expect(t.due.map((x) => [x.title, x.overdue])).toEqual([['昨天就该发', true], ['今天发', false]])
    expect(t.awaitingReview.map((x) => [x.title, x.stepName])).toEqual([['等待审核', '医务科审核']])
    expect(t.deadlines.map((x) => [x.title, x.overdue, x.daysLeft])).toEqual([['佐证材料', true, -5], ['报送推进情况', false, 5]])
  })
})
