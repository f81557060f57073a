// An uploaded spreadsheet → its sheets as rows of cell values. xlsx through exceljs; CSV in UTF-8, GBK or UTF-16.
import ExcelJS from 'exceljs'
import { decodeText, parseCsv } from '../export/csv'
import type { CellValue } from './cells'

export interface SheetRows {
  name: string | null
  /** rows[i] is spreadsheet row i + 1; cells[j] is column j (A = 0). */
  rows: CellValue[][]
}

export interface ReadFile {
  format: 'xlsx' | 'csv'
  sheets: SheetRows[]
  date1904: boolean
  encoding: string | null
}

/** A problem with the file as a whole (not one row): shown to the officer as is. */
export class FileProblem extends Error {}

export const MAX_IMPORT_ROWS = 100_000

function kindOf(fileName: string, bytes: Uint8Array): 'xlsx' | 'csv' | 'xls' {
  const ext = fileName.toLowerCase().split('.').pop() ?? ''
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0
  if (ole || (ext === 'xls' && !zip)) return 'xls'
  if (zip || ext === 'xlsx' || ext === 'xlsm') return 'xlsx'
  return 'csv'
}

type RawCell = ExcelJS.CellValue | undefined

function textOfRich(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text).join('')
}

/** exceljs's many cell shapes (rich text, hyperlinks, formulas, errors) → a plain value. */
function plain(v: RawCell): CellValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v
  if ('richText' in v) return textOfRich(v)
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: RawCell }).result as RawCell)
  if ('hyperlink' in v) {
    const t = (v as { text?: unknown }).text
    if (typeof t === 'string') return t
    if (t && typeof t === 'object' && 'richText' in t) return textOfRich(t as { richText: { text: string }[] })
    return (v as { hyperlink: string }).hyperlink
  }
  if ('error' in v) return String((v as { error: unknown }).error)
  return null
}

async function readXlsx(bytes: Uint8Array): Promise<ReadFile> {
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch {
    throw new FileProblem('无法读取这个 Excel 文件：文件可能已损坏或不是 .xlsx 格式。请在 Excel 中打开后另存为 .xlsx 再试')
  }
  const sheets: SheetRows[] = []
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_IMPORT_ROWS + 10) throw new FileProblem(`工作表“${ws.name}”有 ${ws.rowCount} 行，超过一次可导入的 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`)
    const rows: CellValue[][] = []
    for (let r = 1; r <= ws.rowCount; r++) {
      const values = ws.getRow(r).values as RawCell[] // 1-based, sparse
      const cells: CellValue[] = []
      for (let c = 1; c < values.length; c++) cells.push(plain(values[c]))
      rows.push(cells)
    }
    sheets.push({ name: ws.name, rows })
  }
  return { format: 'xlsx', sheets, date1904: Boolean(wb.properties?.date1904), encoding: null }
}

export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<ReadFile> {
  if (bytes.length === 0) throw new FileProblem('文件是空的')
  const kind = kindOf(fileName, bytes)
  if (kind === 'xls') throw new FileProblem('暂不支持旧版 .xls 文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV UTF-8 后再导入')
  if (kind === 'xlsx') return readXlsx(bytes)
  const { text, encoding } = decodeText(bytes)
  if (text.includes('\u0000')) throw new FileProblem('无法读取这个文件：它既不是 Excel 工作簿（.xlsx），也不是 CSV 文本')
  const rows = parseCsv(text)
  if (rows.length > MAX_IMPORT_ROWS + 10) throw new FileProblem(`文件有 ${rows.length} 行，超过一次可导入的 ${MAX_IMPORT_ROWS} 行，请拆分后分批导入`)
  return { format: 'csv', sheets: [{ name: null, rows }], date1904: false, encoding }
}
