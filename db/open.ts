import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { readFileSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from './schema'
import { checkIntegrity, DamagedDatabaseError, isDamageError } from './integrity'
import { openAuditChain, type AuditProblem } from './audit-chain'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface Desk {
  db: Db
  sqlite: Database.Database
  file: string
  /** The migrations this desk was opened with (a restore migrates an older backup with the same ones). */
  migrationsFolder: string
  /**
   * Run fn in one SQLite transaction (nested calls become savepoints); all-or-nothing. IMMEDIATE: the write lock
   * is taken first, so two processes cannot both read the audit chain's head and then append onto it.
   */
  tx<T>(fn: () => T): T
  /** Set when the audit chain did not verify at open (db/audit-chain.ts): the desk opens anyway and warns. */
  auditProblem: AuditProblem | null
  close(): void
}

/** Raised when the file was written by a newer version of the desk: we refuse to open it rather than guess. */
export class NewerDatabaseError extends Error {
  constructor(public readonly fileVersion: number, public readonly codeVersion: number) {
    super(`此数据库由更新版本的宣传舆情工作台写入（数据版本 ${fileVersion}，本程序支持到 ${codeVersion}）。为避免损坏数据，已拒绝打开，请升级程序后再试。`)
    this.name = 'NewerDatabaseError'
  }
}

interface Journal { entries: { idx: number; when: number; tag: string }[] }

export function readJournal(migrationsFolder: string): Journal {
  return JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal
}

/** The default migrations folder when running from the source tree (tests, CLI, web bridge). */
export const SOURCE_MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

/**
 * Durability: WAL with synchronous=FULL. WAL alone survives a killed process; FULL also syncs the WAL at each
 * commit, so a record the officer saw saved survives a power cut. Our writes are human-paced or batched per
 * feed poll, so the extra fsync costs nothing the officer can feel.
 */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('busy_timeout = 5000')
  // Switching to WAL needs an exclusive lock, and SQLite does not wait on its busy handler when another process
  // is recovering the WAL after a crash; the file is WAL from its first open on, so only switch when it is not,
  // and retry briefly while another process holds the lock.
  for (let attempt = 0; ; attempt++) {
    try {
      if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal') sqlite.pragma('journal_mode = WAL')
      break
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY') !== true || attempt >= 50) throw e
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
}

/**
 * Two processes opening a new file at once (the app and the CLI, say) both see no migrations applied; the second
 * one's CREATE then fails. When that happens and the other process has by now applied every migration, the file is
 * as it should be, so go on; any other failure stands.
 */
function migrateOnce(db: Db, sqlite: Database.Database, journal: Journal, migrationsFolder: string): void {
  try {
    migrate(db, { migrationsFolder })
  } catch (e) {
    const applied = sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number } | undefined
    if (!applied || applied.n < journal.entries.length) throw e
  }
}

/** Fail before writing anything if the file knows migrations this code does not. */
export function refuseNewer(sqlite: Database.Database, journal: Journal): void {
  const has = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get()
  if (!has) return
  const row = sqlite.prepare('SELECT COUNT(*) AS n, MAX(created_at) AS last FROM __drizzle_migrations').get() as { n: number; last: number | null }
  const newest = Math.max(...journal.entries.map((e) => e.when))
  if (row.n > journal.entries.length || (row.last ?? 0) > newest) {
    throw new NewerDatabaseError(row.n, journal.entries.length)
  }
}

export function openDesk(file: string, opts: { migrationsFolder?: string; readonly?: boolean } = {}): Desk {
  const migrationsFolder = opts.migrationsFolder ?? SOURCE_MIGRATIONS
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  // quick_check reads the whole file (about 10 s for a ten-year desk), so it runs when the last session did not
  // close cleanly — its -wal file is still there — and otherwise only the first page of every table and index is
  // read. Every backup proves the whole file with quick_check as it seals its copy (db/backup.ts).
  const unclean = file !== ':memory:' && walLeftBehind(file)
  const sqlite = new Database(file, { readonly: opts.readonly ?? false })
  try {
    // Checked before anything writes: a damaged file is refused (db/integrity.ts), never silently used.
    try {
      applyPragmas(sqlite)
    } catch (e) {
      if (isDamageError(e)) throw new DamagedDatabaseError(file, `无法读取数据库（${(e as Error).message}）`)
      throw e
    }
    const health = checkIntegrity(sqlite, unclean ? 'quick' : 'shallow')
    if (!health.ok) throw new DamagedDatabaseError(file, health.problem)
    const journal = readJournal(migrationsFolder)
    refuseNewer(sqlite, journal)
    const db = drizzle(sqlite, { schema }) as Db
    if (!opts.readonly) migrateOnce(db, sqlite, journal, migrationsFolder)
    // Only the rows since the last verified head are checked here, so a ten-year desk still opens at once.
    const auditProblem = opts.readonly ? null : openAuditChain(sqlite)
    return { db, sqlite, file, migrationsFolder, tx: (fn) => sqlite.transaction(fn).immediate(), auditProblem, close: () => sqlite.close() }
  } catch (e) {
    sqlite.close()
    throw e
  }
}

/** A -wal file with frames in it: the last connection did not close cleanly (or another is open right now). */
function walLeftBehind(file: string): boolean {
  try {
    return statSync(`${file}-wal`).size > 0
  } catch {
    return false
  }
}
