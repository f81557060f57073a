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

export const backupPolicyInput = z.object({
  auto: z.boolean({ error: '请选择是否自动备份' }).default(true),
  daily: z.number({ error: '请填写数字' }).int({ message: '须为整数' }).min(1, { message: '至少保留 1 份' }).max(60, { message: '不能超过 60 份' }).default(7),
  weekly: z.number({ error: '请填写数字' }).int({ message: '须为整数' }).min(0, { message: '不能为负数' }).max(52, { message: '不能超过 52 份' }).default(4)
})
export type BackupPolicy = z.output<typeof backupPolicyInput>

export interface BackupInfo {
  name: string
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
  folder: string
  dbFile: string
  policy: BackupPolicy
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

export const backupContract = {
  'backup-list': spec(OFFICE, noArgs).returns<BackupOverview>(),
  /** Back up now (设置 → 备份与恢复): a job whose result is the BackupInfo. */
  'backup-create': spec(OFFICE, noArgs).returns<JobStarted>(),
  /** The app calls this at startup and every few hours; it does nothing when today's backup exists. */
  'backup-auto': spec(['officer', 'admin', 'system'], noArgs).returns<AutoBackupResult>(),
  'backup-policy-save': spec(ADMIN, backupPolicyInput).returns<BackupPolicy>(),
  /** Restore one backup of the folder: a job whose result is the RestoreResult. */
  'backup-restore': spec(ADMIN, z
      .object({
        backup: z.string({ error: '请选择要恢复的备份' }).max(80, { message: '备份名称无效' }).regex(BACKUP_NAME, { message: '备份名称无效（只能选择备份文件夹中的备份）' })
      })
      .strict()
  ).returns<JobStarted>()
}
