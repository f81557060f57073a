// `desk users …` as a person would use it, on a new desk: the first administrator without --user, then people
// added, listed, disabled and their passwords reset or changed — the passwords only ever in DESK_PASSWORD /
// DESK_NEW_PASSWORD. At the end, none of them is in the database, its backups or anything the CLI printed.
import { describe, it, expect, afterAll } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, type CliOptions, type CliRun } from '../helpers/cli'
import { leaks } from './leaks'

const dir = mkdtempSync(join(tmpdir(), 'desk-people-users-'))
const db = join(dir, 'desk.sqlite')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PW = { admin: 'Admin-口令-首次-4471', officer: 'Officer-口令-首次-5582', officerReset: 'Officer-口令-重置-6693', officerOwn: 'Officer-口令-自改-7704', reviewer: 'Review-口令-首次-8815' }
const printed: string[] = []
/** Every run's stdout and stderr are kept, to look for the passwords in them at the end. */
function desk(args: string[], o: CliOptions): CliRun {
  const r = cli(db, args, o)
  printed.push(r.out, r.err)
  return r
}
const asAdmin = (args: string[], newPassword?: string) => desk(args, { user: '张管理', password: PW.admin, newPassword })

describe('desk users', () => {
  it('creates the first user of a new desk without --user; it must be an administrator', () => {
    expect(desk(['users', 'add', '王干事', '--role', 'officer'], { user: null, password: null, newPassword: PW.officer })).toMatchObject({
      code: 2,
      err: '本工作台还没有用户，第一位用户须是管理员：请在 --role 中包含 admin，如 users add 王干事 --role admin,officer\n'
    })
    expect(desk(['users', 'add', '张管理', '--role', 'admin'], { user: null, password: null })).toMatchObject({ code: 2, err: '请用环境变量 DESK_NEW_PASSWORD 提供新密码（密码不接受命令行参数）\n' })
    expect(desk(['users', 'add', '张管理', '--role', 'admin'], { user: null, password: null, newPassword: 'short' })).toMatchObject({ code: 1, err: '密码：密码至少 8 位\n' })
    const r = desk(['users', 'add', '张管理', '--role', 'admin,宣传干事,secretary'], { user: null, password: null, newPassword: PW.admin })
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^已添加用户：#1 张管理 {2}管理员、宣传干事、党委书记 {2}创建：\d{4}-\d{2}-\d{2}（张管理）\n$/)
    // from now on the desk has people: adding one takes an administrator
    expect(desk(['users', 'add', '王干事', '--role', 'officer'], { user: null, password: null, newPassword: PW.officer })).toMatchObject({ code: 2, err: expect.stringMatching(/^添加用户须由管理员进行/) })
  }, 60_000)

  it('an administrator adds people with roles and review steps; nobody else may', () => {
    expect(asAdmin(['users', 'add', '王干事', '--role', 'officer'], PW.officer).code).toBe(0)
    expect(asAdmin(['users', 'add', '李审核', '--role', 'reviewer'], PW.reviewer)).toMatchObject({ code: 1, err: expect.stringContaining('审核人须指定负责的审核步骤') })
    expect(asAdmin(['users', 'add', '李审核', '--role', 'reviewer', '--steps', '宣传科初审,医务科审核'], PW.reviewer).out).toContain('李审核  审核人  审核步骤：宣传科初审、医务科审核')
    expect(asAdmin(['users', 'add', '赵某', '--role', 'boss'], PW.reviewer)).toMatchObject({ code: 2, err: expect.stringMatching(/^未知的角色：boss。可用的角色：admin（管理员）、officer（宣传干事）/) })
    expect(desk(['users', 'add', '钱某', '--role', 'admin'], { user: '王干事', password: PW.officer, newPassword: PW.reviewer })).toMatchObject({
      code: 1,
      err: '此操作需要“管理员”角色；当前用户“王干事”没有该权限\n'
    })
    const list = JSON.parse(desk(['users', 'list', '--json'], { user: '李审核', password: PW.reviewer }).out) as { name: string; roles: string[]; steps: string[]; active: boolean }[]
    expect(list.map((u) => [u.name, u.roles, u.steps, u.active])).toEqual([
      ['张管理', ['admin', 'officer', 'secretary'], [], true],
      ['王干事', ['officer'], [], true],
      ['李审核', ['reviewer'], ['宣传科初审', '医务科审核'], true]
    ])
  }, 90_000)

  it('resets another’s password (administrator), changes one’s own (anyone), and disables people', () => {
    expect(desk(['users', 'passwd', '张管理'], { user: '王干事', password: PW.officer, newPassword: PW.officerReset })).toMatchObject({ code: 1, err: expect.stringContaining('需要“管理员”角色') })
    expect(asAdmin(['users', 'passwd', '王干事'], PW.officerReset)).toMatchObject({ code: 0, out: '已重置“王干事”的密码（已记入操作日志，日志中不含密码）\n' })
    expect(desk(['users', 'list'], { user: '王干事', password: PW.officer })).toMatchObject({ code: 1, err: '无法以“王干事”登录：密码：密码不正确\n' })
    expect(desk(['users', 'passwd', '王干事'], { user: '王干事', password: PW.officerReset, newPassword: PW.officerOwn })).toMatchObject({ code: 0, out: '已修改“王干事”的密码\n' })
    expect(desk(['users', 'list'], { user: '王干事', password: PW.officerOwn }).code).toBe(0)
    expect(asAdmin(['users', 'disable', '李审核'])).toMatchObject({ code: 0, out: expect.stringMatching(/^已停用用户：#3 李审核（已停用）/) })
    expect(desk(['users', 'list'], { user: '李审核', password: PW.reviewer })).toMatchObject({ code: 1, err: '无法以“李审核”登录：用户“李审核”已停用，请联系管理员\n' })
    expect(asAdmin(['users', 'disable', '张管理'])).toMatchObject({ code: 1, err: expect.stringMatching(/至少要保留一位启用的管理员|不能停用自己/) })
    expect(asAdmin(['users', 'enable', '李审核']).code).toBe(0)
  }, 120_000)

  // util-linux `script` gives the CLI a terminal; the password is typed only once the prompt is shown
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('asks for the password at a terminal, without echoing it', async () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx')
    const env = { ...process.env, DESK_PASSWORD: '', DESK_NEW_PASSWORD: '' }
    const child = spawn('script', ['-q', '-e', '-c', `${tsx} scripts/desk.ts --db ${db} users list --user 张管理`, '/dev/null'], { env })
    let seen = ''
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve))
    child.stdout.on('data', (b: Buffer) => {
      const before = seen
      seen += b.toString('utf8')
      if (!before.includes('的密码：') && seen.includes('的密码：')) child.stdin.write(PW.admin + '\r')
    })
    expect(await exit).toBe(0)
    printed.push(seen)
    expect(seen).toContain('“张管理”的密码：')
    expect(seen).toContain('#1 张管理')
    expect(seen).not.toContain(PW.admin)
  }, 60_000)

  it('leaves no password in the database, its backups, or anything the CLI printed', () => {
    expect(asAdmin(['backup']).code).toBe(0)
    const copy = join(dir, 'usb', 'desk-copy.sqlite')
    expect(asAdmin(['backup', '--out', copy]).code).toBe(0)
    const folder = join(dir, 'desk-data', 'backups')
    const backups = readdirSync(folder).filter((n) => n.endsWith('.sqlite')).map((n) => join(folder, n))
    expect(backups).toHaveLength(1)
    const files = [db, db + '-wal', ...backups, copy].filter((f) => existsSync(f))
    expect(files.length).toBeGreaterThanOrEqual(3)
    const logs = Buffer.from(printed.join('\n'), 'utf8')
    expect(logs.length).toBeGreaterThan(500)
    for (const p of Object.values(PW)) {
      for (const f of files) expect(leaks(readFileSync(f), p), `${f} ${p}`).toEqual([])
      expect(leaks(logs, p), `output ${p}`).toEqual([])
    }
    // the trail has the resets and changes, by name, and nothing of the passwords
    const trail = JSON.parse(asAdmin(['call', 'audit-list', JSON.stringify({ entity: 'user', entityId: '2' })]).out).value as { actor: string; action: string }[]
    expect(trail.filter((r) => r.action.startsWith('password-')).map((r) => [r.actor, r.action])).toEqual(
      expect.arrayContaining([['张管理', 'password-reset'], ['王干事', 'password-failed'], ['王干事', 'password-change']])
    )
  }, 90_000)
})
