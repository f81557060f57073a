import type { Desk } from '../db/open'
import { openDesk } from '../db/open'
import { dirname, join } from 'node:path'

/** A notice for the officer: the Electron shell shows it as a desktop notification, the browser harness in-app. */
export interface Notice {
  title: string
  body: string
}

/** Everything a handler may use. Transports build one; tests build one on a fresh database. */
export interface Ctx {
  desk: Desk
  /** Who is acting (recorded in the audit log). */
  actor: string
  /** The desk's data folder (evidence files, backups, exports). */
  dataDir: string
  now: () => Date
  notify: (n: Notice) => void
}

export interface ContextOptions {
  dbFile: string
  migrationsFolder?: string
  actor?: string
  dataDir?: string
  now?: () => Date
  notify?: (n: Notice) => void
}

/** Open the database (migrating it) and build the context every transport hands to the handlers. */
export function openContext(o: ContextOptions): Ctx {
  const desk = openDesk(o.dbFile, { migrationsFolder: o.migrationsFolder })
  return {
    desk,
    actor: o.actor ?? '宣传干事',
    dataDir: o.dataDir ?? join(dirname(o.dbFile), 'desk-data'),
    now: o.now ?? (() => new Date()),
    notify: o.notify ?? (() => {})
  }
}
