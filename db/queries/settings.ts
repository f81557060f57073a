// The settings table as rows of key → JSON. Only handlers/settings.ts calls these: every other module reads and
// writes a setting through the registry (shared/settings.ts), which gives each key its shape and default.
import type { Db } from '../open'
import { settings } from '../schema'
import { prepared } from '../prepared'

/** What getSetting returns for a row whose text is not JSON (written by hand, or cut short): no schema accepts it. */
export const NOT_JSON = Symbol('not JSON')

/** The stored value of a key; undefined when there is no row. */
export function getSetting(db: Db, key: string): unknown {
  const row = prepared(db.$client, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  if (!row) return undefined
  try {
    return JSON.parse(row.value) as unknown
  } catch {
    return NOT_JSON
  }
}

export function putSetting(db: Db, key: string, value: unknown, at: string): void {
  db.insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run()
}
