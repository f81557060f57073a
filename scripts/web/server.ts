import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { DeskClient } from '../../handlers/worker/client'
import type { Notice, Session } from '../../handlers/context'
import { CSP } from '../../shared/csp'
import { createSessionStore } from './sessions'

/**
 * The HTTP bridge: the built renderer plus the desk, on 127.0.0.1 only, for browser use and tests. It only forwards
 * (session, name, args) to the desk (in its own thread under `npm run web`, see handlers/worker/) and pushes the
 * desk's notices and background changes to the open pages over one event stream per page (/api/events).
 */
export interface WebBridge {
  url: string
  token: string
  server: Server
  /** How many browser sessions the bridge holds (signed in or not). */
  readonly sessions: number
  close(): Promise<void>
}

const MAX_BODY = 16 * 1024 * 1024
/** Notices raised while no page is listening wait for the next page that opens its event stream (at most this many). */
const MAX_WAITING_NOTICES = 50
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

/**
 * The calls a browser may make before it has a session: what the sign-in screen needs. For these the bridge opens a
 * session and sets its cookie in the reply; every other call without a valid session cookie is refused.
 */
const ENTRY = new Set(['app-state', 'session-state', 'session-sign-in', 'session-setup-first-admin'])
/** After these the session changes hands (signed in, signed out): it moves to a new id, so an old cookie is void. */
const ROTATE = new Set(['session-sign-in', 'session-setup-first-admin', 'session-sign-out'])

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    ...extra
  })
  res.end(body)
}

function refuse(res: ServerResponse, status: number, message: string, details?: Record<string, unknown>): void {
  send(res, status, JSON.stringify({ ok: false, error: { type: 'user', message, ...(details ? { details } : {}) } }))
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('too-large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

interface Stream {
  res: ServerResponse
  session: Session
}

export async function startWebBridge(o: { desk: DeskClient; staticDir: string; port?: number }): Promise<WebBridge> {
  const token = randomBytes(24).toString('hex')
  const sessions = createSessionStore(token)
  let origin = ''
  let host = ''
  const streams = new Set<Stream>()
  const waitingNotices: Notice[] = []

  const push = (to: Iterable<Stream>, event: string, data: unknown) => {
    for (const s of to) s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  /** Only a page with someone signed in (and not locked) hears what the desk says. */
  const listening = (session?: Session) => [...streams].filter((s) => s.session.userId !== null && !s.session.locked && (!session || s.session === session))
  const flushNotices = (session: Session) => {
    const to = listening(session)
    if (to.length) for (const n of waitingNotices.splice(0)) push(to, 'notice', n)
  }
  o.desk.listen({
    // A notice is shown once: to the pages open now, or else to the next page someone signs in on.
    notice: (n) => {
      const to = listening()
      if (to.length) push(to, 'notice', n)
      else if (waitingNotices.push(n) > MAX_WAITING_NOTICES) waitingNotices.shift()
    },
    changed: (domains) => push(listening(), 'changed', { domains })
  })

  /** GET /api/events?token=…: the page's event stream (EventSource cannot send headers, so the token rides along). */
  function serveEvents(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', origin)
    if (!sameToken(url.searchParams.get('token') ?? undefined, token)) return refuse(res, 401, '缺少或错误的访问令牌')
    // Opened before the page's first call, the stream starts the page's session (as the sign-in screen's calls do).
    let found = sessions.find(req.headers.cookie)
    const made = found ? null : sessions.create()
    found ??= made!
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(made ? { 'set-cookie': made.setCookie } : {})
    })
    res.write(': desk events\n\n')
    const stream = { res, session: found.session }
    streams.add(stream)
    flushNotices(found.session)
    req.on('close', () => streams.delete(stream))
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', origin).pathname)
    const rel = path === '/' ? 'index.html' : normalize(path).replace(/^([/\\])+/, '')
    const file = join(o.staticDir, rel)
    if (!file.startsWith(o.staticDir + sep)) return refuse(res, 404, '找不到页面')
    try {
      let body: Buffer | string = await readFile(file)
      if (rel === 'index.html') {
        // The page learns the per-run token here; no inline script is needed (the CSP forbids it).
        body = body.toString('utf8').replace('<head>', `<head><meta name="desk-token" content="${token}">`)
      }
      send(res, 200, body, TYPES[extname(file)] ?? 'application/octet-stream')
    } catch {
      refuse(res, 404, '找不到页面')
    }
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, '只接受 POST 请求')
    const from = req.headers.origin
    if (from !== undefined && from !== origin) return refuse(res, 403, '拒绝来自其他来源的请求')
    if (!sameToken(req.headers['x-desk-token'] as string | undefined, token)) return refuse(res, 401, '缺少或错误的访问令牌')
    let body: { name?: unknown; args?: unknown }
    try {
      body = JSON.parse(await readBody(req))
    } catch (e) {
      return refuse(res, (e as Error).message === 'too-large' ? 413 : 400, (e as Error).message === 'too-large' ? '请求内容过大（上限 16 MB）' : '请求不是有效的 JSON')
    }
    const name = body?.name
    let found = sessions.find(req.headers.cookie)
    let setCookie: string | undefined
    if (!found) {
      if (typeof name !== 'string' || !ENTRY.has(name)) return refuse(res, 401, '请先登录（会话已失效或不存在，请刷新页面后重新登录）', { refused: true, signIn: true })
      const made = sessions.create()
      found = made
      setCookie = made.setCookie
    }
    const envelope = await o.desk.call(found.session, name, body?.args)
    // the caller reloads from its own envelope; the other pages hear of the change here
    const changed = envelope.ok ? (envelope as { changed?: unknown[] }).changed : undefined
    if (changed?.length) push(listening().filter((s) => s.session !== found.session), 'changed', { domains: changed })
    if (envelope.ok) flushNotices(found.session)
    if (envelope.ok && typeof name === 'string' && ROTATE.has(name)) {
      sessions.drop(found.id)
      setCookie = sessions.create(found.session).setCookie
    }
    send(res, 200, JSON.stringify(envelope), undefined, setCookie ? { 'set-cookie': setCookie } : {})
  }

  const server = createServer((req, res) => {
    // DNS-rebinding guard: only our own host name reaches the desk.
    if (req.headers.host !== host && req.headers.host !== host.replace('127.0.0.1', 'localhost')) return refuse(res, 403, '拒绝的主机名')
    const url = req.url ?? '/'
    if (url.startsWith('/api/events') && req.method === 'GET') return serveEvents(req, res)
    const work = url.startsWith('/api/') ? serveApi(req, res) : serveStatic(req, res)
    work.catch((e) => {
      console.error(e)
      if (!res.headersSent) refuse(res, 500, '服务器内部错误')
    })
  })
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve))
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : 0
  host = `127.0.0.1:${port}`
  origin = `http://${host}`
  return {
    url: `${origin}/`,
    token,
    server,
    get sessions() {
      return sessions.size
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of streams) s.res.end()
        streams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
