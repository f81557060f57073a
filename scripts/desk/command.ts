import type { Ctx } from '../../handlers'

/** One CLI command. `run` returns the process exit code. */
export interface Command {
  name: string
  usage: string
  summary: string
  /** Flags that take a value, so they are not mistaken for positionals. */
  valueFlags?: string[]
  /**
   * Who must be signed in before `run` (scripts/desk/session.ts): by default the `--user` named, whose password
   * is proven first. 'none': the command does not touch the desk's records (handlers). 'optional': the command
   * decides itself (`users add` creates the first user of a desk that has none).
   */
  signIn?: 'none' | 'optional'
  run?(ctx: Ctx, args: string[], argv: string[]): Promise<number> | number
  /** Instead of `run`, for commands that must work when the database cannot be opened (restore): paths only. */
  runClosed?(files: DeskPaths, args: string[], argv: string[]): Promise<number> | number
}

export interface DeskPaths {
  dbFile: string
  dataDir: string
  /** The `--user` given, if any: a closed command signs in itself when it can open the desk. */
  user: string | null
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
