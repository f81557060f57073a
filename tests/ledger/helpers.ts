import ExcelJS from 'exceljs'
import { LEDGER_COLUMNS, REVIEW_COLUMN } from '../../shared/contract/ledger'
import { finishedJob } from '../../handlers/jobs/runner'
import type { TestDesk } from '../helpers/desk'
import type { ImportArgs, ImportReport, ExportResult } from '../../shared/contract/ledger'
import type { JobStatus } from '../../shared/contract/jobs'

/** Start an import job through the dispatcher and wait for it (the renderer polls job-status instead). */
export async function importFile(desk: TestDesk, args: ImportArgs): Promise<JobStatus<ImportReport>> {
  const { jobId } = await desk.call('ledger-import-start', args)
  return (await finishedJob(desk.ctx, jobId)) as JobStatus<ImportReport>
}

export async function importReport(desk: TestDesk, args: ImportArgs): Promise<ImportReport> {
  const s = await importFile(desk, args)
  if (s.error) throw new Error(`import failed: ${s.error.message}`)
  return s.result!
}

export async function exportFile(desk: TestDesk, format: 'xlsx' | 'csv', filter: Record<string, unknown> = {}): Promise<ExportResult> {
  const { jobId } = await desk.call('ledger-export-start', { format, filter })
  const s = (await finishedJob(desk.ctx, jobId)) as JobStatus<ExportResult>
  if (s.error) throw new Error(`export failed: ${s.error.message}`)
  return s.result!
}

export const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64')

/** A CSV file as the office's Excel saves it (UTF-8 with BOM). */
export function csvFile(lines: string[]): string {
  return b64('\ufeff' + lines.join('\r\n') + '\r\n')
}

/** An xlsx file with the given rows on its first sheet; Date values become Excel dates. */
export async function xlsxFile(rows: unknown[][], o: { dateFormat?: string; sheetName?: string } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(o.sheetName ?? 'Sheet1')
  for (const r of rows) ws.addRow(r)
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = o.dateFormat ?? 'yyyy-mm-dd'
    })
  )
  return b64(Buffer.from(await wb.xlsx.writeBuffer()))
}

/** The rows of a workbook's first sheet, or of the sheet named. */
export async function readXlsx(base64: string, sheet?: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0]
  const out: unknown[][] = []
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

/** Everything a test compares about the ledger: its rows, the audit trail size and the search index size. */
export function snapshot(desk: TestDesk): { pieces: unknown[]; themes: unknown[]; audit: number; search: number; settings: unknown[] } {
  const s = desk.ctx.desk.sqlite
  return {
    pieces: s.prepare('SELECT * FROM pieces ORDER BY id').all(),
    themes: s.prepare('SELECT * FROM piece_themes ORDER BY piece_id, theme').all(),
    audit: (s.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    search: (s.prepare('SELECT count(*) AS n FROM piece_search').get() as { n: number }).n,
    settings: s.prepare('SELECT * FROM settings ORDER BY key').all()
  }
}

export const HEADER = '日期,渠道,标题,状态,科室,作者,媒体/平台,媒体级别,数量,覆盖人次,主题,链接,备注'
/** An export's header: the template's, then 审核 (补录, who decided each step, 代录). */
/** A CSV export's header: every ledger column, then 审核 (a CSV has no second sheet for it). */
export const EXPORT_HEADER = [...LEDGER_COLUMNS, REVIEW_COLUMN].join(',')
