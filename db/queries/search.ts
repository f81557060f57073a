import { sql, type SQL } from 'drizzle-orm'
import type Database from 'better-sqlite3'
import { indexTokens, queryExpression } from '../../services/text/search-tokens'

/** Search tables kept beside their source tables: rowid = source id, text stored as folded tokens. */
export type SearchTable = 'piece_search' | 'mention_search'

export function indexRow(sqlite: Database.Database, table: SearchTable, id: number, text: string): void {
  sqlite.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(id)
  sqlite.prepare(`INSERT INTO ${table}(rowid, tokens) VALUES (?, ?)`).run(id, indexTokens(text))
}

export function unindexRow(sqlite: Database.Database, table: SearchTable, id: number): void {
  sqlite.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(id)
}

/** A condition "id is among the search hits" for a drizzle query, or null when the query has no searchable token. */
export function searchCondition(table: SearchTable, idColumn: SQL | unknown, q: string): SQL | null {
  const expr = queryExpression(q)
  if (!expr) return null
  return sql`${idColumn} IN (SELECT rowid FROM ${sql.raw(table)} WHERE ${sql.raw(table)} MATCH ${expr})`
}
