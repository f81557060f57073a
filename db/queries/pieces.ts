import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import type { Db } from '../open'
import { pieces, pieceThemes } from '../schema'
import type { Piece } from '../../shared/contract/pieces'
import type { z } from 'zod'
import type { pieceFilter, pieceFields } from '../../shared/contract/pieces'

export type PieceValues = z.output<typeof pieceFields>
type Stamp = { at: string; actor: string }

/**
 * 回收站: a deleted piece keeps its row until it is purged. Every read of the ledger's work — lists, counts,
 * figures, the calendar — takes only live rows: `LIVE` in drizzle, `LIVE_SQL` in raw SQL (alias `p.` where joined).
 */
export const LIVE = isNull(pieces.deletedAt)
export const LIVE_SQL = 'deleted_at IS NULL'

function themesOf(db: Db, ids: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>()
  if (ids.length === 0) return map
  const rows = db.select().from(pieceThemes).where(inArray(pieceThemes.pieceId, ids)).orderBy(asc(pieceThemes.theme)).all()
  for (const r of rows) map.set(r.pieceId, [...(map.get(r.pieceId) ?? []), r.theme])
  return map
}

type Row = typeof pieces.$inferSelect

function toPiece(row: Row, themes: string[]): Piece {
  const { deletedAt: _a, deletedBy: _b, deletedById: _c, deletedReason: _d, ...rest } = row
  return { ...rest, uid: row.uid ?? '', channel: row.channel as Piece['channel'], status: row.status as Piece['status'], themes }
}

/** A new 记录标识: 16 random hex digits (see the schema). */
export function newPieceUid(): string {
  return randomBytes(8).toString('hex')
}

function setThemes(db: Db, id: number, themes: string[]): void {
  db.delete(pieceThemes).where(eq(pieceThemes.pieceId, id)).run()
  const unique = [...new Set(themes)]
  if (unique.length) db.insert(pieceThemes).values(unique.map((theme) => ({ pieceId: id, theme }))).run()
}

/** `uid`: the record's identity when it comes from a file (import keeps it); a new record gets a new one. */
export function insertPiece(db: Db, v: PieceValues, s: Stamp, uid = newPieceUid()): Piece {
  const { themes, ...cols } = v
  const row = db
    .insert(pieces)
    .values({ ...cols, uid, createdAt: s.at, createdBy: s.actor, updatedAt: s.at, updatedBy: s.actor })
    .returning()
    .get()
  setThemes(db, row.id, themes)
  return toPiece(row, [...new Set(themes)].sort())
}

/** A live piece (null when there is none, or it is in the 回收站). */
export function getPiece(db: Db, id: number): Piece | null {
  const row = db.select().from(pieces).where(and(eq(pieces.id, id), LIVE)).get()
  return row ? toPiece(row, themesOf(db, [id]).get(id) ?? []) : null
}

export interface TrashedRow {
  piece: Piece
  deletedAt: string
  deletedBy: string
  deletedById: number | null
  reason: string
}

/** A piece in the 回收站 (null when it is live or gone). */
export function getTrashed(db: Db, id: number): TrashedRow | null {
  const row = db.select().from(pieces).where(and(eq(pieces.id, id), isNotNull(pieces.deletedAt))).get()
  return row ? trashedOf(row, themesOf(db, [id]).get(id) ?? []) : null
}

function trashedOf(row: Row, themes: string[]): TrashedRow {
  return { piece: toPiece(row, themes), deletedAt: row.deletedAt!, deletedBy: row.deletedBy ?? '', deletedById: row.deletedById, reason: row.deletedReason ?? '' }
}

/** The 回收站, most recently deleted first (pieces_deleted_idx holds only deleted rows). */
export function listTrashed(db: Db, offset: number, limit: number): { rows: TrashedRow[]; total: number } {
  const rows = db.select().from(pieces).where(isNotNull(pieces.deletedAt)).orderBy(desc(pieces.deletedAt), desc(pieces.id)).limit(limit).offset(offset).all()
  const total = db.select({ n: sql<number>`count(*)` }).from(pieces).where(isNotNull(pieces.deletedAt)).get()!.n
  const themes = themesOf(db, rows.map((r) => r.id))
  return { rows: rows.map((r) => trashedOf(r, themes.get(r.id) ?? [])), total }
}

/** Into the 回收站 (deleted: who, when, why) or back out of it (null). */
export function setDeleted(db: Db, id: number, d: { at: string; by: string; byId: number | null; reason: string } | null): void {
  db.update(pieces)
    .set(d ? { deletedAt: d.at, deletedBy: d.by, deletedById: d.byId, deletedReason: d.reason } : { deletedAt: null, deletedBy: null, deletedById: null, deletedReason: null })
    .where(eq(pieces.id, id))
    .run()
}

/** What a piece of a series carries besides its values (see the schema): set by handlers/series/ and changePiece. */
export type SeriesMarks = { seriesId?: number | null; occurrence?: string | null; seriesEdited?: boolean }

export function updatePiece(db: Db, id: number, v: Partial<PieceValues> & SeriesMarks, s: Stamp): Piece {
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

/** Filter conditions shared by the ledger page, exports and drill-downs (live pieces only). `searchIds` comes from the search index. */
export function pieceConditions(f: Omit<z.output<typeof pieceFilter>, 'sort' | 'desc' | 'offset' | 'limit'>, searchMatch?: SQL): SQL | undefined {
  const conds: SQL[] = [LIVE]
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
    .where(and(gte(pieces.date, from), lte(pieces.date, to), inArray(sql`+${pieces.status}`, [...statuses]), LIVE))
    .groupBy(pieces.channel)
    .all()
  return Object.fromEntries(rows.map((r) => [r.channel, r.n]))
}
