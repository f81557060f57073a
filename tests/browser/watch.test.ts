// The opinion watch as the officer clicks it, in Chromium against the real handlers and the fixture feed
// server on 127.0.0.1; plus a hostile feed whose titles carry HTML/script payloads that must stay inert text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Locator, Page } from 'playwright-core'
import { expectText, launchBrowser, openApp } from '../helpers/browser'
import { startFeedServer, type FeedServer } from '../fixtures/feed-server'
import { TITLES } from '../fixtures/feeds'
import { pollDue } from '../../handlers/feeds/poll'
import type { TestDesk } from '../helpers/desk'

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

/** A mention's row button in the inbox, found by its title (the button's spoken name carries the grade and source too). */
const openButton = (list: Locator, title: string) =>
  list.locator('li.mention-row').filter({ has: list.page().locator('.mention-title', { hasText: title }) }).locator('button.mention-open')
/** The titles as shown (each title holds a visually hidden 打开： for screen readers). */
const titles = async (list: Locator) => (await list.locator('.mention-title').allTextContents()).map((t) => t.replace(/^打开：/, ''))

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
      await page.getByRole('status', { name: '抓取结果' }).getByText('1 个订阅源：成功 1，失败 0，跳过 0；新增舆情 3 条').waitFor()
      await expectText(table.locator('.fstatus'), '正常')
      await app.shot('watch-02-feeds-polled')

      await page.getByRole('tab', { name: '收件箱' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.getByText(TITLES.inspection).waitFor()
      expect(await titles(list)).toEqual([TITLES.inspection, TITLES.bilingual, TITLES.unityMonth])
      await app.shot('watch-03-inbox')

      await openButton(list, TITLES.inspection).click()
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
  }, 90_000) // a long walk through the UI: generous on a loaded two-core box

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
      expect((await titles(list)).sort()).toEqual([
        '<img src=x onerror="window.__pwned=1">我院图片新闻',
        '<script>window.__pwned=1</script>我院通报',
        '我院公告',
        '我院简讯 <b onmouseover=window.__pwned=1>悬停</b>'
      ].sort())
      for (const title of await titles(list)) {
        await openButton(list, title).click()
        await expectText(page.getByRole('complementary', { name: '舆情详情' }).locator('.detail-title'), title)
        await assertInert(page)
      }
      await openButton(list, '<img src=x onerror="window.__pwned=1">我院图片新闻').click()
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
  }, 90_000)

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
      await openButton(list, '网友投诉南和县人民医院急诊科候诊时间过长').click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await detail.getByRole('heading', { name: '全部来源（3）' }).waitFor()
      await app.shot('watch-09-inbox-demo')
      // 移除 with a reason: the story leaves the list but stays under 已移除, with who and why.
      await openButton(list, '南和县人民医院发生医闹事件 警方已介入').click()
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
  }, 90_000)
})

describe('browser: 责任人 and an honest poll summary (issue #13)', () => {
  /** A desk with the fixture feed's three mentions already polled in. */
  async function withMentions(d: TestDesk): Promise<void> {
    await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
    await d.call('feed-add', { url: server.url('/feeds/gbk-header.xml'), name: '院网' })
    await pollDue(d.ctx)
  }

  it('saves the 责任人 with 开始研判, with 办结, and on leaving the field; after a reload it shows what was saved', async () => {
    const app = await openApp(browser, { now: NOW, setup: withMentions })
    const { page } = app
    const stored = () => (app.desk.ctx.desk.sqlite.prepare('SELECT assignee FROM mentions WHERE title = ?').get(TITLES.inspection) as { assignee: string }).assignee
    try {
      await page.getByRole('link', { name: '舆情' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await openButton(list, TITLES.inspection).click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      const field = detail.getByLabel('责任人', { exact: true })
      const state = detail.getByRole('status', { name: '责任人保存状态' })

      // Typed, then 开始研判: the field says 未保存 until the step (or the blur it causes) has saved it.
      await field.fill('李明')
      await expectText(state, '未保存')
      expect(stored()).toBe('')
      await app.shot('watch-13-assignee-unsaved')
      await detail.getByRole('button', { name: '开始研判' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '研判')
      await expectText(state, '已保存')
      expect(stored()).toBe('李明')

      // Typed, then 办结.
      await detail.getByRole('button', { name: '转入处置' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '处置中')
      await detail.getByLabel('处置说明').fill('已在官网发布情况说明')
      await field.fill('王芳')
      await expectText(state, '未保存')
      await detail.getByRole('button', { name: '办结' }).click()
      await expectText(detail.locator('.detail-head .mstatus'), '已办结')
      await expectText(state, '已保存')
      expect(stored()).toBe('王芳')
      expect(await field.inputValue()).toBe('王芳')

      // Typed and left: saved the moment the field loses focus, on a closed mention too.
      await field.fill('赵强')
      await expectText(state, '未保存')
      await detail.locator('.detail-title').click()
      await expectText(state, '已保存')
      expect(stored()).toBe('赵强')
      await app.shot('watch-14-assignee-saved')

      // Typed but never left: nothing pretends it was saved, and a reload shows the database's name.
      await field.fill('未保存的名字')
      await expectText(state, '未保存')
      await page.reload()
      await page.getByRole('combobox', { name: '状态' }).selectOption('all')
      await openButton(page.getByRole('list', { name: '舆情列表' }), TITLES.inspection).click()
      const again = page.getByRole('complementary', { name: '舆情详情' })
      await expect.poll(() => again.getByLabel('责任人', { exact: true }).inputValue()).toBe(stored())
      expect(await again.getByRole('status', { name: '责任人保存状态' }).count()).toBe(0)

      const changes = app.desk.ctx.desk.sqlite
        .prepare("SELECT changes FROM audit_log WHERE entity = 'mention' AND changes LIKE '%assignee%' ORDER BY id").all() as { changes: string }[]
      expect(changes.map((c) => JSON.parse(c.changes).assignee)).toEqual([['', '李明'], ['李明', '王芳'], ['王芳', '赵强']])
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)

  it('立即抓取 with every feed failing says 成功 0，失败 6 and names each with its reason', async () => {
    const failing: [string, string][] = [
      ['县卫健委', '/status/500'], ['市报', '/status/404'], ['省台', '/status/503-bare'],
      ['论坛', '/status/302-no-location'], ['贴吧', '/status/429'], ['微博', '/feeds/login']
    ]
    const app = await openApp(browser, {
      now: NOW,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
        for (const [name, path] of failing) await d.call('feed-add', { url: server.url(path), name })
        const off = await d.call('feed-add', { url: server.url('/feeds/utf8.xml'), name: '已停用的源' })
        await d.call('feed-set-enabled', { id: off.id, enabled: false })
      }
    })
    const { page } = app
    try {
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('tab', { name: '订阅源' }).click()
      await page.getByRole('button', { name: '立即抓取' }).click()
      const report = page.getByRole('status', { name: '抓取结果' })
      const summary = report.locator('strong')
      await summary.getByText('7 个订阅源：成功 0，失败 6（', { exact: false }).waitFor()
      const text = (await summary.textContent()) ?? ''
      expect(text).toBe('7 个订阅源：成功 0，失败 6（县卫健委：对方服务器出错（HTTP 500）；市报：订阅地址不存在（HTTP 404），请检查地址是否已变更；省台：服务器暂时不可用（HTTP 503）；另有 3 个），跳过 1（已停用 1）；新增舆情 0 条')
      expect(text).not.toContain('已抓取')
      // Every failed feed is listed under the sentence with its whole message.
      expect(await report.locator('li.po-error').allTextContents()).toEqual([
        '县卫健委：对方服务器出错（HTTP 500），稍后会自动重试',
        '市报：订阅地址不存在（HTTP 404），请检查地址是否已变更',
        '省台：服务器暂时不可用（HTTP 503），稍后会自动重试',
        '论坛：服务器要求跳转，但没有给出新的地址（HTTP 302）',
        '贴吧：访问过于频繁，服务器暂时拒绝（HTTP 429），服务器要求 2 分钟后再试',
        '微博：返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）'
      ])
      await app.shot('watch-15-poll-all-failed')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
