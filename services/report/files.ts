// Tables → .xlsx / .csv bytes. Every text cell goes through services/export/cells (formula injection, control
// characters, Excel's 32,767-character limit); dates and times become real Excel values; CSV is UTF-8 with a BOM.
//
// Every sheet is laid out to be printed as it is: A4, one page wide (as many pages high as it takes), the header
// row repeated on each page, a title above it (the hospital, the period, when it was made), 宋体 throughout, long
// text wrapped in its column and rows tall enough for it, the sheet named at the top and 第 N 页 共 M 页 at the
// foot of each page.
import ExcelJS from 'exceljs'
import { safeCell, stripControls } from '../export/cells'
import { toCsv } from '../export/csv'
import { cellText, type Cell, type Column, type ColumnKind, type SheetTitle, type Table } from './tables'
import { calendarDay } from '../../shared/dates'

export interface XlsxOptions {
  title?: SheetTitle
  /** Awaited every few thousand rows so a large file never blocks. */
  pause?: (done: number) => Promise<void>
}

const FONT = '宋体'
const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 10 }
const HEAD: Partial<ExcelJS.Font> = { name: FONT, size: 10, bold: true }
const TITLE: Partial<ExcelJS.Font> = { name: FONT, size: 14, bold: true }
const NOTE: Partial<ExcelJS.Font> = { name: FONT, size: 10, color: { argb: 'FF404040' } }
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } }
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEFF2' } }

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = { date: 'yyyy-mm-dd', dateTime: 'yyyy-mm-dd hh:mm' }
const ALIGN: Record<ColumnKind, Partial<ExcelJS.Alignment>> = {
  text: { horizontal: 'center', vertical: 'middle', wrapText: true },
  wrap: { horizontal: 'left', vertical: 'middle', wrapText: true },
  number: { horizontal: 'center', vertical: 'middle' },
  date: { horizontal: 'center', vertical: 'middle' },
  dateTime: { horizontal: 'center', vertical: 'middle' }
}

/**
 * Sheets wider than this (in character widths) print landscape. A4 portrait holds about 97 at 100 % in Excel
 * (Calibri's digit); LibreOffice without Calibri measures in a wider stand-in and holds about 72 (landscape: 143
 * and 108; tests/render/workbook.test.ts prints the scale of each sheet). So no sheet prints below ~70 %.
 */
const PORTRAIT_MAX = 105
/**
 * Points per line of 10-point text in a wrapped cell: 宋体 takes 13.5, the Noto CJK that stands in for it where it
 * is missing (LibreOffice, WPS on Linux) nearly 16. The most Excel lets a row be.
 */
const LINE = 15.5
const MAX_ROW = 409

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them; an apostrophe would break the print titles' name. */
const sheetName = (s: string): string => stripControls(s.replace(/[[\]:*?/\\']/g, '').slice(0, 31)) || '工作表'

/** A Date whose UTC reading is the wall clock given: Excel values carry no zone, and exceljs writes them as UTC. */
const wallClock = (s: string): Date => new Date(`${s.slice(0, 10)}T${s.slice(11, 16)}:00Z`)

function xlsxValue(c: Cell): ExcelJS.CellValue {
  if (c === null || c === '') return null
  if (typeof c === 'number') return c
  if (typeof c === 'object') return 'date' in c ? calendarDay(c.date) : wallClock(c.dateTime)
  return safeCell(c)
}

/**
 * Width of text in Excel's character widths (the digit width of the workbook's Calibri 11, 7 px): 10-point 宋体
 * draws a Chinese character (and “”—…) 13.3 px wide, a letter or digit half that.
 */
function textWidth(s: string): number {
  let w = 0
  for (const ch of s) w += ch.codePointAt(0)! >= 0x2000 ? 1.9 : 0.95
  return w
}

/** Lines a text takes in a wrapped cell `width` characters wide (the cell keeps a few pixels of padding). */
function linesOf(text: string, width: number): number {
  const room = Math.max(1, width - 0.8)
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / room)), 0)
}

/** Row height for wrapped cells: no spreadsheet grows a row to fit merged cells, and LibreOffice grows none. */
function heightFor(lines: number, min: number, line = LINE): number {
  return Math.min(MAX_ROW, Math.max(min, lines * line + 4))
}

/** Header and footer text is a format: a literal & is written &&. */
const hf = (s: string): string => s.replace(/&/g, '&&')

function layOut(ws: ExcelJS.Worksheet, columns: readonly Column[], headerRow: number, title: SheetTitle | undefined, name: string): void {
  const total = columns.reduce((a, c) => a + c.width, 0)
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: total > PORTRAIT_MAX ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.7, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`
  }
  // Loose pages say whose sheet they are (LibreOffice would not leave the header off each sheet's first page alone).
  ws.headerFooter = { oddHeader: title ? `&L${hf(title.heading)}&R${hf(name)}` : `&R${hf(name)}`, oddFooter: '&C第 &P 页 共 &N 页' }
}

/** A line across the whole table (title, subtitle, note): merged, and tall enough for its text. */
function bannerRow(ws: ExcelJS.Worksheet, text: string, font: Partial<ExcelJS.Font>, width: number, count: number, o: { min: number; center?: boolean }): void {
  const row = ws.addRow([safeCell(text)])
  ws.mergeCells(row.number, 1, row.number, count)
  const cell = row.getCell(1)
  cell.font = font
  cell.alignment = { horizontal: o.center ? 'center' : 'left', vertical: 'middle', wrapText: true }
  const scale = (font.size ?? 10) / 10
  row.height = heightFor(linesOf(text, width / scale), o.min, LINE * scale)
}

/** Several tables as one workbook, each sheet ready to print. */
export async function tablesXlsx(tables: readonly Table[], o: XlsxOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '宣传舆情工作台'
  const used = new Set<string>()
  let done = 0
  for (const t of tables) {
    let name = sheetName(t.name)
    for (let i = 2; used.has(name); i++) name = sheetName(`${t.name.slice(0, 28)}${i}`)
    used.add(name)
    const count = t.columns.length
    const total = t.columns.reduce((a, c) => a + c.width, 0)
    const headerRow = (o.title ? 2 : 0) + (t.note ? 1 : 0) + 1
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }] })
    ws.columns = t.columns.map((c) => ({ width: c.width }))
    t.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1)
      col.font = BODY
      col.alignment = ALIGN[c.kind ?? 'text']
      const fmt = NUMBER_FORMATS[c.kind ?? 'text']
      if (fmt) col.numFmt = fmt
    })
    if (o.title) {
      bannerRow(ws, `${o.title.heading}（${t.name}）`, TITLE, total, count, { min: 28, center: true })
      bannerRow(ws, o.title.subtitle, BODY, total, count, { min: 20, center: true })
    }
    if (t.note) bannerRow(ws, t.note, NOTE, total, count, { min: 20 })

    const head = ws.addRow(t.columns.map((c) => c.header))
    head.height = heightFor(Math.max(...t.columns.map((c) => linesOf(c.header, c.width))), 18)
    for (let i = 1; i <= count; i++) {
      const cell = head.getCell(i)
      cell.font = HEAD
      cell.fill = HEAD_FILL
      cell.border = BORDER
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    }

    // A row of one line keeps no height of its own (Excel and WPS grow a row to fit its wrapped text, when the row
    // has none). LibreOffice grows none, so a row that wraps gets the height its text needs in Excel.
    const wrapped = t.columns.flatMap((c, i) => (ALIGN[c.kind ?? 'text'].wrapText ? [i] : []))
    for (const values of t.rows) {
      const cells = values.map(xlsxValue)
      const row = ws.addRow(cells)
      for (let i = 1; i <= count; i++) row.getCell(i).border = BORDER
      const lines = Math.max(1, ...wrapped.map((i) => (typeof cells[i] === 'string' ? linesOf(cells[i] as string, t.columns[i].width) : 1)))
      if (lines > 1) row.height = heightFor(lines, 15)
      if (++done % 2000 === 0 && o.pause) await o.pause(done)
    }
    if (t.rows.length === 0) {
      const row = ws.addRow(['（无记录）'])
      ws.mergeCells(row.number, 1, row.number, count)
      row.getCell(1).alignment = ALIGN.text
      row.getCell(1).border = BORDER
    }
    layOut(ws, t.columns, headerRow, o.title, name)
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** A table as CSV: the header row, then the rows (no title: a CSV is data, named by its file). */
export function tableCsv(t: Table): Buffer {
  return toCsv([t.columns.map((c) => c.header), ...t.rows.map((r) => r.map((c) => (typeof c === 'string' ? safeCell(c) : cellText(c))))])
}
