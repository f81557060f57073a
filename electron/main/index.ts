// The Electron shell: window, menu, IPC. No domain logic lives here; it all sits in handlers/.
import { app, BrowserWindow, Menu, Notification, powerMonitor, session } from 'electron'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { systemContext, type ContextOptions } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import { openOrRecover } from './recover'
import { resolveDbFile } from '../../db/paths'
import { createMainWindow, windowPaths } from './window'
import { registerIpc } from './ipc'
import { handleAppProtocol, registerAppScheme } from './protocol'
import { isAppPage } from './app-files'
import { buildMenu } from './menu'
import { createElectronTransport } from './net-transport'
import { createScheduler } from '../../handlers/watch/scheduler'

const mainDir = dirname(fileURLToPath(import.meta.url))
let mainWindow: BrowserWindow | null = null

function dbArg(): string | null {
  const i = process.argv.indexOf('--db')
  return i >= 0 ? (process.argv[i + 1] ?? null) : null
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const options: ContextOptions = {
    dbFile: resolveDbFile(dbArg(), userData),
    migrationsFolder: join(app.getAppPath(), 'db', 'migrations'),
    dataDir: join(userData, 'desk-data'),
    http: createElectronTransport(),
    notify: (n) => {
      if (Notification.isSupported()) new Notification({ title: n.title, body: n.body }).show()
      mainWindow?.webContents.send('desk:notice', n)
    }
  }
  const ctx = await openOrRecover(options)
  if (!ctx) return app.quit()
  const paths = windowPaths(mainDir, userData)
  handleAppProtocol(paths.rendererDir)
  registerIpc(ctx, isAppPage)
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  Menu.setApplicationMenu(buildMenu(() => mainWindow))
  mainWindow = createMainWindow(paths)
  mainWindow.on('closed', () => (mainWindow = null))
  // Feeds are polled here, never in the renderer; after sleep the timers are stale, so poll at once on resume.
  const scheduler = createScheduler(ctx)
  scheduler.start()
  powerMonitor.on('resume', () => scheduler.kick())
  app.on('before-quit', () => void scheduler.stop())
  app.on('will-quit', () => ctx.desk.close())
  // The duties below act as the desk itself, not as whoever sits at the window (nobody, before sign-in): the trail
  // names them, and only handlers that list 'system' let them in (shared/contract).
  // Daily backup: now, and every 3 hours for a desk left open overnight; it does nothing when today's exists.
  const backupDuty = systemContext(ctx, '系统（自动备份）')
  const autoBackup = () => void dispatch(handlers, backupDuty, 'backup-auto', {}).then((r) => !r.ok && console.error('自动备份失败', r.error))
  autoBackup()
  setInterval(autoBackup, 3 * 60 * 60 * 1000)
  // Scheduled pieces that fall due become desktop notices (schedule-due remembers which were announced).
  const dueDuty = systemContext(ctx, '系统（到期提醒）')
  setInterval(() => void dispatch(handlers, dueDuty, 'schedule-due', {}), 60 * 1000)
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
  registerAppScheme()
  app.whenReady().then(start)
  app.on('window-all-closed', () => app.quit())
}
