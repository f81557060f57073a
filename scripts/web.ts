// `npm run web`: the desk in any browser, through the HTTP bridge on 127.0.0.1. The desk itself (database,
// handlers, background duties) runs in its own thread; this process only serves pages and forwards calls.
import { join } from 'node:path'
import { DamagedDatabaseError } from '../db/integrity'
import { damagedHint } from './desk/commands/backup'
import { resolveDbFile } from '../db/paths'
import { startWebBridge } from './web/server'
import { argValue } from './desk/args'
import { startDesk, type DeskClient } from '../handlers/worker/client'
import { ALL_DUTIES } from '../handlers/duties'

const dbFile = resolveDbFile(argValue(process.argv, '--db'))
let desk: DeskClient
try {
  desk = await startDesk({ dbFile, background: ALL_DUTIES })
} catch (e) {
  if (!(e instanceof DamagedDatabaseError)) throw e
  process.stderr.write(damagedHint(e, dbFile))
  process.exit(3)
}
const bridge = await startWebBridge({ desk, staticDir: join(process.cwd(), 'out', 'renderer'), port: Number(argValue(process.argv, '--port') ?? 0) })
console.log(`宣传舆情工作台（浏览器模式）已启动：${bridge.url}`)
console.log(`数据库：${dbFile}`)
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  console.log('正在关闭：等待进行中的操作完成…')
  await bridge.close()
  await desk.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
