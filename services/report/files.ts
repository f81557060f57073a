// Tables → .xlsx / .csv bytes. Every text cell goes through services/export/cells (formula injection, control
// characters, Excel's 32,767-character limit); dates become real Excel dates; CSV is UTF-8 with a BOM.
import ExcelJS from 'exceljs'
import { safeCell, stripControls } from '../export/cells'
import { toCsv } from '../export/csv'
import type { Cell, Table } from './tables'
import { calendarDay } from '../../shared/dates'

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them; control characters corrupt the file. */
const sheetName = (s: string): string => stripControls(s.replace(/[[\]:*?/\\]/g, '').slice(0, 31)) || '工作表'

function xlsxValue(c: Cell): ExcelJS.CellValue {
  if (c === null || c === '') return null
  if (typeof c === 'number') return c
  if (typeof c === 'object') return calendarDay(c.date)
  return safeCell(c)
}

function csvText(c: Cell): string {
  if (c === null) return ''
  if (typeof c === 'number') return String(c)
  if (typeof c === 'object') return c.date
  return safeCell(c)
}

/** Several tables as one workbook. `pause` is awaited every few thousand rows so a large file never blocks. */
export async function tablesXlsx(tables: readonly Table[], pause?: (done: number) => Promise<void>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '宣传舆情工作台'
  const used = new Set<string>()
  let done = 0
  for (const t of tables) {
    let name = sheetName(t.name)
    for (let i = 2; used.has(name); i++) name = sheetName(`${t.name.slice(0, 28)}${i}`)
    used.add(name)
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width }))
    const head = ws.getRow(1)
    head.font = { bold: true }
    head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F2F4' } }
    t.columns.forEach((c, i) => {
      if (c.header === '日期') ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd'
    })
    for (const row of t.rows) {
      ws.addRow(row.map(xlsxValue))
      if (++done % 2000 === 0 && pause) await pause(done)
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function tableCsv(t: Table): Buffer {
  return toCsv([t.columns.map((c) => c.header), ...t.rows.map((r) => r.map(csvText))])
}
