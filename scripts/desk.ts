// `npm run desk -- [--db FILE] <command> [--user NAME]`: the CLI transport over the same handlers as the app. Every
// command that acts on a desk signs a person in first (scripts/desk/session.ts); the password comes from the
// environment (DESK_PASSWORD) or a hidden prompt, never from the command line.
import { openContext, defaultDataDir } from '../handlers/context'
import { DamagedDatabaseError } from '../db/integrity'
import { damagedHint } from './desk/commands/backup'
import { resolveDbFile } from '../db/paths'
import { argValue, positionals, takeFlag } from './desk/args'
import { commands } from './desk/commands'
import { CliError, signInOrExplain, signIn } from './desk/session'

function help(): void {
  process.stdout.write('用法：npm run desk -- [--db 数据库文件] <命令> [参数] --user 姓名\n\n')
  for (const c of commands) process.stdout.write(`  ${c.usage.padEnd(48)} ${c.summary}\n`)
  process.stdout.write(
    [
      '',
      '除 handlers、help 外，每个命令都以 --user 指定的用户身份执行，权限与桌面程序相同。',
      '密码取自环境变量 DESK_PASSWORD（不接受命令行参数）；未设置且在终端中运行时提示输入（不回显）。',
      '新用户的密码（users add / users passwd）取自环境变量 DESK_NEW_PASSWORD。',
      '还没有用户的工作台：先运行 users add 姓名 --role admin,officer（无需 --user）。',
      ''
    ].join('\n')
  )
}

async function main(argv: string[]): Promise<number> {
  const dbPath = argValue(argv, '--db')
  const { value: user, rest: withoutUser } = takeFlag(argv, '--user')
  if (user === '') throw new CliError('--user 后面请写用户姓名', 2)
  const rest = withoutUser.filter((a, i) => a !== '--db' && withoutUser[i - 1] !== '--db' && !a.startsWith('--db='))
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
  if (command.runClosed) return await command.runClosed({ dbFile, dataDir: defaultDataDir(dbFile), user }, args, cmdArgv)
  let ctx
  try {
    ctx = openContext({ dbFile, actor: '命令行' })
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError)) throw e
    process.stderr.write(damagedHint(e, dbFile))
    return 3
  }
  try {
    if (command.signIn === undefined) await signInOrExplain(ctx, user)
    else if (command.signIn === 'optional' && user) await signIn(ctx, user)
    return await command.run!(ctx, args, cmdArgv)
  } finally {
    ctx.desk.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(e instanceof CliError ? e.code : 1)
  }
)
