// `npm run desk -- audit verify | list`: the same handlers as the 操作日志 page, so the same permissions; verify's
// exit code says whether the trail is whole.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, firstAdmin, CLI_ADMIN, CLI_PASSWORD } from '../helpers/cli'
import { chinaDate } from '../../shared/dates'
import { dropTriggers } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'desk-audit-cli-'))
const db = join(dir, 'desk.sqlite')
const rows = () => {
  const s = new Database(db, { readonly: true })
  try {
    return (s.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n
  } finally {
    s.close()
  }
}
/** Signed in as `user` first, so a later `--user` is the list's filter (scripts/desk.ts takes the first). */
const as = (user: string, ...args: string[]) => cli(db, ['--user', user, ...args], { user: null })

beforeAll(() => {
  firstAdmin(db)
  const r = cli(db, ['users', 'add', '李干事', '--role', 'officer'], { newPassword: CLI_PASSWORD })
  if (r.code !== 0) throw new Error(r.err)
}, 60_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('desk audit', () => {
  it('verify: exit 0 and 操作日志完整：N 条, N being every row', () => {
    const r = as(CLI_ADMIN, 'audit', 'verify')
    expect([r.code, r.err]).toEqual([0, ''])
    expect(r.out).toBe(`操作日志完整：${rows()} 条\n`)
  })

  it('verify and list are refused to an officer, in the words of the dispatcher', () => {
    for (const sub of ['verify', 'list']) {
      const r = as('李干事', 'audit', sub)
      expect(r.code).toBe(1)
      expect(r.err).toMatch(/此操作需要“管理员”或“党委书记”角色；当前用户“李干事”没有该权限/)
    }
  })

  it('list: filtered by person (a second --user) and day, newest first, as JSON or lines', () => {
    const j = as(CLI_ADMIN, 'audit', 'list', '--json', '--user', '李干事', '--since', chinaDate())
    expect(j.code).toBe(0)
    const list = JSON.parse(j.out) as { id: number; actor: string; actionLabel: string }[]
    expect(list.length).toBeGreaterThanOrEqual(2) // 李干事's two sign-ins above
    expect(list.every((r) => r.actor === '李干事' && r.actionLabel === '登录')).toBe(true)
    expect(list.map((r) => r.id)).toEqual([...list.map((r) => r.id)].sort((a, b) => b - a))
    const text = as(CLI_ADMIN, 'audit', 'list', '--limit', '2')
    expect(text.code).toBe(0)
    const lines = text.out.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/^共 \d+ 条，显示最新的 2 条$/)
    expect(lines[0]).toContain(CLI_ADMIN) // this run's own sign-in is the newest row
    expect(as(CLI_ADMIN, 'audit', 'list', '--since', '2023-13-01').code).toBe(2)
    expect(as(CLI_ADMIN, 'audit').code).toBe(2)
  })

  it('verify: non-zero, naming the first row that does not verify and why', () => {
    const s = new Database(db)
    dropTriggers(s)
    s.prepare("UPDATE audit_log SET actor = '王院长' WHERE id = 2").run()
    s.close()
    const r = as(CLI_ADMIN, 'audit', 'verify')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^操作日志校验未通过：第 2 条：内容与其校验值不符（可能被改动）（已校验 1 条）\n$/)
  })
})
