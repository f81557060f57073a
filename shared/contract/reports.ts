import { z } from 'zod'
import { spec, noArgs } from './define'
import type { JobStarted } from './jobs'
import type { FilePayload } from './ledger'
import type { QuotaProgress } from './quotas'
import { rowId, shortText } from './fields'
import { parsePeriod } from '../periods'
import type { Channel } from '../channels'
import { ANYONE, OFFICE, SECRETARY } from '../roles'
import type { ProofParagraphHit } from '../proofread'

/** A period code as the officer or the CLI writes it: 2023H1, 2023H2, 2023Q2, 2023-05, 2023-01-01..2023-03-31. */
export const periodCode = z
  .string({ error: '请选择统计区间' })
  .trim()
  .min(1, { message: '请选择统计区间' })
  .max(40, { message: '统计区间写法无效' })
  .superRefine((s, c) => {
    try {
      parsePeriod(s)
    } catch (e) {
      c.addIssue({ code: 'custom', message: (e as Error).message })
    }
  })

export type FigureEntity = 'piece' | 'mention' | 'account'

/** What a group of figures is about (the appendix and the tally group them this way). */
export const FIGURE_GROUPS = {
  total: '总体',
  channel: '各渠道',
  submissions: '报送与录用',
  newMedia: '新媒体',
  inHouse: '院内宣传阵地',
  print: '宣传品',
  event: '宣传活动',
  ethnic: '民族团结',
  meeting: '会议学习',
  honor: '表扬',
  theme: '主题',
  department: '科室',
  mentions: '舆情',
  accounts: '阵地管理',
  quota: '指标完成'
} as const
export type FigureGroup = keyof typeof FIGURE_GROUPS

/** One number of the tally or the report, with the rows behind it. */
export interface Figure {
  key: string
  label: string
  value: number
  unit: string
  group: FigureGroup
  entity: FigureEntity
  /** Ids of the pieces / mentions / accounts behind the figure (left out on the tally screen, which drills down on demand). */
  ids?: number[]
}

export interface ChannelFigures {
  count: number
  /** Sum of 数量 (copies printed, materials handed out). */
  quantity: number
  /** Sum of 覆盖人次. */
  reach: number
  reads: number
}

export interface OutletFigures {
  name: string
  level: string
  channel: Channel
  submitted: number
  accepted: number
}

export interface KindCount {
  kind: string
  count: number
  quantity: number
}

/** The one computed set every view and file is rendered from (tally, Word, Excel, CSV, JSON). */
export interface FigureSet {
  period: { from: string; to: string; code: string; label: string }
  hospital: string
  byChannel: Record<Channel, ChannelFigures>
  submissions: {
    /** 媒体投稿 + 工作动态报送, paid placements (合作版面) excluded. */
    submitted: number
    accepted: number
    /** Accepted by 省级 or 国家级 outlets (the report's 省级以上). */
    acceptedProvincialUp: number
    submittedByLevel: Record<string, number>
    acceptedByLevel: Record<string, number>
    /** Paid placements left out of the counts above. */
    paidExcluded: number
    /** Outlets and recipients, most used first. */
    outlets: OutletFigures[]
  }
  mentions: {
    total: number
    negative: number
    closed: number
    bySentiment: Record<string, number>
    byGrade: Record<string, number>
    /** 较大 + 重大. */
    severe: number
    /** Share closed of those needing handling (total less 忽略), %, one decimal; null when none needed handling. */
    closedShare: number | null
    /** 忽略 after assessment (经研判无需处置). */
    ignored: number
    medianCloseHours: number | null
    /** 移除 (误报, 重复, 与本院无关…): kept and counted as such, left out of every count above. */
    removed: number
  }
  /** Per channel: counts by 类别 (LED content kind, video source, print item, event type, meeting type, honour). */
  kinds: Partial<Record<Channel, KindCount[]>>
  /** Per channel: counts by 媒体/平台 (notice media, video places), most used first. */
  venues: Partial<Record<Channel, { venue: string; count: number }[]>>
  themes: { theme: string; count: number }[]
  departments: { department: string; count: number }[]
  wechat: { posts: number; original: number; originalShare: number | null; reads: number }
  ethnic: { pieces: number; events: number; bilingual: number }
  meetings: { count: number; notes: number; reflections: number }
  accounts: { active: number; owners: number }
  quotas: QuotaProgress[]
  figures: Figure[]
}

/** One 佐证材料 file with the piece it proves. */
export interface EvidenceItem {
  id: number
  fileName: string
  size: number
  pieceId: number
  title: string
  date: string
  channel: string
}

export type NumberWording = 'exact' | 'approx'
export interface ReportSettings {
  /** exact: 103600份; approx: rounded down with 余 (10万余份), as the office writes its summaries. */
  wording: NumberWording
}

/** One table of a Word file (附表) and of its preview in the desk — one appendix block: a heading, then a table or, when there are no rows, a sentence. */
export interface DocTable {
  heading: string
  /** A sentence above the table (which figures it uses…). */
  intro?: string
  headers: string[]
  rows: string[][]
  /** Relative column widths. */
  share: number[]
  /** Columns aligned right (numbers). */
  right?: number[]
  /** Said instead of the table when it has no rows; with no text the block is left out. */
  empty?: string
}

export interface DraftParagraph {
  /** title; heading (一、…); body; note (a prompt for the officer, grey in Word); sign (hospital and date, right-aligned). */
  kind: 'title' | 'heading' | 'body' | 'note' | 'sign'
  /** Stable within a period's draft ('opening', 'study.1', 'problems', 'sign.date'…): what an officer's edit is kept by. */
  key: string
  text: string
  /** Stock wording not drawn from the desk's data: the officer is asked to confirm it (a comment in Word). */
  confirm?: boolean
  /** The officer's own wording (报告 › 修改) replaces the generated text; these four are set only then. */
  edited?: boolean
  /** The text the draft generates now. */
  auto?: string
  /** The generated text differs from the one the officer edited (a figure moved since). */
  autoChanged?: boolean
  editedBy?: string
  editedAt?: string
}

/** One officer's edit of a paragraph, kept per period and paragraph key. */
export interface ReportEdit {
  key: string
  text: string
  /** The generated text when the edit was made. */
  auto: string
  editedBy: string
  editedAt: string
}

/** A 规范表述 hit in the draft, by the paragraph it is in (shared/proofread.ts proofreadParagraphs). */
export type DraftProofHit = ProofParagraphHit

/** What a save or 恢复自动生成 left (the preview reloads for the text): whether the paragraph is edited now. */
export interface ReportEditResult {
  /** Canonical period code. */
  period: string
  key: string
  edited: boolean
}

/** The longest paragraph the officer may write. */
export const EDIT_MAX = 4000

/**
 * The password re-entered as a signature (签阅, 定稿): never trimmed, never echoed in an error, never stored —
 * only checked against the signed-in user's hash.
 */
export const signature = z.string({ error: '请输入密码确认' }).min(1, { message: '请输入您的登录密码作为签名' }).max(200, { message: '密码不能超过 200 位' })

/** A figure as it was signed (or finalized) and as it is now. */
export interface RowChange {
  action: 'create' | 'update' | 'delete'
  pieceId: number
  title: string
  date: string
  at: string
  actor: string
  /** What an update changed, e.g. 日期：2023-05-03 → 2023-04-28 (update only). */
  fields: string[]
}

export interface FigureChange {
  key: string
  label: string
  signed: number
  now: number
}

/** signed: the latest version still matches today's figures; changed: 签阅后有变动; unsigned: 未签阅. */
export type MonthSignoffState = 'signed' | 'changed' | 'unsigned'

/** One month of a report's period and its sign-off, as the half-year report states it. */
export interface MonthSignoff {
  month: string
  state: MonthSignoffState
  /** False for a month still running (it cannot be signed yet). */
  ended: boolean
  version: number | null
  signedBy: string | null
  signedAt: string | null
  /** The figures that differ from the signed version (state 'changed'). */
  figureChanges: FigureChange[]
  /** Rows of the month added, edited or deleted since signing. */
  rowChanges: number
  /** As the report words it: 5月：已签阅（第2版，王书记，2023年6月2日）. */
  text: string
}

/** One 定稿 version of a half-year (the files themselves come from report-final-download). */
export interface FinalInfo {
  id: number
  period: string
  version: number
  signedBy: string
  signedAt: string
  comment: string
  docxSha256: string
  xlsxSha256: string
  docxBytes: number
  xlsxBytes: number
  auditHeadId: number
  auditHead: string
  /** Each month's sign-off as it stood at 定稿. */
  months: MonthSignoff[]
}

/** The latest 定稿 and what changed since: figures now against the finalized ones, ledger rows edited since. */
export interface FinalView extends FinalInfo {
  changed: boolean
  figureChanges: FigureChange[]
  rowChanges: RowChange[]
}

export interface FinalFile extends FilePayload {
  sha256: string
  bytes: number
}

export interface ReportPreview {
  period: FigureSet['period']
  fileBase: string
  paragraphs: DraftParagraph[]
  figures: Figure[]
  evidence: number
  /** Each month of the period: 已签阅（第N版…）/ 未签阅 / 签阅后有变动. */
  signoffs: MonthSignoff[]
  /** Which figures the draft uses (today's, with the months' signed versions). */
  basis: string
  /** Only half-years are finalized; null when never. */
  final: FinalView | null
  /** Edits whose paragraph the draft no longer has (未使用的修改): kept, shown, deletable — never silently lost. */
  unused: ReportEdit[]
  /** 规范表述提示 on the draft as it reads (edits applied). */
  proof: DraftProofHit[]
  /** Milliseconds the figures and draft took. */
  ms: number
}

export const REPORT_FORMATS = ['docx', 'xlsx', 'csv', 'json'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ReportFile extends FilePayload {
  bytes: number
  /** The Word draft only: the 规范表述 hits proofreading found in it as it was saved (the officer decides). */
  proof?: DraftProofHit[]
}

export const reportArgs = z.object({
  period: periodCode,
  format: z.enum(REPORT_FORMATS, { error: '格式须为 docx / xlsx / csv / json' })
})

const halfYear = z
  .string({ error: '请选择半年' })
  .trim()
  .regex(/^\d{4}H[12]$/, { message: '定稿按半年进行，请选择上半年或下半年（如 2023H1）' })

/** Checked against the period's draft by the handler (a key the draft lacks names 段落 there). */
const paragraphKey = z.string({ error: '请选择段落' }).max(200, { message: '段落标识无效' })
const paragraphText = z
  .string({ error: '请填写段落内容' })
  .trim()
  .min(1, { message: '段落内容不能为空；如要恢复自动生成的文字，请点“恢复自动生成”' })
  .max(EDIT_MAX, { message: `段落不能超过 ${EDIT_MAX} 字` })

export const reportsContract = {
  'report-preview': spec(ANYONE, z.object({ period: periodCode })).returns<ReportPreview>(),
  /** Starts the file as a job; the finished job's result is a ReportFile. */
  'report-export-start': spec(ANYONE, reportArgs).returns<JobStarted>(),
  'report-settings-get': spec(ANYONE, noArgs).returns<ReportSettings>(),
  'report-settings-save': spec(OFFICE, z.object({ wording: z.enum(['exact', 'approx'], { error: '请选择数字写法' }) })).returns<ReportSettings>(),
  /** 定稿: the secretary's password is the signature; the .docx and .xlsx are stored byte for byte with their SHA-256. */
  'report-finalize': spec(SECRETARY, z.object({ period: halfYear, password: signature, comment: shortText(500).default('') })).returns<FinalView>(),
  'report-finals': spec(ANYONE, z.object({ period: halfYear.optional() }).default({})).returns<FinalInfo[]>(),
  /** The officer's wording of one paragraph of a period's draft, used by every later export of the period. */
  'report-edit-save': spec(OFFICE, z.object({ period: periodCode, key: paragraphKey, text: paragraphText })).returns<ReportEditResult>(),
  /** 恢复自动生成 of one paragraph (or removal of an unused edit). */
  'report-edit-reset': spec(OFFICE, z.object({ period: periodCode, key: paragraphKey })).returns<ReportEditResult>(),
  /** The stored file of one 定稿 version, byte-identical to what was finalized. */
  'report-final-download': spec(ANYONE, z.object({ id: rowId, format: z.enum(['docx', 'xlsx'], { error: '格式须为 docx 或 xlsx' }) })).returns<FinalFile>()
}
