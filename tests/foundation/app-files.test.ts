// What app://desk/ serves (electron/main/app-files.ts, behind protocol.handle in the app): only files of the built
// renderer folder, with their MIME type and the CSP; every way out of the folder is a 404.
import { describe, it, expect, beforeAll } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { APP_PAGE, isAppPage, resolveAppFile, serveAppRequest } from '../../electron/main/app-files'
import { CSP } from '../../shared/csp'

let root: string
let dir: string
const at = (path: string) => resolveAppFile(dir, `app://desk/${path}`)

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'desk-app-files-'))
  dir = join(root, 'renderer')
  mkdirSync(join(dir, 'assets', 'sub'), { recursive: true })
  const files = ['index.html', 'favicon.svg', 'favicon.ico', 'assets/index-a1.js', 'assets/chunk.mjs', 'assets/index-a1.css', 'assets/logo.png', 'assets/photo.jpg',
    'assets/font.woff2', 'assets/font.woff', 'assets/data.json', 'assets/图标.png', 'assets/index-a1.js.map', 'assets/notes.txt', 'assets/.hidden.js', 'assets/Upper.JS']
  for (const f of files) writeFileSync(join(dir, f), `content of ${f}`)
  // outside the folder: what an escape would reach
  writeFileSync(join(root, 'secret.txt'), 'secret')
  writeFileSync(join(root, 'secret.js'), 'secret')
  mkdirSync(join(root, 'renderer-evil'))
  writeFileSync(join(root, 'renderer-evil', 'x.js'), 'secret')
  symlinkSync(join(root, 'secret.js'), join(dir, 'assets', 'escape.js'))
  symlinkSync(join(dir, 'assets', 'index-a1.js'), join(dir, 'assets', 'alias.js'))
  symlinkSync(root, join(dir, 'up'))
})

describe('app://desk/ file resolution', () => {
  it('serves / (and the bare origin) as index.html', async () => {
    expect(await resolveAppFile(dir, 'app://desk/')).toEqual({ status: 200, file: join(dir, 'index.html'), mime: 'text/html; charset=utf-8' })
    expect(await resolveAppFile(dir, 'app://desk')).toEqual({ status: 200, file: join(dir, 'index.html'), mime: 'text/html; charset=utf-8' })
    expect(await resolveAppFile(dir, APP_PAGE)).toMatchObject({ status: 200, file: join(dir, 'index.html') })
    expect(await resolveAppFile(dir, `${APP_PAGE}?x=1#/settings`)).toMatchObject({ status: 200, file: join(dir, 'index.html') })
  })

  it('gives each file type its MIME type', async () => {
    const mime = async (p: string) => {
      const r = await at(p)
      return r.status === 200 ? r.mime : r.status
    }
    expect({
      html: await mime('index.html'),
      js: await mime('assets/index-a1.js'),
      mjs: await mime('assets/chunk.mjs'),
      upperJs: await mime('assets/Upper.JS'),
      css: await mime('assets/index-a1.css'),
      svg: await mime('favicon.svg'),
      ico: await mime('favicon.ico'),
      png: await mime('assets/logo.png'),
      jpg: await mime('assets/photo.jpg'),
      woff2: await mime('assets/font.woff2'),
      woff: await mime('assets/font.woff'),
      json: await mime('assets/data.json'),
      chinese: await mime(encodeURI('assets/图标.png'))
    }).toEqual({
      html: 'text/html; charset=utf-8',
      js: 'text/javascript; charset=utf-8',
      mjs: 'text/javascript; charset=utf-8',
      upperJs: 'text/javascript; charset=utf-8',
      css: 'text/css; charset=utf-8',
      svg: 'image/svg+xml',
      ico: 'image/x-icon',
      png: 'image/png',
      jpg: 'image/jpeg',
      woff2: 'font/woff2',
      woff: 'font/woff',
      json: 'application/json; charset=utf-8',
      chinese: 'image/png'
    })
  })

  it('refuses every way out of the folder: ../, %2e%2e, ..%2f, backslashes, absolute paths, drive letters, NUL', async () => {
    const escapes = [
      '../secret.txt', '../../../../etc/passwd', 'assets/../../secret.js', '%2e%2e/secret.js', '.%2e/secret.js', '%2E%2E/%2E%2E/etc/passwd',
      '..%2fsecret.js', '..%2Fsecret.js', 'assets/..%2f..%2fsecret.js', '%2e%2e%2fsecret.js', '..%5csecret.js', 'assets\\..\\..\\secret.js',
      'assets%5c..%5c..%5csecret.js', '/etc/passwd', '%2fetc%2fpasswd', '//etc/passwd', `${encodeURIComponent(join(root, 'secret.js'))}`,
      'C:/Windows/win.ini', 'C:%5cWindows%5cwin.ini', 'c%3a%5cWindows%5cwin.ini', '..%00/secret.js', 'index.html%00.png', 'assets/index-a1.js%00',
      '%E0%A4%A', '../renderer-evil/x.js', '%2e%2e/renderer-evil/x.js', 'up/secret.js', 'assets/escape.js'
    ]
    const results = await Promise.all(escapes.map(async (p) => [p, (await at(p)).status] as const))
    expect(results.filter(([, s]) => s !== 404)).toEqual([])
  })

  it('never names a file outside the folder, whatever the URL', async () => {
    // dot segments the URL parser folds (app://desk/../x is app://desk/x): the result stays inside
    for (const p of ['../index.html', '%2e%2e/index.html', 'assets/../index.html', 'assets/sub/../../favicon.svg']) {
      const r = await at(p)
      expect(r.status).toBe(200)
      if (r.status === 200) expect(relative(dir, r.file).startsWith('..')).toBe(false)
    }
  })

  it('follows a symlink only when it stays inside the folder', async () => {
    expect(await at('assets/alias.js')).toMatchObject({ status: 200 })
    expect(await at('assets/escape.js')).toEqual({ status: 404 })
    expect(await at('up/secret.js')).toEqual({ status: 404 })
  })

  it('gives 404 for a missing file, a folder, a hidden file, an unserved type and another host or scheme', async () => {
    const cases = ['missing.js', 'assets', 'assets/', 'assets/sub', 'assets/.hidden.js', 'assets/index-a1.js.map', 'assets/notes.txt', 'assets//index-a1.js']
    for (const p of cases) expect([p, (await at(p)).status]).toEqual([p, 404])
    const urls = ['app://evil/index.html', 'app://desk.evil/index.html', 'app://desk:8080/index.html', 'app://user@desk/index.html', 'app://user:pw@desk/index.html',
      'http://desk/index.html', 'https://desk/index.html', `file://${join(dir, 'index.html')}`, 'desk/index.html', '', 'app:index.html']
    for (const u of urls) expect([u, (await resolveAppFile(dir, u)).status]).toEqual([u, 404])
  })
})

describe('app://desk/ responses', () => {
  it('send the file with its type, the CSP and nosniff; HEAD without a body; other methods 405', async () => {
    const ok = await serveAppRequest(dir, 'GET', 'app://desk/assets/index-a1.js')
    expect(ok.status).toBe(200)
    expect(ok.headers).toMatchObject({ 'content-type': 'text/javascript; charset=utf-8', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' })
    expect(ok.body?.toString()).toBe('content of assets/index-a1.js')
    const head = await serveAppRequest(dir, 'HEAD', 'app://desk/index.html')
    expect([head.status, head.body]).toEqual([200, null])
    for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect((await serveAppRequest(dir, m, APP_PAGE)).status).toBe(405)
  })

  it('send a 404 with the same headers and nothing of the file asked for', async () => {
    const r = await serveAppRequest(dir, 'GET', 'app://desk/..%2fsecret.txt')
    expect(r.status).toBe(404)
    expect(r.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' })
    expect(r.body?.toString()).toBe('找不到页面')
  })

  it('serve every file the build emits (a new asset type would otherwise 404 in the installed app)', async () => {
    const built = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out', 'renderer')
    if (!existsSync(join(built, 'index.html'))) throw new Error('先运行 electron-vite build（npm test 会自动构建）')
    const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]))
    const files = walk(built).map((f) => relative(built, f).split(sep).join('/'))
    expect(files).toContain('index.html')
    for (const f of files) expect([f, (await resolveAppFile(built, `app://desk/${encodeURI(f)}`)).status]).toEqual([f, 200])
  })
})

describe('the IPC sender check', () => {
  it('accepts the app page (with a route or query) and nothing else', () => {
    expect([APP_PAGE, `${APP_PAGE}#/settings`, `${APP_PAGE}?x=1`].map(isAppPage)).toEqual([true, true, true])
    const others = ['app://desk/', 'app://desk/other.html', `${APP_PAGE}.evil.html`, 'app://desk/assets/../index.html', 'app://evil/index.html', 'app://x@desk/index.html',
      'app://desk:1/index.html', `file://${join(dir, 'index.html')}`, 'file:///etc/passwd', 'http://desk/index.html', 'about:blank', 'devtools://devtools/bundled/inspector.html', '']
    expect(others.filter(isAppPage)).toEqual([])
  })
})
