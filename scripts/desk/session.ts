// Who runs a CLI command: `--user NAME`, the password from DESK_PASSWORD (never an argument: it would sit in the
// shell history and in every process listing), or typed at a hidden prompt when a terminal is attached. The sign-in
// goes through the dispatcher like the app's, so wrong passwords get the same growing delay and the same trail.
import { dispatch, handlers, type Ctx } from '../../handlers'
import { countUsers } from '../../db/queries/users'
import { contract, type ArgsOf, type HandlerName, type ResultOf } from '../../shared/contract'
import type { SessionState } from '../../shared/contract/users'
import type { JobStarted, JobStatus } from '../../shared/contract/jobs'
import { allowed, rolesNeeded } from '../../shared/roles'

/** A command ends with this message on stderr and this exit code (2: used wrongly, 1: refused or failed). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
    /** The dispatcher's error details, when the error is its answer (e.g. `issues` for refused arguments). */
    readonly details?: Record<string, unknown>
  ) {
    super(message)
  }
}

export const FIRST_ADMIN_HINT = '本工作台还没有用户。请先创建首位管理员：npm run desk -- users add 姓名 --role admin,officer（新用户的密码取自环境变量 DESK_NEW_PASSWORD）'

/** Read a line from the terminal without echoing it. Ctrl+C cancels. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let value = ''
    const finish = (e?: Error) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      process.stderr.write('\n')
      if (e) reject(e)
      else resolve(value)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish()
        if (ch === '\u0003') return finish(new CliError('已取消', 130))
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('')
        else if (ch >= ' ') value += ch
      }
    }
    // Echo off before the prompt shows: someone (or a script) typing the moment it appears must not see it echoed.
    stdin.setEncoding('utf8')
    stdin.setRawMode(true)
    stdin.resume()
    stdin.on('data', onData)
    process.stderr.write(prompt)
  })
}

/** A password from the environment, else from a hidden prompt; with neither, a Chinese error (exit 2). */
export async function secretFrom(env: 'DESK_PASSWORD' | 'DESK_NEW_PASSWORD', prompt: string, confirm = false): Promise<string> {
  const v = process.env[env]
  if (v) return v
  if (!process.stdin.isTTY) {
    const what = env === 'DESK_PASSWORD' ? '登录密码' : '新密码'
    throw new CliError(`请用环境变量 ${env} 提供${what}（密码不接受命令行参数）`, 2)
  }
  const first = await promptHidden(prompt)
  if (confirm && (await promptHidden('再输入一次：')) !== first) throw new CliError('两次输入的密码不一致', 2)
  return first
}

/** The password this run signed in with, for a command that asks for it again (e.g. changing one's own). */
let provenPassword: string | null = null
export const signInPassword = (): string | null => provenPassword

/** Sign `name` in on ctx's session and make ctx.user / ctx.actor theirs, for commands that call functions directly. */
export async function signIn(ctx: Ctx, name: string): Promise<void> {
  const password = await secretFrom('DESK_PASSWORD', `“${name}”的密码：`)
  const r = await dispatch(handlers, ctx, 'session-sign-in', { name, password })
  if (!r.ok) throw new CliError(`无法以“${name}”登录：${r.error.message}`, 1)
  const user = (r.value as SessionState).user!
  ctx.user = user
  ctx.actor = user.name
  provenPassword = password
}

/** Before a command that needs a person: `--user` given, or a clear hint (a desk with no users needs its first). */
export async function signInOrExplain(ctx: Ctx, name: string | null): Promise<void> {
  if (name) return signIn(ctx, name)
  if (countUsers(ctx.desk.db) === 0) throw new CliError(FIRST_ADMIN_HINT, 2)
  throw new CliError('请用 --user 姓名 指定操作人（密码取自环境变量 DESK_PASSWORD，或在终端中输入）', 2)
}

/**
 * For a command that calls domain functions directly (a backup to a chosen file, progress on the terminal): refuse
 * it exactly when the dispatcher would refuse the handler it stands for.
 */
export function mayCall(ctx: Ctx, name: HandlerName): void {
  const who = contract[name].who
  if (!allowed(who, ctx.user)) throw new CliError(`此操作需要${rolesNeeded(who)}角色；当前用户“${ctx.user?.name ?? '未登录'}”没有该权限`, 1)
}

/** A handler through the dispatcher; its error becomes the command's. */
export async function invoke<K extends HandlerName>(ctx: Ctx, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const r = await dispatch(handlers, ctx, name, args)
  if (!r.ok) throw new CliError(r.error.message, 1, r.error.details)
  return r.value as ResultOf<K>
}

/** A job-starting handler through the dispatcher, followed with job-status as the window follows it. */
export async function runJob<R>(ctx: Ctx, name: HandlerName, args: unknown, onStatus?: (s: JobStatus) => void): Promise<R> {
  const started = (await invoke(ctx, name, args as never)) as JobStarted
  for (;;) {
    const status = await invoke(ctx, 'job-status', { id: started.jobId })
    onStatus?.(status)
    if (status.finished) {
      if (status.error) throw new CliError(status.error.message, 1)
      return status.result as R
    }
    await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS))
  }
}
const JOB_POLL_MS = 100
