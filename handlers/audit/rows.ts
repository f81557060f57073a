// From the stored trail to what the 操作日志 shows: China days to UTC bounds, labels, the one-line summary.
import type { AuditFilter, AuditRow } from '../../db/queries/audit'
import { addDays, chinaDayStart } from '../../shared/dates'
import { auditActionLabel, auditRecordLabel, auditSummary } from '../../shared/audit-labels'
import type { AuditFilterInput, AuditLogRow } from '../../shared/contract/audit'

/** The screen's filter (China days, both included) as the query's (UTC instants, end exclusive). */
export function toQueryFilter(f: AuditFilterInput): AuditFilter {
  return {
    actor: f.actor || undefined,
    action: f.action || undefined,
    entity: f.entity || undefined,
    entityId: f.entityId || undefined,
    since: f.from ? chinaDayStart(f.from) : undefined,
    until: f.to ? chinaDayStart(addDays(f.to, 1)) : undefined
  }
}

export function parseChanges(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v }
  } catch {
    return { value: text }
  }
}

export function toLogRow(r: AuditRow): AuditLogRow {
  const changes = parseChanges(r.changes)
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorId: r.actorId,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    changes,
    actionLabel: auditActionLabel(r.action, r.entity),
    entityLabel: auditRecordLabel(r.entity, r.entityId),
    summary: auditSummary(r.action, changes)
  }
}
