// Issue 11, "Review bound to content": an approval vouches for the content it saw; editing that content asks and
// sends the piece back for review; publishing checks the content is the approved one; channels cannot be hopped.
import { describe, it, expect, afterEach } from 'vitest'
import { actAs, addTestUser, freshDesk, TEST_PASSWORD, type TestDesk } from '../helpers/desk'
import type { Envelope } from '../../shared/contract'

let d: TestDesk
afterEach(() => d?.close())

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
const post = { channel: 'wechat' as const, title: '我院开展“全国爱眼日”义诊活动', date: '2023-06-12', status: 'draft' as const, body: '6月6日，眼科专家在门诊大厅义诊。', venue: '南和县人民医院' }

/** A post through both steps of the default chain: 已审核. */
async function approved(more: Record<string, unknown> = {}) {
  const p = await d.call('piece-create', { ...post, ...more })
  await d.call('review-submit', { id: p.id })
  await d.call('review-decide', { id: p.id, decision: 'approve' })
  return (await d.call('review-decide', { id: p.id, decision: 'approve' })).piece
}

const asked = (r: Envelope<unknown>) => (!r.ok ? (r.error.details as { confirm?: boolean; warnings?: string[] }) : null)

describe('editing approved content', () => {
  it('asks first, naming the approval and the fields; confirmed, it saves and opens a new round of review', async () => {
    d = freshDesk()
    const p = await approved()
    const r = await d.invoke('piece-update', { id: p.id, title: '我院开展爱眼日义诊', body: '新的正文' })
    expect(r.ok).toBe(false)
    expect(asked(r)).toEqual({ confirm: true, warnings: ['《我院开展“全国爱眼日”义诊活动》已经“宣传科初审、分管院领导终审”审核通过，修改标题、正文将退回重新审核'] })
    // Nothing was saved while asking.
    expect((await d.call('piece-get', { id: p.id })).title).toBe(post.title)

    const saved = await d.call('piece-update', { id: p.id, title: '我院开展爱眼日义诊', body: '新的正文', confirm: true })
    expect(saved).toMatchObject({ title: '我院开展爱眼日义诊', status: 'pending' })
    const s = await d.call('review-history', { id: p.id })
    expect(s.rounds.map((x) => x.round)).toEqual([1, 2])
    expect(s.open).toEqual({ round: 2, step: 1, stepName: '宣传科初审' })
    expect(s.rounds[1].rows[0]).toMatchObject({ stepName: '送审', decision: 'submitted', comment: '修改标题、正文后重新送审：宣传科初审 → 分管院领导终审' })
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    const inv = log.find((e) => e.action === 'review-invalidated')!
    const approvedHash = s.rounds[0].rows[2].contentHash
    expect(inv.changes).toMatchObject({ round: 2, fields: ['title', 'body'], voided: ['宣传科初审', '分管院领导终审'], status: ['approved', 'pending'] })
    const [from, to] = inv.changes.contentHash as [string, string]
    expect(from).toBe(approvedHash)
    expect(to).toMatch(/^[0-9a-f]{64}$/)
    expect(to).not.toBe(from)
  })

  it('keeps the approval for fields that are not reviewed content: 备注, 阅读量, 链接, 点赞, 科室', async () => {
    d = freshDesk()
    const p = await approved()
    await d.call('piece-update', { id: p.id, status: 'published' })
    const after = await d.call('piece-update', { id: p.id, notes: '已转发至院内群', reads: 1260, link: 'https://mp.weixin.qq.com/s/abc', department: '眼科', extra: { likes: 35 } })
    expect(after.status).toBe('published')
    expect((await d.call('review-history', { id: p.id })).rounds).toHaveLength(1)
  })

  it('sends a published piece back too, saying it leaves the tallies until approved again', async () => {
    d = freshDesk()
    const p = await approved()
    await d.call('piece-update', { id: p.id, status: 'published' })
    const r = await d.invoke('piece-update', { id: p.id, date: '2023-06-13' })
    expect(asked(r)?.warnings).toEqual(['《我院开展“全国爱眼日”义诊活动》已经“宣传科初审、分管院领导终审”审核通过，修改日期将退回重新审核（已是“已发布”：重新审核通过之前不计入统计）'])
    expect((await d.call('piece-update', { id: p.id, date: '2023-06-13', confirm: true })).status).toBe('pending')
  })

  it('voids a round in progress once a step approved it, and a changed theme brings its own chain', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', post)
    await d.call('review-submit', { id: p.id })
    // Before any approval an edit is free (the reviewer decides on what is there when deciding).
    expect((await d.call('piece-update', { id: p.id, body: '补充了义诊时间' })).status).toBe('pending')
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    const r = await d.invoke('piece-update', { id: p.id, themes: ['健康科普'] })
    expect(asked(r)?.warnings?.[0]).toBe('《我院开展“全国爱眼日”义诊活动》已经“宣传科初审”审核通过，修改主题将退回重新审核')
    await d.call('piece-update', { id: p.id, themes: ['健康科普'], confirm: true })
    const s = await d.call('review-history', { id: p.id })
    expect(s.rounds[0].rows.map((x) => x.decision)).toEqual(['submitted', 'approved', 'cancelled'])
    expect(s.rounds[1].rows.map((x) => x.stepName)).toEqual(['送审', '宣传科初审', '医务科审核', '分管院领导终审'])
  })

  it('refuses content and a status past review in one save: the content must be reviewed first', async () => {
    d = freshDesk()
    const p = await approved()
    const r = await d.invoke('piece-update', { id: p.id, title: '新标题', status: 'published', confirm: true })
    expect(!r.ok && r.error.message).toBe('状态：修改了审核过的内容（标题），须重新审核通过后才能改为“已发布”；请先只保存内容的修改')
  })

  it('lets a 补录 piece (never reviewed here) be corrected without a review', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, status: 'published', backfill: true })
    expect((await d.call('piece-update', { id: p.id, title: '更正后的标题' })).status).toBe('published')
  })
})

describe('signed months', () => {
  it('asks before saving a piece dated in a month the secretary signed, together with the review warning', async () => {
    d = freshDesk()
    const officer = { id: d.ctx.session.userId!, name: d.ctx.actor }
    const p = await approved({ date: '2023-05-20' })
    const may = await d.call('piece-create', { ...post, title: '五月推文', date: '2023-05-08', status: 'published', backfill: true })
    actAs(d.ctx, addTestUser(d.ctx, '王书记', ['secretary']))
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '' })
    actAs(d.ctx, officer)

    const notes = await d.invoke('piece-update', { id: may.id, notes: '补充备注' })
    expect(asked(notes)).toEqual({ confirm: true, warnings: ['2023年5月已由王书记签阅，修改将在统计中标出'] })
    expect((await d.call('piece-update', { id: may.id, notes: '补充备注', confirm: true })).notes).toBe('补充备注')

    // Moving a June piece into May asks too (the date on either side counts).
    const june = await d.call('piece-create', { ...post, title: '六月推文', status: 'published', backfill: true })
    expect(asked(await d.invoke('piece-update', { id: june.id, date: '2023-05-31' }))?.warnings).toEqual(['2023年5月已由王书记签阅，修改将在统计中标出'])

    const both = await d.invoke('piece-update', { id: p.id, title: '改标题' })
    expect(asked(both)?.warnings).toEqual([
      '《我院开展“全国爱眼日”义诊活动》已经“宣传科初审、分管院领导终审”审核通过，修改标题将退回重新审核',
      '2023年5月已由王书记签阅，修改将在统计中标出'
    ])

    const bulk = await d.invoke('piece-bulk-status', { ids: [p.id], status: 'published' })
    expect(asked(bulk)?.warnings).toEqual(['2023年5月已由王书记签阅，修改将在统计中标出'])
    expect((await d.call('piece-get', { id: p.id })).status).toBe('approved')
    expect(await d.call('piece-bulk-status', { ids: [p.id], status: 'published', confirm: true })).toMatchObject({ changed: 1, unchanged: 0 })
  })
})

describe('publishing checks the approved content', () => {
  it('refuses to publish when an attachment changed after approval, and lets it be sent for review again', async () => {
    d = freshDesk()
    const p = await approved()
    await d.call('evidence-add', { pieceId: p.id, fileName: '配图.png', dataBase64: PNG })
    expect((await d.call('review-history', { id: p.id })).changedSinceApproval).toEqual(['附件'])
    const r = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(!r.ok && r.error.message).toBe('状态：发布的内容与审核通过的内容不一致（附件已修改），请重新送审')
    const bulk = await d.invoke('piece-bulk-status', { ids: [p.id], status: 'scheduled' })
    expect(!bulk.ok && bulk.error.message).toMatch(/附件已修改/)

    const again = await d.call('review-submit', { id: p.id })
    expect(again).toMatchObject({ round: 2, piece: { status: 'pending' } })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    expect((await d.call('piece-update', { id: p.id, status: 'published' })).status).toBe('published')
  })

  it('names the changed field when the content moved behind the form’s back', async () => {
    d = freshDesk()
    const p = await approved()
    d.ctx.desk.sqlite.prepare('UPDATE pieces SET title = ? WHERE id = ?').run('被改过的标题', p.id)
    const r = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(!r.ok && r.error.message).toBe('状态：发布的内容与审核通过的内容不一致（标题已修改），请重新送审')
  })

  it('does not ask an unchanged approved piece to be sent again', async () => {
    d = freshDesk()
    const p = await approved()
    const r = await d.invoke('review-submit', { id: p.id })
    expect(!r.ok && r.error.message).toBe(`《${post.title}》已审核通过，内容没有变动，无需重新送审`)
  })

  it('lets a submission’s outcome follow without a review (已报送 → 已录用 is not a new publication)', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'media', title: '投牛城晚报', date: '2023-06-01', status: 'draft', venue: '牛城晚报', outletLevel: '市级' })
    await d.call('review-submit', { id: p.id })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    await d.call('review-decide', { id: p.id, decision: 'approve' })
    await d.call('piece-update', { id: p.id, status: 'submitted' })
    await d.call('evidence-add', { pieceId: p.id, fileName: '录用截图.png', dataBase64: PNG })
    expect((await d.call('piece-update', { id: p.id, status: 'accepted', extra: { acceptedDate: '2023-06-08' } })).status).toBe('accepted')
  })
})

describe('channels cannot be hopped past a review chain', () => {
  it('refuses the 草稿 → 宣传活动 → 已审核 → back to 公众号 route', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', post)
    // A draft may move to a channel without review and be marked done there …
    await d.call('piece-update', { id: p.id, channel: 'event', kind: '义诊' })
    expect((await d.call('piece-update', { id: p.id, status: 'approved' })).status).toBe('approved')
    // … but it cannot come back to a channel with a chain as an approved piece.
    const back = await d.invoke('piece-update', { id: p.id, channel: 'wechat' })
    expect(!back.ok && back.error.message).toBe(`渠道：《${post.title}》当前为“已审核”，不能改为微信公众号：只有草稿或已撤回的记录可以更改渠道；如需改渠道，请先改回草稿，再按新渠道的审核流程送审`)
    expect((await d.call('piece-get', { id: p.id })).channel).toBe('event')
  })

  it('refuses to move an approved or published piece to another channel, and a withdrawn one only goes back to 草稿', async () => {
    d = freshDesk()
    const p = await approved()
    const r = await d.invoke('piece-update', { id: p.id, channel: 'weibo', confirm: true })
    expect(!r.ok && r.error.details?.field).toBe('channel')
    await d.call('piece-update', { id: p.id, status: 'published' })
    const pub = await d.invoke('piece-update', { id: p.id, channel: 'weibo', confirm: true })
    expect(!pub.ok && pub.error.message).toMatch(/请删除这条记录后按正确的渠道重新补录/)
    await d.call('piece-update', { id: p.id, status: 'withdrawn' })
    expect((await d.call('piece-update', { id: p.id, channel: 'weibo' })).channel).toBe('weibo')
    const skip = await d.invoke('piece-update', { id: p.id, status: 'published' })
    expect(skip.ok).toBe(false)
  })
})

describe('review chains and 越级发布', () => {
  it('audits every chain change with before and after', async () => {
    d = freshDesk()
    await d.call('review-chains-save', { chains: { wechat: ['宣传科初审'] }, medicalStep: '医务科审核', medicalThemes: ['健康科普'] })
    const log = await d.call('audit-list', { entity: 'settings', entityId: 'review-chains' })
    const [before, after] = (log.at(-1)!.changes as { value: [{ chains: Record<string, string[]> }, { chains: Record<string, string[]> }] }).value
    expect(before.chains.wechat).toEqual(['宣传科初审', '分管院领导终审'])
    expect(after.chains.wechat).toEqual(['宣传科初审'])
  })

  it('lets only an administrator override, and the override records the content it published', async () => {
    d = freshDesk()
    const admin = { id: d.ctx.session.userId!, name: d.ctx.actor }
    const p = await d.call('piece-create', post)
    actAs(d.ctx, addTestUser(d.ctx, '李干事', ['officer']))
    const r = await d.invoke('review-override', { id: p.id, status: 'published', reason: '突发事件通报' })
    expect(!r.ok && r.error.message).toBe('此操作需要“管理员”角色；当前用户“李干事”没有该权限')
    actAs(d.ctx, admin)
    await d.call('review-override', { id: p.id, status: 'published', reason: '突发事件通报' })
    const row = (await d.call('review-history', { id: p.id })).rounds[0].rows.at(-1)!
    expect(row).toMatchObject({ decision: 'override', reviewer: admin.name, reviewerId: admin.id })
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })
})
