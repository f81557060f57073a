// `desk users add | list | disable | enable | passwd`: 本机用户 from the command line, through the same handlers as
// 设置 → 本机用户, so only an administrator may add or change people and every change is in the trail. New
// passwords come from DESK_NEW_PASSWORD (or a hidden prompt), never from an argument.
import type { Ctx } from '../../../handlers'
import { countUsers } from '../../../db/queries/users'
import { ALL_STEPS, ROLES, ROLE_LABELS, type Role } from '../../../shared/roles'
import type { UserInfo } from '../../../shared/contract/users'
import { argValue, hasFlag } from '../args'
import type { Command } from '../command'
import { printJson } from '../command'
import { CliError, FIRST_ADMIN_HINT, invoke, secretFrom, signInPassword } from '../session'

const out = (s: string): boolean => process.stdout.write(s + '\n')
const list = (s: string | null) => (s ?? '').split(/[,，、]/).map((x) => x.trim()).filter(Boolean)
const BY_LABEL = Object.fromEntries(ROLES.map((r) => [ROLE_LABELS[r], r])) as Record<string, Role>
const USAGE = 'users add 姓名 --role officer,reviewer [--steps "宣传科初审,医务科审核"] | list [--json] | disable 姓名 | enable 姓名 | passwd 姓名'

/** Roles by code or by their Chinese name (宣传干事), for whoever types them. */
function parseRoles(arg: string | null): Role[] {
  const roles = list(arg).map((r) => BY_LABEL[r] ?? r)
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r))
  if (!roles.length || bad.length) {
    const known = ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')
    throw new CliError(`${bad.length ? `未知的角色：${bad.join('、')}。` : '请用 --role 指定角色。'}可用的角色：${known}`, 2)
  }
  return [...new Set(roles as Role[])]
}

/** 全部 / 全部步骤 / * : a reviewer who may decide every step. */
const parseSteps = (arg: string | null) => list(arg).map((s) => (s === '全部' || s === '全部步骤' ? ALL_STEPS : s))

const newPassword = (name: string) => secretFrom('DESK_NEW_PASSWORD', `“${name}”的新密码：`, true)

async function byName(ctx: Ctx, name: string | undefined): Promise<UserInfo> {
  if (!name) throw new CliError(`用法：${USAGE}`, 2)
  const found = (await invoke(ctx, 'user-list', {})).find((u) => u.name === name)
  if (!found) throw new CliError(`没有名为“${name}”的用户`, 1)
  return found
}

function line(u: UserInfo): string {
  const roles = u.roles.map((r) => ROLE_LABELS[r]).join('、')
  const steps = u.roles.includes('reviewer') ? `  审核步骤：${u.steps.includes(ALL_STEPS) ? '全部步骤' : u.steps.join('、')}` : ''
  return `#${u.id} ${u.name}${u.active ? '' : '（已停用）'}  ${roles}${steps}  创建：${u.createdAt.slice(0, 10)}（${u.createdBy}）`
}

/**
 * The first user of a desk that has none (a new desk, or one made before users existed) is its administrator:
 * created through session-setup-first-admin, which then signs them in, so any further roles go through user-update.
 */
async function firstUser(ctx: Ctx, name: string, roles: Role[], steps: string[]): Promise<UserInfo> {
  if (!roles.includes('admin')) throw new CliError(`本工作台还没有用户，第一位用户须是管理员：请在 --role 中包含 admin，如 users add ${name} --role admin,officer`, 2)
  if (roles.includes('reviewer') && !steps.length) throw new CliError('审核人须用 --steps 指定负责的审核步骤（如“宣传科初审”），或写 --steps 全部', 2)
  const password = await newPassword(name)
  const state = await invoke(ctx, 'session-setup-first-admin', { name, password, officer: roles.includes('officer') })
  const id = state.user!.id
  const more = roles.some((r) => r !== 'admin' && r !== 'officer')
  return more ? invoke(ctx, 'user-update', { id, roles, steps }) : (await invoke(ctx, 'user-list', {})).find((u) => u.id === id)!
}

async function users(ctx: Ctx, [sub, name]: string[], argv: string[]): Promise<number> {
  const signedIn = ctx.session.userId !== null
  if (sub === 'add' && name) {
    const roles = parseRoles(argValue(argv, '--role'))
    const steps = parseSteps(argValue(argv, '--steps'))
    const empty = countUsers(ctx.desk.db) === 0
    if (!empty && !signedIn) throw new CliError('添加用户须由管理员进行：请用 --user 指定管理员（密码取自环境变量 DESK_PASSWORD）', 2)
    const u = empty && !signedIn ? await firstUser(ctx, name, roles, steps) : await invoke(ctx, 'user-add', { name, roles, steps, password: await newPassword(name) })
    out(`已添加用户：${line(u)}`)
    return 0
  }
  if (!signedIn) throw new CliError(countUsers(ctx.desk.db) === 0 ? FIRST_ADMIN_HINT : '请用 --user 姓名 指定操作人（密码取自环境变量 DESK_PASSWORD）', 2)
  if (sub === 'list') {
    const rows = await invoke(ctx, 'user-list', {})
    if (hasFlag(argv, '--json')) printJson(rows)
    else for (const u of rows) out(line(u))
    return 0
  }
  if (sub === 'disable' || sub === 'enable') {
    const u = await byName(ctx, name)
    // the steps are sent as they are: user-update reads an absent `steps` as none (its schema defaults it to [])
    const after = await invoke(ctx, 'user-update', { id: u.id, active: sub === 'enable', steps: u.steps })
    out(`${sub === 'enable' ? '已启用' : '已停用'}用户：${line(after)}`)
    return 0
  }
  if (sub === 'passwd') {
    const u = await byName(ctx, name)
    const password = await newPassword(u.name)
    if (u.id === ctx.session.userId) {
      // one's own: the password just proven at sign-in is the current one (as 修改密码 asks for it again)
      await invoke(ctx, 'password-change', { current: signInPassword() ?? '', password })
      out(`已修改“${u.name}”的密码`)
    } else {
      await invoke(ctx, 'user-reset-password', { id: u.id, password })
      out(`已重置“${u.name}”的密码（已记入操作日志，日志中不含密码）`)
    }
    return 0
  }
  throw new CliError(`用法：${USAGE}`, 2)
}

export const userCommands: Command[] = [
  {
    name: 'users',
    usage: 'users add 姓名 --role 角色,… [--steps 步骤,…] | list [--json] | disable 姓名 | enable 姓名 | passwd 姓名',
    summary: '本机用户：添加（密码取自 DESK_NEW_PASSWORD）、列出、停用/启用、重置或修改密码',
    valueFlags: ['--role', '--steps'],
    signIn: 'optional',
    run: users
  }
]
