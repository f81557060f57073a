// 回收站: deleting a record asks for a reason and moves it out of every list, count and report; 恢复 brings it back
// exactly; only the administrator's 彻底删除 removes it (and its evidence files on disk).
import { describe, it, expect, afterEach } from 'vitest'
import { existsSync } from 'node:fs'
import { freshDesk, addTestUser, actAs, TEST_PASSWORD, type TestDesk } from '../helpers/desk'
import { toSessionUser } from '../../db/queries/users'
import { blobPath } from '../../handlers/evidence/store'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

let d: TestDesk
afterEach(() => d?.close())

const figure = (set: { figures: { key: string; value: number }[] }, key: string) => set.figures.find((f) => f.key === key)?.value ?? 0

async function seed() {
  d = freshDesk()
  const post = (title: string, date: string, extra: Record<string, unknown> = {}) =>
    d.call('piece-create', { channel: 'wechat', title, date, status: 'published', backfill: true, themes: ['民族团结'], ...extra })
  const a = await post('五月推文一', '2023-05-03')
  const b = await post('民族团结进步月义诊推文', '2023-05-20', { department: '门诊部' })
  await d.call('evidence-add', { pieceId: b.id, fileName: '现场照片.png', dataBase64: PNG.toString('base64') })
  return { a, b }
}

describe('deleting a ledger record', () => {
  it('names what goes before asking, and refuses without a reason', async () => {
    const { b } = await seed()
    const what = await d.call('piece-delete-check', { id: b.id })
    expect(what).toMatchObject({ title: '民族团结进步月义诊推文', channel: 'wechat', date: '2023-05-20', evidence: ['现场照片.png'], reviews: 0, warnings: [] })
    const bare = await d.invoke('piece-delete', { id: b.id, reason: ' ' })
    expect(!bare.ok && bare.error.message).toBe('理由：请填写删除原因（如：重复登记、登记错误）')
    expect((await d.call('piece-get', { id: b.id })).title).toBe('民族团结进步月义诊推文')
  })

  it('takes the record out of the ledger, search, calendar, tally, report and quotas — and 恢复 puts it back', async () => {
    const { b } = await seed()
    await d.call('quota-save', { label: '公众号每月', channel: 'wechat', period: 'month', target: 2 })
    const tally = async () => (await d.call('tally-get', { period: '2023-05' })).set
    const report = async () => (await d.call('report-preview', { period: '2023-05' })).figures
    const state = async () => ({
      list: (await d.call('piece-list', {})).total,
      search: (await d.call('piece-list', { q: '义诊' })).total,
      calendar: (await d.call('calendar-items', { from: '2023-05-01', to: '2023-05-31' })).length,
      wechat: figure(await tally(), 'channel.wechat.count'),
      total: figure(await tally(), 'pieces.total'),
      report: (await report()).find((f) => f.key === 'channel.wechat.count')?.value,
      quota: (await d.call('quota-progress', { from: '2023-05-01', to: '2023-05-31' }))[0].actual,
      departments: (await d.call('ledger-facets', {})).departments.includes('门诊部'),
      evidence: (await d.call('report-preview', { period: '2023-05' })).evidence
    })
    const before = await state()
    expect(before).toEqual({ list: 2, search: 1, calendar: 2, wechat: 2, total: 2, report: 2, quota: 2, departments: true, evidence: 1 })

    await d.call('piece-delete', { id: b.id, reason: '重复登记' })
    expect(await state()).toEqual({ list: 1, search: 0, calendar: 1, wechat: 1, total: 1, report: 1, quota: 1, departments: false, evidence: 0 })
    const gone = await d.invoke('piece-get', { id: b.id })
    expect(!gone.ok && gone.error.message).toBe('《民族团结进步月义诊推文》已删除（在回收站中），如需修改请先在回收站中恢复')

    const bin = await d.call('piece-trash-list', {})
    expect(bin.total).toBe(1)
    expect(bin.rows[0]).toMatchObject({ id: b.id, title: '民族团结进步月义诊推文', deletedBy: '测试干事', reason: '重复登记', evidence: 1, reviews: 0, deletedAt: '2023-06-15T02:00:00.000Z' })

    const back = await d.call('piece-restore', { id: b.id })
    expect(back.title).toBe('民族团结进步月义诊推文')
    expect(await state()).toEqual(before)
    expect((await d.call('piece-trash-list', {})).total).toBe(0)
    expect((await d.call('evidence-list', { pieceId: b.id })).map((e) => e.fileName)).toEqual(['现场照片.png'])

    const log = await d.call('audit-list', { entity: 'piece', entityId: String(b.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'evidence-add', 'delete', 'restore'])
    expect(log[2].changes).toMatchObject({ title: '民族团结进步月义诊推文', date: '2023-05-20', reason: '重复登记', evidence: ['现场照片.png'] })
    expect(log[3].changes).toMatchObject({ title: '民族团结进步月义诊推文', deleted: { by: '测试干事', reason: '重复登记' } })
  })

  it('asks first in a month the secretary signed, and the tally lists the deletion and the restore', async () => {
    const { b } = await seed()
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD })
    const asked = await d.invoke('piece-delete', { id: b.id, reason: '重复登记' })
    expect(!asked.ok && asked.error.details).toMatchObject({ confirm: true, warnings: ['2023年5月已由测试干事签阅，修改将在统计中标出'] })
    expect((await d.call('piece-list', {})).total).toBe(2)
    expect((await d.call('piece-delete-check', { id: b.id })).warnings).toEqual(['2023年5月已由测试干事签阅，修改将在统计中标出'])

    await d.call('piece-delete', { id: b.id, reason: '重复登记', confirm: true })
    let s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.changed).toBe(true)
    expect(s.figureChanges.find((c) => c.key === 'channel.wechat.count')).toMatchObject({ signed: 2, now: 1 })
    expect(s.rowChanges.map((r) => [r.action, r.title])).toEqual([['delete', '民族团结进步月义诊推文']])

    const restoreAsked = await d.invoke('piece-restore', { id: b.id })
    expect(!restoreAsked.ok && restoreAsked.error.details?.confirm).toBe(true)
    await d.call('piece-restore', { id: b.id, confirm: true })
    s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.figureChanges).toEqual([])
    expect(s.rowChanges.map((r) => r.action)).toEqual(['delete', 'create'])
  })

  it('refuses edits, reviews and evidence on a deleted record', async () => {
    const { a } = await seed()
    await d.call('piece-delete', { id: a.id, reason: '登记错误' })
    for (const r of [
      await d.invoke('piece-update', { id: a.id, title: '改标题' }),
      await d.invoke('piece-set-status', { id: a.id, status: 'withdrawn' }),
      await d.invoke('evidence-add', { pieceId: a.id, fileName: '照片.png', dataBase64: PNG.toString('base64') }),
      await d.invoke('piece-delete', { id: a.id, reason: '再删一次' })
    ]) {
      expect(!r.ok && r.error.message).toBe('《五月推文一》已删除（在回收站中），如需修改请先在回收站中恢复')
    }
  })
})

describe('彻底删除', () => {
  it('is the administrator’s alone, removes the row and its evidence files from disk, audited', async () => {
    const { b } = await seed()
    const [ev] = await d.call('evidence-list', { pieceId: b.id })
    const sha = (d.ctx.desk.sqlite.prepare('SELECT sha256 FROM evidence WHERE id = ?').get(ev.id) as { sha256: string }).sha256
    const stored = () => existsSync(blobPath(d.ctx.dataDir, sha))

    const live = await d.invoke('piece-purge', { id: b.id })
    expect(!live.ok && live.error.message).toBe(`回收站中没有编号为 ${b.id} 的记录，可能已被恢复或彻底删除`)

    await d.call('piece-delete', { id: b.id, reason: '重复登记' })
    expect(stored()).toBe(true) // deleting keeps the files: 恢复 needs them

    const officer = addTestUser(d.ctx, '乙干事', ['officer'])
    const admin = d.ctx.user!
    actAs(d.ctx, officer)
    d.ctx.user = toSessionUser(officer)
    const refused = await d.invoke('piece-purge', { id: b.id })
    expect(refused.ok).toBe(false)
    actAs(d.ctx, { id: admin.id, name: admin.name })
    d.ctx.user = admin

    expect(await d.call('piece-purge', { id: b.id })).toEqual({ id: b.id, files: 1 })
    expect(stored()).toBe(false)
    expect((await d.call('piece-trash-list', {})).total).toBe(0)
    expect(d.ctx.desk.sqlite.prepare('SELECT count(*) AS n FROM pieces WHERE id = ?').get(b.id)).toEqual({ n: 0 })
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(b.id) })
    expect(log.at(-1)).toMatchObject({ action: 'purge', changes: { purged: { title: '民族团结进步月义诊推文' }, deleted: { reason: '重复登记' }, reviews: 0 } })
    const again = await d.invoke('piece-restore', { id: b.id })
    expect(!again.ok && again.error.message).toBe(`回收站中没有编号为 ${b.id} 的记录，可能已被恢复或彻底删除`)
  })

  it('keeps a file another record still uses', async () => {
    const { a, b } = await seed()
    await d.call('evidence-add', { pieceId: a.id, fileName: '同一张照片.png', dataBase64: PNG.toString('base64') })
    await d.call('piece-delete', { id: b.id, reason: '重复登记' })
    await d.call('piece-purge', { id: b.id })
    const [kept] = await d.call('evidence-list', { pieceId: a.id })
    expect((await d.call('evidence-preview', { id: kept.id })).dataUrl).toMatch(/^data:image\/png;base64,/)
  })
})
