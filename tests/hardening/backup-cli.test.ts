// The CLI side of backups: `desk backup [--out FILE]`, `desk restore FILE`, and what a damaged database prints.
import { describe, it, expect, afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { corruptTable, count, sha } from './helpers'
import { cli, firstAdmin, CLI_ADMIN, CLI_PASSWORD } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'desk-backup-cli-'))
const db = join(dir, 'desk.sqlite')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const desk = (...args: string[]) => cli(db, args)
// 补录: published work entered after the fact (a new piece on a channel with a review chain starts as a draft)
const create = (title: string) => desk('call', 'piece-create', JSON.stringify({ channel: 'wechat', title, date: '2023-06-01', status: 'published', backfill: true }))

describe('CLI backup and restore', () => {
  it('backs up to a chosen file and into the backups folder, refuses while the desk is open, restores a damaged desk', () => {
    firstAdmin(db)
    expect(create('第一条').code).toBe(0)
    const out = join(dir, 'usb', 'desk-copy.sqlite')
    const a = desk('backup', '--out', out)
    expect(a.code).toBe(0)
    expect(a.out).toMatch(/^已备份：.*desk-copy\.sqlite（\d+\.\d MB）/)
    expect(count(out, 'pieces')).toBe(1)
    const b = desk('backup')
    expect(b.code).toBe(0)
    const [inFolder] = readdirSync(join(dir, 'desk-data', 'backups')).filter((n) => n.endsWith('.sqlite'))
    expect(inFolder).toMatch(/^desk-\d{4}-\d{2}-\d{2}-\d{6}-manual\.sqlite$/)
    expect(create('第二条').code).toBe(0)

    // while another program holds the database, nothing is replaced
    const holder = new Database(db)
    holder.prepare('SELECT 1 FROM pieces').get()
    const busy = desk('restore', out)
    holder.close()
    expect(busy.code).toBe(1)
    expect(busy.err).toMatch(/数据库正被另一个程序使用/)
    expect(count(db, 'pieces')).toBe(2)

    // a damaged database: every command refuses it and prints how to restore
    corruptTable(db)
    const before = sha(db)
    const refused = desk('call', 'piece-list', '{}')
    expect(refused.code).toBe(3)
    expect(refused.err).toMatch(/^数据库文件已损坏，为防止损坏扩大，工作台没有打开它。/)
    const backupPath = join(dir, 'desk-data', 'backups', inFolder)
    expect(refused.err).toContain(`恢复命令：npm run desk -- --db "${db}" restore "${backupPath}"`)
    expect(sha(db)).toBe(before)

    // a damaged desk cannot say who its administrators are: the restore goes ahead, noted as unverified
    const restored = desk('restore', backupPath)
    expect(restored.code).toBe(0)
    expect(restored.err).toBe('注意：数据库已损坏，无法核对操作人身份；恢复记录将注明“未核验”。\n')
    expect(restored.out).toContain(`已从 ${inFolder} 恢复到 ${db}`)
    const kept = /原数据库已保留为：(.+)\n/.exec(restored.out)![1]
    expect(sha(kept)).toBe(before) // the damaged file is kept as it was, for the technician
    const list = JSON.parse(desk('call', 'piece-list', '{}').out)
    expect(list.value.rows.map((r: { title: string }) => r.title)).toEqual(['第一条'])
    const trail = JSON.parse(desk('call', 'audit-list', JSON.stringify({ entity: 'database', entityId: 'desk.sqlite' })).out)
    expect(trail.value.map((r: { actor: string }) => r.actor)).toContain(`${CLI_ADMIN}（未核验：数据库已损坏）`)
  }, 120_000)

  it('restores a bare backup name from the backups folder and refuses files that are not backups', () => {
    const missing = desk('restore', join(dir, 'nope.sqlite'))
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('找不到备份文件')
    const self = desk('restore', db)
    expect(self.code).toBe(1)
    expect(self.err).toContain('不能用正在使用的数据库文件恢复它自己')
    const [name] = readdirSync(join(dir, 'desk-data', 'backups')).filter((n) => n.endsWith('.sqlite'))
    const r = desk('restore', name)
    expect(r.code).toBe(0)
    expect(existsSync(db)).toBe(true)
  }, 60_000)

  it('restores a desk that opens only for its administrator, proven by password', () => {
    const [name] = readdirSync(join(dir, 'desk-data', 'backups')).filter((n) => n.endsWith('.sqlite'))
    expect(cli(db, ['restore', name], { user: null })).toMatchObject({ code: 2, err: expect.stringContaining('请用 --user 姓名 指定操作人') })
    expect(cli(db, ['restore', name], { password: 'wrong-password' })).toMatchObject({ code: 1, err: expect.stringContaining('密码不正确') })
    const added = cli(db, ['users', 'add', '干事乙', '--role', 'officer'], { newPassword: CLI_PASSWORD })
    expect(added.code).toBe(0)
    const officer = cli(db, ['restore', name], { user: '干事乙' })
    expect(officer).toMatchObject({ code: 1, err: '此操作需要“管理员”角色；当前用户“干事乙”没有该权限\n' })
    // the officer may back up (as on 设置 → 数据备份) but not restore
    expect(cli(db, ['backup', '--out', join(dir, 'by-officer.sqlite')], { user: '干事乙' }).code).toBe(0)
    const restored = desk('restore', name)
    expect(restored.code).toBe(0)
    const trail = JSON.parse(desk('call', 'audit-list', JSON.stringify({ entity: 'database', entityId: 'desk.sqlite' })).out)
    expect(trail.value.map((r: { actor: string }) => r.actor)).toContain(CLI_ADMIN)
  }, 90_000)
})
