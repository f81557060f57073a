// Passwords as the issue asks: never in the database file or its -wal (only scrypt hashes), wrong ones met with a
// growing delay, a disabled user stopped at their very next call, an administrator's reset in the trail without the
// password. (The CLI's logs and backups: cli-users.test.ts.)
import { describe, it, expect, afterEach } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { dispatch, handlers } from '../../handlers'
import { newSession, type Ctx } from '../../handlers/context'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { leaks } from './leaks'

let d: TestDesk
afterEach(() => d?.close())

/** A session of its own (another window, another browser) on the same desk. */
const sessionCtx = (): Ctx => ({ ...d.ctx, session: newSession() })
const call = (ctx: Ctx, name: string, args: unknown) => dispatch(handlers, ctx, name, args)

describe('passwords', () => {
  it('are stored only as scrypt hashes: not in the database file, nor its -wal', async () => {
    d = freshDesk()
    const first = 'Zebra-口令-首次-5821'
    const changed = 'Yak-口令-修改-7304'
    const reset = 'Xerus-口令-重置-9163'
    const added = await d.call('user-add', { name: '王干事', roles: ['officer'], password: first })
    const own = sessionCtx()
    expect((await call(own, 'session-sign-in', { name: '王干事', password: first })).ok).toBe(true)
    expect((await call(own, 'session-sign-in', { name: '王干事', password: first + 'x' })).ok).toBe(false)
    expect((await call(own, 'password-change', { current: first, password: changed })).ok).toBe(true)
    expect((await d.call('user-reset-password', { id: added.id, password: reset })).id).toBe(added.id)
    const wal = d.ctx.desk.file + '-wal'
    expect(existsSync(wal)).toBe(true) // the desk is open: recent pages are still in the -wal
    const stored = d.ctx.desk.sqlite.prepare('SELECT password_hash AS h FROM users WHERE id = ?').get(added.id) as { h: string }
    expect(stored.h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    for (const file of [d.ctx.desk.file, wal]) {
      const bytes = readFileSync(file)
      for (const p of [first, first + 'x', changed, reset]) expect(leaks(bytes, p), `${file} ${p}`).toEqual([])
    }
  })

  it('wrong ones wait longer each time (1, 2, 4 s … after the third), with the seconds to wait, then the right one resets', async () => {
    let now = Date.parse('2023-06-15T02:00:00Z')
    d = freshDesk()
    d.ctx.now = () => new Date(now)
    await d.call('user-add', { name: '李审核', roles: ['reviewer'], steps: ['*'], password: 'right-口令-2023' })
    const ctx = sessionCtx()
    const signIn = async (password: string) => {
      const r = await call(ctx, 'session-sign-in', { name: '李审核', password })
      return r.ok ? 'ok' : { message: r.error.message, retryAfter: r.error.details?.retryAfter }
    }
    expect(await signIn('wrong-1')).toEqual({ message: '密码：密码不正确', retryAfter: undefined })
    expect(await signIn('wrong-2')).toEqual({ message: '密码：密码不正确', retryAfter: undefined })
    expect(await signIn('wrong-3')).toEqual({ message: '密码：密码不正确（已连续输错 3 次，请 1 秒后再试）', retryAfter: undefined })
    // within the wait even the right password is not tried
    expect(await signIn('right-口令-2023')).toEqual({ message: '密码已连续输错 3 次，请 1 秒后再试', retryAfter: 1 })
    now += 1000
    expect(await signIn('wrong-4')).toEqual({ message: '密码：密码不正确（已连续输错 4 次，请 2 秒后再试）', retryAfter: undefined })
    now += 1000
    expect(await signIn('wrong-5')).toEqual({ message: '密码已连续输错 4 次，请 1 秒后再试', retryAfter: 1 })
    now += 1000
    expect(await signIn('wrong-5')).toEqual({ message: '密码：密码不正确（已连续输错 5 次，请 4 秒后再试）', retryAfter: undefined })
    expect(await signIn('wrong-6')).toEqual({ message: '密码已连续输错 5 次，请 4 秒后再试', retryAfter: 4 })
    now += 4000
    expect(await signIn('right-口令-2023')).toBe('ok')
    expect(await signIn('wrong-7')).toEqual({ message: '密码：密码不正确', retryAfter: undefined }) // counted from zero again
    const failures = d.ctx.desk.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'password-failed'").get() as { n: number }
    expect(failures.n).toBe(6)
  })

  it('a disabled user is refused at their next call, live session or not', async () => {
    d = freshDesk()
    const u = await d.call('user-add', { name: '赵干事', roles: ['officer'], password: 'zhao-口令-2023' })
    const window = sessionCtx()
    expect((await call(window, 'session-sign-in', { name: '赵干事', password: 'zhao-口令-2023' })).ok).toBe(true)
    expect((await call(window, 'piece-list', {})).ok).toBe(true)
    await d.call('user-update', { id: u.id, active: false })
    const r = await call(window, 'piece-create', { channel: 'wechat', title: '停用后', date: '2023-06-01' })
    expect(r).toMatchObject({ ok: false, error: { type: 'user', message: '请先登录', details: { refused: true, signIn: true } } })
    expect(window.session.userId).toBeNull()
    expect((await call(sessionCtx(), 'session-sign-in', { name: '赵干事', password: 'zhao-口令-2023' })).ok).toBe(false)
    expect(await d.call('piece-list', {})).toMatchObject({ total: 0 }) // nothing was written
  })

  it('an administrator’s reset of another’s password is in the trail, by whom and for whom, without the password', async () => {
    d = freshDesk({ actor: '钱管理' })
    const u = await d.call('user-add', { name: '孙书记', roles: ['secretary'], password: 'sun-口令-首次-2023' })
    await d.call('user-reset-password', { id: u.id, password: 'sun-口令-重置-2023' })
    const rows = d.ctx.desk.sqlite.prepare("SELECT actor, action, entity, entity_id AS entityId, changes FROM audit_log WHERE entity = 'user' ORDER BY id").all() as Record<string, string>[]
    const resetRow = rows.find((r) => r.action === 'password-reset')!
    expect(resetRow).toMatchObject({ actor: '钱管理', entity: 'user', entityId: String(u.id) })
    expect(JSON.parse(resetRow.changes)).toEqual({ name: '孙书记' })
    const all = JSON.stringify(d.ctx.desk.sqlite.prepare('SELECT * FROM audit_log').all())
    expect(all).not.toContain('sun-口令')
    // and the old password no longer works, the new one does
    expect((await call(sessionCtx(), 'session-sign-in', { name: '孙书记', password: 'sun-口令-首次-2023' })).ok).toBe(false)
    expect((await call(sessionCtx(), 'session-sign-in', { name: '孙书记', password: 'sun-口令-重置-2023' })).ok).toBe(true)
  })
})
