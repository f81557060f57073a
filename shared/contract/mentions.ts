// Opinion watch: the mention inbox (舆情收件箱) and its triage (研判 → 处置 → 办结).
import { z } from 'zod'
import { spec } from './define'
import { calendarDate, rowId, shortText } from './fields'
import { GRADES, MENTION_STATUS_CODES, SENTIMENTS, type GradeLabel, type MentionStatus, type SentimentLabel } from '../watch'
import type { MentionMatch, TextSegment } from './feeds'
import type { FilePayload } from './ledger'
import { ANYONE, OFFICER } from '../roles'

export const mentionFilter = z.object({
  /** 'open' = 新/研判/处置中 (the default inbox), 'all' = everything but 已移除, 'removed' = only those (the inspection team's view). */
  status: z.enum([...MENTION_STATUS_CODES, 'open', 'all'], { error: '状态无效' }).default('open'),
  grade: z.enum(GRADES, { error: '级别须为 重大/较大/一般' }).optional(),
  sentiment: z.enum(SENTIMENTS, { error: '情感须为 负面/中性/正面' }).optional(),
  feedId: rowId.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  q: z.string().max(100).optional(),
  escalated: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100)
})
export type MentionFilter = z.input<typeof mentionFilter>

export interface MentionRow {
  id: number
  title: string
  titleSegments: TextSegment[]
  /** Only http/https links reach the renderer. */
  link: string | null
  snippet: string
  publishedAt: string
  fetchedAt: string
  day: string
  feedId: number | null
  feedName: string
  matches: MentionMatch[]
  sentiment: SentimentLabel
  sentimentManual: boolean
  grade: GradeLabel
  gradeManual: boolean
  /** Why the grade (`4 个来源 3 小时内转载`, `省级/中央媒体报道`, `人工更正`); '' for a plain 一般. */
  gradeReason: string
  status: MentionStatus
  assignee: string
  escalated: boolean
  pieceId: number | null
  sourceCount: number
}

export interface MentionSource {
  id: number
  feedId: number | null
  feedName: string
  title: string
  link: string | null
  publishedAt: string
  fetchedAt: string
}

export interface MentionEvent {
  id: number
  at: string
  actor: string
  fromStatus: MentionStatus
  toStatus: MentionStatus
  note: string
}

/** 存证: one fetch of the article page. The raw HTML is never sent here (only downloaded as a file, mention-snapshot-html). */
export interface MentionSnapshot {
  id: number
  fetchedAt: string
  /** The mention's link as asked for, and the address that answered after redirects. */
  url: string
  finalUrl: string
  status: number
  title: string
  /** The article's readable text (services/watch/snapshot.ts); shown as text, never as HTML. */
  text: string
  htmlSha256: string
  textSha256: string
  htmlBytes: number
  /** 自动存证, or the officer who asked. */
  actor: string
  /** The page laid out from the same bytes (the desktop app only): first screen as PNG, whole page as PDF. */
  pagePngSha256: string | null
  pagePdfSha256: string | null
  pagePngBytes: number | null
  pagePdfBytes: number | null
  /** Why there is no page image (browser mode, or the renderer failed); null when there is one. */
  pageNote: string | null
}

export interface MentionDetail extends MentionRow {
  snippetSegments: TextSegment[]
  sentimentCues: string[]
  closedAt: string | null
  /** 移除: who, when and why (null while not removed). */
  removed: { at: string; by: string; reason: string } | null
  sources: MentionSource[]
  events: MentionEvent[]
  piece: { id: number; title: string; date: string; channel: string } | null
  /** The triage steps allowed from the current state. */
  nextSteps: MentionStatus[]
  /** 存证, newest first. */
  snapshots: MentionSnapshot[]
  /** The last failed 存证 (cleared by a successful one), in Chinese. */
  snapshotFailure: { at: string; message: string } | null
}

export interface MentionPage {
  rows: MentionRow[]
  total: number
  /** A search stopped counting at `total` (a common word): there are more than that. */
  totalCapped?: boolean
}

const note = shortText(1000).default('')
const assignee = shortText(20)

/** The reasons offered for 移除; the officer may add words after one (误报：同名医院的报道). */
/** An event 合并到… offers: how alike its sources read to this one's (0–1, MinHash; 0 where too short to tell). */
export interface MergeCandidate {
  id: number
  title: string
  publishedAt: string
  grade: GradeLabel
  status: MentionStatus
  sourceCount: number
  similarity: number
}

export const REMOVE_REASONS = ['误报', '重复', '与本院无关', '其他'] as const
/** Triage steps the officer may take; 已移除 is reached only through mention-remove, with its reason. */
const TRIAGE_CODES = MENTION_STATUS_CODES.filter((s) => s !== 'removed') as [MentionStatus, ...MentionStatus[]]

export const mentionsContract = {
  'mention-list': spec(ANYONE, mentionFilter).returns<MentionPage>(),
  'mention-get': spec(ANYONE, z.object({ id: rowId })).returns<MentionDetail>(),
  /** A step carries the 责任人 typed beside it (saved with the step, in the same transaction); omitted = unchanged. */
  'mention-triage': spec(OFFICER, z.object({ id: rowId, step: z.enum(TRIAGE_CODES, { error: '处置步骤无效' }), note, assignee: assignee.optional() })).returns<MentionDetail>(),
  'mention-correct': spec(OFFICER, z.object({ id: rowId, sentiment: z.enum(SENTIMENTS, { error: '情感须为 负面/中性/正面' }).optional(), grade: z.enum(GRADES, { error: '级别须为 重大/较大/一般' }).optional() })).returns<MentionDetail>(),
  /** 责任人 on its own (the field saves when it loses focus), at any status but 已移除; the same name again writes nothing. */
  'mention-assign': spec(OFFICER, z.object({ id: rowId, assignee })).returns<MentionDetail>(),
  'mention-escalate': spec(OFFICER, z.object({ id: rowId, escalated: z.boolean(), note })).returns<MentionDetail>(),
  'mention-link-piece': spec(OFFICER, z.object({ id: rowId, pieceId: rowId.nullable() })).returns<MentionDetail>(),
  /** The events 合并到… offers for `id`: published within 7 days of it, the most similar first (MinHash of the sources). */
  'mention-merge-candidates': spec(ANYONE, z.object({ id: rowId })).returns<MergeCandidate[]>(),
  /** 合并到…: every source of `id` joins event `intoId`; `id` stays as the record of the merge (已移除, reason 合并到 #intoId). */
  'mention-merge': spec(OFFICER, z.object({ id: rowId, intoId: rowId })).returns<MentionDetail>(),
  /** 拆分为单独事件: one source of event `id` becomes an event of its own (状态 新); returns the new event. */
  'mention-split': spec(OFFICER, z.object({ id: rowId, sourceId: rowId })).returns<MentionDetail>(),
  /** 移除 replaces deleting: the mention leaves the inbox and every count but stays, with its trail and the reason. */
  'mention-remove': spec(OFFICER, z.object({
    id: rowId,
    reason: shortText(200).min(1, { message: '请填写移除理由（如：误报、重复、与本院无关）' })
  })).returns<MentionDetail>(),
  /** 存证: fetch the article page now and keep its HTML, text and SHA-256; a failure is a Chinese error (and is kept for the detail). */
  'mention-snapshot': spec(OFFICER, z.object({ id: rowId })).returns<MentionDetail>(),
  /** 下载原始网页: the stored bytes as a file, exactly as fetched. */
  'mention-snapshot-html': spec(ANYONE, z.object({ id: rowId, snapshotId: rowId })).returns<FilePayload>(),
  'mention-snapshot-page': spec(ANYONE, z.object({ id: rowId, snapshotId: rowId, format: z.enum(['png', 'pdf']) })).returns<FilePayload>(),
}
