import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../open'
import { pieces, pieceThemes } from '../schema'
import type { Piece } from '../../shared/contract/pieces'
import type { z } from 'zod'
import type { pieceFilter, pieceFields } from '../../shared/contract/pieces'

export type PieceValues = z.output<typeof pieceFields>
type Stamp = { at: string; actor: string }

function themesOf(db: Db, ids: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>()
  if (ids.length === 0) return map
  const rows = db.select().from(pieceThemes).where(inArray(pieceThemes.pieceId, ids)).orderBy(asc(pieceThemes.theme)).all()
  for (const r of rows) map.set(r.pieceId, [...(map.get(r.pieceId) ?? []), r.theme])
  return map
}

function toPiece(row: typeof pieces.$inferSelect, themes: string[]): Piece {
  return { ...row, channel: row.channel as Piece['channel'], status: row.status as Piece['status'], themes }
}

function setThemes(db: Db, id: number, themes: string[]): void {
  db.delete(pieceThemes).where(eq(pieceThemes.pieceId, id)).run()
  const unique = [...new Set(themes)]
  if (unique.length) db.insert(pieceThemes).values(unique.map((theme) => ({ pieceId: id, theme }))).run()
}

export function insertPiece(db: Db, v: PieceValues, s: Stamp): Piece {
  const { themes, ...cols } = v
  const row = db
    .insert(pieces)
    .values({ ...cols, createdAt: s.at, createdBy: s.actor, updatedAt: s.at, updatedBy: s.actor })
    .returning()
    .get()
  setThemes(db, row.id, themes)
  return toPiece(row, [...new Set(themes)].sort())
}

export function getPiece(db: Db, id: number): Piece | null {
  const row = db.select().from(pieces).where(eq(pieces.id, id)).get()
  return row ? toPiece(row, themesOf(db, [id]).get(id) ?? []) : null
}

export function updatePiece(db: Db, id: number, v: Partial<PieceValues>, s: Stamp): Piece {
  const { themes, ...cols } = v
  db.update(pieces).set({ ...cols, updatedAt: s.at, updatedBy: s.actor }).where(eq(pieces.id, id)).run()
  if (themes) setThemes(db, id, themes)
  return getPiece(db, id)!
}

export function deletePiece(db: Db, id: number): void {
  db.delete(pieces).where(eq(pieces.id, id)).run()
}

const SORTS = {
  date: pieces.date,
  title: pieces.title,
  channel: pieces.channel,
  status: pieces.status,
  updatedAt: pieces.updatedAt
} as const

/** Filter conditions shared by the ledger page, exports and drill-downs. `searchIds` comes from the search index. */
export function pieceConditions(f: Omit<z.output<typeof pieceFilter>, 'sort' | 'desc' | 'offset' | 'limit'>, searchMatch?: SQL): SQL | undefined {
  const conds: SQL[] = []
  if (f.channel) conds.push(eq(pieces.channel, f.channel))
  if (f.status) conds.push(eq(pieces.status, f.status))
  if (f.department) conds.push(eq(pieces.department, f.department))
  if (f.from) conds.push(gte(pieces.date, f.from))
  if (f.to) conds.push(lte(pieces.date, f.to))
  if (f.theme) conds.push(sql`${pieces.id} IN (SELECT piece_id FROM piece_themes WHERE theme = ${f.theme})`)
  if (searchMatch) conds.push(searchMatch)
  return conds.length ? and(...conds) : undefined
}

export function listPieces(db: Db, f: z.output<typeof pieceFilter>, searchMatch?: SQL): { rows: Piece[]; total: number } {
  const where = pieceConditions(f, searchMatch)
  const order = f.desc ? desc(SORTS[f.sort]) : asc(SORTS[f.sort])
  const tiebreak = f.desc ? desc(pieces.id) : asc(pieces.id)
  const rows = db.select().from(pieces).where(where).orderBy(order, tiebreak).limit(f.limit).offset(f.offset).all()
  const total = db.select({ n: sql<number>`count(*)` }).from(pieces).where(where).get()!.n
  const themes = themesOf(db, rows.map((r) => r.id))
  return { rows: rows.map((r) => toPiece(r, themes.get(r.id) ?? [])), total }
}

/** Carried-out pieces per channel between two calendar dates (inclusive). */
export function countByChannel(db: Db, from: string, to: string, statuses: readonly string[]): Record<string, number> {
  const rows = db
    .select({ channel: pieces.channel, n: sql<number>`count(*)` })
    .from(pieces)
    // `+status`: the status index would match ~95 % of a ten-year ledger; the date range is what narrows it.
    .where(and(gte(pieces.date, from), lte(pieces.date, to), inArray(sql`+${pieces.status}`, [...statuses])))
    .groupBy(pieces.channel)
    .all()
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]))
}
