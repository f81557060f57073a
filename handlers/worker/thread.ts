// The desk's own thread: the database, every handler and the background duties run here, so a ten-year
// quick_check, a 5,000-row import or a poll of 500 feeds never holds up the process that carries the windows.
// The transports only forward (session, name, args) and results (./client.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { openContext, type Ctx } from '../context'
import { DamagedDatabaseError } from '../../db/integrity'
import { dispatch, handlers } from '../index'
import { startBackground, type Background } from '../background'
import { cancelAllJobs } from '../jobs/runner'
import { remoteTransport } from './remote-http'
import { remotePages } from './remote-pages'
import type { DeskOptions, FromDesk, ToDesk } from './protocol'

const port = parentPort!
const post = (m: FromDesk) => port.postMessage(m)
const options = workerData as DeskOptions

let ctx: Ctx
const http = options.remoteHttp ? remoteTransport(post) : undefined
const pages = options.remotePages ? remotePages(post) : undefined
try {
  ctx = openContext({
    dbFile: options.dbFile,
    migrationsFolder: options.migrationsFolder,
    dataDir: options.dataDir,
    notify: (notice) => post({ t: 'notice', notice }),
    changed: (domains) => post({ t: 'changed', domains }),
    ...(http ? { http: http.transport } : {}),
    ...(pages ? { pages: pages.renderer } : {})
  })
} catch (e) {
  const damaged = e instanceof DamagedDatabaseError ? { file: e.file, problem: e.problem, backup: e.backup ?? null } : undefined
  post({ t: 'failed', message: e instanceof Error ? e.message : String(e), damaged })
  process.exit(0)
}

const background: Background | null = options.background?.length ? startBackground(ctx, { only: options.background }) : null
const inFlight = new Set<Promise<unknown>>()
let closing = false

async function shutdown(): Promise<void> {
  closing = true
  await background?.stop()
  await Promise.all(inFlight)
  await cancelAllJobs(ctx.desk)
  ctx.desk.close()
  post({ t: 'closed' })
  port.close()
}

port.on('message', (m: ToDesk) => {
  switch (m.t) {
    case 'call': {
      const session = m.session
      const work = closing
        ? Promise.resolve({ ok: false as const, error: { type: 'user' as const, message: '工作台正在关闭，请稍候重新打开' } })
        : dispatch(handlers, { ...ctx, session }, m.name, m.args)
      const p = work.then((envelope) => post({ t: 'result', id: m.id, envelope, session }))
      inFlight.add(p)
      void p.finally(() => inFlight.delete(p))
      return
    }
    case 'kick':
      return background?.kick()
    case 'shutdown':
      return void shutdown()
    default:
      http?.receive(m)
      return pages?.receive(m)
  }
})
post({ t: 'ready' })
