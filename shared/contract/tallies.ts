import { z } from 'zod'
import { spec } from './define'
import { monthString, shortText } from './fields'
import type { JobStarted } from './jobs'
import { periodCode, signature, type FigureChange, type FigureEntity, type FigureSet, type RowChange } from './reports'
import type { Period } from '../periods'
import type { Channel } from '../channels'
import { ANYONE, SECRETARY } from '../roles'

export interface TallyMatrix {
  /** The dates the matrix covers (the period, or the six months up to a single month). */
  from: string
  to: string
  months: string[]
  /** Why the matrix covers other months than the period (a single month shows the six months up to it). */
  note: string | null
  rows: { channel: Channel; counts: number[]; total: number }[]
  totals: number[]
  total: number
}


export type { FigureChange, RowChange }

/** A figure one sign-off version signed differently from the version before it. */
export interface VersionDiff {
  key: string
  label: string
  before: number
  after: number
}

/** One version of a month's sign-off (signing again adds one; none is ever overwritten). */
export interface SignoffVersion {
  version: number
  signedBy: string
  signedAt: string
  comment: string
  /** The audit chain head the signature covers (0 for sign-offs made before it was stored). */
  auditHeadId: number
  /** Empty for the first version. */
  differs: VersionDiff[]
}

/** 已阅: a month's latest sign-off, its history, and what changed since. */
export interface SignoffState {
  month: string
  version: number
  signedBy: string
  signedById: number | null
  signedAt: string
  comment: string
  figures: Record<string, number>
  auditHeadId: number
  auditHead: string
  versions: SignoffVersion[]
  /** True when rows of the month were added, edited or deleted after signing, or a figure differs. */
  changed: boolean
  figureChanges: FigureChange[]
  rowChanges: RowChange[]
}

export interface TallyView {
  period: Period
  /** 环比: the period just before. */
  previous: Period
  /** 同比: the same period a year earlier. */
  lastYear: Period
  set: FigureSet
  previousValues: Record<string, number>
  lastYearValues: Record<string, number>
  matrix: TallyMatrix
  /** Only for a single month. */
  signoff: SignoffState | null
}

export interface DrillPiece {
  id: number
  date: string
  channel: Channel
  title: string
  status: string
  department: string
  venue: string
  outletLevel: string | null
  kind: string | null
  quantity: number | null
  reach: number | null
  reads: number | null
  /** 合作版面 (paid placement): never counted as 报送 or 录用. */
  paid: boolean
  evidence: string[]
}
export interface DrillMention {
  id: number
  day: string
  title: string
  sentiment: string
  grade: string
  status: string
  closedAt: string | null
  link: string
}
export interface DrillAccount {
  id: number
  platform: string
  name: string
  department: string
  owner: string
  status: string
}

export interface DrillResult {
  figure: { key: string; label: string; value: number; unit: string }
  period: Period
  entity: FigureEntity
  total: number
  pieces: DrillPiece[]
  mentions: DrillMention[]
  accounts: DrillAccount[]
}

export const drillArgs = z.object({
  period: periodCode,
  key: z.string().min(1).max(200),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200)
})

export const talliesContract = {
  'tally-get': spec(ANYONE, z.object({ period: periodCode })).returns<TallyView>(),
  'tally-rows': spec(ANYONE, drillArgs).returns<DrillResult>(),
  /** The rows behind a figure as a file; the finished job's result is a FilePayload. */
  'tally-rows-export-start': spec(ANYONE, z.object({ period: periodCode, key: z.string().min(1).max(200), format: z.enum(['xlsx', 'csv'], { error: '格式须为 xlsx 或 csv' }) })
  ).returns<JobStarted>(),
  /** The signer is the signed-in secretary; their password, re-entered, is the signature. */
  'tally-signoff': spec(SECRETARY, z.object({ month: monthString, password: signature, comment: shortText(500).default('') })).returns<SignoffState>()
}
