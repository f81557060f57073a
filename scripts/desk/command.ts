import type { Ctx } from '../../handlers'

/** One CLI command. `run` returns the process exit code. */
export interface Command {
  name: string
  usage: string
  summary: string
  /** Flags that take a value, so they are not mistaken for positionals. */
  valueFlags?: string[]
  run?(ctx: Ctx, args: string[], argv: string[]): Promise<number> | number
  /** Instead of `run`, for commands that must work when the database cannot be opened (restore): paths only. */
  runClosed?(files: DeskPaths, args: string[], argv: string[]): Promise<number> | number
}

export interface DeskPaths {
  dbFile: string
  dataDir: string
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
