// ledger_first_page: the real renderer in Debian's Chromium against the real handlers on the ten-year file (the
// HTTP bridge, as in the browser tests). Timed inside the page (browser-driver.ts): from clicking 台账 in the side
// bar to the first ledger rows in the DOM and painted. Then the table is scrolled to check it stays virtualized (a
// small DOM whatever the row count) and smooth (frame times while scrolling).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { Ctx } from '../../handlers/context'
import { inProcessDesk } from '../../handlers/worker/in-process'
import { startWebBridge } from '../web/server'
import { metric, summarize, RUNS, type Metric } from './measure'
import type { ScrollCheck } from './browser-driver'

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

/** Serves the desk on the HTTP bridge here and lets browser-driver.ts (another process) click through it. */
export async function ledgerFirstPage(ctx: Ctx, staticDir: string, driver: string): Promise<Metric> {
  const bridge = await startWebBridge({ desk: inProcessDesk(ctx), staticDir })
  try {
    const out = await new Promise<string>((resolve, reject) => {
      // Asynchronous: this process must keep answering the page's requests while the driver runs.
      const child = spawn(process.execPath, [driver, bridge.url, String(RUNS)], { stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d) => (stdout += d))
      child.stderr.on('data', (d) => (stderr += d))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`浏览器测量失败（退出码 ${code}）：${stderr.trim().split('\n').slice(-5).join('\n')}`))))
    })
    const { times, coldMs, total, scroll } = JSON.parse(out.trim().split('\n').pop()!) as { times: number[]; coldMs: number; total: string; scroll: ScrollCheck }
    const m = metric('台账首屏（浏览器，点击台账到首行显示）', 'ms', summarize(times), { kind: 'max', value: 200 }, {
      note: `${total}；冷打开页面到首行 ${coldMs} ms；滚轮滚动 120 帧：帧时间 P95 ${scroll.frameP95.toFixed(1)} ms，超过 50 ms 的帧 ${scroll.longFrames}/${scroll.frames}；跳到末行、中部后最长 ${scroll.settleMs.toFixed(0)} ms 显示出行；DOM 中最多 ${scroll.maxDomRows} 行`,
      extra: { cold_page_ms: coldMs, dom_rows_max: scroll.maxDomRows, scroll_frame_p95_ms: scroll.frameP95, scroll_long_frames: scroll.longFrames, jump_settle_ms: scroll.settleMs }
    })
    // Fast first rows are not enough: a table that renders every row, or stutters while scrolling, fails too.
    m.ok = m.ok && scroll.maxDomRows <= MAX_DOM_ROWS && scroll.frameP95 <= SMOOTH_P95_MS
    return m
  } finally {
    await bridge.close()
  }
}
