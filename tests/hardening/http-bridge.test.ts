// The HTTP bridge against a hostile page or network (extends tests/foundation/http-bridge.test.ts): the token only
// from its header, DNS-rebinding host names, CORS preflights, odd origins and bodies; the session cookie.
import { describe, it, expect } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { useBridge, sessionCookie, type Reply } from '../helpers/bridge'
import { startWebBridge } from '../../scripts/web/server'
import { inProcessDesk } from '../../handlers/worker/in-process'
import { SESSION_COOKIE } from '../../scripts/web/sessions'
import { contract } from '../../shared/contract'
import { addTestUser, TEST_PASSWORD } from '../helpers/desk'
import { connect } from 'node:net'
import { request } from 'node:http'

const b = useBridge()
const send = b.send

/** A request written by hand, for what Node's client will not send (no Host header at all). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect(b.port, '127.0.0.1', () => sock.end(text))
    let out = ''
    sock.on('data', (b) => (out += b.toString('utf8')))
    sock.on('end', () => resolve(out))
    sock.on('error', reject)
  })
}

const body = JSON.stringify({ name: 'app-state', args: {} })
const allowHeaders = (r: Reply) => Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))

describe('HTTP bridge under attack', () => {
  it('takes the token only from its header: not from the query string, a cookie or the body', async () => {
    const base = { 'content-type': 'application/json', origin: b.origin }
    const viaQuery = await send({ path: `/api/invoke?token=${b.bridge.token}&x-desk-token=${b.bridge.token}`, headers: base, body })
    expect(viaQuery.status).toBe(401)
    const viaCookie = await send({ headers: { ...base, cookie: `x-desk-token=${b.bridge.token}; token=${b.bridge.token}` }, body })
    expect(viaCookie.status).toBe(401)
    const viaBody = await send({ headers: base, body: JSON.stringify({ name: 'app-state', args: {}, token: b.bridge.token }) })
    expect(viaBody.status).toBe(401)
    const ok = await send({ headers: { ...base, 'x-desk-token': b.bridge.token }, body })
    expect(ok.status).toBe(200)
  })

  it('refuses DNS-rebinding host names on the API and on the page that carries the token', async () => {
    const hosts = [`evil.example:${b.port}`, `127.0.0.1.nip.io:${b.port}`, `localhost.evil.example:${b.port}`, `127.0.0.1:${b.port + 1}`, '127.0.0.1', `[::1]:${b.port}`, `0.0.0.0:${b.port}`, `127.0.0.1:${b.port}.evil.example`, `LOCALHOST.:${b.port}`]
    for (const host of hosts) {
      const page = await send({ path: '/', method: 'GET', headers: { host } })
      expect(page.status, host).toBe(403)
      expect(page.body).not.toContain(b.bridge.token)
      const api = await send({ headers: { host, 'content-type': 'application/json', 'x-desk-token': b.bridge.token }, body })
      expect(api.status, host).toBe(403)
    }
    const noHost = await raw('GET / HTTP/1.0\r\n\r\n')
    expect(noHost).toMatch(/^HTTP\/1\.\d 403/)
    expect(noHost).not.toContain(b.bridge.token)
  })

  it('gives a CORS preflight nothing to work with, and never sends permissive CORS headers', async () => {
    const preflight = await send({
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-desk-token' }
    })
    expect(preflight.status).toBeGreaterThanOrEqual(400)
    expect(allowHeaders(preflight)).toEqual([])
    const replies = [
      preflight,
      await send({ headers: { 'content-type': 'application/json', 'x-desk-token': b.bridge.token, origin: b.origin }, body }),
      await send({ path: '/', method: 'GET', headers: { origin: 'http://evil.example' } })
    ]
    for (const r of replies) expect(allowHeaders(r)).toEqual([])
  })

  it('refuses odd origins, even with the right token', async () => {
    for (const origin of ['null', 'http://evil.example', `https://127.0.0.1:${b.port}`, `http://127.0.0.1:${b.port + 1}`, 'file://', `http://localhost.evil.example:${b.port}`]) {
      const r = await send({ headers: { 'content-type': 'application/json', 'x-desk-token': b.bridge.token, origin }, body })
      expect(r.status, origin).toBe(403)
    }
  })

  it('refuses a cross-site "simple" request (text/plain, no token) and any method but POST', async () => {
    const simple = await send({ headers: { 'content-type': 'text/plain', origin: 'http://evil.example' }, body })
    expect(simple.status).toBe(403)
    const noOrigin = await send({ headers: { 'content-type': 'text/plain' }, body })
    expect(noOrigin.status).toBe(401)
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
      const r = await send({ method, headers: { 'x-desk-token': b.bridge.token } })
      expect(r.status, method).toBe(405)
    }
  })

  it('answers bodies that are deeply nested or not objects without falling over', async () => {
    const headers = { 'content-type': 'application/json', 'x-desk-token': b.bridge.token, origin: b.origin }
    const deep = await send({ headers, body: '['.repeat(1_000_000) + ']'.repeat(1_000_000) })
    expect(deep.status).toBeLessThan(500)
    expect(deep.body && JSON.parse(deep.body).ok).toBe(false)
    for (const b of ['null', '42', '"app-state"', '[]', '{"name":{"toString":"x"}}', '{"name":"__proto__","args":{}}']) {
      const r = await send({ headers, body: b })
      expect(r.status, b).toBeLessThan(500)
      expect(JSON.parse(r.body).ok).toBe(false)
    }
    // still serving
    expect(JSON.parse((await send({ headers, body })).body).ok).toBe(true)
  })
})

/** A call to another bridge on another port (b.send always talks to this file's bridge). */
function post(port: number, token: string, body: unknown, cookie?: string): Promise<Reply> {
  const headers = { 'content-type': 'application/json', 'x-desk-token': token, origin: `http://127.0.0.1:${port}`, ...(cookie ? { cookie } : {}) }
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/invoke', method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (x) => chunks.push(x))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(JSON.stringify(body))
  })
}

const ENTRY = ['app-state', 'session-state', 'session-sign-in', 'session-setup-first-admin']
const error = (r: Reply) => JSON.parse(r.body).error

describe('HTTP bridge sessions', () => {
  it('without a session cookie, no handler but the sign-in screen’s runs: 401 in Chinese, nothing done', async () => {
    const names = Object.keys(contract).filter((n) => !ENTRY.includes(n))
    expect(names.length).toBeGreaterThan(90)
    for (const name of names) {
      const r = await b.call(name, {})
      expect(r.status, name).toBe(401)
      expect(error(r), name).toMatchObject({ type: 'user', message: expect.stringMatching(/^请先登录/), details: { refused: true, signIn: true } })
      expect(r.headers['set-cookie'], name).toBeUndefined()
    }
    // an unknown or odd name gets the same answer: the session comes before the name is looked at
    for (const name of ['drop-tables', 42, null, '__proto__']) expect((await b.call(name, {})).status).toBe(401)
  })

  it('sets an HttpOnly, SameSite=Strict cookie (no Secure: plain http on 127.0.0.1) for the sign-in screen’s calls', async () => {
    for (const name of ENTRY.slice(0, 2)) {
      const r = await b.call(name, {})
      expect(r.status).toBe(200)
      const [line] = r.headers['set-cookie'] as string[]
      expect(line).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{32}\\.[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/$`))
    }
    // a call that already carries a valid cookie keeps it
    const first = sessionCookie(await b.call('session-state', {}))!
    expect((await b.call('session-state', {}, first)).headers['set-cookie']).toBeUndefined()
  })

  it('needs both: the token header and the cookie; a forged, altered or other run’s cookie is refused', async () => {
    const cookie = await b.signIn()
    expect((await b.call('piece-list', {}, cookie)).status).toBe(200)
    expect((await b.send({ headers: { 'content-type': 'application/json', origin: b.origin }, cookie, body: JSON.stringify({ name: 'piece-list', args: {} }) })).status).toBe(401)
    const [id, sig] = cookie.slice(SESSION_COOKIE.length + 1).split('.')
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)
    const forged = [
      `${SESSION_COOKIE}=${id}.${flipped}`,
      `${SESSION_COOKIE}=${id}`,
      `${SESSION_COOKIE}=${id}.`,
      `${SESSION_COOKIE}=${'A'.repeat(32)}.${sig}`,
      `${SESSION_COOKIE}=${id}.${sig}.x`,
      `x${SESSION_COOKIE}=${id}.${sig}`,
      `${SESSION_COOKIE}=${'x'.repeat(5000)}`
    ]
    for (const c of forged) expect((await b.call('piece-list', {}, c)).status, c).toBe(401)
    // another run of the bridge (another token) over the same desk: its cookies mean nothing here, and ours nothing there
    const staticDir = mkdtempSync(join(tmpdir(), 'desk-static-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head></head></html>')
    const other = await startWebBridge({ desk: inProcessDesk(b.desk.ctx), staticDir })
    try {
      const port = Number(new URL(other.url).port)
      const signedThere = await post(port, other.token, { name: 'session-sign-in', args: { name: b.desk.ctx.actor, password: TEST_PASSWORD } })
      expect(JSON.parse(signedThere.body).ok).toBe(true)
      const theirs = sessionCookie(signedThere)!
      expect((await post(port, other.token, { name: 'piece-list', args: {} }, theirs)).status).toBe(200)
      expect((await b.call('piece-list', {}, theirs)).status).toBe(401)
      expect((await post(port, other.token, { name: 'piece-list', args: {} }, cookie)).status).toBe(401)
    } finally {
      await other.close()
    }
  })

  it('moves the session to a new id on sign-in and sign-out: an earlier cookie is void', async () => {
    const before = sessionCookie(await b.call('session-state', {}))!
    const signedIn = await b.call('session-sign-in', { name: b.desk.ctx.actor, password: TEST_PASSWORD }, before)
    const after = sessionCookie(signedIn)!
    expect(after).not.toBe(before)
    expect((await b.call('piece-list', {}, before)).status).toBe(401) // fixation: the pre-sign-in id does not sign in
    expect((await b.call('piece-list', {}, after)).status).toBe(200)
    const out = await b.call('session-sign-out', {}, after)
    const fresh = sessionCookie(out)!
    expect(JSON.parse(out.body).value.user).toBeNull()
    expect((await b.call('piece-list', {}, after)).status).toBe(401)
    const anonymous = JSON.parse((await b.call('piece-list', {}, fresh)).body)
    expect(anonymous.error).toMatchObject({ message: '请先登录', details: { refused: true, signIn: true } })
  })

  it('keeps each browser to its own person, and drops a disabled user at once', async () => {
    addTestUser(b.desk.ctx, '查看员甲', ['viewer'])
    const viewer = await b.signIn('查看员甲')
    const admin = await b.signIn()
    const who = async (c: string) => JSON.parse((await b.call('session-state', {}, c)).body).value.user?.name ?? null
    expect([await who(viewer), await who(admin)]).toEqual(['查看员甲', b.desk.ctx.actor])
    const refused = error(await b.call('piece-create', { channel: 'wechat', title: '查看员不能写', date: '2023-06-01' }, viewer))
    expect(refused).toMatchObject({ type: 'user', details: { refused: true } })
    expect(refused.message).toContain('宣传干事')
    const users = JSON.parse((await b.call('user-list', {}, admin)).body).value as { id: number; name: string }[]
    const id = users.find((u) => u.name === '查看员甲')!.id
    expect(JSON.parse((await b.call('user-update', { id, active: false }, admin)).body).ok).toBe(true)
    expect(error(await b.call('piece-list', {}, viewer))).toMatchObject({ message: '请先登录', details: { signIn: true } })
    expect(await who(viewer)).toBeNull()
  })
})
