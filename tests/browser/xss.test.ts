// Script-injection payloads stored through the real paths — a polled feed and the watch's ingest (mention titles,
// snippets, links), the piece handlers (titles, notes, departments, venues), the ledger import job (xlsx and CSV
// cells) and the evidence handler (file names) — then shown on every screen that lists them: 工作台, 台账 table and
// drawer, 舆情 inbox and detail, 统计 drill-downs, 报告 preview. Nothing may run, no on* attribute may reach the
// DOM, no link may be anything but http(s) or the app's own #/ routes, no request may leave the app's origin, and
// the CSP (meta and header) must forbid inline script and remote loads.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, openApp, type AppSession } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'
import { startFeedServer, type FeedServer } from '../fixtures/feed-server'
import { LINK_PAYLOADS, PAYLOADS, payloadFeed } from '../fixtures/xss-payloads'
import { importReport, xlsxFile, b64 } from '../ledger/helpers'
import { pollDue } from '../../handlers/feeds/poll'
import { ingestItems } from '../../handlers/feeds/ingest'
import { currentMatcher } from '../../handlers/watch/rules'
import { readLexicon } from '../../handlers/watch/settings'
import { toCsv } from '../../services/export/csv'
import { CSP, META_CSP } from '../../shared/csp'
import { TEMPLATE_COLUMNS } from '../../shared/contract/ledger'

let browser: Browser
let feeds: FeedServer
beforeAll(async () => {
  browser = await launchBrowser()
  feeds = await startFeedServer(() => ({ '/xss.xml': (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
    res.end(payloadFeed())
  } }))
})
afterAll(async () => {
  await browser?.close()
  await feeds?.close()
})

const cut = (s: string, n: number) => s.slice(0, n)
const pieceTitle = (p: string, i: number) => cut(`${p}（稿件${i}）`, 200)
const feedTitle = (p: string, i: number) => `我院${i}${p}`
const linkTitle = (i: number) => `我院链接${i}${PAYLOADS[i]}`

interface Stored { pieceIds: number[]; importedIds: number[] }

/** Everything goes in through the handlers and the watch's own ingest, as the desk would receive it. */
async function store(d: TestDesk): Promise<Stored> {
  await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
  const pieceIds: number[] = []
  for (const [i, p] of PAYLOADS.entries()) {
    const kind = i % 3 // 0 published on the website, 1 scheduled today (工作台), 2 accepted by a provincial outlet (报告)
    const piece = await d.call('piece-create', {
      channel: kind === 2 ? 'media' : 'website', title: pieceTitle(p, i), date: kind === 1 ? '2023-06-15' : '2023-06-12',
      status: kind === 0 ? 'published' : kind === 1 ? 'scheduled' : 'accepted', outletLevel: kind === 2 ? '省级' : null,
      department: cut(p, 40), author: cut(p, 100), venue: cut(p, 100), notes: p, themes: [cut(p, 20)],
      link: 'http://127.0.0.1/x"><img/src=x/onerror=window.__pwned=1>', backfill: true
    })
    pieceIds.push(piece.id)
    await d.call('evidence-add', { pieceId: piece.id, fileName: `${p}.txt`, dataBase64: b64(`佐证材料 ${i}`) })
  }
  // A link that is not http(s) never gets in through a piece.
  for (const link of LINK_PAYLOADS) {
    const r = await d.invoke('piece-update', { id: pieceIds[0], link })
    expect(r.ok ? 'accepted' : r.error.message, link).toMatch(/链接/)
  }

  // Imported cells: one xlsx and one CSV, every payload in every text column.
  const row = (p: string, title: string, i: number) => ['2023-06-12', '医院官网', title, '已发布', cut(p, 40), cut(p, 100), cut(p, 100), '', '', '', '', `http://127.0.0.1/import/${i}`, p]
  const xlsx = await xlsxFile([[...TEMPLATE_COLUMNS], ...PAYLOADS.map((p, i) => row(p, cut(`${p}（导入${i}）`, 200), i))])
  const csv = toCsv([[...TEMPLATE_COLUMNS], ...PAYLOADS.map((p, i) => row(p, cut(`${p}（CSV${i}）`, 200), i))]).toString('base64')
  for (const [fileName, base64] of [['恶意台账.xlsx', xlsx], ['恶意台账.csv', csv]]) {
    const r = await importReport(d, { fileName, base64, commit: true })
    expect({ errors: r.errors, imported: r.imported }, fileName).toEqual({ errors: [], imported: PAYLOADS.length })
  }
  // … and a link cell that is not http(s) is an error of its row, naming the column.
  const bad = await importReport(d, { fileName: '坏链接.csv', base64: toCsv([[...TEMPLATE_COLUMNS], ...LINK_PAYLOADS.map((l, i) => [...row('正常', `正常标题${i}`, i).slice(0, 11), l, ''])]).toString('base64') })
  expect(bad.errors.map((e) => e.field)).toEqual(LINK_PAYLOADS.map(() => '链接'))
  const importedIds = (await d.call('piece-list', { q: '导入', limit: 1000 })).rows.map((p) => p.id)
  expect(importedIds).toHaveLength(PAYLOADS.length)

  // Mentions: a polled feed (payloads escaped twice, so they arrive as text) …
  await d.call('rule-create', { name: '本院', any: ['我院'] })
  const feed = await d.call('feed-add', { url: feeds.url('/xss.xml'), name: '外部论坛' })
  const report = await pollDue(d.ctx, { timeoutMs: 10_000 })
  // Near-identical payload titles may be told apart as one story with several sources (dedup), never lost.
  expect(report.results[0]).toMatchObject({ outcome: 'new', matched: PAYLOADS.length })
  expect(report.results[0].newMentions + report.results[0].newSources).toBe(PAYLOADS.length)
  // … and items straight into the ingest, with links the parser would already have dropped: the renderer
  // must refuse them on its own.
  const items = LINK_PAYLOADS.map((link, i) => ({ guid: `link-${i}`, link, title: linkTitle(i), text: `${PAYLOADS[i + 10]}正文`, publishedAt: '2023-06-11T02:00:00.000Z' }))
  const setup = { matcher: currentMatcher(d.ctx.desk.db), lexicon: readLexicon(d.ctx.desk.db) }
  const r = d.ctx.desk.tx(() => ingestItems(d.ctx.desk.sqlite, setup, { id: feed.id, weight: 1 }, items, d.ctx.now().toISOString()))
  // near-identical titles may join one 事件 as its sources (services/watch/cluster.ts), never lost
  expect(r.newMentions + r.newSources).toBe(LINK_PAYLOADS.length)
  return { pieceIds, importedIds }
}

/** What must never be in the DOM, whatever screen is open. Evaluated as source text (no DOM lib in tsconfig). */
const INERT_CHECK = `(() => {
  const bad = []
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name + '=' + a.value)
    if (el.attributes.getNamedItem('srcdoc')) bad.push(el.tagName + ' srcdoc')
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const raw = a.getAttribute('href')
    const ok = raw.startsWith('#/') || (/^https?:\\/\\//i.test(raw) && (a.protocol === 'http:' || a.protocol === 'https:'))
    if (!ok) bad.push('link ' + raw)
  }
  for (const el of document.querySelectorAll('iframe, frame, frameset, object, embed, applet, base, portal, link[rel=import], form[action]')) bad.push(el.outerHTML.slice(0, 120))
  for (const m of document.querySelectorAll('meta[http-equiv]')) if (m.httpEquiv.toLowerCase() !== 'content-security-policy') bad.push('meta ' + m.outerHTML.slice(0, 120))
  for (const s of document.querySelectorAll('script')) if (!s.src || new URL(s.src).origin !== location.origin) bad.push('script ' + s.outerHTML.slice(0, 120))
  for (const l of document.querySelectorAll('link[href]')) if (new URL(l.href).origin !== location.origin) bad.push('link-el ' + l.href)
  for (const s of document.querySelectorAll('style')) if (/pwned|127\\.0\\.0\\.2|@import/.test(s.textContent)) bad.push('style ' + s.textContent.slice(0, 120))
  for (const i of document.querySelectorAll('img[src], image, video[src], audio[src], source[src]')) {
    const src = i.getAttribute('src') || i.getAttribute('href') || ''
    if (!src.startsWith('data:image/') && new URL(src, location.href).origin !== location.origin) bad.push('media ' + src)
  }
  return { pwned: typeof window.__pwned, bad }
})()`

async function assertInert(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(INERT_CHECK), where).toEqual({ pwned: 'undefined', bad: [] })
}

/** An HTTP server on another loopback address that only counts what reaches it. */
async function listenOn(host: string): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0
  const srv = http.createServer((_req, res) => {
    hits++
    res.end()
  })
  await new Promise<void>((r) => srv.listen(0, host, r))
  return {
    url: `http://${host}:${(srv.address() as AddressInfo).port}`,
    hits: () => hits,
    close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()) })
  }
}

async function visit(app: AppSession, hash: string): Promise<void> {
  await app.page.evaluate(`location.hash = ${JSON.stringify(hash)}`)
}

describe('browser: XSS payloads stay inert text on every screen', () => {
  it(`${PAYLOADS.length + LINK_PAYLOADS.length} payloads in mentions, pieces, imported cells and file names: nothing runs, nothing loads`, async () => {
    let stored: Stored = { pieceIds: [], importedIds: [] }
    const app = await openApp(browser, { setup: async (d) => { stored = await store(d) } })
    const { page } = app
    const origin = new URL(app.bridge.url).origin
    const offsite: string[] = []
    const dialogs: string[] = []
    page.on('request', (r) => {
      const u = r.url()
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) offsite.push(u)
    })
    page.on('dialog', (dlg) => {
      dialogs.push(dlg.message())
      void dlg.dismiss()
    })
    page.on('popup', (p) => dialogs.push(`popup ${p.url()}`))
    try {
      // 工作台: scheduled pieces due today, the watch summary.
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('region', { name: '今日待办' }).getByText(pieceTitle(PAYLOADS[1], 1), { exact: false }).waitFor()
      await assertInert(page, '工作台')
      // The due-piece notices (browser harness) carry the titles too; read, then dismissed so they cover nothing.
      const notices = page.locator('.due-notices .notice')
      await expect.poll(() => notices.count()).toBe(PAYLOADS.filter((_p, i) => i % 3 === 1).length)
      await assertInert(page, '排期到期提醒')
      while (await notices.count()) await notices.first().getByRole('button', { name: '知道了' }).click()

      // 舆情: the inbox lists every payload as its literal text; each detail opens inert.
      await page.getByRole('link', { name: '舆情' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.getByText(feedTitle(PAYLOADS[0], 0)).waitFor()
      const shown = await list.locator('.mention-title').allTextContents()
      const sql = (q: string) => (app.desk.ctx.desk.sqlite.prepare(q).all() as { title: string }[]).map((r) => r.title).sort()
      expect([...shown].sort()).toEqual(sql('SELECT title FROM mentions'))
      expect(sql('SELECT title FROM mention_sources')).toEqual([...PAYLOADS.map(feedTitle), ...LINK_PAYLOADS.map((_l, i) => linkTitle(i))].sort())
      await app.shot('xss-01-inbox')
      await assertInert(page, '舆情收件箱')
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      const opens = list.locator('.mention-open')
      for (let i = 0; i < shown.length; i++) {
        await opens.nth(i).click()
        const title = (await list.locator('.mention-title').nth(i).textContent())!
        await detail.locator('.detail-title').filter({ hasText: title }).waitFor()
        await assertInert(page, `舆情详情：${title}`)
      }
      // The story whose link is javascript: — shown, but not as a link.
      const jsTitle = sql("SELECT title FROM mentions WHERE link LIKE 'javascript:%'")[0]
      await opens.nth(shown.indexOf(jsTitle)).click()
      await detail.locator('.detail-title').filter({ hasText: jsTitle }).waitFor()
      expect(await detail.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')).filter((h) => !/^(https?:\/\/|#\/)/.test(h ?? '')))).toEqual([])
      await app.shot('xss-02-mention-detail')

      // 台账: every payload piece's drawer (title, notes, fields, evidence names, audit trail), table behind it.
      await page.getByRole('link', { name: '台账' }).click()
      await page.getByRole('table', { name: '台账列表' }).locator('tbody tr').first().waitFor()
      await assertInert(page, '台账列表')
      for (const id of [...stored.pieceIds, ...stored.importedIds]) {
        await visit(app, `#/ledger/${id}`)
        const drawer = page.locator(`section.piece-detail[aria-label^="稿件详情"]`)
        await drawer.getByText(`编号 ${id}`, { exact: false }).first().waitFor()
        await assertInert(page, `台账详情 #${id}`)
      }
      await visit(app, `#/ledger/${stored.pieceIds[0]}`)
      await page.locator('section.piece-detail').getByText(`${PAYLOADS[0]}.txt`.replace(/[<>:"|?*]/g, '_')).first().waitFor()
      await app.shot('xss-03-ledger-drawer')

      // 统计: the rows behind the totals (pieces, then mentions).
      await visit(app, '#/tally/2023-06')
      for (const key of ['pieces.total', 'mentions.total']) {
        await page.getByTestId(`tile-${key}`).locator('button.num').first().click()
        const dialog = page.getByRole('dialog').filter({ has: page.getByRole('table', { name: '明细' }) })
        await dialog.getByRole('table', { name: '明细' }).locator('tbody tr').first().waitFor()
        await assertInert(page, `统计明细 ${key}`)
        await dialog.getByRole('button', { name: '关闭' }).click()
      }

      // 报告: the draft quotes the provincial outlets' titles.
      await visit(app, '#/report/2023H1')
      const draft = page.getByRole('article', { name: '总结草稿预览' })
      await draft.getByText(`《${pieceTitle(PAYLOADS[2], 2)}》`, { exact: false }).waitFor()
      await assertInert(page, '报告预览')
      await app.shot('xss-04-report')

      expect(offsite).toEqual([])
      expect(dialogs).toEqual([])
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 240_000)

  it('the CSP (meta and header) forbids inline script and remote loads, and the browser enforces it', async () => {
    const app = await openApp(browser, { setup: (d) => d.call('profile-save', { fullName: '黄平县中医医院', aliases: [], departments: [] }).then(() => undefined) })
    const { page } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      const header = (await fetch(app.bridge.url)).headers.get('content-security-policy')
      expect(header).toBe(CSP)
      expect(await page.evaluate(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`)).toBe(META_CSP)
      for (const policy of [header!, META_CSP]) {
        const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
        expect(directives.get('script-src')).toEqual(["'self'"])
        expect(directives.get('default-src')).toEqual(["'self'"])
        expect(directives.get('object-src')).toEqual(["'none'"])
        expect(directives.get('base-uri')).toEqual(["'none'"])
        for (const [name, sources] of directives) {
          expect(sources.filter((s) => /unsafe|^https?:|^\*$|^ws/.test(s)), name).toEqual([])
        }
      }

      // A real server on 127.0.0.2: if the browser ever sent the request, it would be counted here.
      const remote = await listenOn('127.0.0.2')
      const requests: string[] = []
      const blocked: string[] = []
      page.on('request', (r) => requests.push(r.url()))
      page.on('requestfailed', (r) => blocked.push(`${r.failure()?.errorText} ${r.url()}`)) // errorText 'csp' 
      await page.evaluate(`(() => {
        window.__violations = []
        document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))
      })()`)
      await page.addScriptTag({ content: 'window.__pwned = 1' }).catch(() => undefined)
      await page.evaluate(`(() => {
        const remote = document.createElement('img'); remote.src = '${remote.url}/probe.png'; document.body.append(remote)
        const local = document.createElement('img'); local.src = '/favicon.svg?probe'; document.body.append(local)
        const frame = document.createElement('iframe'); frame.src = 'data:text/html,<script>parent.__pwned=1<\\/script>'; document.body.append(frame)
      })()`)
      // The same-origin image is the control: requests are seen, so the remote one's absence means something.
      await expect.poll(() => requests.some((u) => u.endsWith('/favicon.svg?probe'))).toBe(true)
      await expect.poll(() => page.evaluate('window.__violations.length')).toBeGreaterThanOrEqual(3)
      const violations = (await page.evaluate('window.__violations')) as string[]
      expect(violations.some((v) => v.startsWith('script-src') && v.endsWith('inline'))).toBe(true)
      expect(violations).toContain(`img-src ${remote.url}/probe.png`)
      expect(violations.some((v) => v.startsWith('frame-src'))).toBe(true)
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined')
      await expect.poll(() => blocked).toContain(`csp ${remote.url}/probe.png`)
      expect(remote.hits()).toBe(0)
      await remote.close()

      // The DOM check used on every screen is not vacuous: markup injected behind React's back is caught.
      await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<b onclick="1">x</b><a href="javascript:void 0">y</a>')`)
      const caught = (await page.evaluate(INERT_CHECK)) as { bad: string[] }
      expect(caught.bad).toEqual(expect.arrayContaining(['B onclick=1', 'link javascript:void 0', expect.stringMatching(/^<iframe/)]))
    } finally {
      await app.close()
    }
  })
})
