import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

describe('the vertical slice: a WeChat post counts on the dashboard', () => {
  it('starts on the first-run screen until the hospital is named', async () => {
    d = freshDesk()
    expect((await d.call('app-state', {})).firstRun).toBe(true)
    const bad = await d.invoke('profile-save', { fullName: '院', aliases: [], departments: [] })
    expect(bad.ok === false && bad.error.message).toBe('医院全称：请填写医院全称（至少 2 个字）')
    await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院', '南和县人民医院'], departments: ['宣传科'] })
    const s = await d.call('app-state', {})
    expect(s.firstRun).toBe(false)
    expect(s.profile?.aliases).toEqual(['南和县医院'])
  })

  it('adds one published post to this month and the half-year', async () => {
    d = freshDesk()
    const before = await d.call('dashboard-summary', {})
    expect(before.month).toBe('2023-06')
    await d.call('piece-create', { channel: 'wechat', title: '我院开展“爱眼日”义诊', date: '2023-06-06', author: '张宣', department: '宣传科', status: 'published', backfill: true })
    const after = await d.call('dashboard-summary', {})
    expect(after.byChannel.wechat).toBe((before.byChannel.wechat ?? 0) + 1)
    expect(after.halfYear).toMatchObject({ label: '2023年上半年', total: 1 })
  })

  it('does not count drafts, pieces in review or withdrawn ones', async () => {
    d = freshDesk()
    for (const status of ['draft', 'pending', 'scheduled', 'withdrawn'] as const) {
      await d.call('piece-create', { channel: 'wechat', title: `状态 ${status}`, date: '2023-06-06', status, backfill: true })
    }
    expect((await d.call('dashboard-summary', {})).total).toBe(0)
  })

  it('refuses a status the channel does not use', async () => {
    d = freshDesk()
    const r = await d.invoke('piece-create', { channel: 'wechat', title: '推文', date: '2023-06-06', status: 'accepted' })
    expect(r.ok === false && r.error.message).toBe('状态：微信公众号不能使用“已录用”状态')
  })

  it('puts a piece dated 7月1日 in July and the second half, whatever the time zone', async () => {
    d = freshDesk({ now: new Date('2023-06-30T16:30:00Z') }) // 2023-07-01 00:30 in China
    await d.call('piece-create', { channel: 'wechat', title: '七一推文', date: '2023-07-01', status: 'published', backfill: true })
    const s = await d.call('dashboard-summary', {})
    expect(s.month).toBe('2023-07')
    expect(s.byChannel.wechat).toBe(1)
    expect(s.halfYear.label).toBe('2023年下半年')
  })
})
