// Restores: checked before anything is replaced, the replaced database kept, the running desk swapped in place.
import { describe, it, expect, afterEach } from 'vitest'
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, readdirSync, readFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { openDesk, readJournal, SOURCE_MIGRATIONS } from '../../db/open'
import { backupsFolder } from '../../db/backup'
import type { BackupInfo, RestoreResult } from '../../shared/contract/backup'
import { corruptTable, count, movingClock, olderMigrations, runJob, sha } from './helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const titles = async (t: TestDesk) => (await t.call('piece-list', {})).rows.map((r) => r.title).sort()
const piece = (t: TestDesk, title: string) => t.call('piece-create', { channel: 'wechat', title, date: '2023-06-01', status: 'published', backfill: true })

/** A desk with one backup holding 推文A; 推文B was written after it. */
async function deskAfterBackup(): Promise<{ t: TestDesk; backup: string }> {
  const t = freshDesk()
  t.ctx.now = movingClock('2023-06-15T02:00:00Z').now
  await piece(t, '推文A')
  const s = await runJob<BackupInfo>(t, t.call('backup-create', {}))
  await piece(t, '推文B')
  return { t, backup: s.result!.name }
}

/** Put a file into the backups folder under a valid backup name. */
function plant(t: TestDesk, source: string | null, name = 'desk-2023-06-20-120000-manual.sqlite'): string {
  const dest = join(backupsFolder(t.ctx.dataDir), name)
  mkdirSync(backupsFolder(t.ctx.dataDir), { recursive: true })
  if (source) copyFileSync(source, dest)
  return name
}

async function refusal(t: TestDesk, backup: string): Promise<string> {
  const s = await runJob<RestoreResult>(t, t.call('backup-restore', { backup }))
  expect(s.phase).toBe('failed')
  expect(s.error?.type).toBe('user')
  return s.error!.message
}

describe('restore in the running desk', () => {
  it('brings the backup back, keeps the replaced database, and keeps working on the same ctx.desk', async () => {
    const { t, backup } = await deskAfterBackup()
    d = t
    const desk = t.ctx.desk
    const s = await runJob<RestoreResult>(t, t.call('backup-restore', { backup }))
    expect(s.phase).toBe('done')
    const r = s.result!
    expect(r.restored).toBe(backup)
    expect(r.fromVersion).toBe(r.toVersion)
    expect(r.replacedFile).toBe(join(t.dir, 'desk.replaced-20230615-100000.sqlite'))
    expect(t.ctx.desk).toBe(desk) // same object: the job registry and the shell's hooks still hold it
    expect(await titles(t)).toEqual(['推文A'])
    expect(count(r.replacedFile!, 'pieces')).toBe(2) // what was replaced is all there
    // the restored database records its own restoration, and takes new writes that survive a reopen
    const audit = await t.call('audit-list', { entity: 'database', entityId: 'desk.sqlite' })
    expect(audit).toMatchObject([{ action: 'restore', changes: { backup, fromVersion: r.fromVersion, toVersion: r.toVersion } }])
    await piece(t, '推文C')
    t.ctx.desk.close()
    const again = openDesk(t.ctx.desk.file)
    expect(again.sqlite.prepare('SELECT COUNT(*) AS n FROM pieces').get()).toEqual({ n: 2 })
    Object.assign(t.ctx.desk, again)
    expect(readdirSync(t.dir).filter((n) => n.includes('restoring'))).toEqual([])
  })

  it('puts back evidence files the data folder lost, without deleting newer ones', async () => {
    d = freshDesk()
    const ev = join(d.ctx.dataDir, 'evidence')
    mkdirSync(join(ev, 'aa'), { recursive: true })
    writeFileSync(join(ev, 'aa', 'aa01'), '旧佐证')
    const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    rmSync(join(ev, 'aa', 'aa01'))
    writeFileSync(join(ev, 'bb02'), '新佐证')
    const r = await runJob<RestoreResult>(d, d.call('backup-restore', { backup: s.result!.name }))
    expect(r.result?.evidenceFiles).toBe(1)
    expect(readFileSync(join(ev, 'aa', 'aa01'), 'utf8')).toBe('旧佐证')
    expect(readFileSync(join(ev, 'bb02'), 'utf8')).toBe('新佐证')
  })

  it('migrates an older backup after restoring it', async () => {
    d = freshDesk()
    const older = olderMigrations(d.dir)
    const old = openDesk(join(d.dir, 'old.sqlite'), { migrationsFolder: older.folder })
    old.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '\"旧版\"', 'x')").run()
    old.close()
    const name = plant(d, join(d.dir, 'old.sqlite'))
    const r = await runJob<RestoreResult>(d, d.call('backup-restore', { backup: name }))
    expect(r.phase).toBe('done')
    expect(r.result).toMatchObject({ fromVersion: older.version, toVersion: readJournal(SOURCE_MIGRATIONS).entries.length })
    expect(d.ctx.desk.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: readJournal(SOURCE_MIGRATIONS).entries.length })
    expect(d.ctx.desk.sqlite.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: '"旧版"' })
  })
})

describe('a restore refuses before replacing anything', () => {
  async function expectUntouched(t: TestDesk, run: () => Promise<string>): Promise<string> {
    const file = t.ctx.desk.file
    const before = await titles(t)
    const files = readdirSync(t.dir).sort()
    const message = await run()
    expect(await titles(t)).toEqual(before)
    expect(readdirSync(t.dir).sort()).toEqual(files) // no replaced copy, no staged leftovers
    expect(existsSync(file)).toBe(true)
    return message
  }

  it('a damaged backup', async () => {
    const { t, backup } = await deskAfterBackup()
    d = t
    corruptTable(join(backupsFolder(t.ctx.dataDir), backup))
    const m = await expectUntouched(t, () => refusal(t, backup))
    expect(m).toMatch(/^备份文件已损坏，未做任何改动。完整性检查/)
  })

  it('a backup written by a newer version, in the words of the newer-database refusal', async () => {
    d = freshDesk()
    const future = openDesk(join(d.dir, 'future.sqlite'))
    future.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12)
    future.close()
    const name = plant(d, join(d.dir, 'future.sqlite'))
    const n = readJournal(SOURCE_MIGRATIONS).entries.length
    const m = await expectUntouched(d!, () => refusal(d!, name))
    expect(m).toBe(`此备份由更新版本的宣传舆情工作台写入（数据版本 ${n + 1}，本程序支持到 ${n}）。为避免损坏数据，已拒绝恢复，请升级程序后再试。`)
  })

  it('a SQLite file that is not the desk, and a file that is not a database', async () => {
    d = freshDesk()
    const other = new Database(join(d.dir, 'other.sqlite'))
    other.exec('CREATE TABLE notes (x TEXT)')
    other.close()
    const a = plant(d, join(d.dir, 'other.sqlite'), 'desk-2023-06-20-120000.sqlite')
    expect(await expectUntouched(d, () => refusal(d!, a))).toBe('desk-2023-06-20-120000.sqlite 不是宣传舆情工作台的数据库，未做任何改动')
    writeFileSync(join(backupsFolder(d.ctx.dataDir), 'desk-2023-06-21-120000.sqlite'), 'PK\u0003\u0004 不是数据库'.repeat(500))
    expect(await expectUntouched(d, () => refusal(d!, 'desk-2023-06-21-120000.sqlite'))).toMatch(/不是有效的工作台备份/)
  })

  it('a name outside the backups folder, or a backup that is gone', async () => {
    d = freshDesk()
    for (const backup of ['../desk.sqlite', '/etc/passwd', 'desk-2023-06-20-120000.sqlite/../../x', '..\\..\\desk.sqlite']) {
      const r = await d.invoke('backup-restore', { backup })
      expect(r.ok === false && r.error.message).toBe('备份：备份名称无效（只能选择备份文件夹中的备份）')
    }
    const gone = await d.invoke('backup-restore', { backup: 'desk-2023-06-20-120000.sqlite' })
    expect(gone.ok === false && gone.error.message).toMatch(/找不到备份/)
  })

  it('while another connection holds the database (the app and the CLI at once)', async () => {
    const { t, backup } = await deskAfterBackup()
    d = t
    const other = new Database(t.ctx.desk.file)
    other.prepare('SELECT COUNT(*) FROM pieces').get()
    const before = sha(join(backupsFolder(t.ctx.dataDir), backup))
    const m = await refusal(t, backup)
    other.close()
    expect(m).toMatch(/数据库正被另一个程序使用/)
    expect(await titles(t)).toEqual(['推文A', '推文B']) // the desk reopened on the untouched original
    expect(readdirSync(t.dir).filter((n) => /replaced|restoring/.test(n))).toEqual([])
    expect(sha(join(backupsFolder(t.ctx.dataDir), backup))).toBe(before)
  })
})
