// Feeds fetched through Chromium's network stack (Electron `net`), so the system proxy, PAC scripts and the
// hospital's own certificates apply just as they do in the officer's browser. Only bytes move here: the
// deadline, size cap, redirect policy and validators stay in services/feeds/fetcher.ts.
import { net } from 'electron'
import type { HttpResponse, HttpTransport } from '../../services/feeds/fetcher'

type Headers = Record<string, string | string[] | undefined>

/** Chromium negotiates compression itself and hands over decoded bytes, so these headers no longer describe them. */
const DECODED_AWAY = new Set(['content-encoding', 'content-length'])

/** Chromium's error names mapped to the Node codes services/feeds/messages.ts explains in plain Chinese. */
const NODE_CODES: Record<string, string> = {
  ERR_CONNECTION_REFUSED: 'ECONNREFUSED',
  ERR_NAME_NOT_RESOLVED: 'ENOTFOUND',
  ERR_NAME_RESOLUTION_FAILED: 'EAI_AGAIN',
  ERR_CONNECTION_RESET: 'ECONNRESET',
  ERR_CONNECTION_CLOSED: 'ECONNRESET',
  ERR_CONNECTION_TIMED_OUT: 'ETIMEDOUT',
  ERR_TIMED_OUT: 'ETIMEDOUT',
  ERR_INTERNET_DISCONNECTED: 'ENETUNREACH',
  ERR_NETWORK_UNREACHABLE: 'ENETUNREACH',
  ERR_ADDRESS_UNREACHABLE: 'EHOSTUNREACH'
}

function withCode(e: Error): Error {
  const chromium = /net::(ERR_[A-Z_]+)/.exec(e.message)?.[1]
  // Certificate errors keep their name: messages.ts recognises CERT in it.
  return chromium ? Object.assign(e, { code: NODE_CODES[chromium] ?? chromium }) : e
}

/** Electron's IncomingMessage is a Node Readable (types describe it as an emitter only), so it iterates. */
function bodyOf(res: Electron.IncomingMessage): AsyncIterable<Uint8Array> {
  return res as unknown as AsyncIterable<Uint8Array>
}

export function createElectronTransport(): HttpTransport {
  return {
    request: (url, headers, signal) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const outgoing: Record<string, string> = {}
        for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() !== 'accept-encoding') outgoing[k] = v
        const req = net.request({
          url,
          method: 'GET',
          headers: outgoing,
          redirect: 'manual',
          // Our own If-None-Match/If-Modified-Since must reach the server, and a 304 must reach us.
          cache: 'no-store',
          credentials: 'omit',
          useSessionCookies: false
        })
        let settled = false
        const abort = () => {
          req.abort()
          if (!settled) {
            settled = true
            reject(new Error('aborted'))
          }
        }
        if (signal.aborted) return abort()
        signal.addEventListener('abort', abort, { once: true })
        // Not following a redirect cancels the request; the policy (where to, how many) is fetcher.ts's.
        req.on('redirect', (status, _method, redirectUrl, responseHeaders) => {
          if (settled) return
          settled = true
          resolve({ status, headers: { ...responseHeaders, location: redirectUrl }, body: (async function* () {})(), destroy: () => req.abort() })
        })
        req.on('response', (res) => {
          if (settled) return res.on('error', () => {})
          settled = true
          const out: Headers = {}
          for (const [k, v] of Object.entries(res.headers)) if (!DECODED_AWAY.has(k.toLowerCase())) out[k.toLowerCase()] = v
          res.on('error', () => {}) // surfaced through the body iterator
          resolve({ status: res.statusCode, headers: out, body: bodyOf(res), destroy: () => req.abort() })
        })
        req.on('error', (e) => {
          if (settled) return
          settled = true
          reject(withCode(e))
        })
        req.end()
      })
  }
}
