// The Electron shell: window, menu, IPC. No domain logic lives here; it all sits in handlers/.
import { app, BrowserWindow, Menu, Notification, dialog, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { openContext, type Ctx } from '../../handlers/context'
import { resolveDbFile } from '../../db/paths'
import { createMainWindow, windowPaths } from './window'
import { registerIpc } from './ipc'
import { buildMenu } from './menu'

const mainDir = dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | null = null

function dbArg(): string | null {
  const i = process.argv.indexOf('--db')
  return i >= 0 ? (process.argv[i + 1] ?? null) : null
}

function start(): void {
  const userData = app.getPath('userData')
  let ctx: Ctx
  try {
    ctx = openContext({
      dbFile: resolveDbFile(dbArg(), userData),
      migrationsFolder: join(app.getAppPath(), 'db', 'migrations'),
      dataDir: join(userData, 'desk-data'),
      notify: (n) => {
        if (Notification.isSupported()) new Notification({ title: n.title, body: n.body }).show()
        mainWindow?.webContents.send('desk:notice', n)
      }
    })
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', e instanceof Error ? e.message : String(e))
    app.quit()
    return
  }
  const paths = windowPaths(mainDir, userData)
  const appUrl = pathToFileURL(paths.indexHtml).href
  registerIpc(ctx, (url) => url.split('#')[0].split('?')[0] === appUrl)
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  Menu.setApplicationMenu(buildMenu(() => mainWindow))
  mainWindow = createMainWindow(paths)
  mainWindow.on('closed', () => (mainWindow = null))
  app.on('will-quit', () => ctx.desk.close())
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
  app.whenReady().then(start)
  app.on('window-all-closed', () => app.quit())
}
