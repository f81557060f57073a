// Sign in, lock, unlock, switch user, and the first administrator of a desk. The session itself belongs to the
// transport (ctx.session); these handlers only change it after the password was proven.
import { defineHandlers } from '../dispatch'
import { UserError, fieldError } from '../errors'
import { hasRecordedWork, recordAudit } from '../../db/queries/audit'
import { countUsers, getUser, getUserByName, insertUser, toSessionUser, updateUser, type UserRow } from '../../db/queries/users'
import { hashPassword, signInDelaySeconds, verifyPassword, weakPassword } from '../../services/auth/password'
import { allowed, type Role } from '../../shared/roles'
import { contract, type Contract } from '../../shared/contract'
import type { SessionState } from '../../shared/contract/users'
import { idleMinutes } from './idle'
import type { Ctx } from '../context'

export function sessionState(ctx: Ctx): SessionState {
  const db = ctx.desk.db
  const row = ctx.session.userId === null ? null : getUser(db, ctx.session.userId)
  const user = row && row.active ? toSessionUser(row) : null
  const needsFirstAdmin = countUsers(db) === 0
  const hasData = hasRecordedWork(db)
  const names = user ? Object.keys(contract).filter((n) => allowed((contract as Contract)[n as keyof Contract].who, user)) : []
  return { needsFirstAdmin, hasData, user, locked: !!user && ctx.session.locked, idleMinutes: idleMinutes(db), allowed: names }
}

function audit(ctx: Ctx, action: string, entityId: string | number, changes: Record<string, unknown>, actor = ctx.actor): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor, action, entity: 'user', entityId, changes })
}

/** Check a user's password with the growing delay after repeated failures; every failure is in the trail. */
export async function provePassword(ctx: Ctx, row: UserRow, password: string, field = 'password'): Promise<void> {
  const now = ctx.now()
  const wait = signInDelaySeconds(row.failedCount)
  const since = row.failedAt ? (now.getTime() - Date.parse(row.failedAt)) / 1000 : Infinity
  if (wait > 0 && since < wait) {
    throw new UserError(`密码已连续输错 ${row.failedCount} 次，请 ${Math.ceil(wait - since)} 秒后再试`, { field, retryAfter: Math.ceil(wait - since) })
  }
  if (await verifyPassword(password, row.passwordHash)) {
    if (row.failedCount) updateUser(ctx.desk.db, row.id, { failedCount: 0, failedAt: null })
    return
  }
  ctx.desk.tx(() => {
    updateUser(ctx.desk.db, row.id, { failedCount: row.failedCount + 1, failedAt: now.toISOString() })
    audit(ctx, 'password-failed', row.id, { name: row.name, failures: row.failedCount + 1 }, row.name)
  })
  const next = signInDelaySeconds(row.failedCount + 1)
  throw fieldError(field, next ? `密码不正确（已连续输错 ${row.failedCount + 1} 次，请 ${next} 秒后再试）` : '密码不正确')
}

/** The signed-in user re-enters their password, e.g. as the signature of a sign-off. */
export async function proveOwnPassword(ctx: Ctx, password: string): Promise<void> {
  const row = ctx.user && getUser(ctx.desk.db, ctx.user.id)
  if (!row) throw new UserError('请先登录')
  await provePassword(ctx, row, password)
}

export async function newUserValues(ctx: Ctx, v: { name: string; roles: Role[]; steps: string[]; password: string }) {
  const weak = weakPassword(v.password, v.name)
  if (weak) throw fieldError('password', weak)
  if (getUserByName(ctx.desk.db, v.name)) throw fieldError('name', `已有名为“${v.name}”的用户`)
  const steps = v.roles.includes('reviewer') ? [...new Set(v.steps)] : []
  if (v.roles.includes('reviewer') && !steps.length) throw fieldError('steps', '审核人须指定负责的审核步骤（如“宣传科初审”），或选择“全部步骤”')
  return { name: v.name, roles: [...new Set(v.roles)], steps, passwordHash: await hashPassword(v.password), at: ctx.now().toISOString(), by: ctx.actor }
}

export const sessionHandlers = defineHandlers({
  'session-state': (_a, ctx) => sessionState(ctx),

  'session-setup-first-admin': async ({ name, password, officer }, ctx) => {
    if (countUsers(ctx.desk.db) > 0) throw new UserError('本工作台已有用户，请登录；新用户由管理员在“设置 → 本机用户”中添加')
    const roles: Role[] = officer ? ['admin', 'officer'] : ['admin']
    const values = await newUserValues({ ...ctx, actor: name }, { name, roles, steps: [], password })
    const row = ctx.desk.tx(() => {
      if (countUsers(ctx.desk.db) > 0) throw new UserError('本工作台已有用户，请登录')
      const u = insertUser(ctx.desk.db, values)
      audit(ctx, 'user-create', u.id, { name: u.name, roles: u.roles, first: '首位管理员（首次使用时创建）' }, u.name)
      return u
    })
    Object.assign(ctx.session, { userId: row.id, locked: false, lastCallAt: ctx.now().getTime() })
    return sessionState(ctx)
  },

  'session-sign-in': async ({ name, password }, ctx) => {
    const row = getUserByName(ctx.desk.db, name)
    if (!row || !row.active) {
      ctx.desk.tx(() => audit(ctx, 'sign-in-failed', name, { name, why: row ? '用户已停用' : '无此用户' }, name))
      throw new UserError(row ? `用户“${name}”已停用，请联系管理员` : '用户名或密码不正确', { field: row ? 'name' : 'password' })
    }
    await provePassword(ctx, row, password)
    const switched = ctx.session.userId !== null && ctx.session.userId !== row.id ? getUser(ctx.desk.db, ctx.session.userId)?.name : undefined
    Object.assign(ctx.session, { userId: row.id, locked: false, lastCallAt: ctx.now().getTime() })
    ctx.desk.tx(() => audit(ctx, 'sign-in', row.id, switched ? { name: row.name, switchedFrom: switched } : { name: row.name }, row.name))
    return sessionState(ctx)
  },

  'session-sign-out': (_a, ctx) => {
    if (ctx.user) ctx.desk.tx(() => audit(ctx, 'sign-out', ctx.user!.id, { name: ctx.user!.name }))
    Object.assign(ctx.session, { userId: null, locked: false })
    return sessionState(ctx)
  },

  'session-lock': (_a, ctx) => {
    ctx.session.locked = true
    return sessionState(ctx)
  },

  'session-unlock': async ({ password }, ctx) => {
    await proveOwnPassword(ctx, password)
    ctx.session.locked = false
    ctx.session.lastCallAt = ctx.now().getTime()
    return sessionState(ctx)
  }
})
