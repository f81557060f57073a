import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { backupFoldersOf, evidenceFolder, writeBackup, type BackupProgress } from '../../../db/backup'
import { DamagedDatabaseError } from '../../../db/integrity'
import { NewerDatabaseError, SOURCE_MIGRATIONS } from '../../../db/open'
import { openContext } from '../../../handlers/context'
import { countUsers } from '../../../db/queries/users'
import { BACKUP_NAME, type BackupInfo } from '../../../shared/contract/backup'
import { exclusive } from '../../../handlers/backup'
import { restoreClosed } from '../../../handlers/backup/restore'
import { UserError } from '../../../handlers/errors'
import type { Command, DeskPaths } from '../command'
import { argValue } from '../args'
import { invoke, mayCall, runJob, signInOrExplain } from '../session'

const PHASE: Record<BackupProgress['phase'], string> = { database: '数据库', evidence: '佐证材料', finishing: '收尾' }

function showProgress(p: BackupProgress): void {
  if (p.phase === 'finishing' || p.done === p.total || p.done % 2048 < 256) process.stderr.write(`  ${PHASE[p.phase]} ${p.done}/${p.total}\n`)
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

/** What the CLI and `npm run web` print when the database is damaged: the message and the command that restores. */
export function damagedHint(e: DamagedDatabaseError, dbFile: string): string {
  const restore = e.backup ? `\n恢复命令：npm run desk -- --db "${dbFile}" restore "${e.backup.path}"` : ''
  return `${e.message}${restore}\n`
}

function userMessage(e: unknown): string | null {
  return e instanceof UserError ? e.message : null
}

/**
 * Who restores: the administrator (`--user`, as 设置 → 数据备份 → 恢复 asks), proven on the live desk, which is closed
 * again before the swap. A desk that cannot be opened — damaged, or written by a newer version — cannot say who its
 * administrators are, nor can a missing one or one without users: then anyone at this computer may restore (they
 * could replace the file by hand as well), and the restore event in the trail says the person was not verified.
 */
async function restorer(files: DeskPaths): Promise<string> {
  const unverified = (why: string) => {
    process.stderr.write(`注意：${why}，无法核对操作人身份；恢复记录将注明“未核验”。\n`)
    return `${files.user ?? '命令行'}（未核验：${why}）`
  }
  if (!existsSync(files.dbFile)) return unverified('数据库文件不存在')
  let ctx
  try {
    ctx = openContext({ dbFile: files.dbFile, dataDir: files.dataDir, migrationsFolder: SOURCE_MIGRATIONS, actor: '命令行' })
  } catch (e) {
    if (e instanceof DamagedDatabaseError) return unverified('数据库已损坏')
    if (e instanceof NewerDatabaseError) return unverified('数据库由更新版本的程序写入')
    throw e
  }
  try {
    if (countUsers(ctx.desk.db) === 0) return '命令行（工作台尚无用户）'
    await signInOrExplain(ctx, files.user)
    mayCall(ctx, 'backup-restore')
    return ctx.actor
  } finally {
    ctx.desk.close()
  }
}

export const backupCommands: Command[] = [
  {
    name: 'backup',
    usage: 'backup [--out 文件]',
    summary: '备份数据库与佐证材料（不指定 --out 时存入设置的备份文件夹并按保留规则轮换）',
    valueFlags: ['--out'],
    run: async (ctx, _args, argv) => {
      const out = argValue(argv, '--out')
      try {
        if (!out) {
          // 备份 as the window makes it: the backup-create job, its progress shown here
          const b = await runJob<BackupInfo>(ctx, 'backup-create', {}, (s) => s.phase in PHASE && showProgress({ phase: s.phase as BackupProgress['phase'], done: s.done, total: s.total }))
          process.stdout.write(`已备份：${join(b.folder, b.name)}（${mb(b.size)}）\n`)
          return 0
        }
        // to a file of the officer's choosing: no handler writes outside the data folder, so this one is done here
        mayCall(ctx, 'backup-create')
        const dest = resolve(out)
        if (resolve(dest) === resolve(ctx.desk.file)) throw new UserError('--out 不能是正在使用的数据库文件本身')
        const r = await exclusive(() => writeBackup(ctx.desk.sqlite, dest, { evidenceFrom: evidenceFolder(ctx.dataDir), onProgress: showProgress }))
        process.stdout.write(`已备份：${dest}（${mb(r.size)}${r.evidenceFiles ? `，佐证材料 ${r.evidenceFiles} 个文件` : ''}）\n`)
        return 0
      } catch (e) {
        const m = userMessage(e)
        if (!m) throw e
        process.stderr.write(m + '\n')
        return 1
      }
    }
  },
  {
    name: 'backups',
    usage: 'backups',
    summary: '列出备份文件夹（及数据文件夹）中的备份（最新的在前）',
    run: async (ctx) => {
      const o = await invoke(ctx, 'backup-list', {})
      process.stdout.write(`备份文件夹：${o.folder}\n`)
      if (o.target && !o.target.ok) process.stdout.write(`注意：${o.target.problem}\n`)
      for (const b of o.backups) {
        process.stdout.write(`  ${b.madeAt}  ${b.kind === 'manual' ? '手动' : '自动'}  ${mb(b.size).padStart(9)}  ${join(b.folder, b.name)}${b.evidence ? '  （含佐证材料）' : ''}\n`)
      }
      return 0
    }
  },
  {
    name: 'restore',
    usage: 'restore <备份文件>',
    summary: '从备份恢复（管理员；先检查完整性与版本；原数据库改名保留）。请先关闭工作台',
    runClosed: async (files, [file]) => {
      if (!file) {
        process.stderr.write('请指定要恢复的备份文件，例如：restore desk-2023-06-15-100000.sqlite\n')
        return 2
      }
      // A bare backup name means the one in the chosen backup folder, or else in the data folder's.
      const inFolder = BACKUP_NAME.test(file) && !existsSync(file) ? backupFoldersOf(files.dbFile, files.dataDir).map((f) => join(f, file)).find((p) => existsSync(p)) : undefined
      const source = inFolder ?? resolve(file)
      const actor = await restorer(files)
      try {
        const r = await restoreClosed({ dbFile: files.dbFile, dataDir: files.dataDir, migrationsFolder: SOURCE_MIGRATIONS }, source, { actor, now: new Date() })
        process.stdout.write(`已从 ${r.restored} 恢复到 ${files.dbFile}\n`)
        if (r.fromVersion !== r.toVersion) process.stdout.write(`备份的数据版本 ${r.fromVersion} 已升级到 ${r.toVersion}\n`)
        if (r.evidenceFiles) process.stdout.write(`补回佐证材料 ${r.evidenceFiles} 个文件\n`)
        if (r.replacedFile) process.stdout.write(`原数据库已保留为：${r.replacedFile}\n`)
        return 0
      } catch (e) {
        const m = userMessage(e)
        if (!m) throw e
        process.stderr.write(m + '\n')
        return 1
      }
    }
  }
]
