import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { startWebBridge, type WebBridge } from '../../scripts/web/server'
import { inProcessDesk } from '../../handlers/worker/in-process'
import { freshDesk, TEST_PASSWORD, type TestDesk } from './desk'
import type { DeskClient } from '../../handlers/worker/client'
import type { DutyName } from '../../handlers/duties'

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots')
// DESK_OUT_DIR lets parallel work build to its own folder; npm test uses out/.
const RENDERER = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out', 'renderer')

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(p)) throw new Error(`找不到 Chromium（${p}）：请先运行 npm test（它会安装 chromium 与 fonts-noto-cjk），或设置 CHROMIUM_PATH`)
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('找不到 out/renderer：请先运行 electron-vite build（npm test 会自动构建）')
  return p
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Playwright gives each launch a fresh temporary profile; these flags keep Chromium off the closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--lang=zh-CN', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
}

export interface AppSession {
  desk: TestDesk
  /** The desk as the bridge sees it: `kick()` runs the background duties at once. */
  client: DeskClient
  bridge: WebBridge
  page: Page
  /** Console errors and page errors seen so far (a clean screen has none). */
  errors: string[]
  shot(name: string): Promise<string>
  close(): Promise<void>
}

/** Sign in on the sign-in screen as a person would (every test user's password is TEST_PASSWORD). */
export async function signIn(page: Page, name: string, password = TEST_PASSWORD): Promise<void> {
  await page.getByLabel('姓名', { exact: true }).fill(name)
  await page.getByLabel('密码', { exact: true }).fill(password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.getByTestId('signed-in-user').or(page.getByRole('heading', { name: '欢迎使用宣传舆情工作台' })).first().waitFor({ timeout: 10_000 })
}

/** 切换用户 from the sidebar, back to the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '切换用户' }).click()
  await page.getByRole('heading', { name: '登录' }).waitFor({ timeout: 10_000 })
}

/**
 * The real renderer against the real handlers on a fresh SQLite file, in Debian's Chromium, signed in as the
 * desk's test user (every role but viewer) unless `signIn: false`.
 */
export async function openApp(browser: Browser, o: { now?: Date; setup?: (d: TestDesk) => Promise<void>; signIn?: boolean; background?: DutyName[] } = {}): Promise<AppSession> {
  const desk = freshDesk({ now: o.now })
  if (o.setup) await o.setup(desk)
  // The due reminders run as in the app (at once, then every minute); polling and backups stay off in tests.
  const client = inProcessDesk(desk.ctx, { background: o.background ?? ['due'] })
  const bridge = await startWebBridge({ desk: client, staticDir: RENDERER })
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(bridge.url)
  if (o.signIn !== false) await signIn(page, desk.ctx.actor)
  return {
    desk,
    client,
    bridge,
    page,
    errors,
    async shot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true })
      const file = join(SCREENSHOTS, `${name}.png`)
      await page.screenshot({ path: file })
      return file
    },
    async close() {
      await context.close()
      await bridge.close()
      await client.close()
      desk.close()
    }
  }
}

/** Wait until the locator shows exactly this text (no fixed sleeps: tests must not depend on timing). */
export async function expectText(loc: Locator, text: string): Promise<void> {
  await loc.filter({ hasText: text }).first().waitFor({ timeout: 10_000 })
  expect((await loc.first().textContent())?.trim()).toBe(text)
}

/** Press on the source, travel a little (Chromium starts an HTML drag only after the pointer moves), then drop. */
export async function drag(page: Page, source: Locator, target: Locator): Promise<void> {
  const a = (await source.boundingBox())!
  const b = (await target.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 3 })
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 })
  await page.mouse.up()
}

/**
 * Open the app on a desk set up by `setup`, wait for 工作台, run the steps, and require a clean console. A step
 * that hangs fails after 10 s, naming its locator, before the test's own timeout.
 */
export async function withApp(browser: Browser, setup: (d: TestDesk) => Promise<void>, run: (app: AppSession) => Promise<void>): Promise<void> {
  const app = await openApp(browser, { setup })
  app.page.setDefaultTimeout(10_000)
  try {
    await app.page.getByRole('heading', { name: '工作台' }).waitFor()
    await run(app)
    expect(app.errors).toEqual([])
  } finally {
    await app.close()
  }
}
