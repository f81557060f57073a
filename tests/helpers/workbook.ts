// Reading back a sheet written by services/report/files.ts: the header is the sheet's print-title row (a title and
// a note may stand above it); the data rows are the rows below it that are not merged (an empty table says
// （无记录） in one merged row).
import ExcelJS from 'exceljs'

export interface SheetRead {
  /** The row number of the header. */
  headerRow: number
  header: string[]
  /** Text of the rows above the header (title, subtitle, note). */
  above: string[]
  /** Every data row, one value per header column (null when empty). */
  rows: ExcelJS.CellValue[][]
  /** The same rows keyed by header. */
  records: Record<string, ExcelJS.CellValue>[]
  /** The cells of the header and the data rows. */
  cells: ExcelJS.Cell[]
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

export function readSheet(ws: ExcelJS.Worksheet): SheetRead {
  const headerRow = Number(ws.pageSetup.printTitlesRow?.split(':')[0] ?? 1)
  const width = ws.getRow(headerRow).cellCount
  const header = Array.from({ length: width }, (_, i) => String(ws.getRow(headerRow).getCell(i + 1).value ?? ''))
  const above = Array.from({ length: headerRow - 1 }, (_, i) => String(ws.getRow(i + 1).getCell(1).value ?? ''))
  const rows: ExcelJS.CellValue[][] = []
  const cells: ExcelJS.Cell[] = header.map((_, i) => ws.getRow(headerRow).getCell(i + 1))
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    if (row.getCell(1).isMerged) continue
    const own = header.map((_, i) => row.getCell(i + 1))
    cells.push(...own)
    rows.push(own.map((c) => c.value ?? null))
  }
  return { headerRow, header, above, rows, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))), cells }
}
