import { eq } from 'drizzle-orm'
import type { Db } from '../open'
import { settings } from '../schema'

export function getSetting<T>(db: Db, key: string): T | null {
  const row = db.select().from(settings).where(eq(settings.key, key)).get()
  return row ? (row.value as T) : null
}

export function putSetting(db: Db, key: string, value: unknown, at: string): void {
  db.insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run()
}
