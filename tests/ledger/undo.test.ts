// 撤销: a status change, a calendar drag and a bulk edit answer with a token; piece-undo reverts exactly what that
// action changed, through the ordinary write path (audited as 'undo'), and refuses — naming the record — when the
// record changed again since. 指标 / 报送节点 deletes come back under their own id.
import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, addTestUser, actAs, type TestDesk } from '../helpers/desk'
import { toSessionUser } from '../../db/queries/users'

let d: TestDesk
afterEach(() => d?.close())

const wechatCount = async (month: string) =>
  (await d.call('tally-get', { period: month })).set.figures.find((f) => f.key === 'channel.wechat.count')?.value ?? 0

describe('撤销 a bulk status change', () => {
  it('puts every piece back to its own previous status, audited as undo, and the tally follows', async () => {
    d = freshDesk()
    const a = await d.call('piece-create', { channel: 'wechat', title: '甲', date: '2023-06-01', status: 'scheduled', backfill: true })
    const b = await d.call('piece-create', { channel: 'wechat', title: '乙', date: '2023-06-02', status: 'approved', backfill: true })
    const c = await d.call('piece-create', { channel: 'wechat', title: '丙', date: '2023-06-03', status: 'published', backfill: true })
    expect(await wechatCount('2023-06')).toBe(1)
    const r = await d.call('piece-bulk-status', { ids: [a.id, b.id, c.id], status: 'published' })
    expect(r).toMatchObject({ changed: 2, unchanged: 1 })
    expect(r.undo?.audit).toHaveLength(2)
    expect(await wechatCount('2023-06')).toBe(3)

    expect(await d.call('piece-undo', r.undo!)).toEqual({ reverted: 2 })
    expect((await d.call('piece-get', { id: a.id })).status).toBe('scheduled')
    expect((await d.call('piece-get', { id: b.id })).status).toBe('approved')
    expect((await d.call('piece-get', { id: c.id })).status).toBe('published')
    expect(await wechatCount('2023-06')).toBe(1)
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(a.id) })
    expect(log.at(-1)).toMatchObject({ action: 'undo', changes: { status: ['published', 'scheduled'], undoOf: r.undo!.audit[0], undid: 'bulk-status' } })
  })

  it('refuses, naming the record, when one of them changed since — and then reverts none', async () => {
    d = freshDesk()
    const a = await d.call('piece-create', { channel: 'wechat', title: '端午安康推文', date: '2023-06-01', status: 'scheduled', backfill: true })
    const b = await d.call('piece-create', { channel: 'wechat', title: '护士节推文', date: '2023-06-02', status: 'scheduled', backfill: true })
    const r = await d.call('piece-bulk-status', { ids: [a.id, b.id], status: 'published' })
    await d.call('piece-update', { id: b.id, notes: '补充备注' })
    const undo = await d.invoke('piece-undo', r.undo!)
    expect(!undo.ok && undo.error.message).toBe('无法撤销：《护士节推文》在此之后又被修改过（测试干事，6月15日 10:00）。如需改回，请在详情中修改')
    expect((await d.call('piece-get', { id: a.id })).status).toBe('published')
    expect((await d.call('piece-get', { id: b.id })).status).toBe('published')
  })

  it('offers nothing to undo when nothing changed, and an undo is not undone twice', async () => {
    d = freshDesk()
    const a = await d.call('piece-create', { channel: 'wechat', title: '甲', date: '2023-06-01', status: 'published', backfill: true })
    expect((await d.call('piece-bulk-status', { ids: [a.id], status: 'published' })).undo).toBeNull()
    const r = await d.call('piece-bulk-status', { ids: [a.id], status: 'withdrawn' })
    await d.call('piece-undo', r.undo!)
    const twice = await d.invoke('piece-undo', r.undo!)
    expect(!twice.ok && twice.error.message).toMatch(/^无法撤销：《甲》在此之后又被修改过/)
    expect((await d.call('piece-get', { id: a.id })).status).toBe('published')
  })
})

describe('撤销 a calendar drag and a status change', () => {
  it('moves the piece back, an LED window with it', async () => {
    d = freshDesk()
    const led = await d.call('piece-create', { channel: 'led', title: '庆七一', date: '2023-06-26', status: 'draft', kind: '标语', extra: { displayStart: '2023-06-26', displayEnd: '2023-07-01' } })
    const moved = await d.call('piece-reschedule', { id: led.id, date: '2023-06-28' })
    expect(moved.extra).toEqual({ displayStart: '2023-06-28', displayEnd: '2023-07-03' })
    await d.call('piece-undo', moved.undo!)
    const back = await d.call('piece-get', { id: led.id })
    expect([back.date, back.extra]).toEqual(['2023-06-26', { displayStart: '2023-06-26', displayEnd: '2023-07-01' }])
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(led.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'reschedule', 'undo'])
  })

  it('takes back a status change from the detail, even one the status menu never offers backwards', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'wechat', title: '已排期推文', date: '2023-06-10', status: 'scheduled', backfill: true })
    const r = await d.call('piece-set-status', { id: p.id, status: 'published' })
    expect(r.piece.status).toBe('published')
    await d.call('piece-undo', r.undo!)
    expect((await d.call('piece-get', { id: p.id })).status).toBe('scheduled')
  })

  it('refuses to go back into 待审核 (the round was closed) and someone else’s change', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'wechat', title: '送审中的推文', date: '2023-06-20', status: 'pending' })
    const r = await d.call('piece-set-status', { id: p.id, status: 'withdrawn' })
    const back = await d.invoke('piece-undo', r.undo!)
    expect(!back.ok && back.error.message).toBe('无法撤销：《送审中的推文》原为“待审核”，修改时本轮审核已结束，请重新送审。如需改回，请在详情中修改')

    const q = await d.call('piece-create', { channel: 'wechat', title: '另一篇', date: '2023-06-21', status: 'scheduled', backfill: true })
    const mine = await d.call('piece-set-status', { id: q.id, status: 'published' })
    const other = addTestUser(d.ctx, '乙干事', ['officer'])
    actAs(d.ctx, other)
    d.ctx.user = toSessionUser(other)
    const theirs = await d.invoke('piece-undo', mine.undo!)
    expect(!theirs.ok && theirs.error.message).toBe('只能撤销您本人的修改（这项修改由测试干事所做）')
  })

  it('refuses a token that names anything but such a change', async () => {
    d = freshDesk()
    await d.call('piece-create', { channel: 'wechat', title: '甲', date: '2023-06-01', status: 'draft' })
    const head = (d.ctx.desk.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }).id
    const r = await d.invoke('piece-undo', { audit: [head] })
    expect(!r.ok && r.error.message).toBe('这项修改不能撤销')
  })
})

describe('撤销 deleting a 指标 or 报送节点', () => {
  it('brings the quota back under its own id with the same values, audited as restore', async () => {
    d = freshDesk()
    const q = await d.call('quota-save', { label: '省级以上录用', minLevel: '省级', onlyAccepted: true, period: 'half', target: 5 })
    await d.call('quota-save', { label: '公众号每月', channel: 'wechat', period: 'month', target: 8 })
    await d.call('quota-delete', { id: q.id })
    expect((await d.call('quota-list', {})).map((x) => x.label)).toEqual(['公众号每月'])
    expect(await d.call('quota-restore', { id: q.id })).toEqual(q)
    expect(await d.call('quota-list', {})).toContainEqual(q)
    const log = await d.call('audit-list', { entity: 'quota', entityId: String(q.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'delete', 'restore'])
    const again = await d.invoke('quota-restore', { id: q.id })
    expect(!again.ok && again.error.message).toBe(`编号为 ${q.id} 的指标没有可撤销的删除`)
  })

  it('brings a done deadline back done', async () => {
    d = freshDesk()
    const dl = await d.call('deadline-save', { title: '上半年意识形态工作总结', dueDate: '2023-06-30', notes: '报县委宣传部' })
    const done = await d.call('deadline-done', { id: dl.id, done: true })
    await d.call('deadline-delete', { id: dl.id })
    expect(await d.call('deadline-list', {})).toEqual([])
    expect(await d.call('deadline-restore', { id: dl.id })).toEqual(done)
    expect(await d.call('deadline-list', {})).toEqual([done])
  })
})
