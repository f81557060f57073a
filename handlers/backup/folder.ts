// Where backups go (设置 → 数据备份 → 备份位置) and what to tell the officer when a folder cannot take one. A chosen
// folder is never created: a USB stick that is not plugged in must fail loudly, not fill a fresh empty folder of
// the same name on the local disk. The data folder's own backups/ is ours and is created when missing.
import { existsSync, mkdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { backupsFolder, CopyMismatchError, listBackups, sameDevice } from '../../db/backup'
import { DamagedDatabaseError } from '../../db/integrity'
import { readSetting } from '../settings'
import { UserError } from '../errors'
import type { BackupWhere, FolderCheck } from '../../shared/contract/backup'
import type { Ctx } from '../context'

const T = {
  notAbsolute: (p: string) => `“${p}”不是完整的文件夹路径，请填写完整路径，例如 E:\\宣传科备份、\\\\档案室\\共享\\宣传科备份 或 /media/U盘/宣传科备份`,
  missing: (p: string) => `找不到备份文件夹 ${p}（U 盘或移动硬盘是否已插好？网络共享是否已连接？）`,
  notDir: (p: string) => `备份文件夹 ${p} 无法使用：这个位置是一个文件，或路径中有同名文件，不是文件夹`,
  readOnly: (p: string) => `备份文件夹 ${p} 无法写入（只读，或当前账号没有写入权限；U 盘请检查写保护开关）`,
  full: (p: string, need: string | null, free: string | null) =>
    `备份文件夹 ${p} 所在的磁盘空间不足${need && free ? `（需要约 ${need}，剩余 ${free}）` : free ? `（剩余 ${free}）` : ''}，请清理空间或换一个文件夹`,
  mismatch: (p: string) => `写入备份文件夹 ${p} 的佐证材料读回时与原文件不一致（U 盘或网络可能有问题），请换一个文件夹或稍后重试`,
  failed: (why: string) => `备份没有完成：${why}。数据库本身未受影响，没有留下不完整的备份文件，以前的备份都已保留。`,
  damaged: (problem: string) =>
    `备份没有完成：备份副本未通过完整性检查，数据库文件可能已损坏（${problem}）。以前的备份都已保留；请尽快在 设置 → 数据备份 中从最近的备份恢复，或联系信息科。`,
  noTarget: '还没有选择备份文件夹，请刷新页面'
}

export function bytesText(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`
}

type Problem = 'missing' | 'notDir' | 'readOnly' | 'full'

function problemOf(code: string): Problem | null {
  if (code === 'ENOENT') return 'missing'
  if (['ENOTDIR', 'EEXIST', 'EISDIR'].includes(code)) return 'notDir'
  if (['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN'].includes(code)) return 'readOnly'
  if (['ENOSPC', 'EDQUOT', 'SQLITE_FULL'].includes(code)) return 'full'
  return null
}

const codeOf = (e: unknown): string => String((e as { code?: unknown })?.code ?? '')

function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(path)
    return Number(s.bavail) * Number(s.bsize)
  } catch {
    return null
  }
}

function words(p: Problem, path: string, free: number | null, need?: number): string {
  if (p === 'full') return T.full(path, need ? bytesText(need) : null, free === null ? null : bytesText(free))
  return T[p](path)
}

/** A typed or pasted path as the desk uses it: spaces and the quotes Explorer's 复制路径 adds trimmed, normalised. */
export function cleanFolder(raw: string): string {
  const p = raw.trim().replace(/^["'“”]+|["'“”]+$/g, '').trim()
  if (!isAbsolute(p)) throw new UserError(T.notAbsolute(p), { field: 'folder' })
  return resolve(p)
}

/** The nearest existing folder at or above `p` (the data folder may not exist yet on a new desk). */
function existing(p: string): string {
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p)
  return p
}

/**
 * Whether a backup can go into `path` now. `probe`: write and remove a small file there — the only honest test of
 * "writable" (permission bits say nothing to root, and a network share or a write-protected stick answers only to a
 * write). Without it (the overview, reloaded often) it looks without writing.
 */
export function checkFolder(path: string, dataDir: string, o: { probe: boolean; need?: number }): FolderCheck {
  let backups = 0
  const out = (problem: string | null, free: number | null, otherDevice: boolean | null): FolderCheck => ({
    path, ok: problem === null, problem, freeBytes: free, otherDevice, backups
  })
  let st
  try {
    st = statSync(path)
  } catch (e) {
    return out(words(problemOf(codeOf(e)) ?? 'missing', path, null), null, null)
  }
  if (!st.isDirectory()) return out(words('notDir', path, null), null, null)
  backups = safeCount(path)
  const free = freeBytes(path)
  const otherDevice = (() => {
    try {
      return !sameDevice(path, existing(dataDir))
    } catch {
      return null
    }
  })()
  if (o.probe) {
    const probe = join(path, `.desk-probe-${process.pid}-${randomBytes(4).toString('hex')}`)
    try {
      writeFileSync(probe, '宣传舆情工作台：检查备份文件夹能否写入，可删除')
    } catch (e) {
      return out(words(problemOf(codeOf(e)) ?? 'readOnly', path, free), free, otherDevice)
    } finally {
      rmSync(probe, { force: true })
    }
  }
  if (o.need && free !== null && free < o.need) return out(words('full', path, free, o.need), free, otherDevice)
  return out(null, free, otherDevice)
}

function safeCount(path: string): number {
  try {
    return listBackups(path).length
  } catch {
    return 0
  }
}

/** Where backups go now. */
export function backupTarget(ctx: Ctx): { folder: string; where: BackupWhere } {
  const chosen = readSetting(ctx.desk.db, 'backup-policy').folder
  return chosen ? { folder: chosen, where: 'target' } : { folder: backupsFolder(ctx.dataDir), where: 'data' }
}

/** The folder a backup of `where` lies in (a restore names one); a user error when no folder is chosen. */
export function folderOf(ctx: Ctx, where: BackupWhere): string {
  if (where === 'data') return backupsFolder(ctx.dataDir)
  const chosen = readSetting(ctx.desk.db, 'backup-policy').folder
  if (!chosen) throw new UserError(T.noTarget, { field: 'where' })
  return chosen
}

/**
 * Before writing a backup into `folder`: the data folder's own is made if missing; either must take a probe file
 * and have room for the database (`need` bytes). Throws the failure in the officer's words.
 */
export function ready(folder: string, where: BackupWhere, dataDir: string, need: number): void {
  if (where === 'data') {
    try {
      mkdirSync(folder, { recursive: true })
    } catch (e) {
      throw failure(e, folder)
    }
  }
  const c = checkFolder(folder, dataDir, { probe: true, need })
  if (!c.ok) throw new UserError(T.failed(c.problem!))
}

/** A failed backup in words the officer can act on, naming the folder (the database is never touched); else `e`. */
export function failure(e: unknown, folder: string): unknown {
  if (e instanceof UserError) return e
  if (e instanceof DamagedDatabaseError) return new UserError(T.damaged(e.problem))
  if (e instanceof CopyMismatchError) return new UserError(T.failed(T.mismatch(folder)))
  const p = problemOf(codeOf(e))
  return p === null ? e : new UserError(T.failed(words(p, folder, freeBytes(folder))))
}
