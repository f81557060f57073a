// 备份与恢复: when backups are made and kept. How a backup file is written lives in db/backup.ts, how a restore
// swaps files in handlers/backup/restore.ts.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { startJob, type Job } from '../jobs/runner'
import { readSetting, saveSetting } from '../settings'
import { recordAudit } from '../../db/queries/audit'
import { DamagedDatabaseError } from '../../db/integrity'
import {
  backupAuditHead,
  backupFileName,
  backupsFolder,
  describeBackup,
  evidenceFolder,
  listBackups,
  planRotation,
  recordedBackupHead,
  removeBackup,
  sweepLeftovers,
  writeBackup,
  type BackupEntry,
  type BackupKind
} from '../../db/backup'
import type { BackupInfo } from '../../shared/contract/backup'
import type { AuditHeadInfo } from '../../shared/contract/audit'
import { chinaDate } from '../../shared/dates'
import { restoreOpen } from './restore'
import type { Ctx } from '../context'

let queue: Promise<unknown> = Promise.resolve()
/**
 * One backup or restore at a time in this process: the startup backup, the timer and a click can overlap, and a
 * restore closes the connection a backup would be reading.
 */
export function exclusive<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work)
  queue = run.catch(() => {})
  return run
}

export function backupInfo(ctx: Ctx, e: BackupEntry): BackupInfo {
  const auditHead = backupAuditHead(e.path)
  const recorded = recordedBackupHead(ctx.desk.sqlite, e.name)
  const auditAsRecorded = recorded && auditHead ? recorded.id === auditHead.id && recorded.hash === auditHead.hash : recorded ? false : null
  return { name: e.name, kind: e.kind, madeAt: e.madeAt, size: e.size, evidence: e.evidenceDir !== null, auditHead, auditAsRecorded }
}

/** A failed backup in words the officer can act on (the database itself is never touched by a backup); else `e`. */
function backupFailure(e: unknown): unknown {
  if (e instanceof UserError) return e
  if (e instanceof DamagedDatabaseError) {
    return new UserError(
      `备份没有完成：备份副本未通过完整性检查，数据库文件可能已损坏（${e.problem}）。以前的备份都已保留；请尽快在 设置 → 数据备份 中从最近的备份恢复，或联系信息科。`
    )
  }
  const code = String((e as { code?: unknown })?.code ?? '')
  const why =
    code === 'ENOSPC' || code === 'SQLITE_FULL'
      ? '磁盘空间不足，请清理磁盘后重试'
      : ['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY'].includes(code)
        ? '没有写入备份文件夹的权限，请检查文件夹权限'
        : ['ENOTDIR', 'EEXIST', 'EISDIR', 'ENOENT', 'SQLITE_CANTOPEN'].includes(code)
          ? '备份文件夹无法使用（可能被同名文件占用或已被移走），请检查数据文件夹'
          : null
  return why === null ? e : new UserError(`备份没有完成：${why}。数据库本身未受影响。`)
}

/** Apply the rotation policy to the backups folder, never removing the one just made; returns the names removed. */
function rotate(ctx: Ctx, folder: string, justMade: string): string[] {
  const all = listBackups(folder)
  const remove = planRotation(all, readSetting(ctx.desk.db, 'backup-policy')).remove.filter((n) => n !== justMade)
  for (const e of all) if (remove.includes(e.name)) removeBackup(e)
  return remove
}

/** Write one backup into the backups folder (database + evidence), then rotate. Call inside `exclusive`. */
export async function makeBackup(ctx: Ctx, kind: BackupKind, job?: Pick<Job, 'progress'>): Promise<{ entry: BackupEntry; removed: string[] }> {
  const folder = backupsFolder(ctx.dataDir)
  const dest = join(folder, backupFileName(ctx.now(), kind))
  let head: AuditHeadInfo | null
  try {
    sweepLeftovers(folder)
    head = (await writeBackup(ctx.desk.sqlite, dest, { evidenceFrom: evidenceFolder(ctx.dataDir), onProgress: (p) => job?.progress(p.phase, p.done, p.total) })).auditHead
  } catch (e) {
    throw backupFailure(e)
  }
  const entry = describeBackup(dest)
  // The live trail keeps the backup's head: a backup altered later no longer matches it (backup-list, restore).
  // The backup itself is complete by now, so a failure to record it must not report the backup as failed.
  try {
    ctx.desk.tx(() =>
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, actorId: ctx.user?.id, action: 'backup', entity: 'backup', entityId: entry.name, changes: { name: entry.name, kind, head } })
    )
  } catch (e) {
    console.error('备份已完成，但没有记入操作日志', e)
  }
  return { entry, removed: rotate(ctx, folder, entry.name) }
}

export const backupHandlers = defineHandlers({
  'backup-list': (_a, ctx) => {
    const folder = backupsFolder(ctx.dataDir)
    return { folder, dbFile: ctx.desk.file, policy: readSetting(ctx.desk.db, 'backup-policy'), backups: listBackups(folder).map((e) => backupInfo(ctx, e)) }
  },

  'backup-create': (_a, ctx) => ({
    jobId: startJob(ctx, 'backup', (job) => exclusive(() => makeBackup(ctx, 'manual', job)).then((r) => backupInfo(ctx, r.entry)))
  }),

  'backup-auto': (_a, ctx) =>
    exclusive(async () => {
      if (!readSetting(ctx.desk.db, 'backup-policy').auto) return { made: false, backup: null, removed: [] }
      try {
        const today = chinaDate(ctx.now())
        if (listBackups(backupsFolder(ctx.dataDir)).some((b) => b.day === today)) return { made: false, backup: null, removed: [] }
        const { entry, removed } = await makeBackup(ctx, 'auto')
        return { made: true, backup: backupInfo(ctx, entry), removed }
      } catch (raw) {
        const e = backupFailure(raw)
        const body = e instanceof UserError ? e.message : '备份没有完成：程序内部出错，已记录日志。数据库本身未受影响，可在 设置 → 数据备份 中再试一次。'
        ctx.notify({ title: '今天的自动备份没有完成', body })
        throw e
      }
    }),

  'backup-policy-save': (policy, ctx) => saveSetting(ctx, 'backup-policy', policy),

  'backup-restore': ({ backup }, ctx) => {
    const path = join(backupsFolder(ctx.dataDir), backup)
    if (!existsSync(path)) throw new UserError(`找不到备份 ${backup}，可能已被轮换清理，请刷新列表`, { field: 'backup' })
    return { jobId: startJob(ctx, 'restore', (job) => exclusive(() => restoreOpen(ctx, path, job))) }
  }
})
