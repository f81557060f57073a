import { eq } from 'drizzle-orm'
import type { Db } from '../open'
import { signoffs } from '../schema'

export type SignoffRow = typeof signoffs.$inferSelect

export function getSignoff(db: Db, month: string): SignoffRow | null {
  return db.select().from(signoffs).where(eq(signoffs.month, month)).get() ?? null
}

export function putSignoff(db: Db, row: SignoffRow): void {
  db.insert(signoffs).values(row).onConflictDoUpdate({ target: signoffs.month, set: { signedBy: row.signedBy, signedAt: row.signedAt, comment: row.comment, figures: row.figures } }).run()
}

/** The audit row that recorded the month's latest sign-off: later piece audits are "after signing". */
export function signoffAuditId(db: Db, month: string): number {
  const row = db.$client.prepare(`SELECT max(id) AS id FROM audit_log WHERE entity = 'signoff' AND entity_id = ?`).get(month) as { id: number | null }
  return row.id ?? 0
}

export interface PieceAudit {
  id: number
  at: string
  actor: string
  action: string
  pieceId: number
  changes: string
  /** The piece as it is now (null once deleted). */
  title: string | null
  date: string | null
  status: string | null
}

/**
 * Piece audits written after `sinceId` that touch a piece dated in [from, to] — by its date now, or the date a
 * create / delete recorded, or either side of a date change. Walks the audit log by id (newest rows only).
 */
export function pieceAuditsSince(db: Db, sinceId: number, from: string, to: string): PieceAudit[] {
  return db.$client
    .prepare(
      `SELECT a.id, a.at, a.actor, a.action, CAST(a.entity_id AS INTEGER) AS pieceId, a.changes, p.title, p.date, p.status
       FROM audit_log a LEFT JOIN pieces p ON p.id = CAST(a.entity_id AS INTEGER)
       WHERE a.id > @since AND +a.entity = 'piece' AND (
         p.date BETWEEN @from AND @to
         OR (json_type(a.changes, '$.date') = 'text' AND json_extract(a.changes, '$.date') BETWEEN @from AND @to)
         OR json_extract(a.changes, '$.date[0]') BETWEEN @from AND @to
         OR json_extract(a.changes, '$.date[1]') BETWEEN @from AND @to)
       ORDER BY a.id`
    )
    .all({ since: sinceId, from, to }) as PieceAudit[]
}
