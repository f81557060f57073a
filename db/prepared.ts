import type Database from 'better-sqlite3'

// Prepared once per connection: imports, polls and the benchmark generator write hundreds of thousands of rows,
// and preparing a statement is most of the cost of a small insert.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

export function prepared(sqlite: Database.Database, text: string): Database.Statement {
  let cache = statements.get(sqlite)
  if (!cache) statements.set(sqlite, (cache = new Map()))
  let st = cache.get(text)
  if (!st) cache.set(text, (st = sqlite.prepare(text)))
  return st
}
