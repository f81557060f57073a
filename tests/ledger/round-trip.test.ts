// The lossless ledger workbook (#13): export → import into an empty desk gives every ledger figure of the report
// unchanged, on the demo desk and on a desk built here with every field of every channel; export → import →
// export gives the same cells; importing the file again into the same desk updates by 记录标识, never duplicates.
import { describe, it, expect, afterAll, beforeAll } from 'vitest'
import ExcelJS from 'exceljs'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { exportFile, importReport } from './helpers'
import { buildFigureSet } from '../../handlers/reports/figures'
import { parsePeriod } from '../../shared/periods'
import { addDays } from '../../shared/dates'
import { CHANNEL_CODES, type Channel } from '../../shared/channels'
import { CHANNEL_FIELDS } from '../../shared/contract/channel-fields'
import { BODY_SHEET, LEDGER_SHEET, REVIEW_SHEET } from '../../services/ledger/write-file'
import { LEDGER_COLUMNS, UID_COLUMN } from '../../shared/contract/ledger'
import type { PieceInput } from '../../shared/contract/pieces'

/** The periods a report is asked for on these desks: both half-years of the demo's years and of the built desk's. */
const PERIODS = ['2022H2', '2023H1', '2023H2', '2024H1']
/** Figures that come from elsewhere than the ledger (the watch, the account registry, quotas). */
const NOT_LEDGER = /^(mentions|accounts|quota)/

function ledgerFigures(desk: TestDesk): Record<string, number> {
  const out: Record<string, number> = {}
  for (const code of PERIODS) {
    for (const f of buildFigureSet(desk.ctx.desk.db, parsePeriod(code), { quotas: false }).figures) {
      if (!NOT_LEDGER.test(f.key)) out[`${code} ${f.key}`] = f.value
    }
  }
  return out
}

/** Every sheet of a workbook as rows of plain cell values (dates as YYYY-MM-DD). */
async function sheets(base64: string): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  const out: Record<string, string[][]> = {}
  for (const ws of wb.worksheets) {
    const rows: string[][] = []
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = []
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = row.getCell(c).value
        cells.push(v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v))
      }
      rows.push(cells)
    })
    out[ws.name] = rows
  }
  return out
}

/** The ledger rows sorted by 记录标识 (the order of an export follows the table's sort, not identity). */
function byUid(rows: string[][]): string[][] {
  const uid = rows[0].indexOf(UID_COLUMN)
  return [rows[0], ...rows.slice(1).sort((a, b) => a[uid].localeCompare(b[uid]))]
}

// Longer than a cell, with a space and an emoji just where a cut at 30,000 characters would fall.
const LONG_BODY = '正文'.repeat(14_999) + '正 😀' + '正文'.repeat(5_000) + '——结尾'

/** A desk with every field of every channel filled, and the awkward cases an office file really has. */
async function fullDesk(): Promise<TestDesk> {
  const d = freshDesk()
  const sample: Record<string, unknown> = {
    original: true, likes: 12, shares: 3, zaikan: 5, reads: 1234, kind: null, paid: false,
    displayStart: '2023-06-28', displayEnd: '2023-07-03', durationSec: 95, vendor: '县印刷厂', place: '门诊广场',
    languages: ['苗汉双语'], languageNote: '另有彝语讲解', expert: '王主任', clinicDate: '2023-07-01', notesCount: 30,
    reflectionsCount: 12, from: '患者家属'
  }
  const kindFor: Partial<Record<Channel, string>> = { led: '节日祝福', tv: '自制', media: '稿件', print: '展板', event: '义诊', meeting: '专题党课', honor: '锦旗' }
  let n = 0
  for (const channel of CHANNEL_CODES) {
    for (const [i, date] of ['2023-06-30', '2023-07-01', '2024-01-15'].entries()) {
      const extra: Record<string, unknown> = {}
      const v: PieceInput = {
        channel, date, title: `${channel}-${i}：关于“健康”的宣传`, status: 'draft', department: '宣传科', author: '张三、李四',
        venue: channel === 'media' ? '河北日报' : '门诊大厅', outletLevel: channel === 'media' || channel === 'gov_report' ? (i ? '省级' : '县级') : null,
        quantity: i * 100 || null, reach: 50 + i, themes: ['健康科普', '民族团结'].slice(0, i + 1), link: `https://example.org/${channel}/${i}`,
        notes: i === 1 ? '第一行\n第二行' : '=SUM(A1)', body: channel === 'wechat' && i === 0 ? LONG_BODY : `正文 ${channel}`, backfill: true
      }
      for (const f of CHANNEL_FIELDS[channel]) {
        if (f.key === 'kind') v.kind = kindFor[channel] ?? null
        else if (f.key === 'reads') v.reads = 1000 + n
        else if (f.key === 'paid') v.paid = i === 2
        else if (f.key === 'acceptedDate') extra[f.key] = addDays(date, 5)
        else if (f.where === 'extra') extra[f.key] = f.key === 'original' ? i !== 1 : sample[f.key]
      }
      v.extra = extra
      v.status = { media: i === 0 ? 'accepted' : 'submitted', gov_report: 'accepted', print: 'completed', event: 'completed', meeting: 'completed', honor: 'completed' }[channel as string] as PieceInput['status'] ?? 'published'
      await d.call('piece-create', v)
      n++
    }
  }
  await d.call('piece-create', { channel: 'print', date: '2023-02-03', title: "'=已加过撇号的文字", status: 'completed', backfill: true, venue: '宣传册', quantity: 100000 })
  // Two records of one day with one title (the LED greeting on two screens): distinct records, not duplicates.
  await d.call('piece-create', { channel: 'led', date: '2023-09-29', title: '国庆节日祝福', status: 'published', backfill: true, venue: '门诊大厅', kind: '节日祝福' })
  await d.call('piece-create', { channel: 'led', date: '2023-09-29', title: '国庆节日祝福', status: 'published', backfill: true, venue: '院门口', kind: '节日祝福' })
  // A field the channel does not define (left over by an older version): kept as 其他字段, and still counted.
  d.ctx.desk.sqlite.prepare(`UPDATE pieces SET extra = json_set(extra, '$.languages', json('["维汉双语"]')) WHERE channel = 'wechat' AND date = '2023-07-01'`).run()
  return d
}

describe('the ledger workbook round trip', () => {
  const desks: TestDesk[] = []
  const open = (): TestDesk => {
    const d = freshDesk()
    desks.push(d)
    return d
  }
  let demo: TestDesk
  let built: TestDesk
  beforeAll(async () => {
    demo = open()
    await demo.call('demo-seed', {})
    built = await fullDesk()
    desks.push(built)
  }, 120_000)
  afterAll(() => {
    for (const d of desks.splice(0)) d.close()
  })

  for (const which of ['demo', 'built'] as const) {
    it(`keeps every ledger figure and every cell (${which === 'demo' ? '演示数据' : '各渠道全字段'})`, async () => {
      const a = which === 'demo' ? demo : built
      const before = ledgerFigures(a)
      const file = await exportFile(a, 'xlsx')
      const first = await sheets(file.base64)
      expect(Object.keys(first)).toEqual(which === 'built' ? [LEDGER_SHEET, BODY_SHEET, REVIEW_SHEET] : [LEDGER_SHEET, REVIEW_SHEET])
      expect(first[LEDGER_SHEET][0]).toEqual([...LEDGER_COLUMNS])

      const b = open()
      const report = await importReport(b, { fileName: file.fileName, base64: file.base64, commit: true })
      expect(report.errors).toEqual([])
      expect(report).toMatchObject({ committed: true, imported: file.rows, updated: 0, skipped: 0 })

      const after = ledgerFigures(b)
      console.log(`${which}: ${file.rows} 条记录，${Object.keys(before).length} 个台账数字（${PERIODS.join('、')}）逐一相同`)
      expect(Object.keys(before).length).toBeGreaterThan(which === 'demo' ? 92 : 60)
      expect(after).toEqual(before)

      const again = await sheets((await exportFile(b, 'xlsx')).base64)
      expect(byUid(again[LEDGER_SHEET])).toEqual(byUid(first[LEDGER_SHEET]))
      if (first[BODY_SHEET]) expect(again[BODY_SHEET]).toEqual(first[BODY_SHEET])
    }, 120_000)
  }

  it('carries a 正文 longer than a cell, formulas as text, line breaks and a field the channel does not define', async () => {
    const b = open()
    const file = await exportFile(built, 'xlsx')
    await importReport(b, { fileName: file.fileName, base64: file.base64, commit: true })
    const body = b.ctx.desk.sqlite.prepare(`SELECT body FROM pieces WHERE channel = 'wechat' AND date = '2023-06-30'`).get() as { body: string }
    expect(body.body).toBe(LONG_BODY)
    const notes = (b.ctx.desk.sqlite.prepare(`SELECT notes FROM pieces ORDER BY notes`).all() as { notes: string }[]).map((r) => r.notes)
    expect(notes).toContain('=SUM(A1)')
    expect(notes).toContain('第一行\n第二行')
    const stale = b.ctx.desk.sqlite.prepare(`SELECT json_extract(extra, '$.languages') AS l FROM pieces WHERE channel = 'wechat' AND date = '2023-07-01'`).get() as { l: string }
    expect(JSON.parse(stale.l)).toEqual(['维汉双语'])
  }, 60_000)

  it('imports its own export again as 不变, updates a changed cell by 记录标识, and adds nothing twice', async () => {
    const a = open()
    await a.call('piece-create', { channel: 'wechat', date: '2023-05-04', title: '五四青年节推文', status: 'published', backfill: true, reads: 100, extra: { original: true } })
    await a.call('piece-create', { channel: 'event', date: '2023-05-12', title: '护士节义诊', status: 'completed', backfill: true, kind: '义诊', reach: 80 })
    const file = await exportFile(a, 'xlsx')

    const same = await importReport(a, { fileName: file.fileName, base64: file.base64 })
    expect(same).toMatchObject({ added: 0, unchanged: 2, changes: [], duplicates: [], errors: [] })

    // The officer updates the reads in Excel and imports the file again.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet(LEDGER_SHEET)!
    const header = (ws.getRow(1).values as string[]).slice(1)
    const titleCol = header.indexOf('标题') + 1
    const readsCol = header.indexOf('阅读量') + 1
    ws.eachRow((row, i) => {
      if (i > 1 && row.getCell(titleCol).value === '五四青年节推文') row.getCell(readsCol).value = 2500
    })
    ws.addRow(['2023-05-20', '微信公众号', '新增的一条推文'])
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')

    const preview = await importReport(a, { fileName: 'edited.xlsx', base64: edited })
    expect(preview).toMatchObject({ added: 1, unchanged: 1, committed: false })
    expect(preview.changes).toEqual([expect.objectContaining({ title: '五四青年节推文', fields: [{ column: '阅读量', before: '100', after: '2500' }] })])

    const done = await importReport(a, { fileName: 'edited.xlsx', base64: edited, commit: true })
    expect(done).toMatchObject({ committed: true, imported: 1, updated: 1 })
    const rows = a.ctx.desk.sqlite.prepare('SELECT title, reads FROM pieces ORDER BY id').all()
    expect(rows).toEqual([{ title: '五四青年节推文', reads: 2500 }, { title: '护士节义诊', reads: null }, { title: '新增的一条推文', reads: null }])
    const audit = a.ctx.desk.sqlite.prepare(`SELECT action FROM audit_log WHERE entity = 'piece' AND action LIKE 'import%' ORDER BY id`).all()
    expect(audit).toEqual([{ action: 'import' }, { action: 'import-update' }])
  }, 60_000)

  it('skips likely duplicates by default and lists them', async () => {
    const a = open()
    await a.call('piece-create', { channel: 'wechat', date: '2023-05-04', title: '五四青年节推文', status: 'published', backfill: true })
    const csv = Buffer.from('\ufeff日期,渠道,标题\r\n2023-05-04,微信公众号,五四青年节推文\r\n2023-05-05,微信公众号,另一条\r\n').toString('base64')
    const preview = await importReport(a, { fileName: 'old.csv', base64: csv })
    expect(preview.duplicates).toEqual([expect.objectContaining({ row: 2, title: '五四青年节推文', existingId: 1 })])
    const done = await importReport(a, { fileName: 'old.csv', base64: csv, commit: true })
    expect(done).toMatchObject({ imported: 1, skipped: 1 })
  })

  it('refuses a changed 记录标识 and a 双语形式 that is not one, naming the row and the column', async () => {
    const a = open()
    const csv = Buffer.from('\ufeff日期,渠道,标题,双语形式,记录标识\r\n2023-05-04,宣传活动,义诊,汉语,\r\n2023-05-05,宣传活动,讲座,苗汉双语,xyz\r\n').toString('base64')
    const r = await importReport(a, { fileName: 'bad.csv', base64: csv, commit: true })
    expect(r.committed).toBe(false)
    expect(r.errors.map((e) => [e.row, e.column, e.message])).toEqual([
      [2, '双语形式', expect.stringContaining('“汉语”不在双语形式中')],
      [3, '记录标识', expect.stringContaining('请勿修改')]
    ])
  })
})
