import { z } from 'zod'
import { spec, noArgs } from './define'
import { rowId, shortText } from './fields'
import { ADMIN, ANYONE, PUBLIC, ROLES, type Role, type SessionUser } from '../roles'

/** A password argument: never trimmed (spaces may be part of it), never echoed in an error. */
const password = z.string({ error: '请填写密码' }).min(1, { message: '请填写密码' }).max(200, { message: '密码不能超过 200 位' })
const userName = shortText(20)
  .min(2, { message: '姓名至少 2 个字' })
  .refine((s) => !/[\s,，、;；]/.test(s), { message: '姓名不能含空格或标点' })
const roles = z.array(z.enum(ROLES, { error: '角色无效' })).min(1, { message: '请至少选择一个角色' }).max(5)
const stepList = z.array(shortText(20).min(1, { message: '审核步骤不能为空' })).max(20)
const steps = stepList.default([])

export interface UserInfo extends SessionUser {
  active: boolean
  createdAt: string
  createdBy: string
  passwordChangedAt: string
}

export interface SessionState {
  /** A desk with no users yet (a new desk, or one made before users existed): create the first administrator. */
  needsFirstAdmin: boolean
  /** Whether the desk already holds records (so the first-admin screen can say its history is kept). */
  hasData: boolean
  user: SessionUser | null
  locked: boolean
  idleMinutes: number
  /** The handler names this user may call: the renderer shows only these actions. */
  allowed: string[]
}

export const usersContract = {
  'session-state': spec(PUBLIC, noArgs).returns<SessionState>(),
  'session-setup-first-admin': spec(
    PUBLIC,
    z.object({ name: userName, password, officer: z.boolean().default(true) })
  ).returns<SessionState>(),
  'session-sign-in': spec(PUBLIC, z.object({ name: userName, password })).returns<SessionState>(),
  'session-sign-out': spec(PUBLIC, noArgs).returns<SessionState>(),
  'session-lock': spec(ANYONE, noArgs).returns<SessionState>(),
  'session-unlock': spec(ANYONE, z.object({ password })).returns<SessionState>(),
  'password-change': spec(ANYONE, z.object({ current: password, password })).returns<null>(),
  'user-list': spec(ANYONE, noArgs).returns<UserInfo[]>(),
  'user-add': spec(ADMIN, z.object({ name: userName, roles, steps, password })).returns<UserInfo>(),
  'user-update': spec(ADMIN, z.object({ id: rowId, roles: roles.optional(), steps: stepList.optional(), active: z.boolean().optional() })).returns<UserInfo>(),
  'user-reset-password': spec(ADMIN, z.object({ id: rowId, password })).returns<UserInfo>(),
  'session-idle-save': spec(ADMIN, z.object({ minutes: z.number({ error: '请填写分钟数' }).int().min(1, { message: '至少 1 分钟' }).max(240, { message: '最长 240 分钟' }) })).returns<{ minutes: number }>()
}

export type { Role }
