// The half-year report states each month's sign-off (signed / changed since signing / not signed) in the preview,
// the Word appendix and the workbook; the secretary's 定稿 stores the files byte for byte with their SHA-256 and
// later changes show against the finalized figures.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { createHash } from 'node:crypto'
import JSZip from 'jszip'
import { TEST_PASSWORD, actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'
import { loadWorkbook, readSheet } from '../helpers/workbook'
import { renderReport } from '../../handlers/reports/render'
import { buildFigureSet, figureValues } from '../../handlers/reports/figures'
import { parsePeriod } from '../../shared/periods'

let d: TestDesk
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
const post = (title: string, date: string) =>
  d.call('piece-create', { channel: 'wechat', title, date, status: 'published', backfill: true, reads: 100 })
const sign = (month: string) => d.call('tally-signoff', { month, password: TEST_PASSWORD, comment: '' })
const fileOf = async (format: 'docx' | 'xlsx') => Buffer.from((await renderReport(d.ctx, '2023H1', format)).base64, 'base64')

async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('\n')
}

beforeEach(async () => {
  d = freshDesk({ now: new Date('2023-07-05T02:00:00Z') }) // every month of 2023H1 has ended
  await d.call('profile-save', { fullName: '南和县人民医院' })
})
afterEach(() => d.close())

/** Jan signed and untouched; Feb signed, then a post edited; Mar signed, then a mention arrived; Apr–Jun not signed. */
async function threeMonths() {
  await post('一月推文', '2023-01-10')
  const feb = await post('二月推文', '2023-02-10')
  await post('三月推文', '2023-03-10')
  await post('五月推文', '2023-05-10')
  for (const m of ['2023-01', '2023-02', '2023-03']) await sign(m)
  await d.call('piece-update', { id: feb.id, title: '二月推文（改）', confirm: true })
  d.ctx.desk.sqlite
    .prepare(`INSERT INTO mentions (title, published_at, fetched_at, day, sentiment, grade, status, updated_at) VALUES ('网友反映挂号难', '2023-03-30T02:00:00.000Z', '2023-07-01T01:00:00.000Z', '2023-03-30', '负面', '一般', 'new', '2023-07-01T01:00:00.000Z')`)
    .run()
  return { feb }
}

describe('the half-year report states each month', () => {
  it('in the preview: 已签阅（第N版…）/ 签阅后有变动 with the figures / 未签阅, and which figures it uses', async () => {
    await threeMonths()
    await sign('2023-01') // a second version of January
    const p = await d.call('report-preview', { period: '2023H1' })
    expect(p.signoffs.map((s) => [s.month, s.state, s.version])).toEqual([
      ['2023-01', 'signed', 2], ['2023-02', 'changed', 1], ['2023-03', 'changed', 1],
      ['2023-04', 'unsigned', null], ['2023-05', 'unsigned', null], ['2023-06', 'unsigned', null]
    ])
    expect(p.signoffs[0].text).toBe('已签阅（第2版，测试干事，2023年7月5日）')
    expect(p.signoffs[1]).toMatchObject({ rowChanges: 1, figureChanges: [] })
    expect(p.signoffs[1].text).toBe('签阅后有变动（第1版，测试干事，2023年7月5日签阅；1条台账记录有修改，统计数字未变）')
    expect(p.signoffs[2].figureChanges).toContainEqual({ key: 'mentions.negative', label: '舆情·负面', signed: 0, now: 1 })
    expect(p.signoffs[2].text).toContain('舆情·负面 0→1')
    expect(p.signoffs[3].text).toBe('未签阅')
    expect(p.basis).toBe('本稿数字为2023年7月5日的现行统计，各月签阅情况：1月已签阅（第2版）；2月签阅后有变动（签阅第1版）；3月签阅后有变动（签阅第1版）；4月未签阅；5月未签阅；6月未签阅。签阅后有变动的月份以现行数字为准，变动的数字见各月签阅情况表。')
    // A month still running says so.
    const h2 = await d.call('report-preview', { period: '2023H2' })
    expect(h2.signoffs[0].text).toBe('未签阅（月份未结束）')
  })

  it('in the Word appendix (附表 after the figures) and the workbook sheet 签阅情况', async () => {
    await threeMonths()
    const text = await docxText(await fileOf('docx'))
    expect(text).toMatch(/附表\d：各月统计数字签阅情况/)
    expect(text).toContain('本稿数字为2023年7月5日的现行统计')
    expect(text).toContain('已签阅（第1版）')
    expect(text).toContain('签阅后有变动（第1版）')
    const wb = await loadWorkbook(await fileOf('xlsx'))
    expect(wb.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['汇总', '签阅情况'])
    const sheet = readSheet(wb.getWorksheet('签阅情况')!)
    expect(sheet.header.slice(0, 5)).toEqual(['月份', '签阅情况', '版本', '签阅人', '签阅日期'])
    const signedOn = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)
    expect(sheet.rows.map((r) => [...r.slice(0, 4), signedOn(r[4])])).toEqual([
      ['1月', '已签阅', 1, '测试干事', '2023-07-05'], ['2月', '签阅后有变动', 1, '测试干事', '2023-07-05'], ['3月', '签阅后有变动', 1, '测试干事', '2023-07-05'],
      ['4月', '未签阅', null, null, null], ['5月', '未签阅', null, null, null], ['6月', '未签阅', null, null, null]
    ])
  })
})

describe('定稿', () => {
  it('stores both files and their SHA-256; a download is byte-identical; unchanged data regenerates the same figures', async () => {
    await threeMonths()
    const f = await d.call('report-finalize', { period: '2023H1', password: TEST_PASSWORD, comment: '上报县卫健局' })
    expect(f).toMatchObject({ period: '2023H1', version: 1, signedBy: '测试干事', comment: '上报县卫健局', changed: false, figureChanges: [], rowChanges: [] })
    const row = d.ctx.desk.sqlite.prepare('SELECT * FROM halfyear_finals WHERE id = ?').get(f.id) as { docx: Buffer; xlsx: Buffer; docx_sha256: string; xlsx_sha256: string; figures: string; audit_head_id: number }
    expect([sha(row.docx), sha(row.xlsx)]).toEqual([f.docxSha256, f.xlsxSha256])
    expect(f.months.map((m) => m.state)).toEqual(['signed', 'changed', 'changed', 'unsigned', 'unsigned', 'unsigned'])
    for (const format of ['docx', 'xlsx'] as const) {
      const file = await d.call('report-final-download', { id: f.id, format })
      const bytes = Buffer.from(file.base64, 'base64')
      expect(sha(bytes)).toBe(format === 'docx' ? f.docxSha256 : f.xlsxSha256)
      expect(file.sha256).toBe(sha(bytes))
      expect(bytes.equals(format === 'docx' ? row.docx : row.xlsx)).toBe(true)
      expect(file.fileName).toBe(format === 'docx' ? '南和县人民医院2023年上半年意识形态工作总结（定稿第1版）.docx' : '南和县人民医院2023年上半年宣传舆情统计（定稿第1版）.xlsx')
    }
    // The finalized files are the export's own: the stored Word file says what the export says.
    expect(await docxText(row.docx)).toBe(await docxText(await fileOf('docx')))
    // Regenerating with unchanged data gives the same figures.
    expect(figureValues(buildFigureSet(d.ctx.desk.db, parsePeriod('2023H1')))).toEqual(JSON.parse(row.figures))
    expect((await d.call('report-preview', { period: '2023H1' })).final).toMatchObject({ version: 1, changed: false })
    // The trail: the 定稿 row carries both hashes, and the stored head is that row.
    const audit = await d.call('audit-list', { entity: 'report', entityId: '2023H1' })
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ id: row.audit_head_id, action: 'finalize', changes: expect.objectContaining({ docxSha256: f.docxSha256, xlsxSha256: f.xlsxSha256, version: 1 }) })
    expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD)
  })

  it('a later edit shows against the finalized figures; finalizing again adds version 2 and keeps version 1', async () => {
    await threeMonths()
    const v1 = await d.call('report-finalize', { period: '2023H1', password: TEST_PASSWORD, comment: '' })
    await post('六月补录推文', '2023-06-20')
    let p = await d.call('report-preview', { period: '2023H1' })
    expect(p.final).toMatchObject({ version: 1, changed: true })
    expect(p.final!.figureChanges).toContainEqual({ key: 'channel.wechat.count', label: '微信公众号', signed: 4, now: 5 })
    expect(p.final!.rowChanges.map((r) => [r.action, r.title])).toEqual([['create', '六月补录推文']])

    const before = (d.ctx.desk.sqlite.prepare('SELECT docx, xlsx FROM halfyear_finals WHERE id = ?').get(v1.id) as { docx: Buffer; xlsx: Buffer })
    const v2 = await d.call('report-finalize', { period: '2023H1', password: TEST_PASSWORD, comment: '补录后重新定稿' })
    expect(v2).toMatchObject({ version: 2, changed: false })
    p = await d.call('report-preview', { period: '2023H1' })
    expect(p.final).toMatchObject({ version: 2, changed: false })
    const list = await d.call('report-finals', { period: '2023H1' })
    expect(list.map((x) => [x.version, x.comment])).toEqual([[1, ''], [2, '补录后重新定稿']])
    expect(list[0].docxSha256).toBe(v1.docxSha256)
    const first = await d.call('report-final-download', { id: v1.id, format: 'docx' })
    expect(Buffer.from(first.base64, 'base64').equals(before.docx)).toBe(true)
    expect(() => d.ctx.desk.sqlite.prepare('UPDATE halfyear_finals SET comment = ? WHERE id = ?').run('改', v1.id)).toThrow(/只能追加/)
  })

  it('only a secretary finalizes, with the right password, a half-year that has begun', async () => {
    await post('一月推文', '2023-01-10')
    const wrong = await d.invoke('report-finalize', { period: '2023H1', password: 'not-the-password', comment: '' })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.error.details?.field).toBe('password')
    const future = await d.invoke('report-finalize', { period: '2024H1', password: TEST_PASSWORD, comment: '' })
    expect(future.ok).toBe(false)
    if (!future.ok) expect(future.error.message).toBe('统计区间：2024年上半年尚未开始，不能定稿')
    const quarter = await d.invoke('report-finalize', { period: '2023Q1', password: TEST_PASSWORD, comment: '' })
    expect(quarter.ok).toBe(false)
    actAs(d.ctx, addTestUser(d.ctx, '李干事', ['officer']))
    const officer = await d.invoke('report-finalize', { period: '2023H1', password: TEST_PASSWORD, comment: '' })
    expect(officer.ok).toBe(false)
    if (!officer.ok) expect(officer.error.message).toContain('“党委书记”')
    expect(await d.call('report-finals', {})).toEqual([])
    expect((await d.call('report-preview', { period: '2023H1' })).final).toBeNull()
  })
})
