import type { Ctx } from '../../handlers'

/** One CLI command. `run` returns the process exit code. */
export interface Command {
  name: string
  usage: string
  summary: string
  /** Flags that take a value, so they are not mistaken for positionals. */
  valueFlags?: string[]
  run(ctx: Ctx, args: string[], argv: string[]): Promise<number> | number
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}
