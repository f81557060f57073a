// Startup integrity check, backups and their rotation (restores: restore.test.ts; kills: crash.test.ts).
import { describe, it, expect, afterEach } from 'vitest'
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { openDesk } from '../../db/open'
import { openContext } from '../../handlers/context'
import { DamagedDatabaseError, checkIntegrity } from '../../db/integrity'
import { backupsFolder, planRotation, weekOf } from '../../db/backup'
import type { BackupInfo } from '../../shared/contract/backup'
import { corruptPage, corruptTable, count, movingClock, runJob, sha } from './helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

async function deskWithPieces(n: number): Promise<TestDesk> {
  const t = freshDesk()
  for (let i = 1; i <= n; i++) await t.call('piece-create', { channel: 'wechat', title: `推文${i}`, date: '2023-06-01', status: 'published', backfill: true })
  return t
}

describe('integrity check at startup', () => {
  it('refuses a damaged file in Chinese, names the newest good backup, and leaves the file untouched', async () => {
    d = await deskWithPieces(3)
    const folder = backupsFolder(d.ctx.dataDir)
    const good = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    expect(good.result?.name).toBe('desk-2023-06-15-100000-manual.sqlite')
    // a newer backup that is itself damaged must be skipped
    const bad = join(folder, 'desk-2023-06-16-090000.sqlite')
    copyFileSync(join(folder, good.result!.name), bad)
    corruptTable(bad)
    const file = d.ctx.desk.file
    d.ctx.desk.close()
    corruptTable(file)
    const before = sha(file)
    let err: unknown
    try {
      openContext({ dbFile: file, dataDir: d.ctx.dataDir })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DamagedDatabaseError)
    const e = err as DamagedDatabaseError
    expect(e.message).toMatch(/^数据库文件已损坏，为防止损坏扩大，工作台没有打开它。/)
    expect(e.message).toMatch(/\n问题：.*(损坏|问题)/)
    expect(e.backup).toEqual({ path: join(folder, good.result!.name), madeAt: '2023-06-15 10:00' })
    expect(e.message).toContain(`最新的完好备份：2023-06-15 10:00（${join(folder, good.result!.name)}）`)
    expect(sha(file)).toBe(before)
    d.ctx.desk = openDesk(join(d.dir, 'other.sqlite')) // so afterEach can close something
  })

  it('finds damage deep in a table: at startup after an unclean exit, and in every backup otherwise', async () => {
    d = freshDesk()
    for (let i = 0; i < 300; i++) await d.call('piece-create', { channel: 'wechat', title: `推文${i}`, date: '2023-06-01', body: '正文'.repeat(200) })
    const good = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    const file = d.ctx.desk.file
    const leaves = d.ctx.desk.sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'pieces' AND pagetype = 'leaf' ORDER BY pageno").all() as { pageno: number }[]
    expect(leaves.length).toBeGreaterThan(10)
    d.ctx.desk.close()
    corruptPage(file, leaves[leaves.length - 2].pageno)
    // a clean shutdown: startup reads the first page of every table and index only, and opens
    d.ctx.desk = openDesk(file)
    d.ctx.now = movingClock('2023-06-16T02:00:00Z').now
    // … but the day's backup reads every page: it refuses, says why, and keeps the older backups
    const r = await d.invoke('backup-auto', {})
    expect(r.ok === false && r.error.message).toMatch(/^备份没有完成：备份副本未通过完整性检查，数据库文件可能已损坏/)
    expect(d.notices.map((n) => n.title)).toEqual(['今天的自动备份没有完成'])
    expect(readdirSync(backupsFolder(d.ctx.dataDir)).filter((n) => n.endsWith('.sqlite'))).toEqual([good.result!.name])
    // while a -wal is left behind (a crash, or another connection open), startup runs the whole quick_check
    const other = new Database(file)
    other.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', '1', 'x')").run()
    expect(() => openContext({ dbFile: file, dataDir: d!.ctx.dataDir })).toThrow(/问题：完整性检查/) // quick_check's words, not the shallow check's
    other.close()
  })

  it('refuses a file that is not a database at all, and says when there is no backup', () => {
    d = freshDesk()
    const junk = join(d.dir, 'junk.sqlite')
    writeFileSync(junk, '这不是数据库'.repeat(2000))
    expect(() => openContext({ dbFile: junk })).toThrow(DamagedDatabaseError)
    expect(() => openContext({ dbFile: junk })).toThrow(/没有找到可用的备份/)
    expect(readFileSync(junk, 'utf8')).toBe('这不是数据库'.repeat(2000))
  })

  it('runs quick_check on a healthy desk and reports ok', () => {
    d = freshDesk()
    expect(checkIntegrity(d.ctx.desk.sqlite, 'quick')).toEqual({ ok: true })
    expect(checkIntegrity(d.ctx.desk.sqlite, 'full')).toEqual({ ok: true })
  })
})

describe('backups', () => {
  it('writes a self-contained, checked copy with its evidence, and nothing half-written', async () => {
    d = await deskWithPieces(5)
    const ev = join(d.ctx.dataDir, 'evidence')
    const sha = 'ab'.padEnd(64, '0')
    for (const [rel, text] of [[`ab/${sha}`, '佐证材料内容'], [`thumbs/${sha}`, '缩略图'], ['uploads/0123', '上传中'], ['open/7/通知.pdf', '查看副本'], [`ab/${sha}.99.tmp`, '半截']]) {
      mkdirSync(join(ev, rel, '..'), { recursive: true })
      writeFileSync(join(ev, rel), text)
    }
    const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    expect(s.phase).toBe('done')
    expect(s.result).toMatchObject({ kind: 'manual', madeAt: '2023-06-15 10:00:00', evidence: true })
    const folder = backupsFolder(d.ctx.dataDir)
    const file = join(folder, s.result!.name)
    expect(readdirSync(folder).sort()).toEqual(['desk-2023-06-15-100000-manual.evidence', 'desk-2023-06-15-100000-manual.sqlite'])
    // journal_mode DELETE in the header (bytes 18/19 = 1): the file needs no -wal to be complete
    expect([...readFileSync(file).subarray(18, 20)]).toEqual([1, 1])
    const copy = new Database(file, { readonly: true })
    expect(checkIntegrity(copy, 'full')).toEqual({ ok: true })
    expect((copy.prepare('SELECT title FROM pieces ORDER BY id').all() as { title: string }[]).map((r) => r.title)).toEqual(['推文1', '推文2', '推文3', '推文4', '推文5'])
    copy.close()
    // stored files (named by hash, never rewritten) are hard-linked; thumbnails copied; uploads and viewer copies left out
    const mirror = join(folder, 'desk-2023-06-15-100000-manual.evidence')
    expect((readdirSync(mirror, { recursive: true }) as string[]).map((p) => p.split('\\').join('/')).sort()).toEqual(['ab', `ab/${sha}`, 'thumbs', `thumbs/${sha}`])
    expect(readFileSync(join(mirror, 'ab', sha), 'utf8')).toBe('佐证材料内容')
    expect(statSync(join(mirror, 'ab', sha)).ino).toBe(statSync(join(ev, 'ab', sha)).ino)
    expect(statSync(join(mirror, 'thumbs', sha)).ino).not.toBe(statSync(join(ev, 'thumbs', sha)).ino)
  })

  it('backs up automatically once a day, not again the same day, and not when switched off', async () => {
    d = await deskWithPieces(1)
    const clock = movingClock('2023-06-15T00:30:00Z')
    d.ctx.now = clock.now
    const first = await d.call('backup-auto', {})
    expect(first).toMatchObject({ made: true, backup: { name: 'desk-2023-06-15-083000.sqlite', kind: 'auto' } })
    clock.addHours(3)
    expect(await d.call('backup-auto', {})).toEqual({ made: false, backup: null, removed: [] })
    // 2023-06-15 23:30 China is still the 15th; 16:30Z is the 16th in China
    clock.set('2023-06-15T16:30:00Z')
    expect((await d.call('backup-auto', {})).backup?.name).toBe('desk-2023-06-16-003000.sqlite')
    await d.call('backup-policy-save', { auto: false, daily: 7, weekly: 4 })
    clock.set('2023-06-17T02:00:00Z')
    expect((await d.call('backup-auto', {})).made).toBe(false)
    const audit = await d.call('audit-list', { entity: 'setting', entityId: 'backup-policy' })
    expect(audit.map((a) => a.action)).toEqual(['update'])
  })

  it('tells the officer, in a notice, when the automatic backup cannot be written', async () => {
    d = await deskWithPieces(1)
    mkdirSync(d.ctx.dataDir, { recursive: true })
    writeFileSync(backupsFolder(d.ctx.dataDir), 'a file where the folder should be')
    const r = await d.invoke('backup-auto', {})
    expect(r.ok).toBe(false)
    expect(r.ok === false && r.error).toMatchObject({ type: 'user', message: expect.stringMatching(/^备份没有完成：备份文件夹 .*backups 无法使用/) })
    expect(d.notices.map((n) => n.title)).toEqual(['今天的自动备份没有完成'])
    expect(count(d.ctx.desk.file, 'pieces')).toBe(1)
  })

  it('serializes overlapping backups: a click during the automatic one waits its turn', async () => {
    d = await deskWithPieces(2)
    const clock = movingClock('2023-06-15T02:00:00Z')
    d.ctx.now = clock.now
    const auto = d.call('backup-auto', {})
    clock.addHours(1)
    const manual = runJob<BackupInfo>(d, d.call('backup-create', {}))
    const [a, m] = await Promise.all([auto, manual])
    expect(a.made).toBe(true)
    expect(m.phase).toBe('done')
    // both complete, one after the other (same second here: rotation never removes the backup just made)
    const folder = backupsFolder(d.ctx.dataDir)
    expect(readdirSync(folder).sort()).toEqual([a.backup!.name, m.result!.name].sort())
    for (const name of readdirSync(folder)) expect(count(join(folder, name), 'pieces')).toBe(2)
  })
})

describe('rotation (7 daily + 4 weekly by default)', () => {
  it('keeps the newest of the last 7 days and of the last 4 weeks', () => {
    // 2023-06-01 .. 2023-07-19, one backup a day, two on 07-19; 07-19 is a Wednesday
    const entries = []
    for (let i = 0; i < 49; i++) {
      const day = new Date(Date.UTC(2023, 5, 1 + i)).toISOString().slice(0, 10)
      entries.push({ name: `desk-${day}-080000.sqlite`, day })
    }
    entries.push({ name: 'desk-2023-07-19-170000-manual.sqlite', day: '2023-07-19' })
    entries.reverse()
    const { keep, remove } = planRotation(entries, { daily: 7, weekly: 4, monthly: 0 })
    expect(weekOf('2023-07-19')).toBe('2023-07-17')
    expect(keep).toEqual([
      'desk-2023-07-19-170000-manual.sqlite',
      'desk-2023-07-18-080000.sqlite',
      'desk-2023-07-17-080000.sqlite',
      'desk-2023-07-16-080000.sqlite', // daily, and the newest of week 07-10
      'desk-2023-07-15-080000.sqlite',
      'desk-2023-07-14-080000.sqlite',
      'desk-2023-07-13-080000.sqlite',
      'desk-2023-07-09-080000.sqlite', // week 07-03
      'desk-2023-07-02-080000.sqlite' // week 06-26
    ])
    expect(remove).toHaveLength(entries.length - keep.length)
    expect(remove).toContain('desk-2023-07-19-080000.sqlite')
    expect(planRotation(entries, { daily: 1, weekly: 0, monthly: 0 }).keep).toEqual(['desk-2023-07-19-170000-manual.sqlite'])
  })

  it('removes old backups and their evidence as the days pass', async () => {
    d = await deskWithPieces(1)
    mkdirSync(join(d.ctx.dataDir, 'evidence'), { recursive: true })
    writeFileSync(join(d.ctx.dataDir, 'evidence', 'ff00'), 'x')
    await d.call('backup-policy-save', { auto: true, daily: 3, weekly: 2, monthly: 0 })
    const clock = movingClock('2023-07-01T01:00:00Z') // a Saturday
    d.ctx.now = clock.now
    for (let day = 0; day < 20; day++) {
      expect((await d.call('backup-auto', {})).made).toBe(true)
      clock.addHours(24)
    }
    const folder = backupsFolder(d.ctx.dataDir)
    // last 3 days (07-18, 07-19, 07-20) + the newest of the week before (07-16); this week's is among the 3
    expect(readdirSync(folder).sort()).toEqual([
      'desk-2023-07-16-090000.evidence',
      'desk-2023-07-16-090000.sqlite',
      'desk-2023-07-18-090000.evidence',
      'desk-2023-07-18-090000.sqlite',
      'desk-2023-07-19-090000.evidence',
      'desk-2023-07-19-090000.sqlite',
      'desk-2023-07-20-090000.evidence',
      'desk-2023-07-20-090000.sqlite'
    ])
    expect(existsSync(join(d.ctx.dataDir, 'evidence', 'ff00'))).toBe(true)
  })
})
