// The Electron shell: window, menu, IPC. No domain logic lives here: the desk (database, handlers, background
// duties) runs in its own thread (handlers/worker/), and this process only carries windows and forwards calls.
import { app, BrowserWindow, Menu, Notification, powerMonitor, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { openOrRecover } from './recover'
import { resolveDbFile } from '../../db/paths'
import { createMainWindow, windowPaths } from './window'
import { registerIpc } from './ipc'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { isAppPage } from './app-files'
import { buildMenu } from './menu'
import { createElectronTransport } from './net-transport'
import { createElectronPageRenderer } from './page-image'
import { ALL_DUTIES } from '../../handlers/duties'
import type { DeskClient } from '../../handlers/worker/client'

const mainDir = dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | null = null

function dbArg(): string | null {
  const i = process.argv.indexOf('--db')
  return i >= 0 ? (process.argv[i + 1] ?? null) : null
}

/** Quitting waits for the desk: calls in flight, the background duties and running jobs, then the database closes. */
function closeOnQuit(desk: DeskClient): void {
  let closed = false
  app.on('before-quit', (e) => {
    if (closed) return
    e.preventDefault()
    void desk.close().finally(() => {
      closed = true
      app.quit()
    })
  })
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const desk = await openOrRecover({
    dbFile: resolveDbFile(dbArg(), userData),
    migrationsFolder: join(app.getAppPath(), 'db', 'migrations'),
    dataDir: join(userData, 'desk-data'),
    // 定时抓取, 自动备份, 到期提醒, 静默时段提醒: all of them, in the desk's thread (handlers/background.ts)
    background: ALL_DUTIES,
    // feeds go through Chromium's network stack here (system proxy, certificates), on the thread's behalf
    http: createElectronTransport(),
    // 存证 pages laid out in an offscreen window (scripts off, no network): the PNG and PDF beside the HTML
    pages: createElectronPageRenderer(),
    threadUrl: pathToFileURL(join(mainDir, 'desk-thread.js'))
  })
  if (!desk) return app.quit()
  desk.listen({
    notice: (n) => {
      if (Notification.isSupported()) new Notification({ title: n.title, body: n.body }).show()
      mainWindow?.webContents.send('desk:notice', n)
    },
    changed: (domains) => mainWindow?.webContents.send('desk:changed', { domains })
  })
  closeOnQuit(desk)
  const paths = windowPaths(mainDir, userData)
  handleAppProtocol(paths.rendererDir)
  registerIpc(desk, isAppPage)
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  Menu.setApplicationMenu(buildMenu(() => mainWindow))
  mainWindow = createMainWindow(paths)
  mainWindow.on('closed', () => (mainWindow = null))
  // After sleep the timers are stale: every duty runs at once on resume.
  powerMonitor.on('resume', () => desk.kick())
}

/**
 * Chromium's own words — the date picker, form validation bubbles, the text context menu, spelling — follow the
 * application locale, not the page's lang="zh-CN", and on an English (or any other) Windows that locale is the
 * system's. `--lang` fixes it for the whole app and must be on the command line before `ready`, when Chromium
 * loads its locale pack (locales/zh-CN.pak, shipped with every Electron build). It also makes app.getLocale()
 * and navigator.language 'zh-CN' and sends Accept-Language zh-CN with feed requests.
 */
function chromiumInChinese(): void {
  app.commandLine.appendSwitch('lang', 'zh-CN')
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault())
  })
  chromiumInChinese()
  registerAppScheme()
  app.whenReady().then(start)
  app.on('window-all-closed', () => app.quit())
}
