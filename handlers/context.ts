import type { Desk } from '../db/open'
import { openDesk } from '../db/open'
import { DamagedDatabaseError } from '../db/integrity'
import { backupsFolder, newestGoodBackup } from '../db/backup'
import { dirname, join } from 'node:path'
import { createNodeTransport, type HttpTransport } from '../services/feeds/fetcher'

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
  /** How feeds are fetched: Electron's `net` in the app (system proxy), Node's HTTP in tests and the CLI. */
  http: HttpTransport
}

export interface ContextOptions {
  dbFile: string
  migrationsFolder?: string
  actor?: string
  dataDir?: string
  now?: () => Date
  notify?: (n: Notice) => void
  http?: HttpTransport
}

/** The data folder beside a database file, unless the transport names another (Electron: userData/desk-data). */
export function defaultDataDir(dbFile: string): string {
  return join(dirname(dbFile), 'desk-data')
}

/**
 * Open the database (migrating it) and build the context every transport hands to the handlers. A damaged file
 * throws DamagedDatabaseError naming the newest good backup, for the transport to offer a restore.
 */
export function openContext(o: ContextOptions): Ctx {
  const dataDir = o.dataDir ?? defaultDataDir(o.dbFile)
  let desk: Desk
  try {
    desk = openDesk(o.dbFile, { migrationsFolder: o.migrationsFolder })
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) throw e
    const good = newestGoodBackup(backupsFolder(dataDir))
    throw new DamagedDatabaseError(e.file, e.problem, good && { path: good.path, madeAt: good.madeAt.slice(0, 16) })
  }
  return {
    desk,
    actor: o.actor ?? '宣传干事',
    dataDir,
    now: o.now ?? (() => new Date()),
    notify: o.notify ?? (() => {}),
    http: o.http ?? createNodeTransport()
  }
}
