import { z } from 'zod'
import { spec, noArgs } from './define'
import { rowId, shortText } from './fields'
import { CHANNEL_CODES, STATUS_CODES, type Channel } from '../channels'
import type { Piece } from './pieces'
import type { ProofEntry, ProofHit } from '../proofread'
import { ADMIN, ANYONE, OFFICE, OFFICER } from '../roles'

/** Review chains per channel (三审: 初审/复审/终审), kept in the settings table. */
export const DEFAULT_CHAIN = ['宣传科初审', '分管院领导终审']
/** Channels recorded after the fact need no review by default: 宣传活动, 会议学习, 表扬. */
export const DEFAULT_CHAINS: Record<Channel, string[]> = Object.fromEntries(
  CHANNEL_CODES.map((c) => [c, ['event', 'meeting', 'honor'].includes(c) ? [] : DEFAULT_CHAIN])
) as Record<Channel, string[]>
export const DEFAULT_MEDICAL_STEP = '医务科审核'
export const DEFAULT_MEDICAL_THEMES = ['健康科普', '专家坐诊']

const stepName = shortText(20).min(1, { message: '审核步骤名称不能为空' }).refine((s) => !s.includes('→'), { message: '步骤名称不能含“→”' })
export const reviewChainsInput = z.object({
  chains: z.partialRecord(z.enum(CHANNEL_CODES), z.array(stepName).max(5, { message: '每个渠道最多 5 个审核步骤' })),
  medicalStep: stepName,
  medicalThemes: z.array(shortText(20).min(1)).max(20)
})
export type ReviewChains = { chains: Record<Channel, string[]>; medicalStep: string; medicalThemes: string[] }

export const proofEntry = z.object({
  wrong: shortText(40).min(1, { message: '请填写错误写法' }),
  right: shortText(60).min(1, { message: '请填写规范写法' }),
  note: shortText(100).default(''),
  source: shortText(100).default('')
})
export const proofTermsInput = z.object({ terms: z.array(proofEntry).max(500, { message: '最多 500 条' }) })
export interface ProofTerms {
  terms: ProofEntry[]
  /** Wrong forms of the hospital's name, derived from 医院信息 (not editable here). */
  nameSlips: ProofEntry[]
}

export type ReviewDecision = 'submitted' | 'waiting' | 'approved' | 'rejected' | 'cancelled' | 'override'
export interface ReviewRow {
  id: number
  round: number
  step: number
  stepName: string
  /** Who decided: the signed-in reviewer, or the person named in a 代录. */
  reviewer: string
  /** That person's user id (null for an outside name and for rows from before users existed). */
  reviewerId: number | null
  decision: ReviewDecision
  comment: string
  at: string
  /** SHA-256 of the reviewed content at the decision (services/review/content-hash.ts); null on old rows. */
  contentHash: string | null
  /** 代录: an officer recorded a decision made on paper or by word; who recorded it and the scan attached. */
  proxy: boolean
  recordedBy: string
  evidenceId: number | null
  /** The scan's file name (e.g. 签批单.jpg), null once removed or for an ordinary decision. */
  evidenceFile: string | null
}
export interface ReviewState {
  /** The chain this piece would go through if sent for review now. */
  chain: string[]
  rounds: { round: number; rows: ReviewRow[] }[]
  /** The step waiting for a decision, when the piece is in review. */
  open: { round: number; step: number; stepName: string } | null
  /** The last rejection of the latest round, shown to the author. */
  rejection: { stepName: string; reviewer: string; comment: string; at: string } | null
  /**
   * Fields (as the officer names them) that differ from what the last approval of the latest round saw, e.g.
   * ['附件']; empty when the content is the approved content (or nothing was approved). Such a piece cannot be
   * published until it is sent for review again.
   */
  changedSinceApproval: string[]
}

export interface SubmitResult {
  piece: Piece
  round: number
  chain: string[]
  hits: ProofHit[]
  warnings: string[]
}

const reason = shortText(500).min(2, { message: '请说明理由' })

export const proxyInput = z
  .object({
    reviewerId: rowId.optional(),
    reviewerName: shortText(40).optional(),
    evidenceId: z.number({ error: '代录须附签批单等书面依据：请先上传为本稿件的佐证材料，再选择它' }).int().positive()
  })
  .refine((p) => (p.reviewerId === undefined) !== !p.reviewerName, { message: '请选择审核人，或填写审核人姓名（二选一）', path: ['reviewerName'] })
export type ProxyInput = z.output<typeof proxyInput>

export const reviewContract = {
  'review-submit': spec(OFFICER, z.object({ id: rowId })).returns<SubmitResult>(),
  'review-decide': spec(['reviewer', 'officer'], z.object({
      id: rowId,
      decision: z.enum(['approve', 'reject'], { error: '请选择通过或退回' }),
      comment: shortText(1000).default(''),
      /**
       * 代录 (officer only): the decision was made on paper or by word — by a user picked from the list or by an
       * outside person named here — and the scan (an evidence row of this piece) proves it. Without it, the
       * signed-in reviewer decides in their own name.
       */
      proxy: proxyInput.optional()
    })
  ).returns<{ piece: Piece; state: ReviewState }>(),
  'review-override': spec(ADMIN, z.object({ id: rowId, status: z.enum(STATUS_CODES, { error: '状态无效' }), reason })).returns<Piece>(),
  'review-history': spec(ANYONE, z.object({ id: rowId })).returns<ReviewState>(),
  'piece-proofread': spec(ANYONE, z.object({ id: rowId })).returns<{ hits: ProofHit[]; warnings: string[] }>(),
  'review-chains-get': spec(ANYONE, noArgs).returns<ReviewChains>(),
  'review-chains-save': spec(ADMIN, reviewChainsInput).returns<ReviewChains>(),
  'proofread-terms-get': spec(ANYONE, noArgs).returns<ProofTerms>(),
  'proofread-terms-save': spec(OFFICE, proofTermsInput).returns<ProofTerms>()
}
