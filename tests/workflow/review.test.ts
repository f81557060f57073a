import { describe, it, expect, afterEach } from 'vitest'
import { actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
afterEach(() => d?.close())

const draft = (more: Record<string, unknown> = {}) => ({ channel: 'wechat' as const, title: '我院开展“全国爱眼日”义诊活动', date: '2023-06-12', status: 'draft' as const, ...more })

describe('multi-level review', () => {
  it('runs the default chain 宣传科初审 → 分管院领导终审, recording reviewer, decision, comment and time', async () => {
    d = freshDesk({ actor: '张宣' })
    const p = await d.call('piece-create', draft())
    const sent = await d.call('review-submit', { id: p.id })
    expect(sent.chain).toEqual(['宣传科初审', '分管院领导终审'])
    expect(sent.piece.status).toBe('pending')
    const first = await d.call('review-decide', { id: p.id, decision: 'approve', comment: '同意' })
    expect(first.piece.status).toBe('pending')
    expect(first.state.open?.stepName).toBe('分管院领导终审')
    // The final step is decided by the leader who holds it, signed in as themselves (no typed name).
    const officer = { id: d.ctx.session.userId!, name: d.ctx.actor }
    const leader = addTestUser(d.ctx, '王院长', ['reviewer'], ['分管院领导终审'])
    actAs(d.ctx, leader)
    const last = await d.call('review-decide', { id: p.id, decision: 'approve', comment: '可以发布' })
    actAs(d.ctx, officer)
    expect(last.piece.status).toBe('approved')
    expect(last.state.open).toBeNull()
    expect(last.state.rounds[0].rows[2]).toMatchObject({ reviewerId: leader.id, proxy: false, recordedBy: '' })
    expect(last.state.rounds[0].rows[2].contentHash).toMatch(/^[0-9a-f]{64}$/)
    expect(last.state.rounds[0].rows.map((r) => [r.stepName, r.reviewer, r.decision, r.comment, r.at])).toEqual([
      ['送审', '张宣', 'submitted', '宣传科初审 → 分管院领导终审', '2023-06-15T02:00:00.000Z'],
      ['宣传科初审', '张宣', 'approved', '同意', '2023-06-15T02:00:00.000Z'],
      ['分管院领导终审', '王院长', 'approved', '可以发布', '2023-06-15T02:00:00.000Z']
    ])
    expect((await d.call('piece-update', { id: p.id, status: 'published' })).status).toBe('published')
  })

  it('adds the 医务科 step before the final step for pieces tagged 健康科普 or 专家坐诊', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', draft({ themes: ['健康科普'] }))
    expect((await d.call('review-submit', { id: p.id })).chain).toEqual(['宣传科初审', '医务科审核', '分管院领导终审'])
    const q = await d.call('piece-create', draft({ title: '专家坐诊', themes: ['专家坐诊'] }))
    expect((await d.call('review-history', { id: q.id })).chain).toEqual(['宣传科初审', '医务科审核', '分管院领导终审'])
    const plain = await d.call('piece-create', draft({ title: '党建', themes: ['党建'] }))
    expect((await d.call('review-history', { id: plain.id })).chain).toEqual(['宣传科初审', '分管院领导终审'])
  })

  it('uses the chain configured in 设置 for the channel, with the medical step and themes configured there', async () => {
    d = freshDesk()
    await d.call('review-chains-save', { chains: { wechat: ['宣传科初审', '党办复审', '书记终审'], event: ['宣传科审核'] }, medicalStep: '医务科把关', medicalThemes: ['健康科普', '义诊'] })
    const p = await d.call('piece-create', draft({ themes: ['义诊'] }))
    expect((await d.call('review-submit', { id: p.id })).chain).toEqual(['宣传科初审', '党办复审', '医务科把关', '书记终审'])
    const e = await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-01', status: 'draft', kind: '义诊' })
    expect((await d.call('review-history', { id: e.id })).chain).toEqual(['宣传科审核'])
    const chains = await d.call('review-chains-get', {})
    expect(chains.chains.weibo).toEqual(['宣传科初审', '分管院领导终审'])
    expect(chains.chains.honor).toEqual([])
    const bad = await d.invoke('review-chains-save', { chains: { wechat: ['甲→乙'] }, medicalStep: '医务科', medicalThemes: [] })
    expect(!bad.ok && bad.error.message).toMatch(/步骤名称不能含“→”/)
  })

  it('returns a rejected piece to its author as 草稿 with the comment; resubmission starts round 2', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', draft())
    await d.call('review-submit', { id: p.id })
    const noComment = await d.invoke('review-decide', { id: p.id, decision: 'reject' })
    expect(!noComment.ok && noComment.error.message).toBe('意见：退回时请写明修改意见，作者会看到')
    const rejected = await d.call('review-decide', { id: p.id, decision: 'reject', comment: '标题请写明活动时间' })
    expect(rejected.piece.status).toBe('draft')
    expect(rejected.state.rejection).toMatchObject({ stepName: '宣传科初审', comment: '标题请写明活动时间' })
    expect(rejected.state.rounds[0].rows.map((r) => r.decision)).toEqual(['submitted', 'rejected', 'cancelled'])
    const today = await d.call('today-list', {})
    expect(today.returned.map((r) => [r.id, r.comment])).toEqual([[p.id, '标题请写明活动时间']])

    await d.call('piece-update', { id: p.id, title: '我院6月6日开展“全国爱眼日”义诊活动' })
    const again = await d.call('review-submit', { id: p.id })
    expect(again.round).toBe(2)
    const state = await d.call('review-history', { id: p.id })
    expect(state.rounds.map((r) => r.round)).toEqual([1, 2])
    expect(state.open).toEqual({ round: 2, step: 1, stepName: '宣传科初审' })
    expect(state.rejection).toBeNull()
    expect((await d.call('today-list', {})).returned).toEqual([])
  })

  it('refuses to decide on a piece not in review and to send a non-draft', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', draft())
    const r = await d.invoke('review-decide', { id: p.id, decision: 'approve' })
    expect(!r.ok && r.error.message).toBe('《我院开展“全国爱眼日”义诊活动》不在审核中（当前为“草稿”）')
    const done = await d.call('piece-create', draft({ status: 'published', title: '已发布', backfill: true }))
    const s = await d.invoke('review-submit', { id: done.id })
    expect(!s.ok && s.error.message).toBe('只有草稿可以送审；《已发布》当前为“已发布”')
  })

  it('lets an administrator publish past the chain with a reason, logged in the reviews and the audit', async () => {
    d = freshDesk({ actor: '管理员' })
    const p = await d.call('piece-create', draft())
    await d.call('review-submit', { id: p.id })
    const noReason = await d.invoke('review-override', { id: p.id, status: 'published', reason: '' })
    expect(!noReason.ok && noReason.error.message).toBe('理由：请说明理由')
    const after = await d.call('review-override', { id: p.id, status: 'published', reason: '突发事件通报，院长电话同意' })
    expect(after.status).toBe('published')
    const rows = (await d.call('review-history', { id: p.id })).rounds[0].rows
    expect(rows.map((r) => [r.stepName, r.decision])).toEqual([
      ['送审', 'submitted'],
      ['宣传科初审', 'cancelled'],
      ['分管院领导终审', 'cancelled'],
      ['管理员越级发布', 'override']
    ])
    expect(rows[3]).toMatchObject({ reviewer: '管理员', comment: '突发事件通报，院长电话同意' })
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    const override = log.find((e) => e.action === 'review-override' && 'reason' in e.changes)
    expect(override?.changes).toMatchObject({ from: 'pending', to: 'published', reason: '突发事件通报，院长电话同意', skipped: ['宣传科初审', '分管院领导终审'] })
    expect(override?.actor).toBe('管理员')
  })

  it('does not offer an override where none is needed', async () => {
    d = freshDesk()
    const e = await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-01', status: 'draft', kind: '义诊' })
    const r = await d.invoke('review-override', { id: e.id, status: 'completed', reason: '已办完' })
    expect(!r.ok && r.error.message).toBe('状态：《义诊》可以直接改为“已完成”，无需越级')
  })
})

describe('LED lead time', () => {
  // The test clock is Thursday 2023-06-15.
  const led = (start: string) => ({ channel: 'led' as const, title: '庆祝建党102周年', date: start, status: 'draft' as const, kind: '标语', extra: { displayStart: start, displayEnd: '2023-07-01' } })

  it('warns when sent fewer than 3 working days before the display starts, not counting the weekend', async () => {
    d = freshDesk()
    // Thu 15 → Mon 19: Thu, Fri are working days; Sat, Sun are not → 2.
    const p = await d.call('piece-create', led('2023-06-19'))
    const r = await d.call('review-submit', { id: p.id })
    expect(r.warnings).toEqual(['LED屏内容须在展示开始前 3 个工作日送审：展示开始 2023-06-19，距今只有 2 个工作日，请尽快安排审核'])
    // Sending still happened: the warning never blocks.
    expect(r.piece.status).toBe('pending')
  })

  it('does not warn with 3 working days to go (Thu → Tue spans a weekend)', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', led('2023-06-20'))
    expect((await d.call('review-submit', { id: p.id })).warnings).toEqual([])
  })

  it('warns when the display has already started', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', led('2023-06-15'))
    expect((await d.call('review-submit', { id: p.id })).warnings[0]).toMatch(/只有 0 个工作日/)
  })
})
