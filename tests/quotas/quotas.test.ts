import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { periodOf, periodsIn, quotaProgress } from '../../db/queries/quotas'
import { WorkCalendar } from '../../shared/china-calendar'

let d: TestDesk
afterEach(() => d?.close())

const report = (date: string, status = 'submitted') => d.call('piece-create', { channel: 'gov_report', title: `工作动态 ${date}`, date, status: status as 'submitted', venue: '卫计局', backfill: true })

describe('quota periods', () => {
  it('uses Monday–Sunday weeks, calendar months and half-years', () => {
    expect(periodOf('2023-06-15', 'week')).toEqual({ from: '2023-06-12', to: '2023-06-18' })
    expect(periodOf('2023-01-01', 'week')).toEqual({ from: '2022-12-26', to: '2023-01-01' })
    expect(periodOf('2023-02-14', 'month')).toEqual({ from: '2023-02-01', to: '2023-02-28' })
    expect(periodOf('2023-07-01', 'half')).toEqual({ from: '2023-07-01', to: '2023-12-31' })
    expect(periodsIn('2023-01-01', '2023-06-30', 'week')).toHaveLength(27)
  })
})

describe('quotaProgress', () => {
  it('counts a weekly quota per week: whole weeks judged, partial ones shown; ids for drill-down', async () => {
    d = freshDesk()
    await d.call('quota-save', { label: '工作动态每周至少 1 条', channel: 'gov_report', period: 'week', target: 1 })
    const a = await report('2023-06-05')
    const b = await report('2023-06-07', 'accepted')
    await report('2023-06-21', 'draft')
    const c = await report('2023-06-30')
    const [p] = quotaProgress(d.ctx.desk.db, '2023-06-01', '2023-06-30', new WorkCalendar())
    expect(p.periods.map((x) => [x.from, x.actual, x.met, x.partial])).toEqual([
      ['2023-05-29', 0, false, true],
      ['2023-06-05', 2, true, false],
      ['2023-06-12', 0, false, false],
      ['2023-06-19', 0, false, false],
      ['2023-06-26', 1, true, true]
    ])
    expect(p).toMatchObject({ label: '工作动态每周至少 1 条', period: 'week', target: 3, actual: 3, met: false, ids: [a.id, b.id, c.id] })
  })

  it('counts 省级以上录用 per half-year: accepted only, at 省级 or above, never paid placements', async () => {
    d = freshDesk()
    await d.call('quota-save', { label: '省级以上录用每半年至少 5 篇', channel: 'media', minLevel: '省级', onlyAccepted: true, period: 'half', target: 5 })
    const media = (title: string, outletLevel: '国家级' | '省级' | '市级', status: 'accepted' | 'submitted', paid = false) =>
      d.call('piece-create', { channel: 'media', title, date: '2023-03-01', status, venue: '某媒体', outletLevel, paid, backfill: true })
    const counted = [await media('人民网录用', '国家级', 'accepted'), await media('河北日报录用', '省级', 'accepted')]
    await media('牛城晚报录用', '市级', 'accepted')
    await media('河北日报报送未录用', '省级', 'submitted')
    await media('合作版面', '省级', 'accepted', true)
    const r = await d.call('quota-progress', { from: '2023-01-01', to: '2023-06-30' })
    expect(r).toHaveLength(1)
    expect(r[0]).toMatchObject({ target: 5, actual: 2, met: false, ids: counted.map((p) => p.id) })
    expect(r[0].periods).toEqual([{ from: '2023-01-01', to: '2023-06-30', actual: 2, met: false, partial: false, off: null }])
  })

  it('shows each quota’s current period and whether the previous one was met', async () => {
    d = freshDesk() // today 2023-06-15
    await d.call('quota-save', { label: '公众号每月至少 8 篇', channel: 'wechat', period: 'month', target: 8 })
    for (let i = 1; i <= 8; i++) await d.call('piece-create', { channel: 'wechat', title: `五月 ${i}`, date: `2023-05-${String(i).padStart(2, '0')}`, status: 'published', backfill: true })
    await d.call('piece-create', { channel: 'wechat', title: '六月 1', date: '2023-06-01', status: 'published', backfill: true })
    const [cur] = await d.call('quota-current', {})
    expect(cur).toMatchObject({ from: '2023-06-01', to: '2023-06-30', actual: 1, target: 8, met: false, previous: { from: '2023-05-01', to: '2023-05-31', actual: 8, met: true } })
  })

  it('validates quotas in Chinese and audits their changes', async () => {
    d = freshDesk()
    const none = await d.invoke('quota-save', { label: '空指标', period: 'month', target: 1 })
    expect(!none.ok && none.error.message).toBe('渠道：请选择渠道或媒体级别')
    const zero = await d.invoke('quota-save', { label: '零', channel: 'wechat', period: 'month', target: 0 })
    expect(!zero.ok && zero.error.message).toBe('目标：目标至少为 1')
    const q = await d.call('quota-save', { label: '周报', channel: 'gov_report', period: 'week', target: 1 })
    await d.call('quota-save', { id: q.id, label: '周报', channel: 'gov_report', period: 'week', target: 2 })
    const log = await d.call('audit-list', { entity: 'quota', entityId: String(q.id) })
    expect(log.map((e) => [e.action, e.changes.target])).toEqual([['create', 1], ['update', [1, 2]]])
  })
})

describe('deadlines', () => {
  it('marks overdue ones, counts days left, and can be ticked off', async () => {
    d = freshDesk() // today 2023-06-15
    const plan = await d.call('deadline-save', { title: '报送方案', dueDate: '2023-05-30' })
    expect(plan).toMatchObject({ overdue: true, daysLeft: -16, doneAt: null })
    const done = await d.call('deadline-done', { id: plan.id, done: true })
    expect(done).toMatchObject({ overdue: false, doneAt: '2023-06-15T02:00:00.000Z' })
    await d.call('deadline-save', { title: '推进情况', dueDate: '2023-06-20' })
    expect((await d.call('deadline-list', {})).map((x) => [x.title, x.overdue, x.daysLeft])).toEqual([['报送方案', false, -16], ['推进情况', false, 5]])
    const bad = await d.invoke('deadline-save', { title: '', dueDate: '2023-06-31' })
    expect(!bad.ok && bad.error.message).toBe('标题：请填写节点名称')
  })
})
