// Browser: the officer adds a 贴吧 feed from the RSSHub template on the hospital's own RSSHub (a local server here),
// with RSSHub's 只保留 filter; 试抓取 reaches exactly the address the template built; the address is kept as default.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { expectText, launchBrowser, openApp, signIn } from '../helpers/browser'
import { addTestUser } from '../helpers/desk'

let browser: Browser
let hub: http.Server
let origin = ''
const asked: string[] = []

beforeAll(async () => {
  browser = await launchBrowser()
  // An RSSHub stand-in: any route answers with one feed, and the request line is kept.
  hub = http.createServer((req, res) => {
    asked.push(req.url ?? '')
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
    res.end('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>南和吧</title><item><title>南和县人民医院急诊科夜里很负责</title><link>https://tieba.baidu.com/p/1</link><guid>1</guid></item></channel></rss>')
  })
  await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r))
  origin = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`
})
afterAll(async () => {
  await browser?.close()
  await new Promise((r) => hub?.close(r))
})

describe('browser: 订阅源模板 (RSSHub)', () => {
  it('builds the address from the template, filters by RSSHub’s own parameter, fetches it, and keeps the base address', async () => {
    const app = await openApp(browser, {
      signIn: false,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '南和县人民医院' })
        addTestUser(d.ctx, '王干事', ['officer'])
      }
    })
    const { page, desk } = app
    page.setDefaultTimeout(8_000)
    try {
      await signIn(page, '王干事')
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('tab', { name: '订阅源' }).click()
      await page.getByRole('button', { name: '添加订阅源' }).click()
      const form = page.getByRole('form', { name: '添加订阅源' })
      await form.getByRole('button', { name: '用 RSSHub 模板填写…' }).click()
      const helper = form.getByRole('group', { name: '用 RSSHub 模板填写' })
      expect(await helper.getByLabel('RSSHub 地址').inputValue()).toBe('https://rsshub.app')
      await helper.getByLabel('RSSHub 地址').fill(`${origin}/`)
      await helper.getByLabel('模板').selectOption({ label: '百度贴吧（按吧名）' })
      await helper.locator('[data-field="rsshub.kw"] input').fill('南和')
      await helper.getByLabel('只保留（标题或正文含）').fill('医院、卫生院')
      await helper.getByLabel('最多条数').fill('0')
      await expectText(helper.locator('[data-field="rsshub.limit"] .field-error'), '最多条数须为 1–200 的整数')
      await helper.getByLabel('最多条数').fill('30')
      const built = `${origin}/baidu/tieba/forum/%E5%8D%97%E5%92%8C?filter=%E5%8C%BB%E9%99%A2%7C%E5%8D%AB%E7%94%9F%E9%99%A2&limit=30`
      await expectText(helper.getByTestId('rsshub-url'), built)
      await helper.getByRole('button', { name: '填入订阅地址' }).click()
      expect(await form.getByLabel('订阅地址').inputValue()).toBe(built)
      expect(await form.getByLabel('名称').inputValue()).toBe('百度贴吧·南和吧')
      expect(await form.getByLabel('分类').inputValue()).toBe('论坛/社区')
      await form.getByRole('button', { name: '试抓取' }).click()
      await form.getByText('读到 1 条，其中 1 条命中监测规则').waitFor()
      expect(asked).toEqual([built.slice(origin.length)])
      await helper.getByRole('button', { name: '设为本院默认' }).click()
      await helper.getByRole('status').getByText('已设为本院默认地址').waitFor()
      await app.shot('rsshub-01-template')
      await form.getByRole('button', { name: '保存' }).click()
      await page.getByRole('table', { name: '订阅源列表' }).getByText('百度贴吧·南和吧').waitFor()
      expect(await desk.call('rsshub-base-get', {})).toEqual({ base: origin })
      expect((await desk.call('feed-list', {})).map((f) => [f.url, f.category, f.weight])).toEqual([[built, '论坛/社区', 0]])
    } finally {
      await app.close()
    }
  })
})
