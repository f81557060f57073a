import { asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../open'
import { signoffVersions } from '../schema'

export type SignoffRow = typeof signoffVersions.$inferSelect
export type NewSignoff = Omit<typeof signoffVersions.$inferInsert, 'id' | 'version'>

/** The month's latest sign-off version. */
export function getSignoff(db: Db, month: string): SignoffRow | null {
  return db.select().from(signoffVersions).where(eq(signoffVersions.month, month)).orderBy(desc(signoffVersions.version)).limit(1).get() ?? null
}

/** Every version of the month's sign-off, oldest first (the table only ever grows: triggers refuse UPDATE/DELETE). */
export function signoffHistory(db: Db, month: string): SignoffRow[] {
  return db.select().from(signoffVersions).where(eq(signoffVersions.month, month)).orderBy(asc(signoffVersions.version)).all()
}

/** The latest version of each of these months that was signed (the half-year report's month by month states). */
export function latestSignoffs(db: Db, months: readonly string[]): Map<string, SignoffRow> {
  const out = new Map<string, SignoffRow>()
  if (months.length === 0) return out
  for (const r of db.select().from(signoffVersions).where(inArray(signoffVersions.month, [...months])).orderBy(asc(signoffVersions.version)).all()) out.set(r.month, r)
  return out
}

export function nextSignoffVersion(db: Db, month: string): number {
  return ((db.$client.prepare('SELECT max(version) AS v FROM signoff_versions WHERE month = ?').get(month) as { v: number | null }).v ?? 0) + 1
}

/** Appends a version; never overwrites an earlier one. Returns the version number. */
export function putSignoff(db: Db, row: NewSignoff & { version?: number }): number {
  const version = row.version ?? nextSignoffVersion(db, row.month)
  db.insert(signoffVersions).values({ ...row, version }).run()
  return version
}

/**
 * For sign-offs made before the audit chain head was stored (audit_head_id 0): the audit row that recorded the
 * month's latest sign-off — later piece audits are "after signing". Newer versions carry their head id instead,
 * which an edited or deleted audit row cannot move.
 */
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

