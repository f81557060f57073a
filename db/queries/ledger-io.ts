import { and, asc, eq, gt, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../open'
import { pieces, pieceThemes } from '../schema'
import { LIVE, pieceConditions } from './pieces'
import type { pieceFilter } from '../../shared/contract/pieces'
import type { z } from 'zod'

/** An existing piece with the same channel, date and title (a likely duplicate of an imported row). Uses pieces_channel_date_idx. */
export function findPieceByKey(db: Db, channel: string, date: string, title: string): number | null {
  const row = db
    .select({ id: pieces.id })
    .from(pieces)
    .where(and(eq(pieces.channel, channel), eq(pieces.date, date), eq(pieces.title, title), LIVE))
    .limit(1)
    .get()
  return row?.id ?? null
}

/** The record with this 记录标识, live or in the 回收站 (an import must not add a second copy of either). */
export function findPieceByUid(db: Db, uid: string): { id: number; deleted: boolean } | null {
  const row = db.select({ id: pieces.id, deletedAt: pieces.deletedAt }).from(pieces).where(eq(pieces.uid, uid)).get()
  return row ? { id: row.id, deleted: row.deletedAt !== null } : null
}

/** Themes used on any piece, for the ledger's theme filter. */
export function themesInUse(db: Db): string[] {
  return db.selectDistinct({ t: pieceThemes.theme }).from(pieceThemes).where(sql`${pieceThemes.pieceId} IN (SELECT id FROM pieces WHERE deleted_at IS NULL)`).orderBy(asc(pieceThemes.theme)).all().map((r) => r.t)
}

/** Departments named on any piece, for the ledger's department filter. */
export function departmentsInUse(db: Db): string[] {
  return db
    .selectDistinct({ d: pieces.department })
    .from(pieces)
    .where(and(ne(pieces.department, ''), LIVE))
    .orderBy(asc(pieces.department))
    .all()
    .map((r) => r.d)
}

const SORT_COLUMNS = { date: pieces.date, title: pieces.title, channel: pieces.channel, status: pieces.status, updatedAt: pieces.updatedAt } as const

/**
 * Where a piece sits in the ledger table under this filter and order (0-based), or null when the filter hides it.
 * The order is listPieces' order (sort column, then id as tie-break), so the table can scroll straight to the row.
 */
export function piecePosition(db: Db, id: number, f: Omit<z.output<typeof pieceFilter>, 'offset' | 'limit'>, searchMatch?: SQL): number | null {
  const where = pieceConditions(f, searchMatch)
  const col = SORT_COLUMNS[f.sort]
  const row = db.select({ v: col }).from(pieces).where(and(eq(pieces.id, id), where)).get()
  if (!row) return null
  const before = f.desc ? or(gt(col, row.v), and(eq(col, row.v), gt(pieces.id, id))) : or(lt(col, row.v), and(eq(col, row.v), lt(pieces.id, id)))
  return db.select({ n: sql<number>`count(*)` }).from(pieces).where(and(where, before)).get()!.n
}
