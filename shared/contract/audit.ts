import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate } from './fields'
import type { JobStarted } from './jobs'
import { ANYONE, AUDITORS } from '../roles'

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: string
  changes: Record<string, unknown>
}

/** The audit chain's newest row: what sign-offs, 定稿 and backups keep (db/audit-chain.ts). */
export interface AuditHeadInfo {
  id: number
  hash: string
}

/** One row of the 操作日志 screen, with its Chinese labels and summary. */
export interface AuditLogRow extends AuditEntry {
  actorId: number | null
  actionLabel: string
  entityLabel: string
  summary: string
}

export const auditFilter = z
  .object({
    actor: z.string().trim().max(60, { message: '人员名称太长' }).optional(),
    action: z.string().trim().max(40, { message: '操作名称太长' }).optional(),
    entity: z.string().trim().max(40, { message: '对象名称太长' }).optional(),
    entityId: z.string().trim().max(40, { message: '编号太长' }).optional(),
    /** China calendar days, both included. */
    from: calendarDate.optional(),
    to: calendarDate.optional()
  })
  .strict()
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: '结束日期不能早于开始日期', path: ['to'] })
export type AuditFilterInput = z.input<typeof auditFilter>

export interface AuditLogPage {
  rows: AuditLogRow[]
  total: number
  offset: number
  limit: number
  /** Who, what and on what occur in the trail, for the filters (with labels). */
  facets: { actors: string[]; actions: { code: string; label: string }[]; entities: { code: string; label: string }[] }
}

export interface AuditProblemInfo {
  /** The first row that does not verify (0: the check could not run). */
  id: number
  why: string
}

/** Whether the chain verified: at open (incremental) for audit-status, from the first row for audit-verify. */
export interface AuditCheckResult {
  ok: boolean
  /** Rows in the trail (audit-status), or rows verified (audit-verify). */
  count: number
  head: AuditHeadInfo
  problem: AuditProblemInfo | null
}

export const auditContract = {
  /** The trail of one record (the detail panes), oldest first. */
  'audit-list': spec(ANYONE, z.object({ entity: z.string().max(40), entityId: z.string().max(40) })).returns<AuditEntry[]>(),
  /** 操作日志: every row by anyone, filtered, newest first, one page. */
  'audit-log': spec(AUDITORS, z.object({
      filter: auditFilter.default({}),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100)
    }).strict().default({ filter: {}, offset: 0, limit: 100 })
  ).returns<AuditLogPage>(),
  /** The filtered trail as .xlsx: a job whose result is a FilePayload with `rows`. */
  'audit-log-export-start': spec(AUDITORS, z.object({ filter: auditFilter.default({}) }).strict().default({ filter: {} })).returns<JobStarted>(),
  /** The startup check (rows since the last verified head, and any added since): for the app's warning. */
  'audit-status': spec(ANYONE, noArgs).returns<AuditCheckResult>(),
  /** 完整性校验: every row from the first. */
  'audit-verify': spec(AUDITORS, noArgs).returns<AuditCheckResult>()
}
