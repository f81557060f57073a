// Ledger rows → the template as xlsx or CSV, plus the export's 审核 column (补录, who approved, 代录). Every text cell goes through services/export/cells (formula
// neutralizing, control characters, length limit); dates become real Excel dates so the officer can sort them.
import ExcelJS from 'exceljs'
import { streamedWorkbook } from '../export/xlsx-stream'
import {
  BODY_COLUMN, CHANNEL_COLUMNS, LEDGER_COLUMNS, OTHER_COLUMN, REQUIRED_COLUMNS, REVIEW_COLUMN, UID_COLUMN,
  type LedgerColumn, type TemplateColumn
} from '../../shared/contract/ledger'
import { CHANNELS, STATUSES, OUTLET_LEVELS, channelLabel } from '../../shared/channels'
import { safeCell } from '../export/cells'
import { toCsv } from '../export/csv'
import { DATE_FORMS } from './cells'
import { CHANNEL_COLUMN_SPEC, type LedgerCells } from './template'
import { calendarDay } from '../../shared/dates'

/** One exported row: every ledger column, and the 审核 text (what happened in this desk; not ledger data). */
export type LedgerRow = LedgerCells & { [REVIEW_COLUMN]?: string | null }

export const LEDGER_SHEET = '台账'
/** 正文 longer than one cell holds continues here, in pieces of BODY_CHUNK characters, by 记录标识 and 段. */
export const BODY_SHEET = '正文（续）'
export const REVIEW_SHEET = '审核记录'
export const BODY_CHUNK = 30_000
const BODY_SHEET_COLUMNS = [UID_COLUMN, '段', BODY_COLUMN] as const

/**
 * 正文 in pieces of at most BODY_CHUNK characters, cut where neither side is whitespace (a cell is read back trimmed)
 * and never between the two halves of a surrogate pair (an emoji or a rare character would be lost).
 */
export function bodyChunks(body: string): string[] {
  const out: string[] = []
  const bad = (i: number): boolean => /\s/.test(body[i - 1]) || /\s/.test(body[i]) || (body.charCodeAt(i) & 0xfc00) === 0xdc00
  let start = 0
  while (body.length - start > BODY_CHUNK) {
    let cut = start + BODY_CHUNK
    while (cut > start + 1 && bad(cut)) cut--
    out.push(body.slice(start, cut))
    start = cut
  }
  out.push(body.slice(start))
  return out
}
const REVIEW_SHEET_COLUMNS = [UID_COLUMN, '日期', '渠道', '标题', REVIEW_COLUMN] as const

const WIDE: Partial<Record<string, number>> = { 日期: 12, 渠道: 14, 标题: 48, '媒体/平台': 18, 主题: 22, 链接: 30, 备注: 30, [BODY_COLUMN]: 40, [OTHER_COLUMN]: 20, [UID_COLUMN]: 18, [REVIEW_COLUMN]: 60, 段: 6 }
const DATE_COLUMNS = new Set<string>(['日期', ...CHANNEL_COLUMNS.filter((c) => CHANNEL_COLUMN_SPEC[c].kind === 'date')])

const KIND_HINT: Record<string, string> = { count: '整数', date: `日期，可写 ${DATE_FORMS}`, list: '多项用顿号分隔', text: '文字', select: '从该渠道的类别中选择', level: OUTLET_LEVELS.join('、') }
const BOOL_HINT: Partial<Record<string, string>> = { '原创/转载': '填“原创”或“转载”', 合作版面: '付费刊登的填“是”（不计入录用），否则留空' }

/** What each column takes, for the template's 填写说明 sheet. */
function guide(c: LedgerColumn): string {
  const fixed: Partial<Record<LedgerColumn, string>> = {
    日期: `发布、播放、报送或举办的日期，可写 ${DATE_FORMS}，也可用 Excel 日期格式`,
    渠道: `填以下之一：${Object.values(CHANNELS).join('、')}`,
    标题: '稿件、活动或材料的标题，200 字以内',
    状态: `可留空（默认 已发布；媒体投稿和工作动态报送默认 已报送；宣传品、宣传活动、会议学习、表扬默认 已完成）。可填：${Object.values(STATUSES).join('、')}`,
    科室: '供稿或承办科室',
    作者: '作者，多人用顿号分隔',
    '媒体/平台': '媒体投稿填媒体名称；工作动态报送填报送单位；LED屏填屏幕位置；网络渠道填账号；宣传品、宣传活动未填“类别”时这里填类别',
    媒体级别: `媒体投稿填：${OUTLET_LEVELS.join('、')}`,
    数量: '宣传品印制份数，或活动发放资料份数（整数）',
    覆盖人次: '活动覆盖、咨询或参加的人次（整数）',
    主题: '用顿号、逗号分隔，如：民族团结、健康科普',
    链接: '以 http:// 或 https:// 开头的网址',
    备注: '其他说明',
    [BODY_COLUMN]: `稿件正文（可留空）；超过 ${BODY_CHUNK} 字的部分由导出文件放在“${BODY_SHEET}”工作表`,
    [OTHER_COLUMN]: '工作台导出时写入的其他字段，请保留原样或留空',
    [UID_COLUMN]: '工作台导出时写入的记录标识：再次导入时据此更新原记录而不是新增。请勿修改；新增的行留空'
  }
  if (fixed[c]) return fixed[c]!
  const spec = CHANNEL_COLUMN_SPEC[c as (typeof CHANNEL_COLUMNS)[number]]
  const where = spec.where === 'column' && c !== '类别' ? '' : `适用于：${[...spec.channels].map(channelLabel).join('、')}。`
  return `${where}${BOOL_HINT[c] ?? KIND_HINT[spec.kind] ?? ''}`
}

function xlsxValue(column: string, v: string | number | null | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null
  if (typeof v === 'number') return v
  if (DATE_COLUMNS.has(column) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return calendarDay(v)
  return safeCell(v)
}

function sheetWithHeader(wb: ExcelJS.Workbook, name: string, columns: readonly string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ header: c, key: c, width: WIDE[c] ?? Math.max(10, c.length * 2 + 2) }))
  const head = ws.getRow(1)
  head.font = { bold: true }
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F2F4' } }
  for (const c of columns) {
    if (DATE_COLUMNS.has(c)) ws.getColumn(c).numFmt = 'yyyy-mm-dd'
    if (REQUIRED_COLUMNS.includes(c as LedgerColumn)) head.getCell(c).font = { bold: true, color: { argb: 'FFB3261E' } }
  }
  ws.getColumn(columns.includes('标题') ? '标题' : columns[0]).alignment = { wrapText: true, vertical: 'top' }
  return ws
}

/**
 * The filled ledger as xlsx: 台账 (every field of every record), 正文（续） when a 正文 is longer than a cell, and
 * 审核记录 (who decided each step in this desk). Written with exceljs's streaming writer: each row is committed as it
 * is added and the zip is compressed as it streams, so with `pause` awaited every few thousand rows no single step
 * blocks for long — the in-memory writer spent ~20 s in one go zipping 100,000 rows.
 */
export async function ledgerXlsx(rows: LedgerRow[], pause?: (done: number) => Promise<void>): Promise<Buffer> {
  const { wb, finish } = streamedWorkbook()
  const ws = sheetWithHeader(wb, LEDGER_SHEET, LEDGER_COLUMNS)
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: LEDGER_COLUMNS.length } }
  ws.getRow(1).commit()
  const long: { uid: string; rest: string[] }[] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const body = bodyChunks(String(r[BODY_COLUMN] ?? ''))
    if (body.length > 1) long.push({ uid: String(r[UID_COLUMN]), rest: body.slice(1) })
    ws.addRow(LEDGER_COLUMNS.map((c) => xlsxValue(c, c === BODY_COLUMN ? body[0] : r[c]))).commit()
    if (pause && i % 2000 === 1999) await pause(i + 1)
  }
  ws.commit()
  if (long.length) {
    const bs = sheetWithHeader(wb, BODY_SHEET, BODY_SHEET_COLUMNS)
    bs.getRow(1).commit()
    // The first piece is in the 台账 sheet: these are 段 2, 3 …
    for (const { uid, rest } of long) rest.forEach((text, i) => bs.addRow([uid, i + 2, safeCell(text)]).commit())
    bs.commit()
  }
  const rs = sheetWithHeader(wb, REVIEW_SHEET, REVIEW_SHEET_COLUMNS)
  rs.getRow(1).commit()
  for (const r of rows) rs.addRow(REVIEW_SHEET_COLUMNS.map((c) => xlsxValue(c, r[c]))).commit()
  rs.commit()
  return finish()
}

/** The ledger as CSV: the 台账 columns and 审核 last (a CSV has one sheet). A cell holds at most 32,767 characters. */
export function ledgerCsv(rows: LedgerRow[]): Buffer {
  const columns = [...LEDGER_COLUMNS, REVIEW_COLUMN] as const
  const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : safeCell(v))
  return toCsv([[...columns], ...rows.map((r) => columns.map((c) => text(r[c])))])
}

const VALIDATION_ROWS = 1000

/** The columns a new row can fill: everything but what only an export writes. */
export const TEMPLATE_SHEET_COLUMNS = LEDGER_COLUMNS.filter((c) => c !== UID_COLUMN && c !== OTHER_COLUMN)

/** The empty import template: headers, drop-down lists for 渠道/状态/媒体级别, and a sheet explaining each column. */
export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '宣传舆情工作台'
  const ws = sheetWithHeader(wb, LEDGER_SHEET, TEMPLATE_SHEET_COLUMNS)
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
  const help = wb.addWorksheet('填写说明')
  help.columns = [{ header: '列名', width: 14 }, { header: '必填', width: 8 }, { header: '填写说明', width: 100 }]
  help.getRow(1).font = { bold: true }
  for (const c of TEMPLATE_SHEET_COLUMNS) help.addRow([c, REQUIRED_COLUMNS.includes(c) ? '是' : '', guide(c)])
  help.addRow([])
  help.addRow(['', '', '导入时读取第一个带表头（日期、渠道、标题……）的工作表；列的顺序可以调整，只有日期、渠道、标题必填，多余的列会被忽略，表头名称不同时可在导入时指定对应关系。任何一行有错，整个文件都不会导入，请按提示改正后重新导入。'])
  help.addRow(['', '', '从工作台导出的台账文件可以直接再导入：带“记录标识”的行更新原记录，不会重复新增。'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function templateCsv(): Buffer {
  return toCsv([[...TEMPLATE_SHEET_COLUMNS]])
}
