// 存证's page image in the Electron shell (services/watch/page-image.ts): the stored page bytes laid out in an
// offscreen window — scripts off, an in-memory session of its own whose every request is answered here: the
// page's own address with the bytes already stored and hashed, anything else (images, styles, frames, fonts, a
// redirect or a <meta refresh> elsewhere) refused. Nothing reaches the network, nothing the page carries runs, and
// the image is of exactly the bytes the snapshot's hash is of. The first screen is captured as PNG, the whole page
// printed to an A4 PDF with its address and page numbers in the margins.
import { BrowserWindow, session, type NativeImage, type Session } from 'electron'
import { withinDeadline, type PageImage, type PageRenderer, type PageToRender } from '../../services/watch/page-image'
import { durationText } from '../../services/feeds/messages'

/** The window a desk PC shows an article in: the PNG is this first screen. */
const WIDTH = 1280
const HEIGHT = 1600

/** The address without its fragment, as requests arrive (a #anchor is never sent). */
function withoutHash(url: string): string {
  try {
    const u = new URL(url)
    u.hash = ''
    return u.href
  } catch {
    return url
  }
}

/**
 * The renderer's session, apart from the app's: in memory only (no "persist:"), no cache, no permissions, and for the
 * page being laid out, every request answered in this process. One for all pages (they are laid out one at a time,
 * and its storage is cleared after each): Electron keeps every partition it was asked for until the app quits.
 */
const PARTITION = 'desk-snapshot'

function sealedSession(page: PageToRender): Session {
  const ses = session.fromPartition(PARTITION, { cache: false })
  unseal(ses) // a page before that never finished must not leave its handlers (handle() refuses a second one)
  const target = withoutHash(page.url)
  const answer = (req: Request) =>
    withoutHash(req.url) === target
      ? new Response(new Uint8Array(page.html), { status: 200, headers: { 'content-type': page.contentType ?? 'text/html' } })
      : new Response('', { status: 403 })
  ses.protocol.handle('http', answer)
  ses.protocol.handle('https', answer)
  // Belt and braces for what protocol.handle does not see (ws:, ftp:, file:, another custom scheme).
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = withoutHash(details.url) === target || details.url.startsWith('data:')
    callback({ cancel: !ok })
  })
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  return ses
}

const deadline = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => withinDeadline(work, ms, `${what}超过 ${durationText(ms)}`)

function openWindow(ses: Session): BrowserWindow {
  return new BrowserWindow({
    show: false,
    width: WIDTH,
    height: HEIGHT,
    webPreferences: {
      offscreen: true,
      session: ses,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webgl: false,
      plugins: false,
      spellcheck: false,
      backgroundThrottling: false
    }
  })
}

/** The session back to refusing nothing in particular: no page's handlers left, storage cleared. */
function unseal(ses: Session): void {
  for (const scheme of ['http', 'https']) {
    try {
      ses.protocol.unhandle(scheme)
    } catch {
      // not handled: nothing to take back
    }
  }
  ses.webRequest.onBeforeRequest(null)
  void ses.clearStorageData().catch(() => {})
}

async function renderOnce(page: PageToRender, timeoutMs: number): Promise<PageImage> {
  let ses: Session | null = null
  let win: BrowserWindow | null = null
  try {
    ses = sealedSession(page)
    win = openWindow(ses)
    let lastFrame: NativeImage | null = null
    const wc = win.webContents
    wc.on('paint', (_e, _dirty, image) => (lastFrame = image))
    wc.setWindowOpenHandler(() => ({ action: 'deny' }))
    // The page stays the page: a <meta refresh>, a form or a link to elsewhere never navigates this window.
    wc.on('will-navigate', (e) => e.preventDefault())
    wc.on('will-frame-navigate', (e) => {
      if (e.isMainFrame && withoutHash(e.url) !== withoutHash(page.url)) e.preventDefault()
    })
    wc.on('will-redirect', (e) => e.preventDefault())
    const started = Date.now()
    await deadline(win.loadURL(page.url), timeoutMs, '页面排版')
    const left = Math.max(1000, timeoutMs - (Date.now() - started))
    let shot = await deadline(wc.capturePage(), left, '页面截图')
    if (shot.isEmpty() && lastFrame) shot = lastFrame
    const pdf = await deadline(wc.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div style="font-size:7px;width:100%;padding:0 8mm;color:#555"><span class="url"></span></div>',
      footerTemplate: '<div style="font-size:7px;width:100%;padding:0 8mm;text-align:right;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    }), left, '页面打印为 PDF')
    return { png: shot.toPNG(), pdf: Buffer.from(pdf) }
  } finally {
    win?.destroy()
    if (ses) unseal(ses)
  }
}

/** One page at a time: an offscreen window each, closed before the next opens. */
export function createElectronPageRenderer(): PageRenderer {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    render(page, timeoutMs) {
      const run = queue.then(() => renderOnce(page, timeoutMs))
      queue = run.catch(() => {})
      return run
    }
  }
}
