// `npm run web`: the desk in any browser, through the HTTP bridge on 127.0.0.1.
import { join } from 'node:path'
import { openContext, type Ctx } from '../handlers/context'
import { DamagedDatabaseError } from '../db/integrity'
import { damagedHint } from './desk/commands/backup'
import { resolveDbFile } from '../db/paths'
import { startWebBridge } from './web/server'
import { argValue } from './desk/args'

const dbFile = resolveDbFile(argValue(process.argv, '--db'))
const notices: { title: string; body: string }[] = []
let ctx: Ctx
try {
  ctx = openContext({ dbFile, notify: (n) => notices.push(n) })
} catch (e) {
  if (!(e instanceof DamagedDatabaseError)) throw e
  process.stderr.write(damagedHint(e, dbFile))
  process.exit(3)
}
const bridge = await startWebBridge({ ctx, staticDir: join(process.cwd(), 'out', 'renderer'), port: Number(argValue(process.argv, '--port') ?? 0) })
console.log(`宣传舆情工作台（浏览器模式）已启动：${bridge.url}`)
console.log(`数据库：${dbFile}`)
const stop = async () => {
  await bridge.close()
  ctx.desk.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
