import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../open'
import { auditLog } from '../schema'

export interface AuditInput {
  at: string
  actor: string
  action: 'create' | 'update' | 'delete' | string
  entity: string
  entityId: string | number
  changes: Record<string, unknown>
}

/** Call inside the same transaction as the write it records. */
export function recordAudit(db: Db, e: AuditInput): void {
  db.insert(auditLog).values({ ...e, entityId: String(e.entityId) }).run()
}

export function listAudit(db: Db, entity: string, entityId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId))).orderBy(asc(auditLog.id)).all()
}

/** The fields that differ between two versions of a record, as {field: [before, after]}. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {}
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k] ?? null, after[k] ?? null]
  }
  return out
}
