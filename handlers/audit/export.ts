// 操作日志 → .xlsx for the inspection team: one row per audit row, newest first, with the labels the screen
// shows, the full recorded content and each row's hash (so a printed copy can be checked against the desk).
import ExcelJS from 'exceljs'
import { streamedWorkbook } from '../../services/export/xlsx-stream'
import { auditPages, type AuditFilter, type AuditRow } from '../../db/queries/audit'
import { safeCell } from '../../services/export/cells'
import { auditActionLabel, auditEntityLabel, auditRecordLabel, auditSummary, auditTime } from '../../shared/audit-labels'
import { chinaDate } from '../../shared/dates'
import type { AuditFilterInput } from '../../shared/contract/audit'
import type { FilePayload } from '../../shared/contract/ledger'
import type { Ctx } from '../context'
import { noJob, type Job } from '../jobs/runner'
import { parseChanges } from './rows'

const COLUMNS = [
  { header: '编号', width: 9 },
  { header: '时间', width: 20 },
  { header: '人员', width: 14 },
  { header: '操作', width: 14 },
  { header: '对象', width: 12 },
  { header: '对象编号', width: 12 },
  { header: '内容摘要', width: 60 },
  { header: '详细内容', width: 60 },
  { header: '校验值', width: 24 }
]
const PAGE = 2000

/** 操作日志_2023-06-01至2023-06-30_王书记.xlsx */
export function auditFileName(f: AuditFilterInput, today: string): string {
  const parts = ['操作日志', f.from || f.to ? `${f.from ?? '最早'}至${f.to ?? today}` : `截至${today}`]
  if (f.actor) parts.push(f.actor)
  if (f.action) parts.push(auditActionLabel(f.action))
  if (f.entity) parts.push(auditEntityLabel(f.entity))
  return `${parts.join('_').replace(/[\\/:*?"<>|\r\n\t]/g, '')}.xlsx`
}

function cells(r: AuditRow): ExcelJS.CellValue[] {
  return [
    r.id,
    auditTime(r.at),
    safeCell(r.actor),
    safeCell(auditActionLabel(r.action, r.entity)),
    safeCell(auditRecordLabel(r.entity, r.entityId)),
    safeCell(r.entityId),
    safeCell(auditSummary(r.action, parseChanges(r.changes))),
    safeCell(r.changes),
    r.hash ?? ''
  ]
}

/** Streamed (exceljs WorkbookWriter): each row is serialized as it is added, pausing between pages. */
export async function runAuditExport(ctx: Ctx, filter: AuditFilter, named: AuditFilterInput, job: Job = noJob): Promise<FilePayload & { rows: number }> {
  const { wb, finish } = streamedWorkbook()
  const ws = wb.addWorksheet('操作日志', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = COLUMNS
  const head = ws.getRow(1)
  head.font = { bold: true }
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F2F4' } }
  head.commit()
  let rows = 0
  job.progress('writing', 0, 0)
  for (const page of auditPages(ctx.desk.db, filter, PAGE)) {
    for (const r of page) ws.addRow(cells(r)).commit()
    rows += page.length
    job.progress('writing', rows, 0)
    await job.pause()
  }
  ws.commit()
  const bytes = await finish()
  return { fileName: auditFileName(named, chinaDate(ctx.now())), base64: bytes.toString('base64'), rows }
}
