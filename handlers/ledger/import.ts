// Import of the office's Excel history, or of a workbook this desk (or another) exported: read → check every row
// (in chunks, so the window stays responsive) → write everything in ONE transaction. A row whose 记录标识 names a
// record of this desk updates it (through the form's write path); any other row adds one. Any bad row and nothing
// is written; the report names every bad row, its column and the reason, and what will be added, changed and left.
import { UserError } from '../errors'
import { createPiece, allowedStatuses, updateFromForm } from '../pieces/write'
import { backfillNote, isBackfill } from '../pieces/create'
import { readSetting, writeState } from '../settings'
import { recordAudit } from '../../db/queries/audit'
import { findPieceByKey, findPieceByUid } from '../../db/queries/ledger-io'
import { getPiece } from '../../db/queries/pieces'
import { readSpreadsheet, FileProblem, type ReadFile, type SheetRows } from '../../services/ledger/read-file'
import { cellText, columnLetter, type CellValue } from '../../services/ledger/cells'
import { bodyParts, fieldsOf, patchFrom } from '../../services/ledger/update'
import { checkRow, findHeaderRow, pieceToRow, rememberMapping, resolveColumns, type HeaderMapping, type PieceValues } from '../../services/ledger/template'
import {
  BODY_COLUMN, LEDGER_COLUMNS, MAX_IMPORT_BYTES, UID_COLUMN,
  type ImportDuplicate, type ImportReport, type ImportRowError, type LedgerColumn
} from '../../shared/contract/ledger'
import { BODY_MAX } from '../../shared/contract/pieces'
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

/** Thrown to roll back the trial run of a preview. */
class TrialRun extends Error {}

/** An uploaded spreadsheet (xlsx, csv in UTF-8 or GBK) read, or its problem as a Chinese error on the file field. */
export async function readUpload(fileName: string, bytes: Uint8Array): Promise<ReadFile> {
  try {
    return await readSpreadsheet(fileName, bytes)
  } catch (e) {
    if (e instanceof FileProblem) throw new UserError(e.message, { field: 'base64' })
    throw e
  }
}

export async function runImport(ctx: Ctx, o: ImportOptions, job: Job = noJob): Promise<ImportReport> {
  job.progress('reading', 0, 0)
  const file = await readUpload(o.fileName, o.bytes)
  const db = ctx.desk.db
  const chosen = o.mapping ?? {}
  const remembered: HeaderMapping = readSetting(db, 'ledger-import-mapping')
  const { sheet, headerRow } = pickSheet(file.sheets, chosen, remembered)
  const headers = (sheet?.rows[headerRow] ?? []).map(cellText)
  const cols = resolveColumns(headers, chosen, remembered)
  const dataRows: { row: number; cells: CellValue[] }[] = []
  sheet?.rows.forEach((cells, i) => {
    if (i > headerRow && !isBlank(cells)) dataRows.push({ row: i + 1, cells })
  })
  const longBodies = bodyParts(file.sheets)

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
    added: 0,
    changes: [],
    unchanged: 0,
    left: [],
    sample: [],
    committed: false,
    imported: 0,
    updated: 0,
    skipped: 0
  }
  if (headers.every((h) => !h)) report.problems.push('没有找到表头行：第一行应为列名（日期、渠道、标题……）')
  if (dataRows.length === 0 && report.problems.length === 0) report.problems.push('文件里没有数据行')
  if (report.missing.length) return report

  const present = LEDGER_COLUMNS.filter((c) => cols.index[c] !== undefined)
  const fields = fieldsOf(present)
  const rules = { allowed: allowedStatuses, languages: readSetting(db, 'bilingual-forms'), date1904: file.date1904 }
  const creates: { row: number; values: PieceValues; uid: string | undefined }[] = []
  const updates: { row: number; id: number; patch: Partial<PieceValues> }[] = []
  const skip = new Set<number>()
  const seenKey = new Map<string, { row: number; uid: string }>()
  const seenUid = new Map<string, number>()
  let listedChanges = 0
  const addError = (e: ImportRowError): void => {
    if (report.errors.length < MAX_LISTED) report.errors.push(e)
    else report.moreErrors++
  }
  const columnOf = (c: LedgerColumn): { column: string; letter: string } => {
    const i = cols.index[c]
    return i === undefined ? { column: c, letter: '' } : { column: headers[i].trim(), letter: columnLetter(i) }
  }

  job.progress('checking', 0, dataRows.length)
  for (let start = 0; start < dataRows.length; start += CHUNK) {
    for (const { row, cells } of dataRows.slice(start, start + CHUNK)) {
      const get = (c: LedgerColumn): CellValue => {
        const i = cols.index[c]
        return i === undefined ? null : (cells[i] ?? null)
      }
      const checked = checkRow(get, (c) => cols.index[c] !== undefined, rules)
      const { uid, issues } = checked
      let values = checked.values
      if (values && uid && longBodies.has(uid)) {
        values = { ...values, body: values.body + longBodies.get(uid)! }
        if (values.body.length > BODY_MAX) issues.push({ column: BODY_COLUMN, message: `正文不能超过 ${BODY_MAX} 字` })
      }
      const firstWithUid = uid ? seenUid.get(uid) : undefined
      if (uid && firstWithUid !== undefined) issues.push({ column: UID_COLUMN, message: `与第 ${firstWithUid} 行的记录标识相同：同一条记录只能出现一次` })
      else if (uid) seenUid.set(uid, row)
      for (const issue of issues) addError({ row, field: issue.column, message: issue.message, ...columnOf(issue.column) })
      if (report.sample.length < SAMPLE_ROWS) {
        const sampleCells: Partial<Record<LedgerColumn, string>> = {}
        for (const c of present) sampleCells[c] = cellText(get(c))
        report.sample.push({ row, cells: sampleCells, bad: issues.length > 0 })
      }
      if (!values || issues.length) continue

      const known = uid ? findPieceByUid(db, uid) : null
      if (known?.deleted) {
        if (report.left.length < MAX_LISTED) report.left.push({ row, title: values.title, reason: `这条记录（编号 ${known.id}）在回收站中：如需导入，请先在回收站中恢复` })
        continue
      }
      if (known) {
        const before = getPiece(db, known.id)!
        const patch = patchFrom(before, values, fields)
        const was = pieceToRow(before)
        const now = pieceToRow({ ...before, ...patch })
        const changed = present.filter((c) => c !== UID_COLUMN && String(was[c] ?? '') !== String(now[c] ?? ''))
        if (changed.length === 0) {
          report.unchanged++
          continue
        }
        updates.push({ row, id: known.id, patch })
        if (listedChanges++ < MAX_LISTED) {
          report.changes.push({ row, id: known.id, title: before.title, fields: changed.map((c) => ({ column: c, before: String(was[c] ?? ''), after: String(now[c] ?? '') })) })
        }
        continue
      }
      report.added++
      creates.push({ row, values, uid: uid || undefined })
      // A likely duplicate: same channel, date and title as a record of this desk, or as an earlier row — unless
      // both rows carry their own 记录标识 (two records of one desk may share a title and a day).
      const key = `${values.channel}\u0001${values.date}\u0001${values.title}`
      const existingId = findPieceByKey(db, values.channel, values.date, values.title)
      const earlier = seenKey.get(key)
      if (!earlier) seenKey.set(key, { row, uid })
      const sameAsRow = earlier && !(earlier.uid && uid) ? earlier.row : null
      if (existingId !== null || sameAsRow !== null) {
        const d: ImportDuplicate = { row, channel: values.channel, title: values.title, date: values.date, existingId, sameAsRow }
        if (report.duplicates.length < MAX_LISTED) report.duplicates.push(d)
        skip.add(row)
      }
    }
    job.progress('checking', Math.min(start + CHUNK, dataRows.length), dataRows.length)
    await job.pause()
  }

  const blocked = (): boolean => report.errors.length > 0 || report.moreErrors > 0 || report.problems.length > 0
  const toWrite = o.skipDuplicates ? creates.filter((v) => !skip.has(v.row)) : creates
  // An update goes through the form's write path (review and signed-month rules). The preview tries every update
  // and rolls back, so a row the rules refuse is named before anything is written.
  const applyUpdates = (confirm: boolean, onRefused: (row: number, e: UserError) => void): void => {
    for (const u of updates) {
      try {
        updateFromForm(ctx, u.id, u.patch, confirm, 'import-update')
      } catch (e) {
        if (!(e instanceof UserError)) throw e
        onRefused(u.row, e)
      }
    }
  }
  if (!o.commit || blocked()) {
    if (updates.length && !blocked()) {
      try {
        ctx.desk.tx(() => {
          applyUpdates(true, (row, e) => addError({ row, field: null, column: '', letter: '', message: e.message }))
          throw new TrialRun()
        })
      } catch (e) {
        if (!(e instanceof TrialRun)) throw e
      }
    }
    return report
  }

  job.progress('writing', 0, toWrite.length + updates.length)
  if (toWrite.length + updates.length > SHOW_WRITING_ABOVE) await job.showPhase()
  const at = ctx.now().toISOString()
  ctx.desk.tx(() => {
    // An imported row is work recorded elsewhere: past 待审核 it is 补录, labelled as such in its audit row.
    for (const { values, uid } of toWrite) {
      const backfill = isBackfill({ ...values, backfill: true })
      createPiece(ctx, { ...values, backfill }, 'import', backfill ? { backfill: backfillNote(values.status, [], '从台账文件导入为') } : {}, uid)
    }
    applyUpdates(true, (row, e) => {
      throw new UserError(`第 ${row} 行：${e.message}（没有导入任何数据）`, e.details)
    })
    const nextMapping = rememberMapping(remembered, chosen)
    if (JSON.stringify(nextMapping) !== JSON.stringify(remembered)) writeState(db, 'ledger-import-mapping', nextMapping, at)
    recordAudit(db, {
      at,
      actor: ctx.actor,
      action: 'import',
      entity: 'ledger',
      entityId: o.fileName,
      changes: { fileName: o.fileName, rows: dataRows.length, imported: toWrite.length, updated: updates.length, unchanged: report.unchanged, skippedDuplicates: creates.length - toWrite.length, left: report.left.length, mapping: chosen }
    })
  })
  job.progress('writing', toWrite.length + updates.length, toWrite.length + updates.length)
  return { ...report, committed: true, imported: toWrite.length, updated: updates.length, skipped: creates.length - toWrite.length }
}
