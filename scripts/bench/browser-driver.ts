// The browser side of ledger_first_page, in its own process: Playwright drives Debian's Chromium against the HTTP
// bridge that the measuring process serves. Kept out of that process because playwright-core alone is ~90 MB of
// memory the desk itself never loads, and peak_rss_mb is about the desk.
//   node .bench/build/browser-driver.mjs URL RUNS   → one JSON line
import { chromium, type Page } from 'playwright-core'

const ROW = '.ledger-table tbody tr.clickable'

// The in-page parts are plain JavaScript source: they run in Chromium, not in Node.

/** Click 台账 and resolve with the ms until the first ledger row is in the DOM and a frame has been painted. */
const OPEN_LEDGER = `(row) => new Promise((resolve) => {
  const link = document.querySelector('a.nav-item[href="#/ledger"]')
  const t0 = performance.now()
  const observer = new MutationObserver(() => {
    if (!document.querySelector(row)) return
    observer.disconnect()
    requestAnimationFrame(() => resolve(performance.now() - t0))
  })
  observer.observe(document.body, { childList: true, subtree: true })
  link.click()
})`

/**
 * Scroll as a wheel does (3 rows a frame for 120 frames, timing each frame), then jump to the last row and to
 * the middle (a dragged scroll bar), waiting each time until real rows replace the placeholders.
 */
const SCROLL_CHECK = `(row) => new Promise((resolve) => {
  const box = document.querySelector('.ledger-scroll')
  const frames = []
  let maxDomRows = 0
  const rows = () => { maxDomRows = Math.max(maxDomRows, box.querySelectorAll('tbody tr').length) }
  const settle = (top, done) => {
    const t0 = performance.now()
    box.scrollTop = top
    const wait = () => {
      rows()
      if (!box.querySelector(row) || box.querySelector('tr.placeholder')) return requestAnimationFrame(wait)
      done(performance.now() - t0)
    }
    requestAnimationFrame(wait)
  }
  let last = 0
  let step = 0
  const wheel = (now) => {
    if (step > 0) frames.push(now - last)
    last = now
    rows()
    if (step++ < 120) {
      box.scrollTop += 120
      return requestAnimationFrame(wheel)
    }
    settle(box.scrollHeight, (endMs) => settle((box.scrollHeight - box.clientHeight) / 2, (middleMs) => {
      const sorted = frames.slice(1).sort((a, b) => a - b)
      resolve({ maxDomRows, frameP95: sorted[Math.floor(sorted.length * 0.95)], longFrames: sorted.filter((f) => f > 50).length, frames: sorted.length, settleMs: Math.max(endMs, middleMs) })
    }))
  }
  requestAnimationFrame(wheel)
})`

export interface ScrollCheck { maxDomRows: number; frameP95: number; longFrames: number; frames: number; settleMs: number }

const inPage = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(${fn})(${JSON.stringify(ROW)})`) as Promise<T>

async function openLedger(page: Page): Promise<number> {
  await page.evaluate('location.hash = "#/dashboard"')
  await page.locator('.nav-item.active[href="#/dashboard"]').waitFor()
  return inPage<number>(page, OPEN_LEDGER)
}

const [url, runsArg] = process.argv.slice(2)
const runs = Number(runsArg)
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
})
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  // Signed in first, as the officer would be (the bench's all-roles user, scripts/bench/bench-user.ts).
  await page.goto(url)
  await page.getByLabel('姓名', { exact: true }).fill('基准测试')
  await page.getByLabel('密码', { exact: true }).fill('bench-password')
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.getByTestId('signed-in-user').waitFor({ timeout: 30_000 })
  const t0 = Date.now()
  await page.evaluate('location.hash = "#/ledger"')
  await page.locator(ROW).first().waitFor({ timeout: 30_000 })
  const coldMs = Date.now() - t0
  const times: number[] = []
  for (let i = 0; i < runs + 1; i++) {
    const ms = await openLedger(page)
    if (i > 0) times.push(ms)
  }
  const total = (await page.locator('[data-testid="ledger-count"]').textContent())?.trim() ?? ''
  const scroll = await inPage<ScrollCheck>(page, SCROLL_CHECK)
  if (errors.length) throw new Error(`页面出错：${errors[0]}`)
  process.stdout.write(`${JSON.stringify({ times, coldMs, total, scroll })}\n`)
} finally {
  await browser.close()
}
