// 存证 as the officer clicks it: a page that is gone gives a Chinese failure and 重试; once it answers, 已存证 with
// the China time and the abbreviated SHA-256, the article text as text (nothing of the page's markup in the view),
// and 下载原始网页 saves the bytes as a file.
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectText, launchBrowser, openApp } from '../helpers/browser'
import { mentionWriter } from '../../db/queries/mention-writer'

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
      const at = NOW.toISOString()
      d.ctx.desk.tx(() => mentionWriter(d.ctx.desk.sqlite).insertMention({
        title: '网友反映黄平县中医医院急诊排队过久', link: `${origin}/news/1.html`, snippet: '有网友发帖称急诊排队超过两个小时', publishedAt: at, fetchedAt: at,
        day: '2024-06-01', feedId: null, matches: '[]', sentiment: '负面', cues: '[]', grade: '较大', score: 1
      }))
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
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
