import { beforeAll, afterAll } from 'vitest'
import { request } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebBridge, type WebBridge } from '../../scripts/web/server'
import { freshDesk, type TestDesk } from './desk'

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
  /** A raw HTTP request to the bridge; `headers.host` replaces the Host header when given. */
  send(o: { path?: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Reply>
}

/** One HTTP bridge per test file, over a fresh desk and a one-page static folder. */
export function useBridge(): BridgeUnderTest {
  const b = {} as BridgeUnderTest
  beforeAll(async () => {
    b.desk = freshDesk()
    const staticDir = mkdtempSync(join(tmpdir(), 'desk-static-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>')
    b.bridge = await startWebBridge({ ctx: b.desk.ctx, staticDir })
    b.port = Number(new URL(b.bridge.url).port)
    b.origin = `http://127.0.0.1:${b.port}`
  })
  afterAll(async () => {
    await b.bridge.close()
    b.desk.close()
  })
  b.send = (o) =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: b.port, path: o.path ?? '/api/invoke', method: o.method ?? 'POST', headers: o.headers, setHost: !o.headers?.host }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', reject)
      req.end(o.body)
    })
  return b
}
