import { z } from 'zod'
import { spec, noArgs } from './define'
import type { JobStarted } from './jobs'
import { pieceFilter, type UndoToken } from './pieces'
import type { Channel } from '../channels'
import { STATUS_CODES } from '../channels'
import { ANYONE, OFFICER } from '../roles'

/** The office's original import template: its Excel headers, in this order. A 13-column file still imports. */
export const TEMPLATE_COLUMNS = ['日期', '渠道', '标题', '状态', '科室', '作者', '媒体/平台', '媒体级别', '数量', '覆盖人次', '主题', '链接', '备注'] as const
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number]
/**
 * Each channel's own fields (CHANNEL_FIELDS) beyond the template's, one column each, named once for every channel:
 * 阅读量 holds a video's 播放量 too, 录用日期 a work-news 采用日期. Which field each fills: CHANNEL_COLUMN_KEY.
 */
export const CHANNEL_COLUMNS = [
  '类别', '阅读量', '原创/转载', '点赞', '转发', '在看', '合作版面', '录用日期', '展示开始', '展示结束', '时长（秒）', '印制单位',
  '地点', '双语形式', '语言说明', '坐诊专家', '坐诊日期', '学习笔记（篇）', '心得体会（篇）', '赠送人/单位'
] as const
export type ChannelColumn = (typeof CHANNEL_COLUMNS)[number]
/** The piece field (a column of the piece, or a key of its `extra`) each channel column fills. */
export const CHANNEL_COLUMN_KEY: Record<ChannelColumn, string> = {
  类别: 'kind', 阅读量: 'reads', '原创/转载': 'original', 点赞: 'likes', 转发: 'shares', 在看: 'zaikan', 合作版面: 'paid',
  录用日期: 'acceptedDate', 展示开始: 'displayStart', 展示结束: 'displayEnd', '时长（秒）': 'durationSec', 印制单位: 'vendor',
  地点: 'place', 双语形式: 'languages', 语言说明: 'languageNote', 坐诊专家: 'expert', 坐诊日期: 'clinicDate',
  '学习笔记（篇）': 'notesCount', '心得体会（篇）': 'reflectionsCount', '赠送人/单位': 'from'
}
export const BODY_COLUMN = '正文'
/** Fields a piece keeps that its channel does not define (left by a channel change or an older version), as JSON. */
export const OTHER_COLUMN = '其他字段'
/** The record's identity (Piece.uid): an export carries it, so importing the file again updates instead of adding. */
export const UID_COLUMN = '记录标识'
/** Every column of the ledger workbook, export and import alike: nothing a piece holds is left out. */
export const LEDGER_COLUMNS = [...TEMPLATE_COLUMNS, ...CHANNEL_COLUMNS, BODY_COLUMN, OTHER_COLUMN, UID_COLUMN] as const
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number]
export const REQUIRED_COLUMNS: readonly LedgerColumn[] = ['日期', '渠道', '标题']
/**
 * 审核 (补录, and who decided each step of the latest round, 代录 named as such) is what happened in THIS desk, so
 * it is not ledger data: the workbook gives it its own sheet, the CSV a last column; an import never reads it.
 */
export const REVIEW_COLUMN = '审核'

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
  mapping: z.record(z.string().max(100), z.enum([...LEDGER_COLUMNS, ''])).default({}),
  /** Likely duplicates (same channel, date and title as a record or an earlier row, with no 记录标识 to tell them apart) are left out unless the officer keeps them. */
  skipDuplicates: z.boolean().default(true),
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
  field: LedgerColumn | null
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

/** A row whose 记录标识 names a record of this desk that differs from it: importing updates that record. */
export interface ImportChange {
  row: number
  id: number
  title: string
  /** Each changed column as the file names it, with the desk's value and the file's (as cell text). */
  fields: { column: LedgerColumn; before: string; after: string }[]
}

/** A row the import leaves out whatever the officer chooses, and why (e.g. its record is in the 回收站). */
export interface ImportLeft {
  row: number
  title: string
  reason: string
}

export interface ImportSampleRow {
  row: number
  cells: Partial<Record<LedgerColumn, string>>
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
  mapping: Record<string, LedgerColumn | ''>
  /** Headers that matched only through a remembered mapping. */
  remembered: string[]
  /** Required columns the file lacks (map a header to them). */
  missing: LedgerColumn[]
  /** Problems with the file as a whole, in Chinese. */
  problems: string[]
  rows: number
  errors: ImportRowError[]
  /** Errors beyond those listed (a file of 50,000 bad rows lists the first few thousand). */
  moreErrors: number
  duplicates: ImportDuplicate[]
  /** Rows that would add a new record (likely duplicates included; skipDuplicates leaves those out). */
  added: number
  /** Rows that update a record of this desk (by 记录标识), with what changes. */
  changes: ImportChange[]
  /** Rows whose record is already exactly as the file says. */
  unchanged: number
  left: ImportLeft[]
  sample: ImportSampleRow[]
  committed: boolean
  /** After the import: records added, records updated, likely duplicates skipped. */
  imported: number
  updated: number
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
  ).returns<{ changed: number; unchanged: number; undo: UndoToken | null }>()
}

/** What a finished export job's `result` holds. */
export interface ExportResult extends FilePayload {
  rows: number
}
