import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { snapshot } from './helpers'

let desk: TestDesk
afterEach(() => desk?.close())

describe('piece-bulk-status', () => {
  it('changes every selected piece in one go, audits each, and leaves already-set ones alone', async () => {
    desk = freshDesk()
    const a = await desk.call('piece-create', { channel: 'wechat', title: '甲', date: '2023-06-01', status: 'scheduled', backfill: true })
    const b = await desk.call('piece-create', { channel: 'weibo', title: '乙', date: '2023-06-02', status: 'approved', backfill: true })
    const c = await desk.call('piece-create', { channel: 'led', title: '丙', date: '2023-06-03', status: 'published', backfill: true })
    const r = await desk.call('piece-bulk-status', { ids: [a.id, b.id, c.id], status: 'published' })
    expect(r).toMatchObject({ changed: 2, unchanged: 1 })
    for (const id of [a.id, b.id, c.id]) expect((await desk.call('piece-get', { id })).status).toBe('published')
    const audit = desk.ctx.desk.sqlite.prepare("SELECT entity_id AS id, changes FROM audit_log WHERE action = 'bulk-status' ORDER BY id").all() as { id: string; changes: string }[]
    expect(audit.map((x) => [x.id, JSON.parse(x.changes).status])).toEqual([
      [String(a.id), ['scheduled', 'published']],
      [String(b.id), ['approved', 'published']]
    ])
  })

  it('is all or nothing: one piece whose channel cannot take the status → nothing changes, and the piece is named', async () => {
    desk = freshDesk()
    const a = await desk.call('piece-create', { channel: 'wechat', title: '公众号推文', date: '2023-06-01', status: 'scheduled', backfill: true })
    const b = await desk.call('piece-create', { channel: 'event', title: '“三下乡”义诊', date: '2023-06-02', status: 'scheduled', backfill: true })
    const c = await desk.call('piece-create', { channel: 'media', title: '投牛城晚报', date: '2023-06-03', status: 'submitted', backfill: true, venue: '牛城晚报', outletLevel: '市级' })
    const before = snapshot(desk)
    const r = await desk.invoke('piece-bulk-status', { ids: [a.id, b.id, c.id], status: 'published' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.type).toBe('user')
    expect(r.error.message).toBe(
      `没有修改任何记录：有 2 条不能改为“已发布”。\n《“三下乡”义诊》（宣传活动，编号 ${b.id}）：宣传活动不能使用“已发布”状态\n《投牛城晚报》（媒体投稿，编号 ${c.id}）：媒体投稿不能使用“已发布”状态`
    )
    expect(snapshot(desk)).toEqual(before)
  })

  it('names a piece the review workflow does not let through (a draft cannot jump to 已发布)', async () => {
    desk = freshDesk()
    const a = await desk.call('piece-create', { channel: 'wechat', title: '已排期的推文', date: '2023-06-01', status: 'scheduled', backfill: true })
    const b = await desk.call('piece-create', { channel: 'wechat', title: '还是草稿', date: '2023-06-02', status: 'draft' })
    const before = snapshot(desk)
    const r = await desk.invoke('piece-bulk-status', { ids: [a.id, b.id], status: 'published' })
    expect(!r.ok && r.error.message).toMatch(new RegExp(`^没有修改任何记录：有 1 条不能改为“已发布”。\n《还是草稿》（微信公众号，编号 ${b.id}）：尚未完成审核`))
    expect(snapshot(desk)).toEqual(before)
  })

  it('refuses an empty selection or a missing piece, in Chinese', async () => {
    desk = freshDesk()
    const empty = await desk.invoke('piece-bulk-status', { ids: [], status: 'published' })
    expect(!empty.ok && empty.error.message).toBe('选中的记录：请先勾选要修改的记录')
    const missing = await desk.invoke('piece-bulk-status', { ids: [999], status: 'published' })
    expect(!missing.ok && missing.error.message).toBe('找不到编号为 999 的稿件，可能已被删除')
  })
})

describe('ledger search finds Chinese terms of any length', () => {
  async function seedSearch(): Promise<Record<string, number>> {
    const add = async (title: string, more: Record<string, unknown> = {}) =>
      (await desk.call('piece-create', { channel: 'wechat', title, date: '2023-05-01', status: 'published', backfill: true, ...more } as never)).id
    return {
      unity: await add('我院开展民族团结进步月活动'),
      clinic: await add('下乡开展免费健康检查', { notes: '组织专家义诊 200 余人次' }),
      insurance: await add('政策解读', { body: '城乡居民医保缴费标准调整' }),
      trad: await add('醫院舉辦義診活動'), // typed in traditional characters
      other: await add('结团不是团结')
    }
  }
  const titles = async (q: string, more: Record<string, unknown> = {}) => (await desk.call('piece-list', { q, sort: 'title', desc: false, ...more })).rows.map((p) => p.title).sort()

  it('two-character terms in titles, notes and bodies', async () => {
    desk = freshDesk()
    await seedSearch()
    expect(await titles('团结')).toEqual(['我院开展民族团结进步月活动', '结团不是团结'].sort())
    expect(await titles('义诊')).toEqual(['下乡开展免费健康检查', '醫院舉辦義診活動'].sort())
    expect(await titles('医保')).toEqual(['政策解读'])
  })

  it('one-character terms, and four-character terms as a phrase (order matters)', async () => {
    desk = freshDesk()
    await seedSearch()
    expect(await titles('诊')).toEqual(['下乡开展免费健康检查', '醫院舉辦義診活動'].sort())
    expect(await titles('民族团结')).toEqual(['我院开展民族团结进步月活动'])
    expect(await titles('团结进步')).toEqual(['我院开展民族团结进步月活动'])
    expect(await titles('团民族')).toEqual([])
  })

  it('traditional and simplified characters find each other', async () => {
    desk = freshDesk()
    await seedSearch()
    expect(await titles('義診')).toEqual(['下乡开展免费健康检查', '醫院舉辦義診活動'].sort())
    expect(await titles('医院')).toEqual(['醫院舉辦義診活動'])
    expect(await titles('團結')).toEqual(['我院开展民族团结进步月活动', '结团不是团结'].sort())
  })

  it('search combines with the filters and survives FTS syntax typed by the officer', async () => {
    desk = freshDesk()
    await seedSearch()
    await desk.call('piece-create', { channel: 'media', title: '民族团结一家亲', date: '2023-02-01', status: 'submitted', backfill: true, venue: '南和报', outletLevel: '县级' })
    expect(await titles('团结', { channel: 'media' })).toEqual(['民族团结一家亲'])
    expect(await titles('团结', { from: '2023-04-01' })).toHaveLength(2)
    for (const q of ['"', 'OR', '团结 OR', 'NEAR(团结', '*', '^团']) expect((await desk.invoke('piece-list', { q })).ok).toBe(true)
  })

  it('an edit re-indexes the piece', async () => {
    desk = freshDesk()
    const ids = await seedSearch()
    await desk.call('piece-update', { id: ids.insurance, body: '门诊统筹' })
    expect(await titles('医保')).toEqual([])
    expect(await titles('统筹')).toEqual(['政策解读'])
  })
})

describe('ledger facets', () => {
  it('lists default and used themes, profile and used departments', async () => {
    desk = freshDesk()
    await desk.call('profile-save', { fullName: '南和县人民医院', departments: ['宣传科', '党办'] })
    await desk.call('piece-create', { channel: 'wechat', title: '甲', date: '2023-06-01', status: 'published', backfill: true, department: '内科', themes: ['爱国卫生'] })
    const f = await desk.call('ledger-facets', {})
    expect(f.themes).toContain('民族团结')
    expect(f.themes).toContain('爱国卫生')
    expect(f.departments).toEqual(['宣传科', '党办', '内科'])
  })
})
