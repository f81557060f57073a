// ledger_first_page: the real renderer in Debian's Chromium against the real handlers on the ten-year file (the
// HTTP bridge, as in the browser tests). Timed inside the page: from clicking 台账 in the side bar to the first
// ledger rows in the DOM and painted. Then the table is scrolled end to end to check it stays virtualized (a
// small DOM whatever the row count) and smooth (frame times while scrolling).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import type { Ctx } from '../../handlers/context'
import { startWebBridge } from '../web/server'
import { metric, summarize, RUNS, type Metric } from './measure'

const ROW = '.ledger-table tbody tr.clickable'
/** A virtualized table keeps about a screenful of rows (plus overscan) in the DOM. */
export const MAX_DOM_ROWS = 200
/** Scrolling counts as smooth when 95 % of frames take at most this long (two 60 Hz frames + slack). */
export const SMOOTH_P95_MS = 50

/** Newest modification time of the files the renderer is built from. */
function newestSource(): number {
  let newest = 0
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else newest = Math.max(newest, statSync(p).mtimeMs)
    }
  }
  for (const dir of ['renderer', 'shared']) walk(join(process.cwd(), dir))
  return newest
}

const builtAfter = (dir: string, t: number): boolean => {
  const index = join(dir, 'renderer', 'index.html')
  return existsSync(index) && statSync(index).mtimeMs >= t
}

/** The built renderer: DESK_OUT_DIR if it is up to date, else our own build in .bench/out (rebuilt when stale). */
export function rendererDir(log: (s: string) => void): string {
  const sources = newestSource()
  const given = process.env.DESK_OUT_DIR && join(process.cwd(), process.env.DESK_OUT_DIR)
  if (given && builtAfter(given, sources)) return join(given, 'renderer')
  const out = join(process.cwd(), '.bench', 'out')
  if (builtAfter(out, sources)) return join(out, 'renderer')
  log(`构建界面（electron-vite build --outDir ${out}）…`)
  const r = spawnSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`界面构建失败：${r.stderr}`)
  return join(out, 'renderer')
}

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

interface ScrollCheck { maxDomRows: number; frameP95: number; longFrames: number; frames: number; settleMs: number }

const inPage = <T>(page: Page, fn: string): Promise<T> => page.evaluate(`(${fn})(${JSON.stringify(ROW)})`) as Promise<T>

async function openLedger(page: Page): Promise<number> {
  await page.evaluate('location.hash = "#/dashboard"')
  await page.locator('.nav-item.active[href="#/dashboard"]').waitFor()
  return inPage<number>(page, OPEN_LEDGER)
}

export async function ledgerFirstPage(ctx: Ctx, staticDir: string): Promise<Metric> {
  const bridge = await startWebBridge({ ctx, staticDir })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  })
  try {
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    const t0 = Date.now()
    await page.goto(`${bridge.url}#/ledger`)
    await page.locator(ROW).first().waitFor({ timeout: 30_000 })
    const coldMs = Date.now() - t0
    const times: number[] = []
    for (let i = 0; i < RUNS + 1; i++) {
      const ms = await openLedger(page)
      if (i > 0) times.push(ms)
    }
    const total = (await page.locator('[data-testid="ledger-count"]').textContent())?.trim() ?? ''
    const scroll = await inPage<ScrollCheck>(page, SCROLL_CHECK)
    if (errors.length) throw new Error(`页面出错：${errors[0]}`)
    const m = metric('台账首屏（浏览器，点击台账到首行显示）', 'ms', summarize(times), { kind: 'max', value: 200 }, {
      note: `${total}；冷打开页面到首行 ${coldMs} ms；滚轮滚动 120 帧：帧时间 P95 ${scroll.frameP95.toFixed(1)} ms，超过 50 ms 的帧 ${scroll.longFrames}/${scroll.frames}；跳到末行、中部后最长 ${scroll.settleMs.toFixed(0)} ms 显示出行；DOM 中最多 ${scroll.maxDomRows} 行`,
      extra: { cold_page_ms: coldMs, dom_rows_max: scroll.maxDomRows, scroll_frame_p95_ms: scroll.frameP95, scroll_long_frames: scroll.longFrames, jump_settle_ms: scroll.settleMs }
    })
    // Fast first rows are not enough: a table that renders every row, or stutters while scrolling, fails too.
    m.ok = m.ok && scroll.maxDomRows <= MAX_DOM_ROWS && scroll.frameP95 <= SMOOTH_P95_MS
    return m
  } finally {
    await browser.close()
    await bridge.close()
  }
}
