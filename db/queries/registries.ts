import { asc, eq, getTableColumns, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { accounts, outlets } from '../schema'

export type OutletRow = typeof outlets.$inferSelect
export type AccountRow = typeof accounts.$inferSelect

export function listOutlets(db: Db): OutletRow[] {
  const rank = sql`CASE ${outlets.level} WHEN '国家级' THEN 0 WHEN '省级' THEN 1 WHEN '市级' THEN 2 ELSE 3 END`
  return db.select().from(outlets).orderBy(rank, asc(outlets.name)).all()
}

export function getOutlet(db: Db, id: number): OutletRow | null {
  return db.select().from(outlets).where(eq(outlets.id, id)).get() ?? null
}

export function outletByName(db: Db, name: string): OutletRow | null {
  return db.select().from(outlets).where(eq(outlets.name, name)).get() ?? null
}

export function saveOutlet(db: Db, v: Omit<OutletRow, 'id'> & { id?: number }): OutletRow {
  const { id, ...cols } = v
  if (id) return db.update(outlets).set(cols).where(eq(outlets.id, id)).returning().get()
  return db.insert(outlets).values(cols).returning().get()
}

/** A row back under its own id from what its delete recorded (撤销): only the table's own columns are read. */
function putRow<R>(db: Db, table: typeof outlets | typeof accounts, r: Record<string, unknown>): R {
  const values = Object.fromEntries(Object.keys(getTableColumns(table)).filter((k) => k in r).map((k) => [k, r[k]]))
  return db.insert(table).values(values as never).returning().get() as R
}
export const putOutlet = (db: Db, r: Record<string, unknown>): OutletRow => putRow<OutletRow>(db, outlets, r)
export const putAccount = (db: Db, r: Record<string, unknown>): AccountRow => putRow<AccountRow>(db, accounts, r)

export function deleteOutlet(db: Db, id: number): void {
  db.delete(outlets).where(eq(outlets.id, id)).run()
}

/** How many pieces name this outlet (so deleting it can say what it leaves behind). */
export function piecesNaming(db: Db, venue: string): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM pieces WHERE venue = ${venue} AND deleted_at IS NULL`).n
}

export function listAccounts(db: Db): AccountRow[] {
  return db.select().from(accounts).orderBy(asc(accounts.platform), asc(accounts.name)).all()
}

export function getAccount(db: Db, id: number): AccountRow | null {
  return db.select().from(accounts).where(eq(accounts.id, id)).get() ?? null
}

export function saveAccount(db: Db, v: Omit<AccountRow, 'id'> & { id?: number }): AccountRow {
  const { id, ...cols } = v
  if (id) return db.update(accounts).set(cols).where(eq(accounts.id, id)).returning().get()
  return db.insert(accounts).values(cols).returning().get()
}

export function deleteAccount(db: Db, id: number): void {
  db.delete(accounts).where(eq(accounts.id, id)).run()
}
