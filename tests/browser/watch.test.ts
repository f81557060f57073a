// The opinion watch as the officer clicks it, in Chromium against the real handlers and the fixture feed
// server on 127.0.0.1; plus a hostile feed whose titles carry HTML/script payloads that must stay inert text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { expectText, launchBrowser, openApp } from '../helpers/browser'
import { startFeedServer, type FeedServer } from '../fixtures/feed-server'
import { TITLES } from '../fixtures/feeds'
import { pollDue } from '../../handlers/feeds/poll'

let browser: Browser
let server: FeedServer
let hostile: { url: string; hits: Map<string, number>; close: () => Promise<void> }
const NOW = new Date('2024-06-01T04:00:00.000Z')

/** Items written by an attacker: double-escaped markup survives parsing as text, and must stay text. */
function hostileFeed(origin: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const twice = (s: string) => esc(esc(s))
  const items = [
    { title: `${twice('<img src=x onerror="window.__pwned=1">')}我院图片新闻`, link: 'javascript:window.__pwned=1', description: twice(`<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">点我</a><img src="${origin}/track.png">`) },
    { title: `${twice('<script>window.__pwned=1</script>')}我院通报`, link: `${origin}/news/1.html`, description: esc(`<img src="${origin}/track.png" onerror="window.__pwned=1"><iframe src="${origin}/frame"></iframe>正文`) },
    { title: '<![CDATA[<svg onload="window.__pwned=1"></svg>我院公告]]>', link: `${origin}/news/2.html`, description: '' },
    { title: `我院简讯 ${twice('<b onmouseover=window.__pwned=1>悬停</b>')}`, link: `${origin}/news/3.html`, description: '' }
  ]
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${twice('<script>alert(1)</script>')}恶意源</title>${items
    .map((it, i) => `<item><title>${it.title}</title><link>${it.link}</link><description>${it.description}</description><guid>h${i}</guid></item>`)
    .join('')}</channel></rss>`
}

beforeAll(async () => {
  browser = await launchBrowser()
  server = await startFeedServer()
  const hits = new Map<string, number>()
  let origin = ''
  const srv = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    if (path === '/hostile.xml') {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
      return res.end(hostileFeed(origin))
    }
    res.writeHead(404)
    res.end()
  })
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`
  hostile = { url: `${origin}/hostile.xml`, hits, close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()) }) }
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await hostile?.close()
})

async function assertInert(page: Page): Promise<void> {
  // Evaluated as source text: this file is type-checked without the DOM library.
  expect(await page.evaluate('typeof window.__pwned')).toBe('undefined')
  const onAttrs = await page.evaluate(
    "[...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => el.tagName + ' ' + a.name))"
  )
  expect(onAttrs).toEqual([])
  expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0)
  expect(await page.locator('main img, main script, main iframe, main svg').count()).toBe(0)
}

describe('browser: the opinion watch', () => {
  it('adds a feed with 试抓取, polls it, and walks a mention 研判 → 处置中 → 已办结 linked to a piece', async () => {
    const app = await openApp(browser, {
      now: NOW,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
        await d.call('piece-create', { channel: 'website', title: '关于市卫健委督导情况的说明', date: '2024-06-01', status: 'published', backfill: true })
      }
    })
    const { page } = app
    try {
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('tab', { name: '订阅源' }).click()
      await page.getByRole('button', { name: '添加订阅源' }).click()
      const form = page.getByRole('form', { name: '添加订阅源' })
      await form.getByLabel('订阅地址').fill(server.url('/feeds/gbk-header.xml'))
      await form.getByRole('button', { name: '试抓取' }).click()
      await form.getByText('读到 3 条，其中 3 条命中监测规则，编码 gb18030').waitFor()
      expect(await form.getByLabel('名称').inputValue()).toBe('黄平县中医医院 新闻动态')
      expect(await form.locator('.feed-preview mark').allTextContents()).toEqual(['我院', '黄平县中医医院', '我院'])
      await app.shot('watch-01-feed-preview')
      await form.getByRole('button', { name: '保存' }).click()
      const table = page.getByRole('table', { name: '订阅源列表' })
      await table.getByText('黄平县中医医院 新闻动态').waitFor()
      await expectText(table.locator('.fstatus'), '待抓取')

      await page.getByRole('button', { name: '立即抓取' }).click()
      await page.getByRole('status', { name: '抓取结果' }).getByText('已抓取 1 个订阅源，新增舆情 3 条').waitFor()
      await expectText(table.locator('.fstatus'), '正常')
      await app.shot('watch-02-feeds-polled')

      await page.getByRole('tab', { name: '收件箱' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.getByText(TITLES.inspection).waitFor()
      expect(await list.locator('.mention-title').allTextContents()).toEqual([TITLES.inspection, TITLES.bilingual, TITLES.unityMonth])
      await app.shot('watch-03-inbox')

      await list.getByRole('button', { name: `打开：${TITLES.inspection}` }).click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await expectText(detail.locator('.detail-title mark'), '我院')
      const note = detail.getByLabel('处置说明')
      await note.fill('核实来源：市卫健委官网报道')
      await detail.getByRole('button', { name: '开始研判' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '研判')
      await note.fill('已报告分管院领导，准备情况说明')
      await detail.getByRole('button', { name: '转入处置' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '处置中')
      await detail.getByRole('button', { name: '办结' }).click()
      await expectText(detail.getByRole('alert'), '处置说明：办结时请写明处置结果（如：已联系患者家属沟通解决）')
      await note.fill('已在官网发布情况说明')
      await detail.getByRole('button', { name: '办结' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '已办结')
      expect(await detail.getByRole('list', { name: '处置记录' }).locator('li').count()).toBe(3)

      await detail.getByRole('searchbox', { name: '回应稿件' }).fill('督导')
      await detail.getByRole('button', { name: '关联' }).click()
      await detail.getByText('#1 关于市卫健委督导情况的说明（医院官网，2024-06-01）').waitFor()
      // The box flips when the server answers, so click and wait rather than check() (which wants an instant flip).
      await detail.getByLabel('上报领导（列入“领导关注”）').click()
      await expect.poll(() => detail.getByLabel('上报领导（列入“领导关注”）').isChecked()).toBe(true)
      await app.shot('watch-04-mention-closed')

      const row = app.desk.ctx.desk.sqlite.prepare('SELECT status, piece_id AS pieceId, escalated FROM mentions WHERE title = ?').get(TITLES.inspection)
      expect(row).toEqual({ status: 'closed', pieceId: 1, escalated: 1 })
      const trail = app.desk.ctx.desk.sqlite.prepare('SELECT to_status AS step, note FROM mention_events ORDER BY id').all()
      expect(trail).toEqual([
        { step: 'assessing', note: '核实来源：市卫健委官网报道' },
        { step: 'handling', note: '已报告分管院领导，准备情况说明' },
        { step: 'closed', note: '已在官网发布情况说明' }
      ])

      await page.getByRole('tab', { name: '领导关注' }).click()
      await page.getByRole('list', { name: '舆情列表' }).getByText(TITLES.inspection).waitFor()
      await page.getByRole('link', { name: '工作台' }).click()
      await expectText(page.getByTestId('watch-new'), '3')
      await app.shot('watch-05-dashboard')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows a hostile feed’s HTML and script payloads as inert text, in 试抓取 and in the inbox', async () => {
    const app = await openApp(browser, {
      now: NOW,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
        await d.call('feed-add', { url: hostile.url, name: '外部论坛' })
        await pollDue(d.ctx)
      }
    })
    const { page } = app
    try {
      await page.getByRole('link', { name: '舆情' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.getByText('<img src=x onerror="window.__pwned=1">我院图片新闻').waitFor()
      expect((await list.locator('.mention-title').allTextContents()).sort()).toEqual([
        '<img src=x onerror="window.__pwned=1">我院图片新闻',
        '<script>window.__pwned=1</script>我院通报',
        '我院公告',
        '我院简讯 <b onmouseover=window.__pwned=1>悬停</b>'
      ].sort())
      for (const title of await list.locator('.mention-title').allTextContents()) {
        await list.getByRole('button', { name: `打开：${title}` }).click()
        await expectText(page.getByRole('complementary', { name: '舆情详情' }).locator('.detail-title'), title)
        await assertInert(page)
      }
      await list.getByRole('button', { name: '打开：<img src=x onerror="window.__pwned=1">我院图片新闻' }).click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await detail.getByText('<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">点我</a>', { exact: false }).waitFor()
      expect(await detail.getByText('（无原文链接）').count()).toBe(1)
      await app.shot('watch-06-hostile-inbox')

      await page.getByRole('tab', { name: '订阅源' }).click()
      await page.getByRole('button', { name: '添加订阅源' }).click()
      const form = page.getByRole('form', { name: '添加订阅源' })
      await form.getByLabel('订阅地址').fill(hostile.url)
      await form.getByRole('button', { name: '试抓取' }).click()
      await form.getByText('读到 4 条，其中 4 条命中监测规则，编码 utf-8').waitFor()
      expect(await form.getByLabel('名称').inputValue()).toBe('<script>alert(1)</script>恶意源')
      await assertInert(page)
      const links = await form.locator('.feed-preview a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.getAttribute('target'), a.getAttribute('rel')]))
      expect(links.every(([href, target, rel]) => /^http:\/\/127\.0\.0\.1:\d+\/news\/\d\.html$/.test(href ?? '') && target === '_blank' && rel === 'noopener noreferrer')).toBe(true)
      expect(links).toHaveLength(3)
      await app.shot('watch-07-hostile-preview')
      expect(hostile.hits.get('/track.png') ?? 0).toBe(0)
      expect(hostile.hits.get('/frame') ?? 0).toBe(0)
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('demo data: dangerous mentions first, the cluster’s sources, a failing feed on the dashboard', async () => {
    const app = await openApp(browser, { setup: (d) => d.call('demo-seed', {}).then(() => undefined) })
    const { page } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('region', { name: '舆情监测' }).getByText('1 个订阅源已失效').waitFor()
      await app.shot('watch-08-dashboard-demo')
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('combobox', { name: '状态' }).selectOption('all')
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.getByText('南和县人民医院发生医闹事件 警方已介入').waitFor()
      const grades = await list.locator('.grade').allTextContents()
      expect(grades.slice(0, 5)).toEqual(['重大', '重大', '较大', '较大', '较大'])
      await list.getByRole('button', { name: '打开：网友投诉南和县人民医院急诊科候诊时间过长' }).click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await detail.getByRole('heading', { name: '全部来源（3）' }).waitFor()
      await app.shot('watch-09-inbox-demo')
      // 移除 with a reason: the story leaves the list but stays under 已移除, with who and why.
      await list.getByRole('button', { name: '打开：南和县人民医院发生医闹事件 警方已介入' }).click()
      await detail.getByRole('button', { name: '移除此舆情…' }).click()
      const remove = detail.getByRole('dialog', { name: '移除舆情' })
      await remove.getByLabel('其他').check()
      await remove.getByRole('button', { name: '确认移除' }).click()
      await remove.getByText('理由：请填写移除理由').waitFor()
      await remove.getByLabel('误报').check()
      await remove.getByLabel('补充说明').fill('外省同名医院的报道')
      await remove.getByRole('button', { name: '确认移除' }).click()
      await detail.getByText('理由：误报：外省同名医院的报道').waitFor()
      await list.getByText('南和县人民医院发生医闹事件 警方已介入').waitFor({ state: 'detached' })
      await page.getByRole('combobox', { name: '状态' }).selectOption('removed')
      await list.getByText('南和县人民医院发生医闹事件 警方已介入').waitFor()
      await app.shot('watch-12-removed')
      await page.getByRole('tab', { name: '订阅源' }).click()
      await expectText(page.getByRole('table', { name: '订阅源列表' }).locator('.fs-failing'), '失效')
      await app.shot('watch-10-feeds-demo')
      await page.getByRole('tab', { name: '监测规则' }).click()
      await page.getByRole('list', { name: '监测规则列表' }).getByText('来自医院信息').waitFor()
      await page.getByRole('tab', { name: '提醒与词库' }).click()
      await page.getByRole('form', { name: '提醒与词库' }).getByText('当前使用默认词库').waitFor()
      await app.shot('watch-11-settings')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
