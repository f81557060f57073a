// Who may do what (谁审核谁负责). Every contract entry names who may call it (shared/contract/define.ts `spec`);
// the dispatcher checks it against the signed-in user (handlers/dispatch.ts). Hiding a button is only courtesy.

export const ROLES = ['admin', 'officer', 'reviewer', 'secretary', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  officer: '宣传干事',
  reviewer: '审核人',
  secretary: '党委书记',
  viewer: '查看'
}

/** The background duties (daily backup, due reminders, polling) act as the desk itself, not as a person. */
export const SYSTEM = 'system'

/**
 * 'public': no sign-in (the sign-in screen itself); 'user': anyone signed in, a viewer too (reading);
 * a list: a signed-in user holding one of these roles (or the desk's background duties, when listed).
 */
export type Who = 'public' | 'user' | readonly (Role | typeof SYSTEM)[]

export const PUBLIC: Who = 'public'
export const ANYONE: Who = 'user'
export const ADMIN: Who = ['admin']
export const OFFICER: Who = ['officer']
/** Registries, quotas and watch wording: the officer keeps them, the administrator may too. */
export const OFFICE: Who = ['officer', 'admin']
export const REVIEWER: Who = ['reviewer']
export const SECRETARY: Who = ['secretary']
/** The whole 操作日志: the administrator and the party secretary. */
export const AUDITORS: Who = ['admin', 'secretary']

/** Any review step (a reviewer of a small hospital may decide them all). */
export const ALL_STEPS = '*'

export interface SessionUser {
  id: number
  name: string
  roles: Role[]
  steps: string[]
}

export function hasRole(user: Pick<SessionUser, 'roles'> | null, role: Role): boolean {
  return !!user && user.roles.includes(role)
}

export function decidesStep(user: SessionUser | null, stepName: string): boolean {
  return hasRole(user, 'reviewer') && (user!.steps.includes(ALL_STEPS) || user!.steps.includes(stepName))
}

/** May this caller run a handler declared with `who`? `system` is the background duties' session. */
export function allowed(who: Who, user: SessionUser | null, system = false): boolean {
  if (who === 'public') return true
  if (system) return who !== 'user' && who.includes(SYSTEM)
  if (!user) return false
  if (who === 'user') return true
  return who.some((r) => r !== SYSTEM && user.roles.includes(r))
}

/** 需要“宣传干事”或“管理员”角色 */
export function rolesNeeded(who: Who): string {
  if (who === 'public' || who === 'user') return '登录'
  return who.filter((r): r is Role => r !== SYSTEM).map((r) => `“${ROLE_LABELS[r]}”`).join('或')
}
