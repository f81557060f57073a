import { and, asc, eq, ne, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { pieces, pieceThemes } from '../schema'

/** An existing piece with the same channel, date and title (a likely duplicate of an imported row). Uses pieces_channel_date_idx. */
export function findPieceByKey(db: Db, channel: string, date: string, title: string): number | null {
  const row = db
    .select({ id: pieces.id })
    .from(pieces)
    .where(and(eq(pieces.channel, channel), eq(pieces.date, date), eq(pieces.title, title)))
    .limit(1)
    .get()
  return row?.id ?? null
}

/** Themes used on any piece, for the ledger's theme filter. */
export function themesInUse(db: Db): string[] {
  return db.selectDistinct({ t: pieceThemes.theme }).from(pieceThemes).orderBy(asc(pieceThemes.theme)).all().map((r) => r.t)
}

/** Departments named on any piece, for the ledger's department filter. */
export function departmentsInUse(db: Db): string[] {
  return db
    .selectDistinct({ d: pieces.department })
    .from(pieces)
    .where(ne(pieces.department, ''))
    .orderBy(asc(pieces.department))
    .all()
    .map((r) => r.d)
}

export function countPieces(db: Db): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM pieces`).n
}
