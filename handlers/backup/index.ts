// 备份与恢复: when backups are made, where, and how many are kept. How a backup file is written lives in
// db/backup.ts, which folder and what to say when it fails in handlers/backup/folder.ts, how a restore swaps files
// in handlers/backup/restore.ts.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { startJob, type Job } from '../jobs/runner'
import { readSetting, saveSetting } from '../settings'
import { recordAudit } from '../../db/queries/audit'
import {
  backupAuditHead,
  backupFileName,
  backupsFolder,
  describeBackup,
  evidenceFolder,
  listBackups,
  newestFirst,
  planRotation,
  recordedBackupHead,
  removeBackup,
  sweepLeftovers,
  writeBackup,
  type BackupEntry,
  type BackupKind
} from '../../db/backup'
import type { BackupInfo, BackupWhere } from '../../shared/contract/backup'
import type { AuditHeadInfo } from '../../shared/contract/audit'
import { chinaDate } from '../../shared/dates'
import { restoreOpen } from './restore'
import { backupTarget, checkFolder, cleanFolder, failure, folderOf, ready } from './folder'
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

export function backupInfo(ctx: Ctx, e: BackupEntry, where: BackupWhere): BackupInfo {
  const auditHead = backupAuditHead(e.path)
  const recorded = recordedBackupHead(ctx.desk.sqlite, e.name)
  const auditAsRecorded = recorded && auditHead ? recorded.id === auditHead.id && recorded.hash === auditHead.hash : recorded ? false : null
  return {
    name: e.name, where, folder: dirname(e.path), kind: e.kind, madeAt: e.madeAt, size: e.size, evidence: e.evidenceDir !== null, auditHead, auditAsRecorded
  }
}

/** A folder's backups, or none when it cannot be read now (a stick pulled out): the overview says why elsewhere. */
function backupsIn(folder: string): BackupEntry[] {
  try {
    return listBackups(folder)
  } catch {
    return []
  }
}

/** Apply the rotation policy to the folder just written, never removing the one just made; returns the names removed. */
function rotate(ctx: Ctx, folder: string, justMade: string): string[] {
  const all = listBackups(folder)
  const remove = planRotation(all, readSetting(ctx.desk.db, 'backup-policy')).remove.filter((n) => n !== justMade)
  for (const e of all) if (remove.includes(e.name)) removeBackup(e)
  return remove
}

/** The database's size in bytes: what a backup needs at the least (its evidence may share the disk's files). */
function databaseBytes(ctx: Ctx): number {
  const n = (p: string) => Number(ctx.desk.sqlite.pragma(p, { simple: true }))
  return n('page_count') * n('page_size')
}

/**
 * Write one backup into the folder backups go to now (database + evidence), then rotate that folder. Call inside
 * `exclusive`.
 */
export async function makeBackup(ctx: Ctx, kind: BackupKind, job?: Pick<Job, 'progress'>): Promise<{ entry: BackupEntry; where: BackupWhere; removed: string[] }> {
  const { folder, where } = backupTarget(ctx)
  const dest = join(folder, backupFileName(ctx.now(), kind))
  let head: AuditHeadInfo | null
  try {
    ready(folder, where, ctx.dataDir, databaseBytes(ctx))
    sweepLeftovers(folder)
    head = (await writeBackup(ctx.desk.sqlite, dest, { evidenceFrom: evidenceFolder(ctx.dataDir), onProgress: (p) => job?.progress(p.phase, p.done, p.total) })).auditHead
  } catch (e) {
    throw failure(e, folder)
  }
  const entry = describeBackup(dest)
  // The live trail keeps the backup's head: a backup altered later no longer matches it (backup-list, restore).
  // The backup itself is complete by now, so a failure to record it must not report the backup as failed.
  // A backup in a chosen folder names the folder too: the trail shows where each copy went.
  try {
    ctx.desk.tx(() =>
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, actorId: ctx.user?.id, action: 'backup', entity: 'backup', entityId: entry.name, changes: { name: entry.name, kind, head, ...(where === 'target' ? { folder } : {}) } })
    )
  } catch (e) {
    console.error('备份已完成，但没有记入操作日志', e)
  }
  return { entry, where, removed: rotate(ctx, folder, entry.name) }
}

export const backupHandlers = defineHandlers({
  'backup-list': (_a, ctx) => {
    const policy = readSetting(ctx.desk.db, 'backup-policy')
    const dataFolder = backupsFolder(ctx.dataDir)
    const listed = [...(policy.folder ? backupsIn(policy.folder).map((e) => backupInfo(ctx, e, 'target')) : []), ...backupsIn(dataFolder).map((e) => backupInfo(ctx, e, 'data'))]
    return {
      folder: policy.folder ?? dataFolder,
      dataFolder,
      target: policy.folder ? checkFolder(policy.folder, ctx.dataDir, { probe: false }) : null,
      dbFile: ctx.desk.file,
      policy,
      backups: listed.sort(newestFirst)
    }
  },

  'backup-create': (_a, ctx) => ({
    jobId: startJob(ctx, 'backup', (job) => exclusive(() => makeBackup(ctx, 'manual', job)).then((r) => backupInfo(ctx, r.entry, r.where)))
  }),

  'backup-auto': (_a, ctx) =>
    exclusive(async () => {
      if (!readSetting(ctx.desk.db, 'backup-policy').auto) return { made: false, backup: null, removed: [] }
      try {
        const today = chinaDate(ctx.now())
        const { folder } = backupTarget(ctx)
        if (backupsIn(folder).some((b) => b.day === today)) return { made: false, backup: null, removed: [] }
        const { entry, where, removed } = await makeBackup(ctx, 'auto')
        return { made: true, backup: backupInfo(ctx, entry, where), removed }
      } catch (raw) {
        const e = failure(raw, backupTarget(ctx).folder)
        const body = e instanceof UserError ? e.message : '备份没有完成：程序内部出错，已记录日志。数据库本身未受影响，可在 设置 → 数据备份 中再试一次。'
        ctx.notify({ title: '今天的自动备份没有完成', body })
        throw e
      }
    }),

  // the two forms of the page save the one setting, each its own part of it
  'backup-policy-save': (rules, ctx) => saveSetting(ctx, 'backup-policy', { ...readSetting(ctx.desk.db, 'backup-policy'), ...rules }),

  'backup-folder-check': ({ folder }, ctx) => checkFolder(cleanFolder(folder), ctx.dataDir, { probe: true }),

  'backup-folder-save': ({ folder: raw }, ctx) => {
    let folder = raw === null ? null : cleanFolder(raw)
    if (folder === resolve(backupsFolder(ctx.dataDir))) folder = null // the default, named by hand
    if (folder !== null) {
      const c = checkFolder(folder, ctx.dataDir, { probe: true })
      if (!c.ok) throw new UserError(`${c.problem}。备份位置没有更改。`, { field: 'folder' })
    }
    return saveSetting(ctx, 'backup-policy', { ...readSetting(ctx.desk.db, 'backup-policy'), folder })
  },

  'backup-restore': ({ backup, where }, ctx) => {
    const path = join(folderOf(ctx, where ?? backupTarget(ctx).where), backup)
    if (!existsSync(path)) throw new UserError(`找不到备份 ${backup}（${path}），可能已被轮换清理，或 U 盘、网络共享未连接，请刷新列表`, { field: 'backup' })
    return { jobId: startJob(ctx, 'restore', (job) => exclusive(() => restoreOpen(ctx, path, job))) }
  }
})
