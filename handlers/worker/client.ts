// The transports' side of the desk. `startDesk` runs the desk in its own thread (./thread.ts); `inProcessDesk`
// (./in-process.ts) answers in this process, for tests that set the desk's clock. Both answer
// `call(session, name, args)` exactly as the dispatcher does, so a transport does not know which it has.
import { Worker } from 'node:worker_threads'
import { DamagedDatabaseError } from '../../db/integrity'
import { serveRemoteHttp } from './remote-http'
import { serveRemotePages } from './remote-pages'
import type { Notice, Session } from '../context'
import type { Domain, Envelope } from '../../shared/contract'
import type { HttpTransport } from '../../services/feeds/fetcher'
import type { PageRenderer } from '../../services/watch/page-image'
import type { DeskOptions, FromDesk, ToDesk } from './protocol'

export interface DeskListener {
  notice?(n: Notice): void
  changed?(domains: Domain[]): void
}

export interface DeskClient {
  /** One call as `session`; the session comes back changed as the call left it (signed in, locked …). */
  call(session: Session, name: unknown, args: unknown): Promise<Envelope<unknown>>
  /** Notices and background changes, for the transport to pass on to its windows. */
  listen(l: DeskListener): void
  /** After sleep: the background duties run at once. */
  kick(): void
  /** Waits for calls in flight, the background duties and running jobs (cancelled), then closes the database. */
  close(): Promise<void>
}

const GONE: Envelope<never> = { ok: false, error: { type: 'internal', message: '工作台服务已停止，请重新打开程序' } }

/** Where the thread's code is: beside the built main bundle in the app, the TypeScript source under tsx. */
export function deskThreadUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './thread-tsx.mjs' : './desk-thread.js', import.meta.url)
}

/**
 * Open the desk in a worker thread. Resolves once the database is open and migrated; a damaged file rejects with
 * DamagedDatabaseError (naming the newest good backup), as openContext does.
 */
export function startDesk(o: DeskOptions & { http?: HttpTransport; pages?: PageRenderer; threadUrl?: URL }): Promise<DeskClient> {
  const { http, pages, threadUrl, ...data } = o
  const worker = new Worker(threadUrl ?? deskThreadUrl(), { workerData: { ...data, remoteHttp: !!http, remotePages: !!pages } satisfies DeskOptions })
  const send = (m: ToDesk) => worker.postMessage(m)
  const serveHttp = http ? serveRemoteHttp(http, send) : null
  const servePages = pages ? serveRemotePages(pages, send) : null
  const waiting = new Map<number, { session: Session; resolve: (e: Envelope<unknown>) => void }>()
  const listeners: DeskListener[] = []
  let next = 1
  let alive = true
  let closed: Promise<void> | null = null
  let onClosed = () => {}

  const fail = () => {
    alive = false
    for (const w of waiting.values()) w.resolve(GONE)
    waiting.clear()
    onClosed()
  }

  return new Promise<DeskClient>((resolve, reject) => {
    worker.on('error', (e) => {
      console.error('工作台线程出错', e)
      reject(e)
      fail()
    })
    worker.on('exit', fail)
    worker.on('message', (m: FromDesk) => {
      switch (m.t) {
        case 'ready':
          return resolve(client)
        case 'failed':
          return reject(m.damaged ? new DamagedDatabaseError(m.damaged.file, m.damaged.problem, m.damaged.backup) : new Error(m.message))
        case 'result': {
          const w = waiting.get(m.id)
          if (!w) return
          waiting.delete(m.id)
          Object.assign(w.session, m.session)
          return w.resolve(m.envelope)
        }
        case 'notice':
          return listeners.forEach((l) => l.notice?.(m.notice))
        case 'changed':
          return listeners.forEach((l) => l.changed?.(m.domains))
        case 'closed':
          return onClosed()
        default:
          serveHttp?.(m)
          return servePages?.(m)
      }
    })

    const client: DeskClient = {
      call(session, name, args) {
        if (!alive) return Promise.resolve(GONE)
        const id = next++
        return new Promise((done) => {
          waiting.set(id, { session, resolve: done })
          send({ t: 'call', id, session: { ...session }, name, args })
        })
      },
      listen: (l) => void listeners.push(l),
      kick: () => alive && send({ t: 'kick' }),
      close() {
        closed ??= new Promise<void>((done) => {
          if (!alive) return done()
          onClosed = () => {
            alive = false
            done()
          }
          send({ t: 'shutdown' })
        }).then(() => worker.terminate().then(() => undefined))
        return closed
      }
    }
  })
}
