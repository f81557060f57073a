// 存证 as the officer clicks it: a page that is gone gives a Chinese failure and 重试; once it answers, 已存证 with
// the China time and the abbreviated SHA-256, the article text as text (nothing of the page's markup in the view),
// and 下载原始网页 saves the bytes as a file. Browser mode says the page image is made in the desktop app; with a
// renderer (the app's offscreen window; here a JS-disabled Chromium page) the next 存证 shows the image's hashes,
// the first screen as a picture, and downloads the PNG and PDF.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectText, launchBrowser, openApp } from '../helpers/browser'
import { linkedMention } from '../watch/watch-helpers'
import { NO_RENDERER_NOTE, type PageRenderer } from '../../services/watch/page-image'

/** A page renderer for browser mode's tests: the stored bytes set into a Chromium page with scripts off, offline. */
function chromiumRenderer(b: Browser): PageRenderer {
  return {
    async render(p) {
      const context = await b.newContext({ javaScriptEnabled: false, offline: true, viewport: { width: 1280, height: 900 } })
      try {
        const tab = await context.newPage()
        await tab.setContent(p.html.toString('utf8'))
        return { png: await tab.screenshot(), pdf: await tab.pdf({ format: 'A4' }) }
      } finally {
        await context.close()
      }
    }
  }
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>网友反映黄平县中医医院急诊排队过久</title>
<script>window.__pageRan = 1; document.title = '脚本标记'</script></head>
<body onload="window.__pageRan = 1"><article><h1>网友反映黄平县中医医院急诊排队过久</h1>
<p>6月1日上午，有网友在论坛发帖称，黄平县中医医院急诊科候诊人数较多，部分患者排队超过两个小时，现场秩序一度混乱。</p>
<p>医院相关负责人表示，当天上午急诊量是平日的两倍，医院已临时从内科抽调两名医生支援急诊，并将优化分诊流程，避免类似情况再次发生。</p>
<iframe src="/frame.html"></iframe><img src="/x.gif" onerror="window.__pageRan = 1"></article></body></html>`

let browser: Browser
let srv: http.Server
let origin = ''
let up = false
const NOW = new Date('2024-06-01T04:00:00.000Z')

beforeAll(async () => {
  browser = await launchBrowser()
  srv = http.createServer((req, res) => {
    if (req.url === '/news/1.html' && up) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE)
    res.writeHead(404).end()
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
})
afterAll(async () => {
  await browser?.close()
  srv?.closeAllConnections()
  await new Promise((r) => srv?.close(r))
})

describe('browser: 存证', () => {
  it('fails in Chinese with 重试, then shows 已存证 with time, hash and text; 下载原始网页 gives the bytes', async () => {
    const app = await openApp(browser, { now: NOW, setup: async (d) => {
      await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
      linkedMention(d.ctx.desk, `${origin}/news/1.html`, NOW.toISOString())
    } })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('link', { name: '舆情' }).click()
      await page.locator('button.mention-open').first().click()
      const panel = page.getByRole('complementary', { name: '舆情详情' }).getByRole('region', { name: '网页存证' })
      await panel.getByText('尚未存证：原文如被删除将无法复核').waitFor()
      await panel.getByRole('button', { name: '存证' }).click()
      await expectText(panel.getByRole('alert'), '存证失败：页面无法访问：原文已不存在（HTTP 404），可能已被删除')
      await app.shot('snapshot-01-failed')

      up = true
      await panel.getByRole('button', { name: '重试' }).click()
      await expectText(panel.locator('.snapshot-done'), '已存证（2024/06/01 12:00）')
      const hash = createHash('sha256').update(PAGE).digest('hex')
      await expectText(panel.locator('.snapshot-hash code'), `${hash.slice(0, 12)}…`)
      await panel.getByText('存证正文').click()
      const text = panel.getByLabel('存证正文')
      await text.getByText('医院已临时从内科抽调两名医生支援急诊').waitFor()
      expect(await panel.locator('iframe, img, script').count()).toBe(0)
      expect(await page.evaluate('typeof window.__pageRan')).toBe('undefined')
      await app.shot('snapshot-02-stored')

      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '下载原始网页' }).click()])
      expect(download.suggestedFilename()).toBe(`原始网页-舆情1-20240601-120000-${hash.slice(0, 8)}.html`)
      expect(readFileSync(await download.path()).equals(Buffer.from(PAGE))).toBe(true)
      // browser mode has no page renderer, and says where the image is made
      await expectText(panel.locator('.snapshot-page'), NO_RENDERER_NOTE)

      // The desktop app lays the page out (electron/main/page-image.ts); here a JS-disabled Chromium page stands in.
      app.desk.ctx.pages = chromiumRenderer(browser)
      await panel.getByRole('button', { name: '再次存证' }).click()
      const line = panel.locator('.snapshot-page')
      await line.getByRole('button', { name: '下载页面截图（PNG）' }).waitFor()
      const [row] = app.desk.ctx.desk.sqlite.prepare('SELECT page_png, page_png_sha256, page_pdf_sha256 FROM mention_snapshots ORDER BY id DESC LIMIT 1').all() as { page_png: Buffer; page_png_sha256: string; page_pdf_sha256: string }[]
      await expectText(line.getByLabel(`PNG SHA-256 ${row.page_png_sha256}`), `${row.page_png_sha256.slice(0, 12)}…`)
      await expectText(line.getByLabel(`PDF SHA-256 ${row.page_pdf_sha256}`), `${row.page_pdf_sha256.slice(0, 12)}…`)
      await line.getByText('查看页面截图').click()
      const img = line.getByRole('img', { name: '存证时的页面首屏截图（由存证的原始网页排版，未运行脚本、未联网）' })
      await img.waitFor()
      expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100)
      await app.shot('snapshot-03-page-image')
      const [png] = await Promise.all([page.waitForEvent('download'), line.getByRole('button', { name: '下载页面截图（PNG）' }).click()])
      expect(readFileSync(await png.path()).equals(row.page_png)).toBe(true)
      const [pdf] = await Promise.all([page.waitForEvent('download'), line.getByRole('button', { name: '下载页面 PDF' }).click()])
      expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
