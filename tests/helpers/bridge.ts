import { beforeAll, afterAll } from 'vitest'
import { request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebBridge, type WebBridge } from '../../scripts/web/server'
import { inProcessDesk } from '../../handlers/worker/in-process'
import { SESSION_COOKIE } from '../../scripts/web/sessions'
import { freshDesk, TEST_PASSWORD, type TestDesk } from './desk'

export interface Reply {
  status: number
  headers: Record<string, unknown>
  body: string
}

export interface BridgeUnderTest {
  desk: TestDesk
  bridge: WebBridge
  port: number
  /** The bridge's own origin, http://127.0.0.1:PORT. */
  origin: string
  /** A raw HTTP request to the bridge; `headers.host` replaces the Host header when given; `cookie` is sent as is. */
  send(o: { path?: string; method?: string; headers?: Record<string, string>; body?: string; cookie?: string }): Promise<Reply>
  /** POST /api/invoke as the page does (token, origin), with the session cookie when given. */
  call(name: unknown, args?: unknown, cookie?: string): Promise<Reply>
  /** Sign in through the bridge (as the desk's test user unless named); the session cookie to send afterwards. */
  signIn(name?: string, password?: string): Promise<string>
}

/** `desk_session=…` from a reply's Set-Cookie header, ready for a Cookie header (or null). */
export function sessionCookie(r: Reply): string | null {
  const raw = r.headers['set-cookie'] as string[] | undefined
  const line = raw?.find((c) => c.startsWith(SESSION_COOKIE + '='))
  return line ? line.split(';')[0] : null
}

/** One HTTP bridge per test file, over a fresh desk and a one-page static folder. */
export function useBridge(): BridgeUnderTest {
  const b = {} as BridgeUnderTest
  beforeAll(async () => {
    b.desk = freshDesk()
    const staticDir = mkdtempSync(join(tmpdir(), 'desk-static-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
    b.bridge = await startWebBridge({ desk: inProcessDesk(b.desk.ctx), staticDir })
    b.port = Number(new URL(b.bridge.url).port)
    b.origin = `http://127.0.0.1:${b.port}`
  })
  afterAll(async () => {
    await b.bridge.close()
    b.desk.close()
  })
  b.send = (o) =>
    new Promise((resolve, reject) => {
      const headers = { ...o.headers, ...(o.cookie ? { cookie: o.cookie } : {}) }
      const req = request({ host: '127.0.0.1', port: b.port, path: o.path ?? '/api/invoke', method: o.method ?? 'POST', headers, setHost: !o.headers?.host }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', reject)
      req.end(o.body)
    })
  b.call = (name, args, cookie) =>
    b.send({ headers: { 'content-type': 'application/json', 'x-desk-token': b.bridge.token, origin: b.origin }, cookie, body: JSON.stringify({ name, args }) })
  b.signIn = async (name = b.desk.ctx.actor, password = TEST_PASSWORD) => {
    const r = await b.call('session-sign-in', { name, password })
    const cookie = sessionCookie(r)
    if (r.status !== 200 || !JSON.parse(r.body).ok || !cookie) throw new Error(`sign-in as ${name} failed: ${r.status} ${r.body}`)
    return cookie
  }
  return b
}
