// Browser: two reports of one 医闹, four days apart, arrive as separate events; the officer merges the later one into
// the earlier by picking it (most similar first) in 合并到事件, sees one event with 2 sources, and splits one back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectText, launchBrowser, openApp, signIn } from '../helpers/browser'
import { addTestUser } from '../helpers/desk'
import { memoryTransport } from '../watch/watch-helpers'
import { rss2 } from '../fixtures/feeds'
import { pollDue } from '../../handlers/feeds/poll'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const FIRST = '【突发】黄平县中医医院急诊科发生医闹 家属砸坏电脑'
const LATER = '黄平县中医医院医闹事件后续：砸坏电脑殴打医生的王姓家属被拘留'
const OTHER = '黄平县中医医院走进旧州镇开展义诊活动'

describe('browser: merging and splitting events', () => {
  it('the officer picks the event to merge into, sees its sources, and splits one back', async () => {
    const feeds = {
      'http://a.example/rss': { body: rss2('县融媒', [
        { title: FIRST, description: '昨日，黄平县中医医院急诊科一名王姓患者的家属对抢救结果不满，与值班医生发生争执后砸坏电脑并动手殴打，造成2名医护人员受伤，警方已介入调查。', guid: 'a1', pubDate: 'Sat, 01 Jun 2024 08:00:00 +0800' },
        { title: OTHER, description: '黄平县中医医院专家来到旧州镇，为群众开展高血压糖尿病筛查，现场发放宣传资料，共接待咨询200余人次。', guid: 'a2', pubDate: 'Mon, 03 Jun 2024 09:00:00 +0800' }
      ]) },
      'http://b.example/rss': { body: rss2('市报', [
        { title: LATER, description: '记者从黄平县公安局获悉，在黄平县中医医院急诊科砸坏电脑、殴打医护人员的王姓患者家属已被依法行政拘留，2名受伤医护人员正在治疗。', guid: 'b1', pubDate: 'Wed, 05 Jun 2024 09:00:00 +0800' }
      ]) }
    }
    const app = await openApp(browser, {
      now: new Date('2024-06-05T04:00:00.000Z'),
      signIn: false,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] })
        addTestUser(d.ctx, '王干事', ['officer'])
        d.ctx.http = memoryTransport(feeds).transport
        await d.call('feed-add', { url: 'http://a.example/rss', name: '县融媒', weight: 1 })
        await d.call('feed-add', { url: 'http://b.example/rss', name: '市报', weight: 2 })
        await pollDue(d.ctx, { random: () => 0.5 })
      }
    })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      const events = (await desk.call('mention-list', {})).rows
      expect(events).toHaveLength(3) // four days apart: beyond the clustering window, so three events
      const first = events.find((m) => m.title === FIRST)!
      const later = events.find((m) => m.title === LATER)!

      await signIn(page, '王干事')
      await page.getByRole('link', { name: '舆情' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.locator('li.mention-row').filter({ hasText: LATER }).locator('button.mention-open').click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      const picker = detail.getByLabel('合并到事件')
      await expect.poll(() => picker.locator('option').count()).toBe(4) // 请选择…, two events, 按编号指定…
      const options = await picker.locator('option').allTextContents()
      expect(options[1]).toMatch(new RegExp(`^#${first.id} ${FIRST}（1 个来源 · 一般 · 06/01 08:00 · 相似 \\d+%）$`))
      expect(options.some((o) => o.startsWith(`#${events.find((m) => m.title === OTHER)!.id} ${OTHER}`))).toBe(true)
      await picker.selectOption({ index: 1 })
      await app.shot('merge-01-picker')
      await detail.getByRole('button', { name: '合并到…' }).click()
      const ask = page.getByRole('alertdialog', { name: '合并事件' })
      await ask.getByText(`本事件的 1 个来源将并入事件 #${first.id}`).waitFor()
      await ask.getByRole('button', { name: '确认合并' }).click()
      await expectText(detail.locator('h3').filter({ hasText: '全部来源' }), '全部来源（2）')
      await app.shot('merge-02-merged')
      expect((await desk.call('mention-get', { id: later.id })).removed).toMatchObject({ reason: `合并到事件 #${first.id}` })

      await detail.getByRole('button', { name: `拆分为单独事件：${LATER}` }).click()
      await page.getByRole('alertdialog', { name: '拆分来源' }).getByRole('button', { name: '确认拆分' }).click()
      // the split source is an event of its own again, and the panel shows it
      await expectText(detail.locator('h3').filter({ hasText: '全部来源' }), '全部来源（1）')
      await expectText(detail.locator('.detail-title'), LATER)
      const after = (await desk.call('mention-list', {})).rows
      expect(after.map((m) => [m.title, m.sourceCount]).sort()).toEqual([[FIRST, 1], [LATER, 1], [OTHER, 1]].sort())
      const trail = await desk.call('audit-list', { entity: 'mention', entityId: String(first.id) })
      expect(trail.filter((r) => r.action === 'merge' || r.action === 'split').map((r) => [r.action, r.actor])).toEqual([['merge', '王干事'], ['split', '王干事']])
    } finally {
      await app.close()
    }
  })
})
