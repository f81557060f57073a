import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { TEST_PASSWORD, freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
const post = (title: string, date: string, status = 'published') =>
  d.call('piece-create', { channel: 'wechat', title, date, status: status as 'published', backfill: status !== 'draft', reads: 500, extra: { original: true } })

beforeEach(async () => {
  d = freshDesk() // today: 2023-06-15
  await d.call('profile-save', { fullName: '南和县人民医院' })
})
afterEach(() => d.close())

describe('已阅: signing a month and seeing later changes', () => {
  it('stores the figures as signed, audits the signing, and reports no change while nothing changed', async () => {
    await post('五月推文一', '2023-05-03')
    await post('五月推文二', '2023-05-20')
    const s = await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '已核对' })
    // The signer is the signed-in secretary (the test user holds every role), never a typed name.
    expect(s).toMatchObject({ month: '2023-05', version: 1, signedBy: '测试干事', comment: '已核对', changed: false, figureChanges: [], rowChanges: [] })
    expect(s.figures['channel.wechat.count']).toBe(2)
    expect(s.figures['pieces.total']).toBe(2)
    const audit = await d.call('audit-list', { entity: 'signoff', entityId: '2023-05' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'signoff', actor: '测试干事' })
    expect((audit[0].changes as { figures: Record<string, number> }).figures['channel.wechat.count']).toBe(2)
    expect((await d.call('tally-get', { period: '2023-05' })).signoff?.changed).toBe(false)
  })

  it('shows 签阅后有变动 with the differences when a row of the month is added, edited or deleted', async () => {
    const a = await post('五月推文一', '2023-05-03')
    const b = await post('五月推文二', '2023-05-20')
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD })

    // Edited: moved out of May.
    await d.call('piece-update', { id: a.id, date: '2023-04-28', confirm: true })
    let s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.changed).toBe(true)
    expect(s.figureChanges).toContainEqual({ key: 'channel.wechat.count', label: '微信公众号', signed: 2, now: 1 })
    expect(s.rowChanges).toEqual([expect.objectContaining({ action: 'update', pieceId: a.id, title: '五月推文一', date: '2023-05-03', fields: ['日期：2023-05-03 → 2023-04-28'] })])
    // The signed figures themselves are kept as they were.
    expect(s.figures['channel.wechat.count']).toBe(2)

    // Added and deleted.
    await post('五月补录推文', '2023-05-25')
    await d.call('piece-delete', { id: b.id, reason: '重复登记', confirm: true })
    s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.rowChanges.map((r) => [r.action, r.title])).toEqual([['update', '五月推文一'], ['create', '五月补录推文'], ['delete', '五月推文二']])
    expect(s.figureChanges.find((c) => c.key === 'channel.wechat.count')).toMatchObject({ signed: 2, now: 1 })
  })

  it('lists an edit that changes no figure, ignores drafts and other months, and re-signing starts afresh', async () => {
    const a = await post('五月推文一', '2023-05-03')
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD })
    await post('六月推文', '2023-06-02')
    await d.call('piece-create', { channel: 'wechat', title: '五月草稿', date: '2023-05-30', status: 'draft' })
    expect((await d.call('tally-get', { period: '2023-05' })).signoff?.changed).toBe(false)

    await d.call('piece-update', { id: a.id, title: '五月推文一（改标题）', confirm: true })
    const s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.changed).toBe(true)
    expect(s.figureChanges).toEqual([])
    expect(s.rowChanges).toEqual([expect.objectContaining({ action: 'update', title: '五月推文一（改标题）', fields: ['标题：五月推文一 → 五月推文一（改标题）'] })])

    const again = await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '改标题已知悉' })
    expect(again.changed).toBe(false)
    const audit = await d.call('audit-list', { entity: 'signoff', entityId: '2023-05' })
    expect(audit.map((x) => x.action)).toEqual(['signoff', 'resign'])
  })

  it('sees mentions of the month that arrive after signing', async () => {
    await post('五月推文一', '2023-05-03')
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD })
    d.ctx.desk.sqlite
      .prepare(`INSERT INTO mentions (title, published_at, fetched_at, day, sentiment, grade, status, updated_at) VALUES ('网友反映挂号难', '2023-05-30T12:00:00.000Z', '2023-06-02T01:00:00.000Z', '2023-05-30', '负面', '一般', 'new', '2023-06-02T01:00:00.000Z')`)
      .run()
    const s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.figureChanges).toContainEqual({ key: 'mentions.negative', label: '舆情·负面', signed: 0, now: 1 })
  })

  it('refuses a month that has not ended, and a missing password, in Chinese', async () => {
    const now = await d.invoke('tally-signoff', { month: '2023-06', password: TEST_PASSWORD })
    expect(now.ok).toBe(false)
    if (!now.ok) expect(now.error).toMatchObject({ type: 'user', message: '月份：6月尚未结束，请在月底后再签阅', details: { field: 'month' } })
    const noPassword = await d.invoke('tally-signoff', { month: '2023-05', password: '' })
    expect(noPassword.ok).toBe(false)
    if (!noPassword.ok) expect(noPassword.error).toMatchObject({ message: '密码：请输入您的登录密码作为签名', details: { field: 'password' } })
    expect(await d.call('audit-list', { entity: 'signoff', entityId: '2023-05' })).toEqual([])
  })
})
