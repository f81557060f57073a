// Ledger rows → the template as xlsx or CSV, plus the export's 审核 column (补录, who approved, 代录). Every text cell goes through services/export/cells (formula
// neutralizing, control characters, length limit); dates become real Excel dates so the officer can sort them.
import ExcelJS from 'exceljs'
import { streamedWorkbook } from '../export/xlsx-stream'
import { EXPORT_COLUMNS, TEMPLATE_COLUMNS, REQUIRED_COLUMNS, REVIEW_COLUMN, type ExportColumn, type TemplateColumn } from '../../shared/contract/ledger'
import { CHANNELS, STATUSES, OUTLET_LEVELS } from '../../shared/channels'
import { safeCell } from '../export/cells'
import { toCsv } from '../export/csv'
import { DATE_FORMS } from './cells'
import { calendarDay } from '../../shared/dates'

/** One exported row: the template's columns, and the 审核 column (empty when left out). */
export type LedgerRow = Record<TemplateColumn, string | number | null> & Partial<Record<typeof REVIEW_COLUMN, string | null>>

const WIDTHS: Record<ExportColumn, number> = {
  日期: 12, 渠道: 14, 标题: 48, 状态: 10, 科室: 12, 作者: 12, '媒体/平台': 18, 媒体级别: 10, 数量: 10, 覆盖人次: 10, 主题: 22, 链接: 30, 备注: 30, 审核: 40
}

/** What each column takes, for the template's 填写说明 sheet. */
const GUIDE: Record<TemplateColumn, string> = {
  日期: `发布、播放、报送或举办的日期，可写 ${DATE_FORMS}，也可用 Excel 日期格式`,
  渠道: `填以下之一：${Object.values(CHANNELS).join('、')}`,
  标题: '稿件、活动或材料的标题，200 字以内',
  状态: `可留空（默认 已发布；媒体投稿和工作动态报送默认 已报送；宣传品、宣传活动、会议学习、表扬默认 已完成）。可填：${Object.values(STATUSES).join('、')}`,
  科室: '供稿或承办科室',
  作者: '作者，多人用顿号分隔',
  '媒体/平台': '媒体投稿填媒体名称；工作动态报送填报送单位；LED屏填屏幕位置；网络渠道填账号；宣传品、宣传活动填类别',
  媒体级别: `媒体投稿填：${OUTLET_LEVELS.join('、')}`,
  数量: '宣传品印制份数，或活动发放资料份数（整数）',
  覆盖人次: '活动覆盖、咨询或参加的人次（整数）',
  主题: '用顿号、逗号分隔，如：民族团结、健康科普',
  链接: '以 http:// 或 https:// 开头的网址',
  备注: '其他说明'
}

const VALIDATION_ROWS = 1000

function xlsxValue(column: ExportColumn, v: string | number | null | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'number') return v
  if (column === '日期' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return calendarDay(v)
  return safeCell(v)
}

function sheetWithHeader(wb: ExcelJS.Workbook, columns: readonly ExportColumn[] = TEMPLATE_COLUMNS): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c, key: c, width: WIDTHS[c] }))
  const head = ws.getRow(1)
  head.font = { bold: true }
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F2F4' } }
  ws.getColumn('日期').numFmt = 'yyyy-mm-dd'
  ws.getColumn('标题').alignment = { wrapText: true, vertical: 'top' }
  for (const c of REQUIRED_COLUMNS) ws.getRow(1).getCell(c).font = { bold: true, color: { argb: 'FFB3261E' } }
  return ws
}

/**
 * The filled ledger as xlsx. Written with exceljs's streaming writer: each row is committed (serialized) as it is
 * added and the zip is compressed as it streams, so with `pause` awaited every few thousand rows no single step
 * blocks for long — the in-memory writer spent ~20 s in one go zipping 100,000 rows.
 */
export async function ledgerXlsx(rows: LedgerRow[], pause?: (done: number) => Promise<void>): Promise<Buffer> {
  const { wb, finish } = streamedWorkbook()
  const ws = sheetWithHeader(wb, EXPORT_COLUMNS)
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: EXPORT_COLUMNS.length } }
  ws.getRow(1).commit()
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    ws.addRow(EXPORT_COLUMNS.map((c) => xlsxValue(c, r[c]))).commit()
    if (pause && i % 2000 === 1999) await pause(i + 1)
  }
  ws.commit()
  return finish()
}

export function ledgerCsv(rows: LedgerRow[]): Buffer {
  const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : safeCell(v))
  return toCsv([[...EXPORT_COLUMNS], ...rows.map((r) => EXPORT_COLUMNS.map((c) => text(r[c])))])
}

/** The empty import template: headers, drop-down lists for 渠道/状态/媒体级别, and a sheet explaining each column. */
export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '宣传舆情工作台'
  const ws = sheetWithHeader(wb)
  const list = (values: readonly string[]): ExcelJS.DataValidation => ({ type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] })
  const lists: [TemplateColumn, ExcelJS.DataValidation][] = [
    ['渠道', list(Object.values(CHANNELS))],
    ['状态', list(Object.values(STATUSES))],
    ['媒体级别', list(OUTLET_LEVELS)]
  ]
  for (const [column, v] of lists) {
    const col = ws.getColumn(column)
    for (let r = 2; r <= VALIDATION_ROWS; r++) ws.getCell(r, col.number).dataValidation = v
  }
  const guide = wb.addWorksheet('填写说明')
  guide.columns = [{ header: '列名', width: 14 }, { header: '必填', width: 8 }, { header: '填写说明', width: 100 }]
  guide.getRow(1).font = { bold: true }
  for (const c of TEMPLATE_COLUMNS) guide.addRow([c, REQUIRED_COLUMNS.includes(c) ? '是' : '', GUIDE[c]])
  guide.addRow([])
  guide.addRow(['', '', '导入时读取第一个带表头（日期、渠道、标题……）的工作表；列的顺序可以调整，多余的列会被忽略，表头名称不同时可在导入时指定对应关系。任何一行有错，整个文件都不会导入，请按提示改正后重新导入。'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function templateCsv(): Buffer {
  return toCsv([[...TEMPLATE_COLUMNS]])
}
