// `npm run desk -- [--db FILE] <command>`: the CLI transport over the same handlers as the app.
import { openContext, defaultDataDir } from '../handlers/context'
import { DamagedDatabaseError } from '../db/integrity'
import { damagedHint } from './desk/commands/backup'
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
  const dbFile = resolveDbFile(dbPath)
  const cmdArgv = rest.slice(1)
  const args = positionals(cmdArgv, command.valueFlags ?? [])
  if (command.runClosed) return await command.runClosed({ dbFile, dataDir: defaultDataDir(dbFile) }, args, cmdArgv)
  let ctx
  try {
    ctx = openContext({ dbFile, actor: process.env.DESK_ACTOR ?? '命令行' })
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) throw e
    process.stderr.write(damagedHint(e, dbFile))
    return 3
  }
  try {
    return await command.run!(ctx, args, cmdArgv)
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
