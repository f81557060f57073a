import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
afterEach(() => d?.close())

const post = { channel: 'wechat' as const, title: '我院召开医德医风建设推进会', date: '2023-06-12' }
const count = (d: TestDesk, sql: string, ...p: unknown[]) => (d.ctx.desk.sqlite.prepare(sql).get(...p) as { n: number }).n

describe('status transitions', () => {
  it('refuses 草稿 → 已发布 while the review chain is incomplete, naming the chain', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'draft' })
    const r = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.message).toBe('状态：尚未完成审核（宣传科初审 → 分管院领导终审），不能直接改为“已发布”。请先送审；确需越级发布的，由管理员在稿件详情中使用“管理员越级发布”并填写理由')
    expect(r.error.details?.field).toBe('status')
    expect((await d.call('piece-get', { id: p.id })).status).toBe('draft')
  })

  it('refuses entering 待审核 or 已审核 by editing the status, and leaving 待审核 except back to 草稿 or 已撤回', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'draft' })
    const toPending = await d.invoke('piece-update', { id: p.id, status: 'pending' })
    expect(!toPending.ok && toPending.error.message).toBe('状态：“待审核”由送审产生，请使用“送审”')
    const toApproved = await d.invoke('piece-update', { id: p.id, status: 'approved' })
    expect(!toApproved.ok && toApproved.error.message).toMatch(/尚未完成审核/)
    await d.call('review-submit', { id: p.id })
    const skip = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(!skip.ok && skip.error.message).toBe('状态：稿件正在审核中（待审核），请在审核记录中通过或退回')
    // The author takes it back: the open round is closed, not left waiting forever.
    await d.call('piece-update', { id: p.id, status: 'draft' })
    const rows = (await d.call('review-history', { id: p.id })).rounds[0].rows
    expect(rows.map((r) => r.decision)).toEqual(['submitted', 'cancelled', 'cancelled'])
  })

  it('lets a reviewed piece be scheduled, published and withdrawn, and a withdrawn one become a draft again', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'draft' })
    await d.call('review-submit', { id: p.id })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    for (const status of ['scheduled', 'published', 'withdrawn', 'draft'] as const) {
      expect((await d.call('piece-update', { id: p.id, status })).status).toBe(status)
    }
    const back = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(back.ok).toBe(false)
  })

  it('moves submissions between 已报送, 已录用 and 未录用 but never back to 草稿 directly', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'media', title: '投牛城晚报', date: '2023-06-01', status: 'submitted', venue: '牛城晚报', outletLevel: '市级', backfill: true })
    expect((await d.call('piece-update', { id: p.id, status: 'accepted' })).status).toBe('accepted')
    expect((await d.call('piece-update', { id: p.id, status: 'not_accepted' })).status).toBe('not_accepted')
    const r = await d.invoke('piece-update', { id: p.id, status: 'draft' })
    expect(!r.ok && r.error.message).toBe('状态：不能从“未录用”直接改为“草稿”')
  })

  it('lets a channel without a review chain (宣传活动) go from 草稿 straight to 已完成', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'event', title: '“爱牙日”义诊进社区', date: '2023-06-10', status: 'draft', kind: '义诊' })
    expect((await d.call('piece-update', { id: p.id, status: 'completed' })).status).toBe('completed')
  })

  it('applies the same rule to the ledger’s bulk status change', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'draft' })
    const r = await d.invoke('piece-bulk-status', { ids: [p.id], status: 'published' })
    expect(!r.ok && r.error.message).toMatch(/尚未完成审核/)
  })
})

describe('creating a piece in a status past 草稿', () => {
  // Issue 11: 补录 is an explicit choice (backfill: true); before, any status past 草稿 was taken as 补录.
  it('is 补录 only when asked for: refused without the flag, allowed with it, and the piece and audit row say so', async () => {
    d = freshDesk()
    const refused = await d.invoke('piece-create', { ...post, status: 'published' })
    expect(!refused.ok && refused.error.details?.field).toBe('status')
    expect(!refused.ok && refused.error.message).toMatch(/补录已完成的工作/)
    const p = await d.call('piece-create', { ...post, status: 'published', backfill: true })
    expect(p.backfill).toBe(true)
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    expect(log).toHaveLength(1)
    expect(log[0].action).toBe('create')
    expect(log[0].changes.backfill).toBe('补录：直接登记为“已发布”，未在工作台内送审（宣传科初审 → 分管院领导终审）')
    // The flag on a draft means nothing: a draft is not work done.
    const draft = await d.call('piece-create', { ...post, title: '草稿', status: 'draft', backfill: true })
    expect(draft.backfill).toBe(false)
    const draftLog = await d.call('audit-list', { entity: 'piece', entityId: String(draft.id) })
    expect(draftLog[0].changes.backfill).toBeUndefined()
    // A channel without a review chain records done work directly: no flag needed there.
    const event = await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-10', status: 'completed', kind: '义诊' })
    expect(event.backfill).toBe(false)
  })

  it('in 待审核 opens review round 1 with the chain', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'pending' })
    const s = await d.call('review-history', { id: p.id })
    expect(s.open).toEqual({ round: 1, step: 1, stepName: '宣传科初审' })
    expect(count(d, 'SELECT count(*) n FROM reviews WHERE piece_id = ?', p.id)).toBe(3)
  })

  it('in 待审核 on a channel without review is refused with a hint', async () => {
    d = freshDesk()
    const r = await d.invoke('piece-create', { channel: 'honor', title: '锦旗', date: '2023-06-01', status: 'pending' })
    expect(!r.ok && r.error.message).toBe('本渠道无需审核，请直接选择“已完成”等状态，或先保存为草稿')
  })
})
