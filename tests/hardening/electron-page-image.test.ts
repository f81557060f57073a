// 存证's page image in the BUILT Electron main (electron/main/page-image.ts) under the recording stand-in for
// 'electron' (tests/fixtures/electron-stub/): asked through the window's IPC, the desk's thread hands the stored
// bytes to the main process, which lays them out in an offscreen window with scripts off in a session of its own
// that answers the page's own address with those bytes and refuses everything else — the page server sees the one
// fetch the desk made, nothing from the renderer — and the PNG and PDF of exactly those bytes come back to the row.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { openContext } from '../../handlers/context'
import { linkedMention } from '../watch/watch-helpers'
import type { MentionDetail } from '../../shared/contract/mentions'

const OUT = join(process.cwd(), process.env.DESK_OUT_DIR ?? 'out')
const FIXTURES = join(process.cwd(), 'tests', 'fixtures')
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>网友反映急诊排队过久</title>
<meta http-equiv="refresh" content="0;url=/elsewhere.html">
<script src="/tracker.js"></script><script>document.title = '脚本运行了'</script>
<link rel="stylesheet" href="/style.css"></head>
<body><article><p>6月1日上午，有网友发帖称，黄平县中医医院急诊科候诊人数较多，部分患者排队超过两个小时。</p>
<img src="https://cdn.example.com/pixel.gif"><iframe src="/frame.html"></iframe><p>医院表示已临时抽调医生支援急诊。</p></article></body></html>`
const sha = (b: string | Buffer) => createHash('sha256').update(b).digest('hex')

let server: http.Server
let base = ''
const hits: string[] = []
beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '')
    if (req.url === '/article.html') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE)
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((r) => server.close(r)))

describe('存证 page image in the Electron shell', () => {
  it('lays out the stored bytes offscreen, scripts off, nothing fetched; the PNG and PDF reach the snapshot', async () => {
    if (!existsSync(join(OUT, 'main', 'index.js'))) throw new Error('先运行 electron-vite build（npm test 会自动构建）')
    const userData = mkdtempSync(join(tmpdir(), 'desk-electron-'))
    const ctx = openContext({ dbFile: join(userData, 'desk.sqlite'), dataDir: join(userData, 'desk-data') })
    const id = linkedMention(ctx.desk, `${base}/article.html`, new Date().toISOString())
    ctx.desk.close()
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', join(FIXTURES, 'electron-stub', 'register.mjs'), join(FIXTURES, 'electron-page-image.mjs'), '--db', join(userData, 'desk.sqlite')], {
      env: { ...process.env, STUB_APP_PATH: process.cwd(), STUB_USER_DATA: userData, STUB_OUT_DIR: OUT, STUB_MENTION_ID: String(id) }, encoding: 'utf8'
    })
    const run = JSON.parse(stdout.trim().split('\n').pop()!)

    expect({ signedIn: run.signedIn, ok: run.snapshot.ok, error: run.snapshot.error }).toEqual({ signedIn: true, ok: true, error: undefined })
    const [snap] = (run.snapshot.value as MentionDetail).snapshots
    // the image is of exactly the bytes stored and hashed: the stand-in names them in its PNG and PDF
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`stub-png:${sha(PAGE)}`)])
    expect([snap.htmlSha256, snap.pagePngSha256, snap.pagePdfSha256, snap.pageNote]).toEqual([sha(PAGE), sha(png), sha(`%PDF-1.7 stub-pdf:${sha(PAGE)}`), null])

    expect(run.windows).toEqual([{
      show: false, hasSession: true, destroyed: true, loaded: `${base}/article.html`,
      prefs: { offscreen: true, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webgl: false, plugins: false, spellcheck: false, backgroundThrottling: false }
    }])
    const [s] = run.sessions
    expect(s.partition).toBe('desk-snapshot') // not "persist:": in memory only, apart from the app's session
    expect(s.options).toEqual({ cache: false })
    expect(s.requests).toEqual([
      [`${base}/article.html`, 200],
      [`${base}/tracker.js`, 'cancelled'],
      [`${base}/style.css`, 'cancelled'],
      ['https://cdn.example.com/pixel.gif', 'cancelled'],
      [`${base}/frame.html`, 'cancelled']
    ])
    expect([s.handlersLeft, s.cleared, s.permission]).toEqual([[], true, false])
    expect(run.navigations).toEqual([[`${base}/elsewhere.html`, 'prevented']])
    expect(run.scriptsRan).toBe(false)
    expect(run.pdfOptions).toMatchObject({ pageSize: 'A4', printBackground: true, displayHeaderFooter: true })
    expect(hits).toEqual(['/article.html']) // the desk's one fetch; the renderer asked the network for nothing
  }, 60_000)
})
