// Issue 11: a reviewer decides only the steps they hold, under their own name; 代录 records a paper approval with
// its scan; 补录 is labelled in the trail and the export.
import { describe, it, expect, afterEach } from 'vitest'
import { actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'
import { csvFile, exportFile, importReport, readXlsx, HEADER } from '../ledger/helpers'
import { REVIEW_SHEET } from '../../services/ledger/write-file'

let d: TestDesk
afterEach(() => d?.close())

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='
const post = { channel: 'wechat' as const, title: '【健康科普】夏季防溺水', date: '2023-06-20', status: 'draft' as const, themes: ['健康科普'] }

/** The officer 李干事 (no reviewer role) with a piece sent for review: 宣传科初审 → 医务科审核 → 分管院领导终审. */
async function inReview() {
  d = freshDesk()
  const officer = addTestUser(d.ctx, '李干事', ['officer'])
  actAs(d.ctx, officer)
  const p = await d.call('piece-create', post)
  await d.call('review-submit', { id: p.id })
  return { p, officer }
}

describe('who decides a step', () => {
  it('refuses a reviewer outside their step, naming it; the holder decides under their own name', async () => {
    const { p, officer } = await inReview()
    const first = addTestUser(d.ctx, '张三', ['reviewer'], ['宣传科初审'])
    actAs(d.ctx, first)
    await d.call('review-decide', { id: p.id, decision: 'approve', comment: '同意' })
    const r = await d.invoke('review-decide', { id: p.id, decision: 'approve' })
    expect(!r.ok && r.error.message).toBe('“医务科审核”须由负责该步骤的审核人决定；当前用户“张三”不负责此步骤')
    actAs(d.ctx, officer)
    const o = await d.invoke('review-decide', { id: p.id, decision: 'approve' })
    expect(!o.ok && o.error.message).toBe('“医务科审核”须由负责该步骤的审核人决定；当前用户“李干事”不负责此步骤。纸质或口头审批，请用“代录”并附签批单')
    const viewer = addTestUser(d.ctx, '访客', ['viewer'])
    actAs(d.ctx, viewer)
    expect((await d.invoke('review-decide', { id: p.id, decision: 'approve' })).ok).toBe(false)

    const rows = (await d.call('review-history', { id: p.id })).rounds[0].rows
    expect(rows[1]).toMatchObject({ stepName: '宣传科初审', reviewer: '张三', reviewerId: first.id, decision: 'approved', proxy: false })
    expect(rows[2]).toMatchObject({ stepName: '医务科审核', decision: 'waiting' })
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    expect(log.find((e) => e.action === 'review-approve')).toMatchObject({ actor: '张三', changes: { reviewer: '张三', reviewerId: first.id } })
  })
})

describe('代录: a paper approval recorded by the officer', () => {
  it('is refused without the scan, or with a scan of another piece', async () => {
    const { p } = await inReview()
    const none = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerName: '王院长' } as never })
    expect(!none.ok && none.error.message).toBe('签批单（佐证材料）：代录须附签批单等书面依据：请先上传为本稿件的佐证材料，再选择它')
    const other = await d.call('piece-create', { ...post, title: '另一篇' })
    const scan = await d.call('evidence-add', { pieceId: other.id, fileName: '签批单.png', dataBase64: PNG })
    const wrong = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerName: '王院长', evidenceId: scan.id } })
    expect(!wrong.ok && wrong.error.message).toBe('签批单（佐证材料）：代录须附签批单等书面依据：请先把扫描件上传为《【健康科普】夏季防溺水》的佐证材料，再选择它')
    expect(!wrong.ok && wrong.error.details?.field).toBe('proxy.evidenceId')
    expect((await d.call('review-history', { id: p.id })).open?.stepName).toBe('宣传科初审')
  })

  it('records an outside name with the scan: proxy, who recorded it, the evidence — in the row and the audit', async () => {
    const { p } = await inReview()
    const scan = await d.call('evidence-add', { pieceId: p.id, fileName: '签批单.png', dataBase64: PNG })
    const r = await d.call('review-decide', { id: p.id, decision: 'approve', comment: '同意（纸质签批）', proxy: { reviewerName: '王院长', evidenceId: scan.id } })
    const row = r.state.rounds[0].rows[1]
    expect(row).toMatchObject({ stepName: '宣传科初审', reviewer: '王院长', reviewerId: null, proxy: true, recordedBy: '李干事', evidenceId: scan.id, evidenceFile: '签批单.png', decision: 'approved' })
    expect(row.contentHash).toMatch(/^[0-9a-f]{64}$/)
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    expect(log.find((e) => e.action === 'review-approve')).toMatchObject({ actor: '李干事', changes: { reviewer: '王院长', proxy: true, recordedBy: '李干事', evidenceId: scan.id, evidenceFile: '签批单.png' } })
  })

  it('for a user picked from the list: they must hold the step; a typed name of a user is that user', async () => {
    const { p } = await inReview()
    const scan = await d.call('evidence-add', { pieceId: p.id, fileName: '签批单.png', dataBase64: PNG })
    const leader = addTestUser(d.ctx, '王院长', ['reviewer'], ['分管院领导终审'])
    const notHis = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerId: leader.id, evidenceId: scan.id } })
    expect(!notHis.ok && notHis.error.message).toBe('审核人：“王院长”不负责“宣传科初审”，不能以其名义代录')
    const typed = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerName: '王院长', evidenceId: scan.id } })
    expect(!typed.ok && typed.error.message).toBe('审核人：“王院长”不负责“宣传科初审”，不能以其名义代录')
    const both = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerId: leader.id, reviewerName: '王院长', evidenceId: scan.id } })
    expect(!both.ok && both.error.message).toBe('审核人：请选择审核人，或填写审核人姓名（二选一）')

    const head = addTestUser(d.ctx, '赵科长', ['reviewer'], ['宣传科初审'])
    const r = await d.call('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerId: head.id, evidenceId: scan.id } })
    expect(r.state.rounds[0].rows[1]).toMatchObject({ reviewer: '赵科长', reviewerId: head.id, proxy: true, recordedBy: '李干事' })
  })

  it('is for officers only: a reviewer decides in their own name', async () => {
    const { p } = await inReview()
    const scan = await d.call('evidence-add', { pieceId: p.id, fileName: '签批单.png', dataBase64: PNG })
    actAs(d.ctx, addTestUser(d.ctx, '张三', ['reviewer'], ['宣传科初审']))
    const r = await d.invoke('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerName: '王院长', evidenceId: scan.id } })
    expect(!r.ok && r.error.message).toBe('代录须由宣传干事办理；审核人请以本人身份直接通过或退回')
  })

  it('shows in the export’s 审核记录 sheet, as 补录 does', async () => {
    const { p } = await inReview()
    const scan = await d.call('evidence-add', { pieceId: p.id, fileName: '签批单.png', dataBase64: PNG })
    await d.call('review-decide', { id: p.id, decision: 'approve', proxy: { reviewerName: '赵科长', evidenceId: scan.id } })
    await d.call('piece-create', { channel: 'wechat', title: '补录的推文', date: '2023-06-01', status: 'published', backfill: true })
    const rows = await readXlsx((await exportFile(d, 'xlsx', { sort: 'date', desc: false })).base64, REVIEW_SHEET)
    expect(rows[0]).toEqual(['记录标识', '日期', '渠道', '标题', '审核'])
    expect(rows.slice(1).map((r) => [r[3], r[4]])).toEqual([
      ['补录的推文', '补录'],
      ['【健康科普】夏季防溺水', '宣传科初审：赵科长（代录：李干事，附签批单.png）通过；医务科审核：待审；分管院领导终审：待审']
    ])
  })
})

describe('a chain is not skipped by editing a piece in review', () => {
  it('rebuilds the open round when a new theme brings the medical step, even before any approval', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { ...post, themes: [] })
    await d.call('review-submit', { id: p.id })
    await d.call('piece-update', { id: p.id, themes: ['健康科普'] })
    const s = await d.call('review-history', { id: p.id })
    expect(s.rounds.map((r) => r.rows.map((x) => x.decision))).toEqual([['submitted', 'cancelled', 'cancelled'], ['submitted', 'waiting', 'waiting', 'waiting']])
    expect(s.rounds[1].rows.map((x) => x.stepName)).toEqual(['送审', '宣传科初审', '医务科审核', '分管院领导终审'])
  })
})

describe('补录 and the demo', () => {
  it('marks imported-by-nature work: the demo’s done pieces are 补录, its drafts and pieces in review are not', async () => {
    d = freshDesk()
    await d.call('demo-seed', {})
    const n = (sql: string) => (d.ctx.desk.sqlite.prepare(sql).get() as { n: number }).n
    expect(n(`SELECT count(*) n FROM pieces WHERE backfill = 0 AND status IN ('published','submitted','accepted','not_accepted','completed')`)).toBe(0)
    expect(n(`SELECT count(*) n FROM pieces WHERE backfill = 1 AND status IN ('draft','pending')`)).toBe(0)
    // The demo's reviewers are people of the demo hospital, not users: named, with no user id.
    expect(n(`SELECT count(*) n FROM reviews WHERE decision = 'approved' AND reviewer_id IS NULL AND content_hash IS NOT NULL`)).toBeGreaterThan(0)
  })

  it('marks imported rows past 待审核 as 补录, with the label in their audit row', async () => {
    d = freshDesk()
    const r = await importReport(d, { fileName: '台账.csv', base64: csvFile([HEADER, '2023-05-02,微信公众号,导入的推文,已发布,,,,,,,,,', '2023-05-03,微信公众号,导入的草稿,草稿,,,,,,,,,']), commit: true })
    expect(r.imported).toBe(2)
    const rows = (await d.call('piece-list', { sort: 'date', desc: false })).rows
    expect(rows.map((p) => [p.title, p.backfill])).toEqual([['导入的推文', true], ['导入的草稿', false]])
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(rows[0].id) })
    expect(log[0].changes.backfill).toBe('补录：从台账文件导入为“已发布”')
  })
})
