// 重复稿件 end to end through the handlers: a weekly 工作动态 series makes its drafts ahead of time, once; a deleted
// occurrence stays deleted; 编辑本条 / 编辑此后全部 / 停止重复; and the weekly quota counts only what was carried out.
import { describe, it, expect, afterEach, vi } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { startBackground } from '../../handlers/background'
import { auditActionLabel } from '../../shared/audit-labels'
import type { Piece } from '../../shared/contract/pieces'

let d: TestDesk
afterEach(() => {
  vi.useRealTimers()
  d?.close()
})

// 2023-06-15 (a Thursday) 10:00 China time, as freshDesk starts.
const at = (day: string) => () => new Date(`${day}T02:00:00Z`)

const weekly = (over: Record<string, unknown> = {}) =>
  d.call('series-create', {
    channel: 'gov_report', title: '工作动态（{日期}）', date: '2023-06-12', venue: '市卫健委', department: '宣传科',
    repeat: { freq: 'weekly', weekday: 1, count: 12 }, ...over
  })

async function ofSeries(id: number): Promise<Piece[]> {
  const { rows } = await d.call('piece-list', { sort: 'date', desc: false, limit: 100 })
  return rows.filter((p) => p.seriesId === id)
}

/** 送审 → every step approves → 已报送: the occurrence is carried out. */
async function carryOut(id: number): Promise<Piece> {
  let p = await d.call('piece-get', { id })
  if (p.status === 'draft') await d.call('review-submit', { id })
  p = await d.call('piece-get', { id })
  for (let i = 0; i < 5 && p.status === 'pending'; i++) p = (await d.call('review-decide', { id, decision: 'approve' })).piece
  return (await d.call('piece-set-status', { id, status: 'submitted' })).piece
}

describe('a weekly series', () => {
  it('makes its drafts up to 62 days ahead, each once, and a deleted one never comes back', async () => {
    d = freshDesk()
    const { series, created } = await weekly()
    expect(series).toMatchObject({ text: '每周一，共12次', total: 12, made: 10, done: 0, upcoming: ['2023-08-21', '2023-08-28'], generatedThrough: '2023-08-14' })
    const pieces = await ofSeries(series.id)
    expect(pieces.map((p) => p.id)).toEqual(created)
    expect(pieces.map((p) => p.date)).toEqual(['2023-06-12', '2023-06-19', '2023-06-26', '2023-07-03', '2023-07-10', '2023-07-17', '2023-07-24', '2023-07-31', '2023-08-07', '2023-08-14'])
    expect(pieces[0]).toMatchObject({ title: '工作动态（6月12日）', status: 'draft', venue: '市卫健委', occurrence: '2023-06-12', seriesEdited: false })
    expect(await d.call('series-generate', {})).toEqual({ created: 0 })

    const gone = pieces[2] // 06-26
    await d.call('piece-delete', { id: gone.id, reason: '本周合并报送' })
    await d.call('piece-purge', { id: gone.id })
    d.ctx.now = at('2023-06-22') // a week later: one more week comes into the horizon
    expect(await d.call('series-generate', {})).toEqual({ created: 1 })
    d.ctx.now = at('2023-07-20')
    expect(await d.call('series-generate', {})).toEqual({ created: 1 }) // 08-28, the 12th and last
    expect(await d.call('series-generate', {})).toEqual({ created: 0 })
    const now = await ofSeries(series.id)
    expect(now.map((p) => p.date)).not.toContain('2023-06-26')
    expect(now).toHaveLength(11)
    expect(await d.call('series-get', { id: series.id })).toMatchObject({ made: 11, upcoming: [] })
  })

  it('counts toward the weekly 工作动态 quota only once carried out, never as a planned draft', async () => {
    d = freshDesk()
    await d.call('quota-save', { label: '工作动态每周至少 1 条', channel: 'gov_report', period: 'week', target: 1 })
    const { series } = await weekly()
    const [first, second] = await ofSeries(series.id)
    const weeks = async () => (await d.call('quota-progress', { from: '2023-06-12', to: '2023-06-25' }))[0].periods.map((p) => [p.from, p.actual, p.met])
    expect(await weeks()).toEqual([['2023-06-12', 0, false], ['2023-06-19', 0, false]])
    expect((await d.call('quota-current', {}))[0]).toMatchObject({ from: '2023-06-12', actual: 0, met: false })

    await d.call('review-submit', { id: first.id }) // 待审核 is still planned work
    expect(await weeks()).toEqual([['2023-06-12', 0, false], ['2023-06-19', 0, false]])
    const done = await carryOut(first.id)
    expect(done.status).toBe('submitted')
    expect(await weeks()).toEqual([['2023-06-12', 1, true], ['2023-06-19', 0, false]])
    expect((await d.call('quota-current', {}))[0]).toMatchObject({ actual: 1, met: true })
    expect(await d.call('series-get', { id: series.id })).toMatchObject({ done: 1, made: 10 })
    expect(second.status).toBe('draft')
  })

  it('编辑本条 marks one piece; 编辑此后全部 changes the template and the untouched future drafts only', async () => {
    d = freshDesk()
    const { series } = await weekly()
    const p = await ofSeries(series.id)
    const [w1, w2, , w4, w5] = p
    await d.call('piece-update', { id: w4.id, title: '工作动态（7月3日·党建专题）' })
    expect((await d.call('piece-get', { id: w4.id })).seriesEdited).toBe(true)
    await d.call('piece-update', { id: w2.id, status: 'draft' }) // nothing changed: not an edit
    expect((await d.call('piece-get', { id: w2.id })).seriesEdited).toBe(false)
    await d.call('review-submit', { id: w5.id })
    const w3 = p[2]
    await d.call('piece-reschedule', { id: w3.id, date: '2023-06-27' }) // a calendar drag is an edit of this one too
    expect((await d.call('piece-get', { id: w3.id })).seriesEdited).toBe(true)

    const r = await d.call('series-update-future', { id: series.id, fromPieceId: w2.id, title: '本周工作动态（{日期}）', author: '李宣' })
    expect(r.series.template).toMatchObject({ title: '本周工作动态（{日期}）', author: '李宣', venue: '市卫健委' })
    expect(r.kept.sort()).toEqual([w3.id, w4.id, w5.id].sort())
    expect(r.updated).toHaveLength(p.length - 1 - 3)
    expect(await d.call('piece-get', { id: w2.id })).toMatchObject({ title: '本周工作动态（6月19日）', author: '李宣', seriesEdited: false })
    expect(await d.call('piece-get', { id: w1.id })).toMatchObject({ title: '工作动态（6月12日）', author: '' }) // before 本条
    expect(await d.call('piece-get', { id: w4.id })).toMatchObject({ title: '工作动态（7月3日·党建专题）', author: '' })
    expect(await d.call('piece-get', { id: w5.id })).toMatchObject({ title: '工作动态（7月10日）', status: 'pending' })

    d.ctx.now = at('2023-06-22') // the next occurrence made is made from the new template
    await d.call('series-generate', {})
    expect((await ofSeries(series.id)).at(-1)).toMatchObject({ date: '2023-08-21', title: '本周工作动态（8月21日）', author: '李宣' })

    const trail = await d.call('audit-list', { entity: 'series', entityId: String(series.id) })
    expect(trail.map((a) => a.action).sort()).toEqual(['series-create', 'series-update'])
    expect(trail.find((a) => a.action === 'series-update')?.changes).toMatchObject({ title: ['工作动态（{日期}）', '本周工作动态（{日期}）'], author: ['', '李宣'], updated: 6, kept: 3 })
    expect(auditActionLabel('series-update')).toBe('修改此后全部')
  })

  it('停止重复: no more occurrences; untouched future drafts go to the 回收站, the rest stay', async () => {
    d = freshDesk()
    const { series } = await weekly()
    const p = await ofSeries(series.id)
    await carryOut(p[0].id)
    await d.call('piece-update', { id: p[3].id, notes: '已约稿' })
    const { removed, series: stopped } = await d.call('series-stop', { id: series.id })
    expect(stopped.stoppedAt).not.toBeNull()
    expect(stopped.upcoming).toEqual([])
    expect(removed).toEqual(p.slice(1).filter((x) => x.id !== p[3].id).map((x) => x.id)) // from 06-19 on
    expect((await ofSeries(series.id)).map((x) => x.id)).toEqual([p[0].id, p[3].id])
    const trash = await d.call('piece-trash-list', {})
    expect(trash.rows[0].reason).toBe('停止重复：每周一，共12次')
    d.ctx.now = at('2023-07-20')
    expect(await d.call('series-generate', {})).toEqual({ created: 0 })
    const again = await d.invoke('series-stop', { id: series.id })
    expect(!again.ok && again.error.message).toBe('这个重复系列已经停止')
  })

  it('refuses a bad rule with a Chinese message naming the field, writing nothing', async () => {
    d = freshDesk()
    const early = await d.invoke('series-create', { channel: 'gov_report', title: '工作动态', date: '2023-06-12', repeat: { freq: 'weekly', weekday: 1, until: '2023-06-01' } })
    expect(!early.ok && early.error).toMatchObject({ message: '截止日期早于开始日期', details: { field: 'until' } })
    const many = await d.invoke('series-create', { channel: 'gov_report', title: '工作动态', date: '2023-06-12', repeat: { freq: 'weekly', weekday: 1, count: 300 } })
    expect(!many.ok && many.error).toMatchObject({ message: '次数须为1–200', details: { field: 'count' } })
    const noDay = await d.invoke('series-create', { channel: 'led', title: '药品价格公示', date: '2023-06-12', repeat: { freq: 'monthly', count: 3 } })
    expect(!noDay.ok && noDay.error.details?.field).toBe('monthDay')
    expect((await d.call('piece-list', {})).total).toBe(0)
  })

  it('a monthly LED notice keeps its display window with each occurrence, on the last day of short months', async () => {
    d = freshDesk()
    const { series } = await d.call('series-create', {
      channel: 'led', title: '药品价格公示（{日期}）', date: '2023-05-31', venue: '门诊大厅', kind: '药品价格公示',
      extra: { displayStart: '2023-05-31', displayEnd: '2023-06-02' }, repeat: { freq: 'monthly', monthDay: 31, count: 4 }
    })
    const p = await ofSeries(series.id)
    expect(p.map((x) => [x.date, x.extra.displayStart, x.extra.displayEnd])).toEqual([
      ['2023-05-31', '2023-05-31', '2023-06-02'], ['2023-06-30', '2023-06-30', '2023-07-02'], ['2023-07-31', '2023-07-31', '2023-08-02']
    ])
    expect(series.text).toBe('每月最后一天，共4次')
  })

  it('is made by the background duty as the desk itself', async () => {
    d = freshDesk()
    const { series } = await weekly()
    d.ctx.now = at('2023-06-22')
    vi.useFakeTimers()
    const bg = startBackground(d.ctx, { only: ['series'] })
    await vi.advanceTimersByTimeAsync(0)
    await bg.stop()
    const last = (await ofSeries(series.id)).at(-1)!
    expect(last).toMatchObject({ date: '2023-08-21', createdBy: '系统（重复稿件）' })
  })
})
