// 本机用户: the administrator adds people, gives them roles (and reviewers their steps), disables them and resets
// passwords; everyone changes their own. Every change is in the trail, never the password itself.
import { defineHandlers } from '../dispatch'
import { UserError, fieldError } from '../errors'
import { recordAudit, diff } from '../../db/queries/audit'
import { getUser, insertUser, listUsers, updateUser, type UserRow } from '../../db/queries/users'
import { saveSetting } from '../settings'
import { hashPassword, weakPassword } from '../../services/auth/password'
import type { UserInfo } from '../../shared/contract/users'
import type { Role } from '../../shared/roles'
import { newUserValues, proveOwnPassword } from './session'
import type { Ctx } from '../context'

export function userInfo(u: UserRow): UserInfo {
  return { id: u.id, name: u.name, roles: u.roles as Role[], steps: u.steps, active: u.active, createdAt: u.createdAt, createdBy: u.createdBy, passwordChangedAt: u.passwordChangedAt }
}

function mustGetUser(ctx: Ctx, id: number): UserRow {
  const u = getUser(ctx.desk.db, id)
  if (!u) throw new UserError(`找不到编号为 ${id} 的用户`, { field: 'id' })
  return u
}

function audit(ctx: Ctx, action: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity: 'user', entityId: id, changes })
}

const activeAdmins = (ctx: Ctx) => listUsers(ctx.desk.db).filter((u) => u.active && u.roles.includes('admin'))

async function setPassword(ctx: Ctx, u: UserRow, password: string, action: string): Promise<UserRow> {
  const weak = weakPassword(password, u.name)
  if (weak) throw fieldError('password', weak)
  const passwordHash = await hashPassword(password)
  return ctx.desk.tx(() => {
    const row = updateUser(ctx.desk.db, u.id, { passwordHash, passwordChangedAt: ctx.now().toISOString(), failedCount: 0, failedAt: null })
    audit(ctx, action, u.id, { name: u.name })
    return row
  })
}

export const userHandlers = defineHandlers({
  'user-list': (_a, ctx) => listUsers(ctx.desk.db).map(userInfo),

  'user-add': async (v, ctx) => {
    const values = await newUserValues(ctx, v)
    return ctx.desk.tx(() => {
      const u = insertUser(ctx.desk.db, values)
      audit(ctx, 'user-create', u.id, { name: u.name, roles: u.roles, steps: u.steps })
      return userInfo(u)
    })
  },

  'user-update': ({ id, roles, steps, active }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetUser(ctx, id)
      const nextRoles = roles ? [...new Set(roles)] : (before.roles as Role[])
      const nextActive = active ?? before.active
      const nextSteps = nextRoles.includes('reviewer') ? [...new Set(steps ?? before.steps)] : []
      if (nextRoles.includes('reviewer') && !nextSteps.length) throw fieldError('steps', '审核人须指定负责的审核步骤，或选择“全部步骤”')
      const losesAdmin = before.active && before.roles.includes('admin') && (!nextActive || !nextRoles.includes('admin'))
      if (losesAdmin && activeAdmins(ctx).length <= 1) throw fieldError(active === false ? 'active' : 'roles', '至少要保留一位启用的管理员')
      if (id === ctx.user?.id && active === false) throw fieldError('active', '不能停用自己')
      const after = updateUser(ctx.desk.db, id, { roles: nextRoles, steps: nextSteps, active: nextActive })
      audit(ctx, 'user-update', id, { name: before.name, ...diff({ roles: before.roles, steps: before.steps, active: before.active }, { roles: after.roles, steps: after.steps, active: after.active }) })
      return userInfo(after)
    }),

  'user-reset-password': async ({ id, password }, ctx) => userInfo(await setPassword(ctx, mustGetUser(ctx, id), password, 'password-reset')),

  'password-change': async ({ current, password }, ctx) => {
    await proveOwnPassword(ctx, current).catch((e) => {
      throw e instanceof UserError && e.details?.field === 'password' ? new UserError(e.message.replace(/^密码/, '当前密码'), { ...e.details, field: 'current' }) : e
    })
    if (current === password) throw fieldError('password', '新密码不能与当前密码相同')
    await setPassword(ctx, mustGetUser(ctx, ctx.user!.id), password, 'password-change')
    return null
  },

  'session-idle-save': ({ minutes }, ctx) => ({ minutes: saveSetting(ctx, 'session-idle-minutes', minutes) })
})
