import { z } from 'zod'
import { spec, noArgs } from './define'
import type { JobStarted } from './jobs'
import { ADMIN, OFFICE } from '../roles'
import type { AuditHeadInfo, AuditProblemInfo } from './audit'

/**
 * A backup in the desk's backups folder is named `desk-YYYY-MM-DD-HHmmss[-manual].sqlite` (China local time).
 * The renderer names a backup by this file name only — never a path — so no call can point outside the folder.
 */
export const BACKUP_NAME = /^desk-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})(-manual)?\.sqlite$/

/** 保留规则 as the form saves them (backup-policy-save). */
export const backupRulesInput = z.object({
  auto: z.boolean({ error: '请选择是否自动备份' }).default(true),
  daily: z.number({ error: '请填写数字' }).int({ message: '须为整数' }).min(1, { message: '至少保留 1 份' }).max(60, { message: '不能超过 60 份' }).default(7),
  weekly: z.number({ error: '请填写数字' }).int({ message: '须为整数' }).min(0, { message: '不能为负数' }).max(52, { message: '不能超过 52 份' }).default(4),
  monthly: z.number({ error: '请填写数字' }).int({ message: '须为整数' }).min(0, { message: '不能为负数' }).max(120, { message: '不能超过 120 份' }).default(12)
})

/**
 * The stored `backup-policy` setting: the rules, and the folder backups go to — an absolute path (a USB stick, a
 * network share) or null for the data folder's `backups/`. Saved only through backup-folder-save, which checks it.
 */
export const backupPolicyInput = backupRulesInput.extend({
  folder: z.string().nullable().default(null)
})
export type BackupPolicy = z.output<typeof backupPolicyInput>

/** Where a backup lies: the chosen folder, or the data folder (the default, and where older backups stay). */
export type BackupWhere = 'target' | 'data'

/** A folder as 检查 finds it: whether a backup can be written there now, and the room left. */
export interface FolderCheck {
  /** The path as the desk will use it (quotes and spaces trimmed, normalised). */
  path: string
  ok: boolean
  /** Why not, in words naming the folder; null when ok. */
  problem: string | null
  /** Free space for this user, when the system says. */
  freeBytes: number | null
  /** Whether it lies on another disk than the data folder (the point of choosing it); null when unknown. */
  otherDevice: boolean | null
  /** Backups of this desk's naming already in it. */
  backups: number
}

export interface BackupInfo {
  name: string
  where: BackupWhere
  /** The folder it lies in. */
  folder: string
  kind: 'auto' | 'manual'
  /** China local time 'YYYY-MM-DD HH:mm:ss'. */
  madeAt: string
  size: number
  /** Whether the evidence files were backed up beside it. */
  evidence: boolean
  /** The audit chain head inside the backup (操作日志至第 id 条); null for a backup older than the chain. */
  auditHead: AuditHeadInfo | null
  /**
   * Whether that head is the one this desk's trail recorded when it made the backup: false = the file was
   * altered since; null = this desk has no record of making it (copied in, or older than the record).
   */
  auditAsRecorded: boolean | null
}

export interface BackupOverview {
  /** Where backups go now: the chosen folder, else the data folder's backups/. */
  folder: string
  /** The data folder's backups/ (older backups stay listed from there after a folder is chosen). */
  dataFolder: string
  /** The chosen folder as it is now (without writing to it), or null when none is chosen. */
  target: FolderCheck | null
  dbFile: string
  policy: BackupPolicy
  /** Both folders' backups, newest first. */
  backups: BackupInfo[]
}

export interface AutoBackupResult {
  made: boolean
  backup: BackupInfo | null
  /** Backups the rotation removed. */
  removed: string[]
}

export interface RestoreResult {
  restored: string
  /** Where the database that was replaced was kept (null if there was none). */
  replacedFile: string | null
  /** Data version of the backup and after migration (they differ when an older backup was brought up to date). */
  fromVersion: number
  toVersion: number
  evidenceFiles: number
  /** The rollback as the restored trail's new `restore` row records it. */
  audit: {
    /** The replaced database's head and row count (null: there was none, or it could not be read). */
    replaced: (AuditHeadInfo & { count: number }) | null
    /** The backup's head, which the restore row is chained onto. */
    backup: AuditHeadInfo
    asRecorded: boolean | null
    /** The first row of the backup's own trail that did not verify (it was restored all the same). */
    backupProblem: AuditProblemInfo | null
  }
}

/** Job phases of a backup or restore; the page names them. */
export type BackupPhase = 'queued' | 'database' | 'checking' | 'evidence' | 'finishing' | 'done' | 'failed'

const folderPath = z.string({ error: '请填写文件夹路径' }).trim().min(1, { message: '请填写文件夹路径' }).max(1000, { message: '路径太长' })

export const backupContract = {
  'backup-list': spec(OFFICE, noArgs).returns<BackupOverview>(),
  /** Back up now (设置 → 备份与恢复): a job whose result is the BackupInfo. */
  'backup-create': spec(OFFICE, noArgs).returns<JobStarted>(),
  /** The app calls this at startup and every few hours; it does nothing when today's backup exists. */
  'backup-auto': spec(['officer', 'admin', 'system'], noArgs).returns<AutoBackupResult>(),
  'backup-policy-save': spec(ADMIN, backupRulesInput).returns<BackupPolicy>(),
  /** Whether a folder can take backups now (exists, writable — by writing a probe file — and free space). */
  'backup-folder-check': spec(ADMIN, z.object({ folder: folderPath }).strict()).returns<FolderCheck>(),
  /** Choose the folder backups go to (checked as backup-folder-check does; refused unless usable now), or null: the data folder. */
  'backup-folder-save': spec(ADMIN, z.object({ folder: folderPath.nullable() }).strict()).returns<BackupPolicy>(),
  /** Restore one backup of a folder: a job whose result is the RestoreResult. */
  'backup-restore': spec(ADMIN, z
      .object({
        backup: z.string({ error: '请选择要恢复的备份' }).max(80, { message: '备份名称无效' }).regex(BACKUP_NAME, { message: '备份名称无效（只能选择备份文件夹中的备份）' }),
        /** Which folder it is in; default where backups go now. */
        where: z.enum(['target', 'data']).optional()
      })
      .strict()
  ).returns<JobStarted>()
}
