import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebBridge, type WebBridge } from '../../scripts/web/server'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { CSP } from '../../shared/csp'

let d: TestDesk
let bridge: WebBridge
let port: number

beforeAll(async () => {
  d = freshDesk()
  const staticDir = mkdtempSync(join(tmpdir(), 'desk-static-'))
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
  bridge = await startWebBridge({ ctx: d.ctx, staticDir })
  port = Number(new URL(bridge.url).port)
})
afterAll(async () => {
  await bridge.close()
  d.close()
})

function send(o: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: o.path ?? '/api/invoke', method: o.method ?? 'POST', headers: o.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(o.body)
  })
}
const call = (name: string, args: unknown, headers: Record<string, string> = {}) =>
  send({ headers: { 'content-type': 'application/json', 'x-desk-token': bridge.token, origin: `http://127.0.0.1:${port}`, ...headers }, body: JSON.stringify({ name, args }) })

describe('HTTP bridge', () => {
  it('listens on 127.0.0.1 only', () => {
    const addr = bridge.server.address()
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1')
  })

  it('hands the page its token in a meta tag, with the CSP header', async () => {
    const r = await send({ path: '/', method: 'GET' })
    expect(r.status).toBe(200)
    expect(r.body).toContain(`<meta name="desk-token" content="${bridge.token}">`)
    expect(r.headers['content-security-policy']).toBe(CSP)
  })

  it('answers a valid call with the envelope', async () => {
    const r = await call('app-state', {})
    expect(r.status).toBe(200)
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { firstRun: true } })
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
    const rebinding = await call('app-state', {}, { host: `evil.example:${port}` })
    expect(rebinding.status).toBe(403)
  })

  it('rejects unknown handlers, bad JSON, wrong types and oversized bodies clearly', async () => {
    expect(JSON.parse((await call('drop-tables', {})).body).error.message).toBe('未知的操作：drop-tables')
    const bad = await send({ headers: { 'x-desk-token': bridge.token }, body: '{not json' })
    expect(bad.status).toBe(400)
    const wrong = JSON.parse((await call('piece-create', { channel: 'wechat', title: ['x'], date: '2023-01-01' })).body)
    expect(wrong.ok).toBe(false)
    expect(wrong.error.details.field).toBe('title')
    const huge = await send({ headers: { 'x-desk-token': bridge.token }, body: JSON.stringify({ name: 'app-state', args: 'x'.repeat(17 * 1024 * 1024) }) }).catch(() => ({ status: 413 }))
    expect(huge.status).toBe(413)
  })

  it('serves nothing outside the renderer folder', async () => {
    const r = await send({ path: '/../../etc/passwd', method: 'GET' })
    expect(r.status).toBe(404)
    const enc = await send({ path: '/%2e%2e/%2e%2e/etc/passwd', method: 'GET' })
    expect(enc.status).toBe(404)
  })
})
