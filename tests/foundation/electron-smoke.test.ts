// Smoke test of the BUILT bundles (out/main, out/preload) under Node with a recording stand-in for 'electron':
// catches a wrong bundle format, a wrong preload path or a native module that fails to load before a user does.
import { describe, it, expect, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CSP } from '../../shared/csp'

const OUT = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out')
const STUB = join(process.cwd(), 'tests', 'fixtures', 'electron-stub')
type Run = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
let run: Run
let userData: string

beforeAll(() => {
  if (!existsSync(join(OUT, 'main', 'index.js'))) throw new Error('先运行 electron-vite build（npm test 会自动构建）')
  userData = mkdtempSync(join(tmpdir(), 'desk-electron-'))
  const stdout = execFileSync(process.execPath, ['--import', join(STUB, 'register.mjs'), join(STUB, 'drive.mjs'), '--db', join(userData, 'smoke.sqlite')], {
    env: { ...process.env, STUB_APP_PATH: process.cwd(), STUB_USER_DATA: userData, STUB_OUT_DIR: OUT },
    encoding: 'utf8'
  })
  run = JSON.parse(stdout.trim().split('\n').pop()!)
})

describe('built Electron bundles', () => {
  it('takes the single-instance lock and creates one window with the secure options', () => {
    expect(run.singleInstance).toBe(true)
    expect(run.windows).toBe(1)
    expect(run.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(run.webPreferences.preload).toBe(join(OUT, 'preload', 'index.cjs'))
    expect(existsSync(run.webPreferences.preload)).toBe(true)
  })

  it('serves the renderer from app://desk/, not file:// (a fused app refuses the module script from origin null)', () => {
    // registered before ready (the stand-in throws otherwise), as Electron's checklist item 18 recommends
    expect(run.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
    expect(run.protocolSchemes).toEqual(['app'])
    expect(run.loaded).toBe('app://desk/index.html')
    expect(run.served.index).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp: CSP, nosniff: 'nosniff', body: true })
    expect(run.served.root).toBe(200)
    expect(run.served.script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', csp: CSP, nosniff: 'nosniff' })
    expect(run.served.passwd).toMatchObject({ status: 404, csp: CSP, nosniff: 'nosniff' })
    expect(run.served.passwd.body).not.toMatch(/root:/)
    expect([run.served.encoded, run.served.slashInside, run.served.otherHost, run.served.post]).toEqual([404, 404, 404, 405])
  })

  it('denies permissions, new windows and navigation; sets a Chinese menu', () => {
    expect(run.permission).toBe(false)
    expect(run.windowOpen).toEqual({ action: 'deny' })
    expect(run.navigationPrevented).toBe(true)
    // the https link from window.open went to the system browser; the javascript: navigation never reached the shell
    expect(run.log.filter((l: unknown[]) => l[0] === 'openExternal')).toEqual([['openExternal', 'https://example.org/']])
    expect(run.menuLabels).toEqual(['文件', '编辑', '视图', '窗口', '帮助'])
  })

  it('exposes exactly one API object from the preload, without ipcRenderer', () => {
    expect(run.exposedKeys).toEqual(['desk'])
    expect(run.apiKeys).toEqual(['invoke', 'on', 'openEvidence'])
  })

  it('round-trips invoke → IPC → real handler on a real database → envelope, as the window’s signed-in person', () => {
    expect(run.appState.ok).toBe(true)
    expect(run.appState.value.firstRun).toBe(true)
    expect(run.beforeSignIn).toEqual({ ok: false, error: { type: 'user', message: '请先登录', details: { refused: true, signIn: true } } })
    expect(run.signedIn.ok).toBe(true)
    expect(run.signedIn.value.user).toMatchObject({ name: '冒烟管理员', roles: ['admin', 'officer'] })
    expect(run.created.ok).toBe(true)
    expect(run.created.value).toMatchObject({ id: 1, title: '冒烟测试推文', channel: 'wechat' })
    expect(run.invalid).toMatchObject({ ok: false, error: { type: 'user', message: '标题：请填写标题' } })
    expect(run.listed.value.total).toBe(1)
  })

  it('opens a stored evidence file in the system viewer, and only a stored one', () => {
    expect(run.evidence.ok).toBe(true)
    expect(run.opened).toEqual({ ok: true, value: null })
    const opened = run.log.filter((l: unknown[]) => l[0] === 'openPath')
    expect(opened).toHaveLength(1)
    expect(opened[0][1].startsWith(userData)).toBe(true)
    expect(run.openedMissing.ok).toBe(false)
  })

  it('keeps one session per window: another window is signed out, a destroyed one is forgotten', () => {
    expect(run.otherWindow).toMatchObject({ ok: false, error: { message: '请先登录', details: { signIn: true } } })
    expect(run.otherWindowOpen).toMatchObject({ ok: false, error: { details: { signIn: true } } })
    expect(run.log.filter((l: unknown[]) => l[0] === 'openPath')).toHaveLength(1) // only the signed-in window's
    expect(run.afterDestroyed).toMatchObject({ ok: false, error: { details: { signIn: true } } })
  })

  it('refuses calls from frames other than the app page, including the old file:// page', () => {
    expect(run.foreign).toMatchObject({ ok: false, error: { type: 'user' } })
    expect(run.subframe).toMatchObject({ ok: false, error: { type: 'user' } })
    expect(run.fromFile).toMatchObject({ ok: false, error: { type: 'user' } })
    expect(run.otherHost).toMatchObject({ ok: false, error: { type: 'user' } })
  })
})
