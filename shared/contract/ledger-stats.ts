// 导入公众号数据: the figures (阅读/分享/点赞/在看) of posts already in the ledger, from the platform's own export
// (微信公众平台 → 数据分析 → 内容分析; 视频号/微博/抖音 likewise). Rows are matched to pieces by title and date; the
// preview names what matched, what needs a choice and what did not match, and nothing is written until 写入.
import { z } from 'zod'
import { spec } from './define'
import type { JobStarted } from './jobs'
import type { UndoToken } from './pieces'
import { CHANNEL_FIELDS } from './channel-fields'
import { MAX_IMPORT_BYTES } from './ledger'
import type { Channel, Status } from '../channels'
import { OFFICER } from '../roles'

/** The platforms whose exports can be read: each fills the pieces of the channel of the same code. */
export const STAT_PLATFORMS = ['wechat', 'video_account', 'weibo', 'douyin'] as const satisfies readonly Channel[]
export type StatPlatform = (typeof STAT_PLATFORMS)[number]
export const PLATFORM_LABELS: Record<StatPlatform, string> = { wechat: '微信公众号', video_account: '视频号', weibo: '微博', douyin: '抖音' }

/** The figures an export can fill; a platform fills those its channel records (shared/contract/channel-fields.ts). */
export const STAT_COUNTS = ['reads', 'shares', 'likes', 'zaikan'] as const
export type StatCount = (typeof STAT_COUNTS)[number]
/** What a file column can stand for: the row's title and date (to match), or one of the figures. */
export const STAT_FIELDS = ['title', 'date', ...STAT_COUNTS] as const
export type StatField = (typeof STAT_FIELDS)[number]

/** The figures a platform's pieces hold, in form order. */
export function platformCounts(p: StatPlatform): StatCount[] {
  return CHANNEL_FIELDS[p].map((f) => f.key).filter((k): k is StatCount => (STAT_COUNTS as readonly string[]).includes(k))
}

/** A field's name as the officer sees it on this platform (阅读量 / 播放量, 转发 …). */
export function statFieldLabel(p: StatPlatform, f: StatField): string {
  if (f === 'title') return '标题'
  if (f === 'date') return '发布日期'
  return CHANNEL_FIELDS[p].find((x) => x.key === f)?.label ?? f
}

const MAX_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4

export const statsImportArgs = z.object({
  fileName: z.string().trim().min(1, { message: '请选择文件' }).max(255),
  base64: z.string().min(1, { message: '文件是空的' }).max(MAX_BASE64, { message: `文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）` }),
  /** Left out: the platform whose column names the file's header matches best. */
  platform: z.enum(STAT_PLATFORMS, { error: '平台无效' }).optional(),
  /** File header → field ('' = not read). Headers left out follow the remembered mapping, then the suggestion. */
  mapping: z.record(z.string().max(100), z.enum([...STAT_FIELDS, ''], { error: '列的对应无效' })).default({}),
  /** For a row with several candidate pieces (需选择): its row number → the piece chosen, or 0 to skip it. */
  choices: z.record(z.string().regex(/^\d+$/), z.number().int().min(0)).default({}),
  /** false: read, match and show (nothing is written); true: write every matched row in one transaction. */
  commit: z.boolean().default(false)
})
export type StatsImportArgs = z.input<typeof statsImportArgs>

export interface StatCandidate {
  id: number
  title: string
  date: string
  status: Status
  /** What tells two same-titled posts of one day apart in the 需选择 list: the account, who wrote it, the figures logged so far. */
  venue: string
  author: string
  reads: number | null
}

/** One figure that changes: the ledger's value (null = not filled in) → the file's. */
export interface StatChange {
  field: StatCount
  before: number | null
  after: number
}

export interface StatRowBase {
  /** Row number as the spreadsheet shows it. */
  row: number
  title: string
  date: string
  counts: Partial<Record<StatCount, number>>
}

export interface StatMatched extends StatRowBase {
  piece: StatCandidate
  /** The piece is dated a day off the file's date (a post that went out after midnight). */
  dayOff: boolean
  /** Empty: the ledger already holds these figures. */
  changes: StatChange[]
}

export interface StatAmbiguous extends StatRowBase {
  candidates: StatCandidate[]
  /** The piece the officer chose (its changes below), or null: the row is skipped. */
  chosen: number | null
  changes: StatChange[]
}

export interface StatDuplicate extends StatRowBase {
  /** The earlier row of the file for the same post (or the same piece). */
  sameAsRow: number
  /** Its figures differ from the earlier row's: only the earlier row is written. */
  differs: boolean
}

export interface StatRowError {
  row: number
  /** The header as the file writes it, and its letter. */
  column: string
  letter: string
  message: string
}

export interface StatsReport {
  fileName: string
  sheet: string | null
  encoding: string | null
  headerRow: number
  headers: string[]
  platform: StatPlatform
  /** The platform was read from the header (the officer did not name it). */
  platformGuessed: boolean
  /** Every non-empty header → its field ('' = not read). */
  mapping: Record<string, StatField | ''>
  /** The mapping came from the one confirmed for a file with these very headers. */
  remembered: boolean
  /** Fields a column must be mapped to before anything can be matched (标题, 发布日期, and at least one figure). */
  missing: StatField[]
  /** The figures this platform's pieces hold (the mapping's choices). */
  counts: StatCount[]
  problems: string[]
  errors: StatRowError[]
  rows: number
  matched: StatMatched[]
  ambiguous: StatAmbiguous[]
  unmatched: StatRowBase[]
  duplicates: StatDuplicate[]
  /** Months the secretary signed that these figures fall in, and other things to know before 写入. */
  warnings: string[]
  /** Pieces the commit writes (matched with changes, plus chosen ambiguous rows with changes). */
  toWrite: number
  /** Matched pieces that already hold the file's figures. */
  unchanged: number
  committed: boolean
  written: number
  undo: UndoToken | null
}

export const ledgerStatsContract = {
  'post-stats-import-start': spec(OFFICER, statsImportArgs).returns<JobStarted>()
}
