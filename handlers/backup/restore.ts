// Restoring a backup. Everything that can refuse happens on a staged copy BEFORE the live database is touched:
//
//   1. stage   — SQLite's backup API copies the chosen file to `<db>.restoring` (a consistent snapshot even if the
//                file is itself a WAL database with a -wal beside it); full integrity_check; it must be a desk
//                database; a newer data version is refused; an older one is migrated on the staged copy.
//   2. evidence — files the backup knows and the data folder lacks are copied in (nothing is deleted).
//   3. swap    — the live file gets a second name `<db>.replaced-YYYYMMDD-HHmmss.sqlite` (hard link, so at
//                every instant one of the two names holds each version), then the staged file is renamed over
//                the live name (atomic). A kill at any point leaves either the old or the restored database.
//
// In the running app the handlers hold the connection in ctx.desk. restoreOpen closes it, swaps, reopens and
// copies the new connection INTO the same Desk object (Object.assign), so everything that kept a reference to
// ctx.desk — the job registry, the Electron shell's quit hook — keeps working with the restored file.
// The CLI and the damaged-database dialog use restoreClosed: no connection is open in that process.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { openDesk, readJournal, refuseNewer, NewerDatabaseError } from '../../db/open'
import { checkIntegrity, isDamageError } from '../../db/integrity'
import { chinaClock, CopyMismatchError, copyVerified, evidenceDirFor, evidenceFolder, evidenceHashOf, fsyncPath, recordedBackupHead } from '../../db/backup'
import type { RestoreResult } from '../../shared/contract/backup'
import { appendAudit, hasChain, headOf, verifyAuditChain, type AuditHead, type AuditProblem } from '../../db/audit-chain'
import { UserError } from '../errors'
import type { Ctx } from '../context'
import type { Job } from '../jobs/runner'

export interface DeskFiles {
  dbFile: string
  dataDir: string
  migrationsFolder: string
}

const noJob: Pick<Job, 'progress'> = { progress: () => {} }

/** Who restores, when: for the audit row and the name of the kept file. */
export interface By {
  actor: string
  actorId?: number | null
  now: Date
}

interface Staged {
  staged: string
  fromVersion: number
  toVersion: number
  /** The backup's chain head as it was made (before any migration), to compare with the live trail's record. */
  sourceHead: AuditHead | null
  /** The first row of the backup's own trail that does not verify (restoring it is allowed, and said). */
  chainProblem: AuditProblem | null
}
const sidecars = (f: string) => [f, `${f}-journal`, `${f}-wal`, `${f}-shm`]

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n
}

function isDeskDatabase(db: Database.Database): boolean {
  return count(db, "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('__drizzle_migrations', 'pieces', 'settings')") === 3
}

/** Step 1: a checked, migrated copy of `source` next to the live file. Throws a UserError and leaves nothing behind. */
async function stage(source: string, files: DeskFiles, job: Pick<Job, 'progress'>): Promise<Staged> {
  if (!existsSync(source)) throw new UserError(`找不到备份文件：${source}`, { field: 'backup' })
  if (resolve(source) === resolve(files.dbFile)) throw new UserError('不能用正在使用的数据库文件恢复它自己，请选择一份备份', { field: 'backup' })
  const staged = `${files.dbFile}.restoring`
  const clear = () => sidecars(staged).forEach((f) => rmSync(f, { force: true }))
  clear()
  mkdirSync(dirname(files.dbFile), { recursive: true })
  try {
    let src: Database.Database | null = null
    try {
      src = new Database(source, { readonly: true, fileMustExist: true })
      await src.backup(staged, {
        progress: ({ totalPages, remainingPages }) => {
          job.progress('database', totalPages - remainingPages, totalPages)
          return 256
        }
      })
    } catch (e) {
      if (isDamageError(e)) throw new UserError(`${basename(source)} 不是有效的工作台备份（无法作为数据库读取），未做任何改动`, { field: 'backup' })
      throw e
    } finally {
      src?.close()
    }
    job.progress('checking', 0, 1)
    let fromVersion: number
    let sourceHead: AuditHead | null
    const raw = new Database(staged)
    try {
      const health = checkIntegrity(raw, 'full')
      if (!health.ok) throw new UserError(`备份文件已损坏，未做任何改动。${health.problem}`, { field: 'backup' })
      if (!isDeskDatabase(raw)) throw new UserError(`${basename(source)} 不是宣传舆情工作台的数据库，未做任何改动`, { field: 'backup' })
      fromVersion = count(raw, 'SELECT COUNT(*) AS n FROM __drizzle_migrations')
      sourceHead = hasChain(raw) ? headOf(raw) : null
      try {
        refuseNewer(raw, readJournal(files.migrationsFolder))
      } catch (e) {
        if (!(e instanceof NewerDatabaseError)) throw e
        throw new UserError(
          `此备份由更新版本的宣传舆情工作台写入（数据版本 ${e.fileVersion}，本程序支持到 ${e.codeVersion}）。为避免损坏数据，已拒绝恢复，请升级程序后再试。`,
          { field: 'backup' }
        )
      }
    } finally {
      raw.close()
    }
    // An older backup is brought up to this version here, on the copy, never on the live file (opening it also
    // seals an older trail into the audit chain).
    const toVersion = readJournal(files.migrationsFolder).entries.length
    const desk = openDesk(staged, { migrationsFolder: files.migrationsFolder })
    let chainProblem: AuditProblem | null
    try {
      const chain = verifyAuditChain(desk.sqlite, { from: 'start' })
      chainProblem = chain.ok ? null : chain.problem
    } finally {
      desk.close()
    }
    job.progress('checking', 1, 1)
    return { staged, fromVersion, toVersion, sourceHead, chainProblem }
  } catch (e) {
    clear()
    throw e
  }
}

/** Refuse while another process (the app, a second CLI) has the live database open: we would swap it from under them. */
function assertNotInUse(dbFile: string): void {
  if (!existsSync(dbFile)) return
  let db: Database.Database | null = null
  try {
    db = new Database(dbFile, { fileMustExist: true })
    db.pragma('busy_timeout = 0')
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_BUSY' || (e as { code?: string }).code === 'SQLITE_LOCKED') {
      throw new UserError('数据库正被另一个程序使用（例如已打开的工作台窗口或另一个命令行），请先关闭它再恢复')
    }
    if (!isDamageError(e)) throw e // a damaged file cannot be in use: nothing opens it
  } finally {
    db?.close()
  }
}

/** Step 3. Returns where the replaced database was kept. */
function swapIn(staged: string, dbFile: string, now: Date): string | null {
  let replaced: string | null = null
  if (existsSync(dbFile)) {
    const c = chinaClock(now)
    const stem = join(dirname(dbFile), `${basename(dbFile).replace(/\.sqlite$/i, '')}.replaced-${c.day.replaceAll('-', '')}-${c.hhmmss}`)
    replaced = `${stem}.sqlite`
    for (let i = 2; existsSync(replaced); i++) replaced = `${stem}-${i}.sqlite`
    try {
      linkSync(dbFile, replaced)
    } catch {
      copyFileSync(dbFile, replaced)
    }
    // A -wal left by a crash belongs to the old file: it travels with it, or SQLite would replay it into the new one.
    for (const s of ['-wal', '-shm']) if (existsSync(dbFile + s)) renameSync(dbFile + s, replaced + s)
    fsyncPath(replaced)
  }
  renameSync(staged, dbFile)
  fsyncPath(dirname(dbFile))
  return replaced
}

/**
 * Step 2: evidence files the backup has and the data folder lacks (content-addressed: same name, same bytes),
 * each copied and read back as a backup copies it (db/backup.ts copyVerified).
 */
function restoreEvidence(source: string, dataDir: string): number {
  const from = evidenceDirFor(source)
  if (!existsSync(from)) return 0
  const to = evidenceFolder(dataDir)
  let n = 0
  for (const d of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue
    const rel = relative(from, join(d.parentPath, d.name))
    const dst = join(to, rel)
    if (existsSync(dst)) continue
    mkdirSync(dirname(dst), { recursive: true })
    try {
      copyVerified(join(from, rel), dst, evidenceHashOf(rel))
    } catch (e) {
      if (!(e instanceof CopyMismatchError)) throw e
      throw new UserError(`备份中的佐证材料 ${rel} 已损坏（与校验值不符），或复制到数据文件夹时出错，数据库未做改动。可以改用另一份备份恢复。`, { field: 'backup' })
    }
    n++
  }
  return n
}

/** The live file's trail as it is about to be replaced: its head and row count, and its record of this backup. */
function replacedTrail(dbFile: string, backupName: string): { head: (AuditHead & { count: number }) | null; recorded: AuditHead | null } {
  if (!existsSync(dbFile)) return { head: null, recorded: null }
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true })
    try {
      if (!hasChain(db)) return { head: null, recorded: null }
      return { head: { ...headOf(db), count: count(db, 'SELECT COUNT(*) AS n FROM audit_log') }, recorded: recordedBackupHead(db, backupName) }
    } finally {
      db.close()
    }
  } catch {
    return { head: null, recorded: null } // a damaged live file (the damaged-database dialog): nothing to read
  }
}

/**
 * The rollback goes on the record: a `restore` row appended to the staged copy, chained onto the backup's head,
 * naming the replaced file's head — written before the swap, so the restored file never exists without it.
 */
function stampRestore(s: Staged, source: string, files: DeskFiles, by: By): RestoreResult['audit'] {
  const trail = replacedTrail(files.dbFile, basename(source))
  const asRecorded = trail.recorded ? !!s.sourceHead && s.sourceHead.id === trail.recorded.id && s.sourceHead.hash === trail.recorded.hash : null
  const db = new Database(s.staged)
  try {
    db.pragma('busy_timeout = 5000')
    const backup = headOf(db)
    const changes = {
      backup: basename(source), fromVersion: s.fromVersion, toVersion: s.toVersion,
      replaced: trail.head, backupHead: backup, backupAsRecorded: asRecorded, backupChainProblem: s.chainProblem
    }
    appendAudit(db, { at: by.now.toISOString(), actor: by.actor, actorId: by.actorId, action: 'restore', entity: 'database', entityId: basename(files.dbFile), changes })
    return { replaced: trail.head, backup, asRecorded, backupProblem: s.chainProblem }
  } finally {
    db.close()
  }
}

function finish(staged: Staged, source: string, files: DeskFiles, by: By, job: Pick<Job, 'progress'>): RestoreResult {
  job.progress('evidence', 0, 1)
  const evidenceFiles = restoreEvidence(source, files.dataDir)
  job.progress('finishing', 0, 1)
  const audit = stampRestore(staged, source, files, by)
  const replacedFile = swapIn(staged.staged, files.dbFile, by.now)
  job.progress('finishing', 1, 1)
  return { restored: basename(source), replacedFile, fromVersion: staged.fromVersion, toVersion: staged.toVersion, evidenceFiles, audit }
}

/** Restore when no connection to the live database is open in this process (CLI, damaged-database dialog). */
export async function restoreClosed(files: DeskFiles, source: string, by: By, job: Pick<Job, 'progress'> = noJob): Promise<RestoreResult> {
  const staged = await stage(source, files, job)
  try {
    assertNotInUse(files.dbFile)
    return finish(staged, source, files, by, job)
  } catch (e) {
    sidecars(staged.staged).forEach((f) => rmSync(f, { force: true }))
    throw e
  }
}

/** Restore in the running process: close ctx.desk, swap, reopen into the same Desk object (see the top). */
export async function restoreOpen(ctx: Ctx, source: string, job: Pick<Job, 'progress'> = noJob): Promise<RestoreResult> {
  const files: DeskFiles = { dbFile: ctx.desk.file, dataDir: ctx.dataDir, migrationsFolder: ctx.desk.migrationsFolder }
  const by = { actor: ctx.actor, actorId: ctx.user?.id ?? null, now: ctx.now() }
  const staged = await stage(source, files, job)
  ctx.desk.close()
  try {
    assertNotInUse(files.dbFile)
    return finish(staged, source, files, by, job)
  } catch (e) {
    sidecars(staged.staged).forEach((f) => rmSync(f, { force: true }))
    throw e
  } finally {
    // Whatever happened, the desk is open again: on the restored file, or on the untouched original.
    Object.assign(ctx.desk, openDesk(files.dbFile, { migrationsFolder: files.migrationsFolder }))
  }
}
