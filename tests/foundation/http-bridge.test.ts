import { describe, it, expect } from 'vitest'
import { useBridge } from '../helpers/bridge'
import { CSP } from '../../shared/csp'

const b = useBridge()
const send = b.send
const call = (name: string, args: unknown, headers: Record<string, string> = {}) =>
  send({ headers: { 'content-type': 'application/json', 'x-desk-token': b.bridge.token, origin: b.origin, ...headers }, body: JSON.stringify({ name, args }) })

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only', () => {
    const addr = b.bridge.server.address()
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1')
  })

  it('hands the page its token in a meta tag, with the CSP header', async () => {
    const r = await send({ path: '/', method: 'GET' })
    expect(r.status).toBe(200)
    expect(r.body).toContain(`<meta name="desk-token" content="${b.bridge.token}">`)
    expect(r.headers['content-security-policy']).toBe(CSP)
  })

  it('answers a valid call with the envelope', async () => {
    const r = await call('app-state', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { firstRun: true } })
  })

  it('signs in with a session cookie; without one only the sign-in screen’s calls answer', async () => {
    const refused = await call('piece-list', {})
    expect(refused.status).toBe(401)
    expect(JSON.parse(refused.body).error).toMatchObject({ type: 'user', message: expect.stringMatching(/^请先登录/), details: { signIn: true } })
    const cookie = await b.signIn()
    const listed = await b.call('piece-list', {}, cookie)
    expect(listed.status).toBe(200)
    expect(JSON.parse(listed.body)).toMatchObject({ ok: true, value: { total: 0 } })
  })

  it('refuses a missing or wrong token', async () => {
    const none = await call('app-state', {}, { 'x-desk-token': '' })
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body).error.message).toBe('缺少或错误的访问令牌')
    expect((await call('app-state', {}, { 'x-desk-token': 'x'.repeat(48) })).status).toBe(401)
  })

  it('refuses other origins and other host names', async () => {
    const r = await call('app-state', {}, { origin: 'http://evil.example' })
    expect(r.status).toBe(403)
    expect(JSON.parse(r.body).error.message).toBe('拒绝来自其他来源的请求')
    const rebinding = await call('app-state', {}, { host: `evil.example:${b.port}` })
    expect(rebinding.status).toBe(403)
  })

  it('rejects unknown handlers, bad JSON, wrong types and oversized bodies clearly', async () => {
    const cookie = await b.signIn()
    expect(JSON.parse((await b.call('drop-tables', {}, cookie)).body).error.message).toBe('未知的操作：drop-tables')
    const bad = await send({ headers: { 'x-desk-token': b.bridge.token }, body: '{not json' })
    expect(bad.status).toBe(400)
    const wrong = JSON.parse((await b.call('piece-create', { channel: 'wechat', title: ['x'], date: '2023-01-01' }, cookie)).body)
    expect(wrong.ok).toBe(false)
    expect(wrong.error.details.field).toBe('title')
    const huge = await send({ headers: { 'x-desk-token': b.bridge.token }, body: JSON.stringify({ name: 'app-state', args: 'x'.repeat(17 * 1024 * 1024) }) }).catch(() => ({ status: 413 }))
    expect(huge.status).toBe(413)
  })

  it('serves nothing outside the renderer folder', async () => {
    const r = await send({ path: '/../../etc/passwd', method: 'GET' })
    expect(r.status).toBe(404)
    const enc = await send({ path: '/%2e%2e/%2e%2e/etc/passwd', method: 'GET' })
    expect(enc.status).toBe(404)
  })
})
