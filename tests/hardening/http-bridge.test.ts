// The HTTP bridge against a hostile page or network (extends tests/foundation/http-b.bridge.test.ts): the token only
// from its header, DNS-rebinding host names, CORS preflights, odd origins and bodies.
import { describe, it, expect } from 'vitest'
import { useBridge, type Reply } from '../helpers/bridge'
import { connect } from 'node:net'

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
