import { z } from 'zod'
import { spec, noArgs } from './define'
import type { JobStarted } from './jobs'
import { pieceFilter } from './pieces'
import type { Channel } from '../channels'
import { STATUS_CODES } from '../channels'
import { ANYONE, OFFICER } from '../roles'

/** The import/export template: the office's Excel headers, in this order. */
export const TEMPLATE_COLUMNS = ['日期', '渠道', '标题', '状态', '科室', '作者', '媒体/平台', '媒体级别', '数量', '覆盖人次', '主题', '链接', '备注'] as const
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number]
export const REQUIRED_COLUMNS: readonly TemplateColumn[] = ['日期', '渠道', '标题']
/**
 * The export adds one column after the template's: 审核 — 补录, and who decided each step of the latest round
 * (代录 named as such). An import ignores it (an imported row is 补录 whatever it says).
 */
export const REVIEW_COLUMN = '审核'
export const EXPORT_COLUMNS = [...TEMPLATE_COLUMNS, REVIEW_COLUMN] as const
export type ExportColumn = (typeof EXPORT_COLUMNS)[number]

/** Largest file accepted for import (bytes); its base64 form must also fit the HTTP bridge's 16 MB request cap. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4

export const fileFormat = z.enum(['xlsx', 'csv'], { error: '格式须为 xlsx 或 csv' })
export type FileFormat = z.infer<typeof fileFormat>

/** A file moving between renderer and handlers. */
export interface FilePayload {
  fileName: string
  base64: string
}

export const importArgs = z.object({
  fileName: z.string().trim().min(1, { message: '请选择文件' }).max(255),
  base64: z.string().min(1, { message: '文件是空的' }).max(MAX_BASE64, { message: `文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB），请拆分后分批导入` }),
  /** File header → template column ('' = ignore this column). Remembered in settings when the import is committed. */
  mapping: z.record(z.string().max(100), z.enum([...TEMPLATE_COLUMNS, ''])).default({}),
  skipDuplicates: z.boolean().default(false),
  /** false: read and check only (the preview); true: import if every row is valid. */
  commit: z.boolean().default(false)
})
export type ImportArgs = z.input<typeof importArgs>

export interface ImportRowError {
  /** Row number as the spreadsheet shows it (the header row is usually 1). */
  row: number
  /** The column's header as written in the file, its letter (A, B, …) and the template column it stands for. */
  column: string
  letter: string
  field: TemplateColumn | null
  message: string
}

export interface ImportDuplicate {
  row: number
  channel: Channel
  title: string
  date: string
  /** An existing piece with the same channel, title and date … */
  existingId: number | null
  /** … or an earlier row of the same file. */
  sameAsRow: number | null
}

export interface ImportSampleRow {
  row: number
  cells: Partial<Record<TemplateColumn, string>>
  bad: boolean
}

export interface ImportReport {
  fileName: string
  sheet: string | null
  encoding: string | null
  headerRow: number
  /** Headers as written in the file, in file order. */
  headers: string[]
  /** Each file header → the template column it feeds ('' = ignored). */
  mapping: Record<string, TemplateColumn | ''>
  /** Headers that matched only through a remembered mapping. */
  remembered: string[]
  /** Required columns the file lacks (map a header to them). */
  missing: TemplateColumn[]
  /** Problems with the file as a whole, in Chinese. */
  problems: string[]
  rows: number
  errors: ImportRowError[]
  /** Errors beyond those listed (a file of 50,000 bad rows lists the first few thousand). */
  moreErrors: number
  duplicates: ImportDuplicate[]
  sample: ImportSampleRow[]
  committed: boolean
  imported: number
  skipped: number
}

export const exportArgs = z.object({
  format: fileFormat.default('xlsx'),
  filter: pieceFilter.omit({ offset: true, limit: true }).default({ sort: 'date', desc: true })
})

export interface LedgerFacets {
  themes: string[]
  departments: string[]
}

export const ledgerContract = {
  'ledger-template': spec(ANYONE, z.object({ format: fileFormat.default('xlsx') })).returns<FilePayload>(),
  'ledger-import-start': spec(OFFICER, importArgs).returns<JobStarted>(),
  'ledger-export-start': spec(ANYONE, exportArgs).returns<JobStarted>(),
  /** Row index of a piece in the table under this filter and order (null = filtered out), to scroll to it. */
  'ledger-position': spec(ANYONE, z.object({ id: z.number().int().positive(), filter: pieceFilter.omit({ offset: true, limit: true }) })).returns<{ index: number | null }>(),
  /** Themes and departments in use, for the ledger's filters. */
  'ledger-facets': spec(ANYONE, noArgs).returns<LedgerFacets>(),
  'piece-bulk-status': spec(OFFICER, z.object({
      ids: z.array(z.number().int().positive()).min(1, { message: '请先勾选要修改的记录' }).max(1000, { message: '一次最多修改 1000 条，请缩小范围后分批修改' }),
      status: z.enum(STATUS_CODES, { error: '状态无效' }),
      /** The officer saw the warnings (months the secretary signed) and changes anyway; see piece-update. */
      confirm: z.boolean().default(false)
    })
  ).returns<{ changed: number; unchanged: number }>()
}

/** What a finished export job's `result` holds. */
export interface ExportResult extends FilePayload {
  rows: number
}
