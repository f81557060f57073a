import { sql, type SQL } from 'drizzle-orm'
import type Database from 'better-sqlite3'
import { indexTokens, queryExpression } from '../../services/text/search-tokens'

/** Search tables kept beside their source tables: rowid = source id, text stored as folded tokens. */
export type SearchTable = 'piece_search' | 'mention_search'

// Prepared once per connection: imports and polls write thousands of rows, and preparing is most of the cost.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()
function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite)
  if (!cache) statements.set(sqlite, (cache = new Map()))
  let st = cache.get(text)
  if (!st) cache.set(text, (st = sqlite.prepare(text)))
  return st
}

export function indexRow(sqlite: Database.Database, table: SearchTable, id: number, text: string): void {
  prepared(sqlite, `DELETE FROM ${table} WHERE rowid = ?`).run(id)
  prepared(sqlite, `INSERT INTO ${table}(rowid, tokens) VALUES (?, ?)`).run(id, indexTokens(text))
}

export function unindexRow(sqlite: Database.Database, table: SearchTable, id: number): void {
  prepared(sqlite, `DELETE FROM ${table} WHERE rowid = ?`).run(id)
}

/** A condition "id is among the search hits" for a drizzle query, or null when the query has no searchable token. */
export function searchCondition(table: SearchTable, idColumn: SQL | unknown, q: string): SQL | null {
  const expr = queryExpression(q)
  if (!expr) return null
  return sql`${idColumn} IN (SELECT rowid FROM ${sql.raw(table)} WHERE ${sql.raw(table)} MATCH ${expr})`
}
