// Import of the office's Excel history: read → check every row (in chunks, so the window stays responsive) →
// write everything in ONE transaction through createPiece. Any bad row and nothing is written; the report names
// every bad row, its column and the reason.
import { UserError } from '../errors'
import { createPiece, allowedStatuses } from '../pieces/write'
import { backfillNote, isBackfill } from '../pieces/create'
import { readSetting, writeState } from '../settings'
import { recordAudit } from '../../db/queries/audit'
import { findPieceByKey } from '../../db/queries/ledger-io'
import { readSpreadsheet, FileProblem, type SheetRows } from '../../services/ledger/read-file'
import { cellText, columnLetter, type CellValue } from '../../services/ledger/cells'
import { checkRow, findHeaderRow, rememberMapping, resolveColumns, type HeaderMapping, type PieceValues } from '../../services/ledger/template'
import { TEMPLATE_COLUMNS, MAX_IMPORT_BYTES, type ImportDuplicate, type ImportReport, type ImportRowError, type TemplateColumn } from '../../shared/contract/ledger'
import type { Ctx } from '../context'
import { noJob, type Job } from '../jobs/runner'

const CHUNK = 500
const MAX_LISTED = 5000
const SAMPLE_ROWS = 20
/** Writing fewer rows than this takes well under half a second: not worth telling the officer about. */
const SHOW_WRITING_ABOVE = 500

export interface ImportOptions {
  fileName: string
  bytes: Uint8Array
  mapping?: HeaderMapping
  skipDuplicates?: boolean
  commit?: boolean
}

/** The job's phases, in order; the page names them. */
export type ImportPhase = 'reading' | 'checking' | 'writing'

/** base64 from the renderer → bytes, with the size cap and a clear message. */
export function decodeUpload(base64: string): Uint8Array {
  const bytes = Buffer.from(base64, 'base64')
  if (bytes.length === 0) throw new UserError('文件是空的，或没有读取成功，请重新选择文件', { field: 'base64' })
  if (bytes.length > MAX_IMPORT_BYTES) throw new UserError(`文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），请拆分后分批导入`, { field: 'base64' })
  return bytes
}

const isBlank = (row: CellValue[] | undefined): boolean => !row || row.every((v) => cellText(v) === '')

/** The sheet holding the ledger: the first whose header names at least two template columns (else the first). */
function pickSheet(sheets: SheetRows[], chosen: HeaderMapping, remembered: HeaderMapping): { sheet: SheetRows; headerRow: number } {
  for (const sheet of sheets) {
    const hr = findHeaderRow(sheet.rows, chosen, remembered)
    const headers = (sheet.rows[hr] ?? []).map(cellText)
    if (Object.keys(resolveColumns(headers, chosen, remembered).index).length >= 2) return { sheet, headerRow: hr }
  }
  return { sheet: sheets[0], headerRow: 0 }
}

export async function runImport(ctx: Ctx, o: ImportOptions, job: Job = noJob): Promise<ImportReport> {
  job.progress('reading', 0, 0)
  let file
  try {
    file = await readSpreadsheet(o.fileName, o.bytes)
  } catch (e) {
    if (e instanceof FileProblem) throw new UserError(e.message, { field: 'base64' })
    throw e
  }
  const chosen = o.mapping ?? {}
  const remembered: HeaderMapping = readSetting(ctx.desk.db, 'ledger-import-mapping')
  const { sheet, headerRow } = pickSheet(file.sheets, chosen, remembered)
  const headers = (sheet?.rows[headerRow] ?? []).map(cellText)
  const cols = resolveColumns(headers, chosen, remembered)
  const dataRows: { row: number; cells: CellValue[] }[] = []
  sheet?.rows.forEach((cells, i) => {
    if (i > headerRow && !isBlank(cells)) dataRows.push({ row: i + 1, cells })
  })

  const report: ImportReport = {
    fileName: o.fileName,
    sheet: sheet?.name ?? null,
    encoding: file.encoding,
    headerRow: headerRow + 1,
    headers,
    mapping: cols.mapping,
    remembered: cols.remembered,
    missing: cols.missing,
    problems: [...cols.problems],
    rows: dataRows.length,
    errors: [],
    moreErrors: 0,
    duplicates: [],
    sample: [],
    committed: false,
    imported: 0,
    skipped: 0
  }
  if (headers.every((h) => !h)) report.problems.push('没有找到表头行：第一行应为列名（日期、渠道、标题……）')
  if (dataRows.length === 0 && report.problems.length === 0) report.problems.push('文件里没有数据行')
  if (report.missing.length) return report

  const valid: { row: number; values: PieceValues }[] = []
  const skip = new Set<number>()
  const seen = new Map<string, number>()
  const addError = (e: ImportRowError): void => {
    if (report.errors.length < MAX_LISTED) report.errors.push(e)
    else report.moreErrors++
  }
  const columnOf = (c: TemplateColumn): { column: string; letter: string } => {
    const i = cols.index[c]
    return i === undefined ? { column: c, letter: '' } : { column: headers[i].trim(), letter: columnLetter(i) }
  }

  job.progress('checking', 0, dataRows.length)
  for (let start = 0; start < dataRows.length; start += CHUNK) {
    for (const { row, cells } of dataRows.slice(start, start + CHUNK)) {
      const get = (c: TemplateColumn): CellValue => {
        const i = cols.index[c]
        return i === undefined ? null : (cells[i] ?? null)
      }
      const { values, issues } = checkRow(get, allowedStatuses, file.date1904)
      for (const issue of issues) addError({ row, field: issue.column, message: issue.message, ...columnOf(issue.column) })
      if (report.sample.length < SAMPLE_ROWS) {
        const sampleCells: Partial<Record<TemplateColumn, string>> = {}
        for (const c of TEMPLATE_COLUMNS) if (cols.index[c] !== undefined) sampleCells[c] = cellText(get(c))
        report.sample.push({ row, cells: sampleCells, bad: issues.length > 0 })
      }
      if (!values) continue
      valid.push({ row, values })
      const key = `${values.channel}\u0001${values.date}\u0001${values.title}`
      const existingId = findPieceByKey(ctx.desk.db, values.channel, values.date, values.title)
      const sameAsRow = seen.get(key) ?? null
      if (sameAsRow === null) seen.set(key, row)
      if (existingId !== null || sameAsRow !== null) {
        const d: ImportDuplicate = { row, channel: values.channel, title: values.title, date: values.date, existingId, sameAsRow }
        if (report.duplicates.length < MAX_LISTED) report.duplicates.push(d)
        skip.add(row)
      }
    }
    job.progress('checking', Math.min(start + CHUNK, dataRows.length), dataRows.length)
    await job.pause()
  }

  const blocked = report.errors.length > 0 || report.moreErrors > 0 || report.problems.length > 0
  if (!o.commit || blocked) return report

  const toWrite = o.skipDuplicates ? valid.filter((v) => !skip.has(v.row)) : valid
  job.progress('writing', 0, toWrite.length)
  if (toWrite.length > SHOW_WRITING_ABOVE) await job.showPhase()
  const at = ctx.now().toISOString()
  ctx.desk.tx(() => {
    // An imported row is work recorded elsewhere: past 待审核 it is 补录, labelled as such in its audit row.
    for (const { values } of toWrite) {
      const backfill = isBackfill({ ...values, backfill: true })
      createPiece(ctx, { ...values, backfill }, 'import', backfill ? { backfill: backfillNote(values.status, [], '从台账文件导入为') } : {})
    }
    const nextMapping = rememberMapping(remembered, chosen)
    if (JSON.stringify(nextMapping) !== JSON.stringify(remembered)) writeState(ctx.desk.db, 'ledger-import-mapping', nextMapping, at)
    recordAudit(ctx.desk.db, {
      at,
      actor: ctx.actor,
      action: 'import',
      entity: 'ledger',
      entityId: o.fileName,
      changes: { fileName: o.fileName, rows: dataRows.length, imported: toWrite.length, skippedDuplicates: valid.length - toWrite.length, mapping: chosen }
    })
  })
  job.progress('writing', toWrite.length, toWrite.length)
  return { ...report, committed: true, imported: toWrite.length, skipped: valid.length - toWrite.length }
}
