// `npm run desk -- [--db FILE] <command>`: the CLI transport over the same handlers as the app.
import { openContext } from '../handlers/context'
import { resolveDbFile } from '../db/paths'
import { argValue, positionals } from './desk/args'
import { commands } from './desk/commands'

function help(): void {
  process.stdout.write('用法：npm run desk -- [--db 数据库文件] <命令> [参数]\n\n')
  for (const c of commands) process.stdout.write(`  ${c.usage.padEnd(48)} ${c.summary}\n`)
}

async function main(argv: string[]): Promise<number> {
  const dbPath = argValue(argv, '--db')
  const rest = argv.filter((a, i) => a !== '--db' && argv[i - 1] !== '--db' && !a.startsWith('--db='))
  const name = rest[0]
  if (!name || name === 'help' || name === '--help') {
    help()
    return name ? 0 : 2
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    process.stderr.write(`未知命令：${name}\n`)
    help()
    return 2
  }
  const ctx = openContext({ dbFile: resolveDbFile(dbPath), actor: process.env.DESK_ACTOR ?? '命令行' })
  try {
    const cmdArgv = rest.slice(1)
    return await command.run(ctx, positionals(cmdArgv, command.valueFlags ?? []), cmdArgv)
  } finally {
    ctx.desk.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  }
)
