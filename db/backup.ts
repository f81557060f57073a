// Backup files: how one is written so that a kill at any moment leaves either the complete new backup or none
// under its final name, how the folder is listed and rotated. The handlers in handlers/backup/ decide when.
//
// One backup = `desk-YYYY-MM-DD-HHmmss[-manual].sqlite` (a self-contained SQLite file, journal_mode DELETE, made
// with SQLite's online backup API — never a file copy of the live WAL database) plus, when the desk holds
// evidence, a sibling folder `desk-….evidence/` mirroring `dataDir/evidence`. Evidence files are content-addressed
// (evidence/ab/<sha256>) and never change once written. On the data folder's own disk the mirror hard-links them
// (no bytes copied; a deleted original survives in the backup). On another disk (a USB stick, a network share —
// told apart by st_dev) a link would be the same bytes on the same failing disk, so every file is a real copy,
// read back and checked against its SHA-256 — except one an earlier backup in that folder already holds, which is
// linked to that copy when the target allows links (so a daily backup does not copy every file again). Thumbnails
// are copied; uploads in progress and the viewer's copies are not backed up.
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { closeSync, copyFileSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { addDays } from '../shared/dates'
import { BACKUP_NAME } from '../shared/contract/backup'
import { checkIntegrity, DamagedDatabaseError } from './integrity'
import { hasChain, headOf, type AuditHead } from './audit-chain'

export type BackupKind = 'auto' | 'manual'

export interface BackupEntry {
  name: string
  path: string
  kind: BackupKind
  /** China calendar day and local time the backup was made. */
  day: string
  madeAt: string
  size: number
  /** The evidence mirror beside it, or null when the desk had no evidence then. */
  evidenceDir: string | null
}

export interface BackupProgress {
  phase: 'database' | 'evidence' | 'finishing'
  done: number
  total: number
}

export interface RotationPolicy {
  daily: number
  weekly: number
  monthly: number
}

export const backupsFolder = (dataDir: string): string => join(dataDir, 'backups')
export const evidenceFolder = (dataDir: string): string => join(dataDir, 'evidence')

/** `X.sqlite` → `X.evidence`; any other name gets `.evidence` appended. */
export function evidenceDirFor(file: string): string {
  return file.replace(/\.sqlite$/i, '') + '.evidence'
}

const chinaParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit'
})

/** China local date and time of an instant: the names and labels of backups, whatever the machine's zone. */
export function chinaClock(at: Date): { day: string; hhmmss: string; label: string } {
  const p = Object.fromEntries(chinaParts.formatToParts(at).map((x) => [x.type, x.value]))
  const day = `${p.year}-${p.month}-${p.day}`
  return { day, hhmmss: `${p.hour}${p.minute}${p.second}`, label: `${day} ${p.hour}:${p.minute}:${p.second}` }
}

export function backupFileName(at: Date, kind: BackupKind): string {
  const c = chinaClock(at)
  return `desk-${c.day}-${c.hhmmss}${kind === 'manual' ? '-manual' : ''}.sqlite`
}

/** fsync a file, then its folder, so a rename that follows is durable. Folders cannot be opened on Windows. */
export function fsyncPath(path: string): void {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch {
    // EISDIR / EPERM on some platforms for folders: the file data itself was synced
  } finally {
    closeSync(fd)
  }
}

const partName = (final: string): string => join(dirname(final), `.${basename(final)}.part-${process.pid}`)

/** Files under a folder, as paths relative to it. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return []
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(root, join(d.parentPath ?? (d as unknown as { path: string }).path, d.name)))
    .sort()
}

/** SHA-256 of a file, read in 1 MB steps (evidence files run to tens of MB). */
export function fileSha256(path: string): string {
  const h = createHash('sha256')
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.allocUnsafe(1 << 20)
    for (let n: number; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return h.digest('hex')
}

/** A copy that read back differently from what was written: the target disk (or the original) is not sound. */
export class CopyMismatchError extends Error {
  readonly code = 'EVIDENCE_MISMATCH'
  constructor(readonly file: string) {
    super(`copy does not read back as written: ${file}`)
  }
}

/**
 * The one way evidence is copied (into a backup, and back out of one by a restore): copy, fsync, read back and
 * compare the SHA-256 with `expected` (a stored file's name) or the source's. A mismatch removes the copy and
 * throws CopyMismatchError. The read-back goes through the system's cache, so it proves what the system will write
 * — the fsync before it is what puts it on the disk.
 */
export function copyVerified(src: string, dst: string, expected: string = fileSha256(src)): void {
  copyFileSync(src, dst)
  fsyncPath(dst)
  if (fileSha256(dst) !== expected) {
    rmSync(dst, { force: true })
    throw new CopyMismatchError(dst)
  }
}

/** The expected SHA-256 of an evidence file from its name (stored files are named by it), else undefined. */
export function evidenceHashOf(rel: string): string | undefined {
  return immutable(rel) ? basename(rel) : undefined
}

/** What of the evidence folder a backup keeps: the stored files and thumbnails, not uploads in progress nor the
 *  viewer's copies (evidence/uploads, evidence/open) nor half-written temporaries. */
const keptEvidence = (rel: string): boolean => !/^(uploads|open)([/\\]|$)/.test(rel) && !rel.endsWith('.tmp')
/** Stored files are named by their SHA-256 and replaced only by rename: safe to share by hard link. Thumbnails
 *  may be rewritten in place, so they are copied. */
const immutable = (rel: string): boolean => /^[0-9a-f]{2}[/\\][0-9a-f]{64}$/.test(rel)

const tryLink = (src: string, dst: string): boolean => {
  try {
    linkSync(src, dst)
    return true
  } catch {
    return false // a file system without hard links (FAT, some shares): copy
  }
}

/** Whether two existing paths are on the same device (st_dev): a hard link between them is possible and shares the disk. */
export function sameDevice(a: string, b: string): boolean {
  return statSync(a).dev === statSync(b).dev
}

/**
 * Link or copy the evidence files into `to`, built under a temporary name and renamed when complete (see the top
 * for which are linked). `earlier`: the newest earlier mirror in the same folder, whose verified copies may be reused.
 */
function mirrorEvidence(from: string, to: string, progress: (p: BackupProgress) => void, earlier: string | null): number {
  const files = filesUnder(from).filter(keptEvidence)
  if (files.length === 0) return 0
  const part = partName(to)
  rmSync(part, { recursive: true, force: true })
  mkdirSync(part)
  const local = sameDevice(from, part)
  files.forEach((rel, i) => {
    const src = join(from, rel)
    const dst = join(part, rel)
    mkdirSync(dirname(dst), { recursive: true })
    const prior = earlier && join(earlier, rel)
    const linked =
      immutable(rel) &&
      (local ? tryLink(src, dst) : !!prior && existsSync(prior) && statSync(prior).size === statSync(src).size && tryLink(prior, dst))
    if (!linked) copyVerified(src, dst, evidenceHashOf(rel))
    if (i % 200 === 199 || i === files.length - 1) progress({ phase: 'evidence', done: i + 1, total: files.length })
  })
  fsyncPath(part)
  rmSync(to, { recursive: true, force: true })
  renameSync(part, to)
  return files.length
}

/**
 * Make the copy self-contained (no -wal beside it) and prove it reads back before it gets its final name. The
 * copy holds the live database's pages, so this quick_check is also the daily whole-file check of the live
 * database that startup skips after a clean shutdown (db/open.ts): a failure names the live file as damaged.
 */
function seal(file: string, live: string): AuditHead | null {
  const db = new Database(file)
  try {
    db.pragma('journal_mode = DELETE')
    const health = checkIntegrity(db, 'quick')
    if (!health.ok) throw new DamagedDatabaseError(live, health.problem)
    return hasChain(db) ? headOf(db) : null
  } finally {
    db.close()
  }
}

/**
 * The audit chain head inside a backup file: the trail as it stood when the backup was made (the copy carries
 * the whole chain). Null when the file cannot be read or predates the chain.
 */
export function backupAuditHead(path: string): AuditHead | null {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true })
    try {
      return hasChain(db) ? headOf(db) : null
    } finally {
      db.close()
    }
  } catch {
    return null
  }
}

/**
 * Write a backup of the open database to `dest` (+ its evidence mirror). The database pages go through SQLite's
 * backup API in steps (the event loop keeps answering between them); the copy is sealed, fsynced and renamed
 * into place last, so `dest` never names a half-written file. Returns the size of the written file.
 */
export async function writeBackup(
  sqlite: Database.Database,
  dest: string,
  o: { evidenceFrom?: string; onProgress?: (p: BackupProgress) => void } = {}
): Promise<{ size: number; evidenceFiles: number; auditHead: AuditHead | null }> {
  const progress = o.onProgress ?? (() => {})
  const dir = dirname(dest)
  mkdirSync(dir, { recursive: true })
  const part = partName(dest)
  const evidenceDir = evidenceDirFor(dest)
  // the mirror gets its final name just before the database does: if the last step fails, it goes too
  let mirrored = false
  const clear = () => {
    for (const f of [part, `${part}-journal`, `${part}-wal`, `${part}-shm`]) rmSync(f, { force: true })
  }
  clear()
  try {
    const earlier = listBackups(dir).find((e) => e.evidenceDir !== null)?.evidenceDir ?? null
    await sqlite.backup(part, {
      progress: ({ totalPages, remainingPages }) => {
        progress({ phase: 'database', done: totalPages - remainingPages, total: totalPages })
        return 256
      }
    })
    const auditHead = seal(part, sqlite.name)
    fsyncPath(part)
    const evidenceFiles = o.evidenceFrom ? mirrorEvidence(o.evidenceFrom, evidenceDir, progress, earlier) : 0
    mirrored = evidenceFiles > 0
    progress({ phase: 'finishing', done: 1, total: 1 })
    renameSync(part, dest)
    fsyncPath(dir)
    return { size: statSync(dest).size, evidenceFiles, auditHead }
  } catch (e) {
    clear()
    rmSync(partName(evidenceDir), { recursive: true, force: true })
    if (mirrored && !existsSync(dest)) rmSync(evidenceDir, { recursive: true, force: true })
    throw e
  }
}

/** The head a desk's trail recorded when it made the backup `name` (its newest `backup` row), or null. */
export function recordedBackupHead(sqlite: Database.Database, name: string): AuditHead | null {
  const row = sqlite
    .prepare("SELECT changes FROM audit_log WHERE entity = 'backup' AND entity_id = ? AND action = 'backup' ORDER BY id DESC LIMIT 1")
    .get(name) as { changes: string } | undefined
  return row ? ((JSON.parse(row.changes) as { head?: AuditHead | null }).head ?? null) : null
}

/** Describe one backup file (in the backups folder or anywhere else, e.g. a USB stick). */
export function describeBackup(path: string): BackupEntry {
  const name = basename(path)
  const m = BACKUP_NAME.exec(name)
  const st = statSync(path)
  const evidence = evidenceDirFor(path)
  const madeAt = m ? `${m[1]} ${m[2]}:${m[3]}:${m[4]}` : chinaClock(st.mtime).label
  return {
    name,
    path,
    kind: m?.[5] ? 'manual' : 'auto',
    day: madeAt.slice(0, 10),
    madeAt,
    size: st.size,
    evidenceDir: existsSync(evidence) ? evidence : null
  }
}

export const newestFirst = (a: Pick<BackupEntry, 'madeAt' | 'name'>, b: Pick<BackupEntry, 'madeAt' | 'name'>): number =>
  a.madeAt === b.madeAt ? b.name.localeCompare(a.name) : b.madeAt.localeCompare(a.madeAt)

/** The desk's own backups in a folder, newest first. Half-written parts (dot files) are never listed. */
export function listBackups(folder: string): BackupEntry[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder)
    .filter((n) => BACKUP_NAME.test(n))
    .map((n) => describeBackup(join(folder, n)))
    .sort(newestFirst)
}

/** Monday of the (China) week of a calendar day. */
export function weekOf(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return addDays(day, -((dow + 6) % 7))
}

/**
 * Which backups to keep: the newest of each of the `daily` most recent days that have a backup, of each of the
 * `weekly` most recent weeks (Monday–Sunday) and of each of the `monthly` most recent calendar months that have
 * one. A backup kept for any of the three is kept. `entries` newest first, as listBackups gives.
 */
export function planRotation(entries: Pick<BackupEntry, 'name' | 'day'>[], policy: RotationPolicy): { keep: string[]; remove: string[] } {
  const periods: [limit: number, of: (day: string) => string, seen: Set<string>][] = [
    [policy.daily, (d) => d, new Set()],
    [policy.weekly, weekOf, new Set()],
    [policy.monthly, (d) => d.slice(0, 7), new Set()]
  ]
  const keep: string[] = []
  const remove: string[] = []
  for (const e of entries) {
    let kept = false
    for (const [limit, of, seen] of periods) {
      const p = of(e.day)
      if (!seen.has(p) && seen.size < limit) {
        seen.add(p)
        kept = true
      }
    }
    ;(kept ? keep : remove).push(e.name)
  }
  return { keep, remove }
}

export function removeBackup(e: BackupEntry): void {
  rmSync(e.path, { force: true })
  rmSync(evidenceDirFor(e.path), { recursive: true, force: true })
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false // this process serializes its backups: no part of ours is in progress
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Remove what killed backups left behind: parts (and folder probes, handlers/backup/folder.ts) of processes no
 * longer running, and evidence mirrors whose database file never got its final name.
 */
export function sweepLeftovers(folder: string): string[] {
  if (!existsSync(folder)) return []
  const removed: string[] = []
  for (const n of readdirSync(folder)) {
    const part = /^\..+\.part-(\d+)(-journal|-wal|-shm)?$/.exec(n) ?? /^\.desk-probe-(\d+)-[0-9a-f]+$/.exec(n) // + a folder check's probe file
    const orphan = /^(desk-.+)\.evidence$/.exec(n)
    if ((part && !alive(Number(part[1]))) || (orphan && !existsSync(join(folder, `${orphan[1]}.sqlite`)))) {
      rmSync(join(folder, n), { recursive: true, force: true })
      removed.push(n)
    }
  }
  return removed
}

/**
 * The folders a desk's backups may be in, for a desk that cannot be opened (the damaged-database message, the CLI's
 * restore by bare name): the folder its `backup-policy` setting chose, read straight from the file when it still
 * reads, and the data folder's backups/.
 */
export function backupFoldersOf(dbFile: string, dataDir: string): string[] {
  const folders = [backupsFolder(dataDir)]
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true })
    try {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'backup-policy'").get() as { value: string } | undefined
      const folder = row ? (JSON.parse(row.value) as { folder?: unknown }).folder : null
      if (typeof folder === 'string' && folder) folders.unshift(folder)
    } finally {
      db.close()
    }
  } catch {
    // the settings page is damaged too, or there is no file: the data folder is all we know
  }
  return folders
}

/** The newest backup in the folders that passes quick_check, for the damaged-database message. */
export function newestGoodBackup(folders: string | string[]): BackupEntry | null {
  const all = [folders].flat().flatMap((f) => listBackups(f))
  for (const e of all.sort(newestFirst)) {
    try {
      const db = new Database(e.path, { readonly: true, fileMustExist: true })
      try {
        if (checkIntegrity(db, 'quick').ok) return e
      } finally {
        db.close()
      }
    } catch {
      // unreadable: try the next older one
    }
  }
  return null
}
