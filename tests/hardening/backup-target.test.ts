// Backups into a folder the office chooses (a USB stick, a network share): checked before it is saved, written
// there by a click and by the daily duty, evidence really copied when the folder is on another device, a restore
// from there, the officer told in Chinese which folder failed and why, nothing half-written left behind, and the
// daily ×7 / weekly ×4 / monthly ×12 rotation on a set clock.
//
// "Another device" is /dev/shm (tmpfs) when it is one here; a machine without it still runs everything except the
// assertions that need two devices. A read-only folder is chmod 0555 for an ordinary user; root writes through
// that, so as root a read-only tmpfs is mounted over the folder when this machine allows mounts, else that test is
// skipped (and says so). A full disk is a tiny tmpfs, under the same condition.
import { describe, it, expect, afterEach, afterAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { backupsFolder, copyVerified, CopyMismatchError, planRotation } from '../../db/backup'
import { DamagedDatabaseError } from '../../db/integrity'
import { openContext } from '../../handlers/context'
import { openDesk } from '../../db/open'
import { failure } from '../../handlers/backup/folder'
import { UserError } from '../../handlers/errors'
import type { BackupInfo, RestoreResult } from '../../shared/contract/backup'
import { corruptTable, movingClock, runJob } from './helpers'

const devOf = (p: string) => statSync(p).dev
/** A parent for target folders on another device than tmpdir() (where the test desks live), if there is one. */
const OTHER = existsSync('/dev/shm') && devOf('/dev/shm') !== devOf(tmpdir()) ? '/dev/shm' : null
const root = process.getuid?.() === 0

/** Whether this process may mount a tmpfs (root in a machine or container that allows it). */
const canMount = (() => {
  if (!root || process.platform !== 'linux') return false
  const probe = mkdtempSync(join(tmpdir(), 'desk-mount-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
})()
const mounted: string[] = []
function mountTmpfs(dir: string, options: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' })
  mounted.push(dir)
}
function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' })
  mounted.splice(mounted.indexOf(dir), 1)
}

const made: string[] = []
/** A fresh, empty folder on the other device (or in tmpdir when there is none). */
function targetFolder(name = '宣传科备份'): string {
  const parent = mkdtempSync(join(OTHER ?? tmpdir(), 'desk-target-'))
  made.push(parent)
  const dir = join(parent, name)
  mkdirSync(dir)
  return dir
}

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})
afterAll(() => {
  for (const m of [...mounted]) unmount(m)
  for (const p of made) {
    chmodSync(p, 0o755)
    rmSync(p, { recursive: true, force: true })
  }
})

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

/** Evidence as the store keeps it: ab/<sha256> named by its content, a thumbnail, an upload in progress. */
function putEvidence(t: TestDesk, bytes: Buffer): { rel: string; path: string } {
  const h = sha(bytes)
  const ev = join(t.ctx.dataDir, 'evidence')
  mkdirSync(join(ev, h.slice(0, 2)), { recursive: true })
  mkdirSync(join(ev, 'thumbs'), { recursive: true })
  writeFileSync(join(ev, h.slice(0, 2), h), bytes)
  writeFileSync(join(ev, 'thumbs', h), '缩略图')
  return { rel: join(h.slice(0, 2), h), path: join(ev, h.slice(0, 2), h) }
}

async function deskWithWork(): Promise<TestDesk> {
  const t = freshDesk()
  await t.call('piece-create', { channel: 'wechat', title: '备份前的推文', date: '2023-06-01', status: 'published', backfill: true })
  return t
}

const titles = async (t: TestDesk) => (await t.call('piece-list', {})).rows.map((r) => r.title)

describe('a chosen backup folder', () => {
  it(`backs up there and restores from there; evidence is a verified real copy${OTHER ? ' on another device (tmpfs)' : ' (no second device here: same-device run)'}`, async () => {
    d = await deskWithWork()
    const ev = putEvidence(d, randomBytes(200_000))
    const target = targetFolder()

    const checked = await d.call('backup-folder-check', { folder: target })
    expect(checked).toMatchObject({ path: target, ok: true, problem: null, backups: 0 })
    expect(checked.freeBytes).toBeGreaterThan(0)
    if (OTHER) expect(checked.otherDevice).toBe(true)
    // pasted from Explorer's 复制路径: quotes and spaces around it
    const policy = await d.call('backup-folder-save', { folder: `  "${target}" ` })
    expect(policy).toEqual({ auto: true, daily: 7, weekly: 4, monthly: 12, folder: target })
    expect(readdirSync(target)).toEqual([]) // the probe file is gone
    const trail = await d.call('audit-list', { entity: 'setting', entityId: 'backup-policy' })
    expect(trail.map((r) => [r.action, r.changes])).toEqual([['update', { folder: [null, target] }]])

    const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    expect(s.phase).toBe('done')
    expect(s.result).toMatchObject({ name: 'desk-2023-06-15-100000-manual.sqlite', where: 'target', folder: target, evidence: true })
    expect(readdirSync(target).sort()).toEqual(['desk-2023-06-15-100000-manual.evidence', 'desk-2023-06-15-100000-manual.sqlite'])
    expect(existsSync(backupsFolder(d.ctx.dataDir))).toBe(false) // nothing went to the data folder
    const copy = join(target, 'desk-2023-06-15-100000-manual.evidence', ev.rel)
    expect(readFileSync(copy)).toEqual(readFileSync(ev.path))
    expect(statSync(copy).ino === statSync(ev.path).ino && statSync(copy).dev === statSync(ev.path).dev).toBe(false) // not a hard link
    if (OTHER) expect(statSync(copy).dev).not.toBe(statSync(ev.path).dev)

    // the next day's backup reuses the copy already on the target (linked there, never to the original)
    d.ctx.now = () => new Date('2023-06-16T02:00:00Z')
    const next = await d.call('backup-auto', {})
    expect(next).toMatchObject({ made: true, backup: { name: 'desk-2023-06-16-100000.sqlite', where: 'target' }, removed: [] })
    const copy2 = join(target, 'desk-2023-06-16-100000.evidence', ev.rel)
    expect(readFileSync(copy2)).toEqual(readFileSync(ev.path))
    expect(statSync(copy2).ino).toBe(statSync(copy).ino)
    expect(statSync(copy2).ino).not.toBe(statSync(ev.path).ino)

    // work after the backup, and the evidence lost from the data folder: the restore brings back both states
    await d.call('piece-create', { channel: 'wechat', title: '备份后才写的推文', date: '2023-06-02', status: 'published', backfill: true })
    rmSync(join(d.ctx.dataDir, 'evidence'), { recursive: true })
    const list = await d.call('backup-list', {})
    expect(list).toMatchObject({ folder: target, dataFolder: backupsFolder(d.ctx.dataDir), target: { ok: true, backups: 2 } })
    expect(list.backups.map((b) => [b.where, b.name])).toEqual([
      ['target', 'desk-2023-06-16-100000.sqlite'],
      ['target', 'desk-2023-06-15-100000-manual.sqlite']
    ])
    const r = await runJob<RestoreResult>(d, d.call('backup-restore', { backup: 'desk-2023-06-15-100000-manual.sqlite', where: 'target' }))
    expect(r.phase).toBe('done')
    expect(r.result).toMatchObject({ restored: 'desk-2023-06-15-100000-manual.sqlite', evidenceFiles: 2 })
    expect(await titles(d)).toEqual(['备份前的推文'])
    expect(sha(readFileSync(ev.path))).toBe(ev.rel.slice(3))
    // the restored desk still backs up to the chosen folder (the setting was in the backup)
    expect((await d.call('backup-list', {})).folder).toBe(target)
  })

  it('keeps older backups of the data folder listed and restorable after a folder is chosen; 改回数据文件夹 works', async () => {
    d = await deskWithWork()
    const local = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    expect(local.result).toMatchObject({ where: 'data', folder: backupsFolder(d.ctx.dataDir) })
    const target = targetFolder()
    await d.call('backup-folder-save', { folder: target })
    await d.call('backup-policy-save', { auto: true, daily: 5, weekly: 2, monthly: 6 })
    expect((await d.call('backup-list', {})).policy).toEqual({ auto: true, daily: 5, weekly: 2, monthly: 6, folder: target }) // the rules' form keeps the folder
    expect((await d.call('backup-list', {})).backups.map((b) => b.where)).toEqual(['data'])
    await d.call('piece-create', { channel: 'wechat', title: '之后', date: '2023-06-02', status: 'published', backfill: true })
    const r = await runJob<RestoreResult>(d, d.call('backup-restore', { backup: local.result!.name, where: 'data' }))
    expect(r.phase).toBe('done')
    expect(await titles(d)).toEqual(['备份前的推文'])
    // that backup predates the choice: the restored desk backs up to the data folder again, and says so
    expect((await d.call('backup-list', {})).target).toBeNull()
    await d.call('backup-folder-save', { folder: target })
    expect((await d.call('backup-folder-save', { folder: null })).folder).toBeNull()
    // the data folder's own path typed by hand is the default, not a "chosen" folder
    expect((await d.call('backup-folder-save', { folder: backupsFolder(d.ctx.dataDir) })).folder).toBeNull()
    const refused = await d.invoke('backup-restore', { backup: local.result!.name, where: 'target' })
    expect(refused.ok === false && refused.error).toMatchObject({ type: 'user', message: '还没有选择备份文件夹，请刷新页面' })
  })

  it('refuses a relative path, a missing folder and a path under a file (ENOTDIR) when choosing, naming the folder', async () => {
    d = freshDesk()
    const rel = await d.invoke('backup-folder-check', { folder: '宣传科备份' })
    expect(rel.ok === false && rel.error).toMatchObject({ type: 'user', details: { field: 'folder' }, message: expect.stringMatching(/^“宣传科备份”不是完整的文件夹路径/) })
    const parent = targetFolder()
    const missing = join(parent, '没插的U盘')
    expect(await d.call('backup-folder-check', { folder: missing })).toMatchObject({
      ok: false, problem: `找不到备份文件夹 ${missing}（U 盘或移动硬盘是否已插好？网络共享是否已连接？）`
    })
    const saveMissing = await d.invoke('backup-folder-save', { folder: missing })
    expect(saveMissing.ok === false && saveMissing.error).toMatchObject({ details: { field: 'folder' }, message: expect.stringContaining('备份位置没有更改') })
    writeFileSync(join(parent, '文件'), 'x')
    const underFile = join(parent, '文件', '备份')
    expect((await d.call('backup-folder-check', { folder: underFile })).problem).toBe(`备份文件夹 ${underFile} 无法使用：这个位置是一个文件，或路径中有同名文件，不是文件夹`)
    expect((await d.call('backup-list', {})).policy.folder).toBeNull()
    expect(readdirSync(parent)).toEqual(['文件'])
  })

  it('says which folder is missing when the stick is pulled out: the click and the daily duty fail, nothing is created', async () => {
    d = await deskWithWork()
    const target = targetFolder('U盘')
    await d.call('backup-folder-save', { folder: target })
    rmSync(target, { recursive: true })
    const want = `备份没有完成：找不到备份文件夹 ${target}（U 盘或移动硬盘是否已插好？网络共享是否已连接？）。数据库本身未受影响，没有留下不完整的备份文件，以前的备份都已保留。`
    const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    expect(s).toMatchObject({ phase: 'failed', error: { type: 'user', message: want } })
    const auto = await d.invoke('backup-auto', {})
    expect(auto.ok === false && auto.error.message).toBe(want)
    expect(d.notices).toEqual([{ title: '今天的自动备份没有完成', body: want }])
    expect(existsSync(target)).toBe(false) // not made on the local disk under the stick's name
    expect(existsSync(backupsFolder(d.ctx.dataDir))).toBe(false)
    expect((await d.call('backup-list', {})).target).toMatchObject({ ok: false, problem: expect.stringContaining(`找不到备份文件夹 ${target}`) })
  })

  const readOnlyHow = !root ? 'chmod 0555' : canMount ? 'a read-only tmpfs mounted over it, as root' : null
  it.skipIf(readOnlyHow === null)(`refuses a read-only folder in words naming it and leaves nothing behind (${readOnlyHow ?? 'skipped: root, and no mounts allowed here'})`, async () => {
    d = await deskWithWork()
    putEvidence(d, randomBytes(10_000))
    const target = targetFolder('只读')
    await d.call('backup-folder-save', { folder: target })
    if (root) mountTmpfs(target, 'ro,size=1m')
    else chmodSync(target, 0o555)
    try {
      const why = `备份文件夹 ${target} 无法写入（只读，或当前账号没有写入权限；U 盘请检查写保护开关）`
      expect((await d.call('backup-folder-check', { folder: target })).problem).toBe(why)
      const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
      expect(s).toMatchObject({ phase: 'failed', error: { type: 'user', message: `备份没有完成：${why}。数据库本身未受影响，没有留下不完整的备份文件，以前的备份都已保留。` } })
      expect(readdirSync(target)).toEqual([])
      const again = await d.invoke('backup-folder-save', { folder: target })
      expect(again.ok === false && again.error.message).toBe(`${why}。备份位置没有更改。`)
    } finally {
      if (root) unmount(target)
      else chmodSync(target, 0o755)
    }
  })

  it.skipIf(!canMount)(`says the disk is full, before writing when the database cannot fit and when the evidence runs out of room, and removes the parts${canMount ? ' (tiny tmpfs)' : ' (skipped: needs root and mounts)'}`, async () => {
    d = await deskWithWork()
    const dbBytes = statSync(d.ctx.desk.file).size
    const target = targetFolder('满了')
    await d.call('backup-folder-save', { folder: target })
    // smaller than the database: refused before anything is written
    mountTmpfs(target, `size=${Math.floor(dbBytes / 2 / 4096) * 4096 || 4096}`)
    try {
      const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
      expect(s.phase).toBe('failed')
      expect(s.error?.message).toMatch(new RegExp(`^备份没有完成：备份文件夹 ${target} 所在的磁盘空间不足（需要约 .+，剩余 .+），请清理空间或换一个文件夹。`))
      expect(readdirSync(target)).toEqual([])
    } finally {
      unmount(target)
    }
    // room for the database but not for the evidence: fails part-way, and the parts go
    putEvidence(d, randomBytes(3 * 1024 * 1024))
    mountTmpfs(target, `size=${Math.ceil((dbBytes * 2 + 1024 * 1024) / 4096) * 4096}`)
    try {
      const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
      expect(s.phase).toBe('failed')
      expect(s.error?.message).toMatch(new RegExp(`^备份没有完成：备份文件夹 ${target} 所在的磁盘空间不足（剩余 .+），请清理空间或换一个文件夹。数据库本身未受影响`))
      expect(readdirSync(target)).toEqual([])
    } finally {
      unmount(target)
    }
  })

  it('names the newest good backup in the chosen folder when the database is found damaged', async () => {
    d = await deskWithWork()
    const target = targetFolder()
    await d.call('backup-folder-save', { folder: target })
    const s = await runJob<BackupInfo>(d, d.call('backup-create', {}))
    const file = d.ctx.desk.file
    d.ctx.desk.close()
    corruptTable(file)
    let err: unknown
    try {
      openContext({ dbFile: file, dataDir: d.ctx.dataDir })
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(DamagedDatabaseError)
    expect((err as DamagedDatabaseError).backup).toEqual({ path: join(target, s.result!.name), madeAt: '2023-06-15 10:00' })
    d.ctx.desk = openDesk(join(d.dir, 'other.sqlite')) // so afterEach can close something
  })
})

describe('copy and check, the one way evidence is copied', () => {
  it('reads the copy back against the expected SHA-256 and removes a copy that does not match', () => {
    const dir = targetFolder('copy')
    const src = join(dir, 'src')
    writeFileSync(src, '佐证材料')
    copyVerified(src, join(dir, 'ok'))
    expect(readFileSync(join(dir, 'ok'), 'utf8')).toBe('佐证材料')
    expect(() => copyVerified(src, join(dir, 'bad'), sha('别的内容'))).toThrow(CopyMismatchError)
    expect(existsSync(join(dir, 'bad'))).toBe(false)
    const said = failure(new CopyMismatchError(join(dir, 'bad')), dir)
    expect(said).toBeInstanceOf(UserError)
    expect((said as UserError).message).toContain(`写入备份文件夹 ${dir} 的佐证材料读回时与原文件不一致`)
  })

  it('words ENOSPC, EROFS, EACCES and EPERM with the folder, and leaves other errors as they are', () => {
    const err = (code: string) => Object.assign(new Error(code), { code })
    const f = '/media/u盘/备份'
    expect((failure(err('ENOSPC'), f) as Error).message).toMatch(/^备份没有完成：备份文件夹 \/media\/u盘\/备份 所在的磁盘空间不足/)
    for (const code of ['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY']) expect((failure(err(code), f) as Error).message).toContain(`备份文件夹 ${f} 无法写入`)
    const other = err('EIO')
    expect(failure(other, f)).toBe(other)
  })
})

describe('rotation: daily ×7, weekly ×4, monthly ×12 by default', () => {
  it('plans the newest of each period', () => {
    const entries = []
    for (let i = 0; i < 400; i++) {
      const day = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10)
      entries.push({ name: `desk-${day}-090000.sqlite`, day })
    }
    entries.reverse()
    expect(planRotation(entries, { daily: 0, weekly: 0, monthly: 3 }).keep).toEqual(['desk-2024-02-04-090000.sqlite', 'desk-2024-01-31-090000.sqlite', 'desk-2023-12-31-090000.sqlite'])
  })

  it('keeps 7 days, 4 weeks and 12 months in the chosen folder after 400 days of automatic backups on a set clock', { timeout: 180_000 }, async () => {
    d = await deskWithWork()
    const target = targetFolder()
    await d.call('backup-folder-save', { folder: target })
    const clock = movingClock('2023-01-01T01:00:00Z') // 09:00 in China
    d.ctx.now = clock.now
    for (let day = 0; day < 400; day++) {
      const r = await d.call('backup-auto', {})
      expect(r.made).toBe(true)
      clock.addHours(24)
    }
    // the last day is Sunday 2024-02-04
    const kept = readdirSync(target).map((n) => n.slice(5, 15)).sort()
    expect(kept).toEqual([
      '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30', '2023-07-31', '2023-08-31', '2023-09-30', '2023-10-31', '2023-11-30', '2023-12-31', // monthly
      '2024-01-14', '2024-01-21', '2024-01-28', // weekly (the week of 01-29 is among the days)
      '2024-01-29', '2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-02-03', '2024-02-04' // daily; 01-31 is January's
    ])
  })
})
