// Feeds fetched by the hosting process on the thread's behalf: in the Electron app that is Chromium's network
// stack (`net`: the system proxy, PAC scripts, the hospital's certificates), which only the main process has.
// Only bytes cross; the deadline, size cap, redirects and validators stay in services/feeds/fetcher.ts.
import type { HttpResponse, HttpTransport } from '../../services/feeds/fetcher'
import type { FromDesk, ToDesk } from './protocol'

interface Pending {
  resolve(r: HttpResponse): void
  reject(e: Error): void
  chunks: Uint8Array[]
  wake: (() => void) | null
  ended: boolean
  failed: Error | null
}

/** The thread's side: a transport whose requests the host carries out. */
export function remoteTransport(post: (m: FromDesk) => void): { transport: HttpTransport; receive(m: ToDesk): void } {
  let next = 1
  const pending = new Map<number, Pending>()
  const wake = (p: Pending) => {
    p.wake?.()
    p.wake = null
  }
  return {
    transport: {
      request: (url, headers, signal) =>
        new Promise<HttpResponse>((resolve, reject) => {
          const id = next++
          const p: Pending = { resolve, reject, chunks: [], wake: null, ended: false, failed: null }
          pending.set(id, p)
          const abort = () => {
            post({ t: 'http-abort', id })
            p.failed = new Error('aborted')
            pending.delete(id)
            reject(p.failed)
            wake(p)
          }
          if (signal.aborted) return abort()
          signal.addEventListener('abort', abort, { once: true })
          post({ t: 'http-request', id, url, headers })
        })
    },
    receive(m) {
      if (m.t !== 'http-head' && m.t !== 'http-chunk' && m.t !== 'http-end' && m.t !== 'http-error') return
      const p = pending.get(m.id)
      if (!p) return
      if (m.t === 'http-head') {
        const id = m.id
        p.resolve({
          status: m.status,
          headers: m.headers,
          body: {
            async *[Symbol.asyncIterator]() {
              for (;;) {
                if (p.chunks.length) yield p.chunks.shift()!
                else if (p.failed) throw p.failed
                else if (p.ended) return
                else await new Promise<void>((r) => (p.wake = r))
              }
            }
          },
          destroy: () => {
            if (!pending.has(id)) return
            pending.delete(id)
            post({ t: 'http-abort', id })
            p.ended = true
            wake(p)
          }
        })
      } else if (m.t === 'http-chunk') {
        p.chunks.push(m.chunk)
        wake(p)
      } else if (m.t === 'http-end') {
        p.ended = true
        pending.delete(m.id)
        wake(p)
      } else {
        const e = Object.assign(new Error(m.message), m.code ? { code: m.code } : {})
        p.failed = e
        pending.delete(m.id)
        p.reject(e)
        wake(p)
      }
    }
  }
}

/** The host's side: carry out the thread's requests with `transport`, streaming the body back. */
export function serveRemoteHttp(transport: HttpTransport, send: (m: ToDesk) => void): (m: FromDesk) => void {
  const running = new Map<number, AbortController>()
  return (m) => {
    if (m.t === 'http-abort') return running.get(m.id)?.abort()
    if (m.t !== 'http-request') return
    const ac = new AbortController()
    running.set(m.id, ac)
    void (async () => {
      try {
        const res = await transport.request(m.url, m.headers, ac.signal)
        ac.signal.addEventListener('abort', () => res.destroy(), { once: true })
        send({ t: 'http-head', id: m.id, status: res.status, headers: res.headers })
        for await (const chunk of res.body) {
          if (ac.signal.aborted) break
          send({ t: 'http-chunk', id: m.id, chunk: new Uint8Array(chunk) })
        }
        if (!ac.signal.aborted) send({ t: 'http-end', id: m.id })
      } catch (e) {
        if (!ac.signal.aborted) send({ t: 'http-error', id: m.id, message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code })
      } finally {
        running.delete(m.id)
      }
    })()
  }
}
