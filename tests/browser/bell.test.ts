// Browser mode (npm run web's bridge): a 重大 incident arrives in quiet hours through the background poll duty; the
// page's desktop notice fires, the bell counts it and links to the mention, and opening it marks it read. Then the
// 群机器人推送 panel: a target saved, tested against a local robot on 127.0.0.1, a refusing one shown with its reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp } from '../helpers/browser'
import { memoryTransport } from '../watch/watch-helpers'
import { rss2 } from '../fixtures/feeds'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const NIGHT = new Date('2024-06-01T15:30:00.000Z') // 23:30 in China: inside the default quiet hours

describe('the bell', () => {
  it('shows a 重大 alert raised in quiet hours by the background poll, with a desktop notice and a link to the mention', async () => {
    const feed = { body: rss2('省台', [{ title: '网友投诉我院急诊室发生医闹', guid: 'a1', pubDate: 'Sat, 01 Jun 2024 23:00:00 +0800' }]) }
    const app = await openApp(browser, {
      now: NIGHT,
      background: ['poll', 'alerts'],
      setup: async (d) => {
        await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
        d.ctx.http = memoryTransport({ 'http://prov.example/rss': feed }).transport
        await d.call('feed-add', { url: 'http://prov.example/rss', name: '省台', weight: 3 })
        // a notice from before: already in the bell, already read
        d.ctx.notify({ kind: 'due', title: '排期到期：网站', body: '《义诊活动预告》排期在 2024-06-01，请按时发布', href: '#/calendar' })
        const list = await d.call('notice-list', {})
        await d.call('notice-read', { ids: list.items.map((n) => n.id) })
      }
    })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      // the page's desktop-notice path, with the permission granted: record what it raises
      await page.evaluate(() => {
        const shown: { title: string; body: string }[] = []
        ;(globalThis as unknown as { __shown: typeof shown }).__shown = shown
        class FakeNotification {
          static permission = 'granted'
          static requestPermission = async () => 'granted'
          constructor(title: string, o: { body: string }) {
            shown.push({ title, body: o.body })
          }
        }
        ;(globalThis as unknown as { Notification: unknown }).Notification = FakeNotification
      })
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await expect(page.getByTestId('bell-count').count()).resolves.toBe(0)
      app.client.kick() // the duties run now rather than after their first delay
      await page.getByTestId('bell-count').filter({ hasText: '1' }).waitFor()
      // the card (the in-page notice) and the desktop notice
      await page.locator('.notices .notice').filter({ hasText: '重大舆情（静默时段）' }).waitFor()
      const shown = await page.evaluate(() => (globalThis as unknown as { __shown: unknown[] }).__shown)
      expect(shown).toEqual([{ title: '重大舆情（静默时段）', body: '网友投诉我院急诊室发生医闹' }])
      await page.getByRole('button', { name: '提醒中心，1 条未读' }).click()
      const panel = page.getByRole('dialog', { name: '提醒中心' })
      await panel.getByText('网友投诉我院急诊室发生医闹').first().waitFor()
      const items = await panel.locator('.bell-item').allInnerTexts()
      expect(items.map((t) => t.split('\n').slice(0, 3).join('|'))).toEqual([
        '舆情|06-01 23:30|重大舆情（静默时段）',
        '排期|06-01 23:30|排期到期：网站'
      ])
      await app.shot('bell-quiet-hours-major')
      await panel.locator('.bell-item.unread').getByRole('button', { name: '查看' }).click()
      await page.locator('.mention-detail').getByText('网友投诉我院急诊室发生医闹').first().waitFor()
      expect(page.url()).toMatch(/#\/watch\/inbox\/\d+$/)
      await page.getByRole('button', { name: '提醒中心', exact: true }).waitFor()
      await expect(page.getByTestId('bell-count').count()).resolves.toBe(0)
      await app.shot('bell-opened-mention')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('the 群机器人推送 panel saves targets, sends a test and shows each target\'s last result', async () => {
    const bodies: { path: string; body: string }[] = []
    const robot = createServer((req, res) => {
      let raw = ''
      req.on('data', (c) => (raw += c))
      req.on('end', () => {
        bodies.push({ path: req.url ?? '', body: raw })
        const refuse = req.url?.startsWith('/bad')
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refuse ? { errcode: 93000, errmsg: 'invalid webhook url' } : { errcode: 0, errmsg: 'ok' }))
      })
    })
    await new Promise<void>((r) => robot.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(robot.address() as AddressInfo).port}`
    const app = await openApp(browser, { now: NIGHT, setup: (d) => d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] }).then(() => undefined) })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.goto(`${app.bridge.url}#/watch/settings`)
      const panel = page.getByRole('form', { name: '群机器人推送' })
      await panel.getByRole('button', { name: '添加推送目标' }).click()
      await panel.getByRole('button', { name: '添加推送目标' }).click()
      const targets = panel.locator('fieldset.webhook-target')
      await targets.nth(0).getByLabel('群名称').fill('宣传科工作群')
      await targets.nth(0).getByLabel('Webhook 地址').fill(`${base}/ok?key=k`)
      await targets.nth(1).getByLabel('群名称').fill('院办群')
      await targets.nth(1).getByLabel('平台').selectOption('dingtalk')
      await targets.nth(1).getByLabel('Webhook 地址').fill('ftp://wrong')
      await panel.getByRole('button', { name: '保存推送设置' }).click()
      await panel.getByRole('alert').filter({ hasText: 'Webhook 地址须以 http:// 或 https:// 开头' }).first().waitFor()
      await targets.nth(1).getByLabel('Webhook 地址').fill(`${base}/bad?access_token=t`)
      await targets.nth(1).getByLabel(/签名密钥/).fill('SECtest')
      await panel.getByRole('button', { name: '保存推送设置' }).click()
      await panel.getByText('已保存').waitFor()
      // What the window reads back is masked (…后4位; a secret this short shows none of it); the form saved again
      // unchanged keeps the real ones, which the robots below still get (the address, and 钉钉's signature).
      await expect.poll(() => targets.nth(1).getByLabel('Webhook 地址').inputValue()).toBe('…en=t')
      expect(await targets.nth(1).getByLabel(/签名密钥/).inputValue()).toBe('…')
      await targets.nth(0).getByLabel('群名称').fill('宣传科工作群')
      await panel.getByRole('button', { name: '保存推送设置' }).click()
      await panel.getByText('已保存').waitFor()
      await targets.nth(0).getByRole('button', { name: '发送测试消息' }).click()
      await targets.nth(0).getByRole('status').filter({ hasText: '已送达' }).waitFor()
      await targets.nth(1).getByRole('button', { name: '发送测试消息' }).click()
      await targets.nth(1).getByRole('status').filter({ hasText: '平台返回错误 93000' }).waitFor()
      expect(bodies.map((b) => b.path.split('?')[0])).toEqual(['/ok', '/bad'])
      expect(JSON.parse(bodies[0].body)).toMatchObject({ msgtype: 'markdown', markdown: { content: expect.stringContaining('宣传舆情工作台推送测试') } })
      expect(bodies[1].path).toMatch(/timestamp=\d+&sign=/)
      await panel.scrollIntoViewIfNeeded()
      await app.shot('webhook-panel')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
      await new Promise<void>((r) => robot.close(() => r()))
    }
  })
})
