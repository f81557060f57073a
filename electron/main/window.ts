import { BrowserWindow, dialog, shell, screen, type Rectangle } from 'electron'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { APP_PAGE } from './app-files'

export interface WindowPaths {
  preload: string
  /** The built renderer, served as app://desk/ (see protocol.ts). */
  rendererDir: string
  stateFile: string
}

/** Only plain web links leave the app, and only to the system browser. */
export function openExternalSafely(raw: string): void {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') void shell.openExternal(url.href)
}

function loadBounds(file: string): Partial<Rectangle> {
  try {
    const b = JSON.parse(readFileSync(file, 'utf8')) as Rectangle
    const visible = screen.getAllDisplays().some((d) => b.x >= d.bounds.x - 50 && b.y >= d.bounds.y - 50 && b.x < d.bounds.x + d.bounds.width && b.y < d.bounds.y + d.bounds.height)
    return visible ? b : { width: b.width, height: b.height }
  } catch {
    return { width: 1360, height: 860 }
  }
}

export const UNLOAD_QUESTION = {
  type: 'question' as const,
  title: '放弃修改？',
  message: '放弃修改？',
  detail: '填写的内容还没有保存，关闭后将丢失。',
  buttons: ['继续编辑', '放弃'],
  defaultId: 0,
  cancelId: 0,
  noLink: true
}

export function createMainWindow(p: WindowPaths): BrowserWindow {
  const win = new BrowserWindow({
    ...loadBounds(p.stateFile),
    minWidth: 1024,
    minHeight: 680,
    title: '宣传舆情工作台',
    show: false,
    webPreferences: {
      preload: p.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  win.on('close', () => {
    try {
      writeFileSync(p.stateFile, JSON.stringify(win.getNormalBounds()))
    } catch {
      /* losing the window position is not worth failing a close */
    }
  })
  // Every navigation and new window is denied; http(s) links go to the system browser.
  win.webContents.on('will-navigate', (e, url) => {
    e.preventDefault()
    openExternalSafely(url)
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-attach-webview', (e) => e.preventDefault())
  // The renderer holds unsaved input (renderer/src/unsaved.ts sets returnValue on beforeunload): Chromium's own
  // question is not shown in Electron, so the window asks here, in Chinese; 继续编辑 (the default) keeps the window.
  win.webContents.on('will-prevent-unload', (e) => {
    const choice = dialog.showMessageBoxSync(win, UNLOAD_QUESTION)
    if (choice === 1) e.preventDefault() // 放弃: let the window close or reload
  })
  void win.loadURL(APP_PAGE)
  return win
}

export function windowPaths(mainDir: string, userData: string): WindowPaths {
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    rendererDir: join(mainDir, '../renderer'),
    stateFile: join(userData, 'window-state.json')
  }
}
