// Issue 10: the installed app opened to a blank window. The fuse grantFileProtocolExtraPrivileges is off, so the
// packaged Electron treats file:// exactly as Debian's Chromium does — which is what this test runs. Opened from
// file:// the built renderer stays empty; served by the app protocol's own code (electron/main/app-files.ts, the
// same function and headers protocol.handle('app') uses, here behind a tiny HTTP server because plain Chromium cannot
// register app://) it mounts, with a window.desk bridge like the preload's, and a first run goes through.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { createServer, request, type Server } from 'node:http'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser, SCREENSHOTS } from '../helpers/browser'
import { freshDesk } from '../helpers/desk'
import { APP_ORIGIN, serveAppRequest } from '../../electron/main/app-files'
import { CSP } from '../../shared/csp'

const RENDERER = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out', 'renderer')
let browser: Browser
let server: Server
let origin: string

beforeAll(async () => {
  browser = await launchBrowser()
  // http://127.0.0.1:port/x is answered exactly as app://desk/x would be
  server = createServer((req, res) => {
    serveAppRequest(RENDERER, req.method ?? 'GET', `${APP_ORIGIN}${req.url ?? '/'}`).then(
      (r) => res.writeHead(r.status, r.headers).end(r.body ?? undefined),
      () => res.writeHead(500).end()
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const addr = server.address()
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`
})
afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
})

async function newPage(context: BrowserContext) {
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  return { page, errors }
}

/** A raw request, path sent as written (no client-side normalisation of `..`). */
function raw(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path }, (res) => {
      let body = ''
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser: the built renderer under the rules of the fused app', () => {
  it('from file:// stays empty — the module script is refused by CORS from origin null (why the app has app://desk)', async () => {
    const context = await browser.newContext()
    try {
      const { page, errors } = await newPage(context)
      await page.goto(pathToFileURL(join(RENDERER, 'index.html')).href)
      await expect.poll(() => errors.some((e) => /from origin 'null' has been blocked by CORS policy/.test(e)), { timeout: 10_000 }).toBe(true)
      expect(await page.locator('#root').innerHTML()).toBe('')
    } finally {
      await context.close()
    }
  })

  it('served by the app protocol’s resolver and headers it mounts: the first run goes through to the desk', async () => {
    const desk = freshDesk()
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    try {
      // what the preload exposes in the app: window.desk.invoke → the one IPC handler → the real handlers
      await context.exposeBinding('__deskInvoke', (_source, name: string, args: unknown) => desk.invoke(name as never, args as never))
      await context.addInitScript({ content: 'window.desk = { invoke: (n, a) => window.__deskInvoke(n, a), on: () => undefined }' })
      const { page, errors } = await newPage(context)
      const response = await page.goto(`${origin}/index.html`)
      expect(response?.status()).toBe(200)
      expect(response?.headers()).toMatchObject({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' })

      await page.getByRole('heading', { name: '欢迎使用宣传舆情工作台' }).waitFor()
      expect((await page.locator('#root').innerHTML()).length).toBeGreaterThan(0)
      expect(await page.evaluate('[location.origin, window.isSecureContext]')).toEqual([origin, true])
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, 'app-protocol-first-run.png') })

      await page.getByLabel('医院全称').fill('南和县人民医院')
      await page.getByRole('button', { name: '开始使用' }).click()
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      expect(await page.locator('.brand-hospital').textContent()).toBe('南和县人民医院')
      // no CORS refusal, no CSP violation, no script error: the header CSP ('self') lets the bundle and styles in
      expect(errors).toEqual([])
    } finally {
      await context.close()
      desk.close()
    }
  })

  it('serves nothing outside the renderer folder, even to a raw request', async () => {
    for (const path of ['/../../../etc/passwd', '/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..\\..\\package.json', '/main/index.js', '/../main/index.js']) {
      const r = await raw(path)
      expect([path, r.status]).toEqual([path, 404])
      expect(r.body).toBe('找不到页面')
    }
  })
})
