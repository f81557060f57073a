// Run the CLI (`npm run desk`) as a child process, signed in the way a person would be: `--user NAME` on the command
// line, the password in DESK_PASSWORD. `firstAdmin` creates the desk's first user as `users add` does.
import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** scripts/desk.ts, bundled once per test run by tests/setup/cli-bundle.ts. */
export const CLI = join(process.cwd(), 'node_modules', '.cache', 'desk-cli', 'desk.mjs')
export const CLI_ADMIN = '命令行管理员'
export const CLI_PASSWORD = 'cli-test-口令-2023'

export interface CliRun {
  code: number | null
  out: string
  err: string
}

export interface CliOptions {
  /** Who signs in (default CLI_ADMIN); null: no --user at all. */
  user?: string | null
  /** DESK_PASSWORD (default CLI_PASSWORD); null: not set. */
  password?: string | null
  /** DESK_NEW_PASSWORD, for users add / users passwd. */
  newPassword?: string
}

function spawnArgs(db: string, args: string[], o: CliOptions) {
  const user = o.user === undefined ? CLI_ADMIN : o.user
  const password = o.password === undefined ? CLI_PASSWORD : o.password
  const env: Record<string, string | undefined> = { ...process.env, DESK_PASSWORD: undefined, DESK_NEW_PASSWORD: undefined }
  if (password !== null) env.DESK_PASSWORD = password
  if (o.newPassword) env.DESK_NEW_PASSWORD = o.newPassword
  return { argv: [CLI, '--db', db, ...args, ...(user === null ? [] : ['--user', user])], env }
}

/** Blocking: for commands that need no server of the test's own to answer them. */
export function cli(db: string, args: string[], o: CliOptions = {}): CliRun {
  const { argv, env } = spawnArgs(db, args, o)
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** Non-blocking: while the child fetches from a server in this process (a blocking spawn would stop it answering). */
export function cliAsync(db: string, args: string[], o: CliOptions = {}): Promise<CliRun> {
  const { argv, env } = spawnArgs(db, args, o)
  return new Promise((resolve) => {
    const child = execFile(process.execPath, argv, { encoding: 'utf8', env }, (e, out, err) => resolve({ code: e ? Number(e.code ?? 1) : 0, out, err }))
    child.stdin?.end()
  })
}

/** The first user of a new desk (no --user needed): an administrator, by default also officer and secretary. */
export function firstAdmin(db: string, roles = 'admin,officer,secretary', name = CLI_ADMIN): CliRun {
  const r = cli(db, ['users', 'add', name, '--role', roles], { user: null, password: null, newPassword: CLI_PASSWORD })
  if (r.code !== 0) throw new Error(`users add ${name} failed: ${r.err}`)
  return r
}
