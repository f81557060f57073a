import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { exportFile, importReport, readXlsx } from './helpers'
import { LEDGER_COLUMNS } from '../../shared/contract/ledger'
import { TEMPLATE_SHEET_COLUMNS } from '../../services/ledger/write-file'
import { pieceToRow } from '../../services/ledger/template'
import type { Piece } from '../../shared/contract/pieces'

const desks: TestDesk[] = []
const open = (): TestDesk => {
  const d = freshDesk()
  desks.push(d)
  return d
}
afterEach(() => {
  for (const d of desks.splice(0)) d.close()
})

async function allPieces(desk: TestDesk): Promise<Piece[]> {
  const out: Piece[] = []
  for (let offset = 0; ; offset += 1000) {
    const page = await desk.call('piece-list', { sort: 'date', desc: false, offset, limit: 1000 })
    out.push(...page.rows)
    if (page.rows.length < 1000) return out
  }
}

/** What the template carries of every piece, in a stable order. */
async function templateRows(desk: TestDesk): Promise<string[]> {
  return (await allPieces(desk)).map((p) => JSON.stringify(pieceToRow(p))).sort()
}

/** Pieces whose text would run as a formula in Excel, with line breaks, apostrophes, numbers and every channel's defaults. */
async function trickyPieces(desk: TestDesk): Promise<void> {
  const add = (p: Parameters<TestDesk['call']>[1]) => desk.call('piece-create', p as never)
  await add({ channel: 'wechat', title: '=HYPERLINK("http://evil.example","点我")', date: '2023-02-01', status: 'published', backfill: true, notes: '-2 与 +3\n第二行，含"引号"和,逗号' })
  await add({ channel: 'media', title: "@所有人 关于'医保'的说明", date: '2023-02-02', status: 'not_accepted', backfill: true, outletLevel: '省级', venue: '+86 电台', themes: ['健康科普', '民族团结'] })
  await add({ channel: 'print', title: "'=已加过撇号的文字", date: '2023-02-03', status: 'completed', backfill: true, venue: '宣传册', quantity: 100000, reach: 0 })
  await add({ channel: 'event', title: '义诊', date: '2023-02-04', status: 'draft', reach: 215, quantity: 860, link: 'https://example.org/a?b=1&c=2' })
}

describe('ledger export → import round-trips exactly', () => {
  // The xlsx round trip, over every figure and cell, is tests/ledger/round-trip.test.ts; the CSV carries the same columns.
  it.each(['csv'] as const)('%s: the demo half-year and tricky text come back identical in a fresh desk', async (format) => {
    const a = open()
    await a.call('demo-seed', {})
    await trickyPieces(a)
    const out = await exportFile(a, format)
    const total = (await a.call('piece-list', {})).total
    expect(out.rows).toBe(total)
    expect(out.fileName).toBe(`台账_截至2023-06-15.${format}`)

    const b = open()
    const r = await importReport(b, { fileName: out.fileName, base64: out.base64, commit: true })
    expect(r.errors).toEqual([])
    expect(r.problems).toEqual([])
    expect(r.imported).toBe(total)
    expect(await templateRows(b)).toEqual(await templateRows(a))
  })

  it('exports only the filtered ledger, in the table’s order', async () => {
    const a = open()
    await a.call('demo-seed', {})
    const filter = { channel: 'media', from: '2023-03-01', to: '2023-03-31', sort: 'date', desc: false } as const
    const out = await exportFile(a, 'xlsx', filter)
    const expected = await a.call('piece-list', { ...filter, limit: 1000 })
    expect(out.rows).toBe(expected.total)
    expect(out.fileName).toBe('台账_2023-03-01至2023-03-31_媒体投稿.xlsx')
    const rows = await readXlsx(out.base64)
    expect(rows[0]).toEqual([...LEDGER_COLUMNS])
    expect(rows.slice(1).map((r) => r[2])).toEqual(expected.rows.map((p) => p.title))
    // Dates are real Excel dates (the officer can sort and filter them), on the right day.
    expect(rows[1][0]).toEqual(new Date(`${expected.rows[0].date}T00:00:00Z`))
  })

  it('neutralizes formula-like text in both formats', async () => {
    const a = open()
    await trickyPieces(a)
    const xlsx = await readXlsx((await exportFile(a, 'xlsx', { sort: 'date', desc: false })).base64)
    expect(xlsx[1][2]).toBe(`'=HYPERLINK("http://evil.example","点我")`)
    expect(xlsx[1][12]).toBe(`'-2 与 +3\n第二行，含"引号"和,逗号`)
    expect(xlsx[2][2]).toBe("'@所有人 关于'医保'的说明")
    expect(xlsx[2][6]).toBe("'+86 电台")
    expect(xlsx[3][2]).toBe("''=已加过撇号的文字")
    expect(xlsx[3][8]).toBe(100000) // numbers stay numbers
    const csv = Buffer.from((await exportFile(a, 'csv', { sort: 'date', desc: false })).base64, 'base64').toString('utf8')
    expect(csv.startsWith('\ufeff日期,渠道,标题,')).toBe(true)
    expect(csv).toContain(`2023-02-01,微信公众号,"'=HYPERLINK(""http://evil.example"",""点我"")"`)
    for (const line of csv.split('\r\n').slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+\-@]/)
  })

  it('downloads the import template in both formats, and the empty template imports as "no data rows"', async () => {
    const a = open()
    const xlsx = await a.call('ledger-template', { format: 'xlsx' })
    expect(xlsx.fileName).toBe('台账导入模板.xlsx')
    expect((await readXlsx(xlsx.base64))[0]).toEqual([...TEMPLATE_SHEET_COLUMNS])
    const csv = await a.call('ledger-template', { format: 'csv' })
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toBe('\ufeff' + TEMPLATE_SHEET_COLUMNS.join(',') + '\r\n')
    const r = await importReport(a, { fileName: xlsx.fileName, base64: xlsx.base64, commit: true })
    expect(r).toMatchObject({ sheet: '台账', missing: [], problems: ['文件里没有数据行'], committed: false })
  })
})
