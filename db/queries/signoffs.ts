import { desc, eq } from 'drizzle-orm'
import type { Db } from '../open'
import { signoffVersions } from '../schema'

export type SignoffRow = Pick<typeof signoffVersions.$inferSelect, 'month' | 'signedBy' | 'signedAt' | 'comment' | 'figures'>

/** The month's latest sign-off version. */
export function getSignoff(db: Db, month: string): SignoffRow | null {
  return db.select().from(signoffVersions).where(eq(signoffVersions.month, month)).orderBy(desc(signoffVersions.version)).limit(1).get() ?? null
}

export function putSignoff(db: Db, row: SignoffRow): void {
  const version = (db.$client.prepare('SELECT max(version) AS v FROM signoff_versions WHERE month = ?').get(row.month) as { v: number | null }).v ?? 0
  db.insert(signoffVersions).values({ ...row, version: version + 1 }).run()
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
