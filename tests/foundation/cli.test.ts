import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, firstAdmin, CLI_ADMIN } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'desk-cli-'))
const db = join(dir, 'x.sqlite')
const desk = (...args: string[]) => cli(db, args)

beforeAll(() => {
  firstAdmin(db)
  const r = desk('seed-demo')
  if (r.code !== 0) throw new Error(r.err)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI transport', () => {
  it('lists the handler names (no sign-in: it reads no records)', () => {
    const r = cli(db, ['handlers'], { user: null, password: null })
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual(expect.arrayContaining(['app-state', 'piece-create', 'piece-list', 'dashboard-summary']))
  })

  it('calls a list handler and prints the envelope as JSON', () => {
    const r = desk('call', 'piece-list', '{"channel":"notice","limit":5}')
    expect(r.code).toBe(0)
    const env = JSON.parse(r.out)
    expect(env.ok).toBe(true)
    expect(env.value.total).toBe(48)
    expect(env.value.rows).toHaveLength(5)
  })

  it('exits non-zero with the error envelope when the call fails', () => {
    const r = desk('call', 'piece-create', '{"channel":"wechat","title":""}')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { type: 'user', message: '标题：请填写标题' } })
    expect(desk('call', 'piece-list', '{oops').code).toBe(2)
    expect(desk('no-such-command').code).toBe(2)
  })

  it('refuses to seed twice', () => {
    const r = desk('seed-demo')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/空白的工作台/)
  })

  it('acts only as a signed-in person: no --user, no password, or a wrong one stop before anything runs', () => {
    const none = cli(db, ['call', 'piece-list', '{}'], { user: null })
    expect([none.code, none.err]).toEqual([2, '请用 --user 姓名 指定操作人（密码取自环境变量 DESK_PASSWORD，或在终端中输入）\n'])
    const noPassword = cli(db, ['call', 'piece-list', '{}'], { password: null })
    expect([noPassword.code, noPassword.err]).toEqual([2, '请用环境变量 DESK_PASSWORD 提供登录密码（密码不接受命令行参数）\n'])
    const wrong = cli(db, ['call', 'piece-list', '{}'], { password: 'not-the-password' })
    expect(wrong.code).toBe(1)
    expect(wrong.err).toBe(`无法以“${CLI_ADMIN}”登录：密码：密码不正确\n`)
    expect(wrong.out).toBe('')
    const stranger = cli(db, ['call', 'piece-list', '{}'], { user: '王五' })
    expect([stranger.code, stranger.err]).toEqual([1, '无法以“王五”登录：用户名或密码不正确\n'])
  })
})
