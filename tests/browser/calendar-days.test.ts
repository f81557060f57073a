// Browser mode: the calendar as the publicity officer plans with it — 休/班 and the 节点日 in the day cells, the
// 近期节点 panel drafting an LED greeting over 国庆 (nothing written until saved; Esc closes the drawer), jumping to a
// month with back/forward, the LED lead-time warning after a drag across 国庆 2023, and a year added in
// 设置 › 节假日安排 from the State Council's notice so the calendar knows 2027.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { drag, expectText, launchBrowser, openApp } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'
import { NOTICE_2027 } from '../fixtures/holiday-notices'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

const goHash = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`)
const profile = async (d: TestDesk): Promise<void> => void (await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科', '医务科'] }))


describe('the planning calendar', () => {
  it('shows 国庆 2023 and the health days, drafts from 近期节点, jumps months, and warns after a drag across the holiday', async () => {
    const app = await openApp(browser, {
      now: new Date('2023-09-28T02:00:00Z'), // Thursday 28 September, 10:00 in China
      setup: async (d) => {
        await profile(d)
        await d.call('piece-create', { channel: 'led', title: '秋季流感疫苗接种通知', date: '2023-10-16', status: 'draft', kind: '通知', extra: { displayStart: '2023-10-16', displayEnd: '2023-10-18' } })
      }
    })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await goHash(page, '#/calendar')
      await expectText(page.getByTestId('calendar-title'), '2023年9月')
      // Jump to October with the month picker: the hash keeps the month, so back returns to September.
      await page.getByRole('group', { name: '跳转到月份' }).getByLabel('月份').selectOption('10')
      await expectText(page.getByTestId('calendar-title'), '2023年10月')
      expect(await page.evaluate('window.location.hash')).toBe('#/calendar/2023-10')
      const cell = (d: string) => page.locator(`.cal-daynum[data-date="${d}"]`)
      const labels = (d: string) => page.locator(`.day-labels[data-date="${d}"] .day-label`).allTextContents()
      await expect.poll(() => cell('2023-10-02').locator('.rest.off').textContent()).toBe('休')
      expect(await cell('2023-10-07').locator('.rest.work').textContent()).toBe('班')
      expect(await labels('2023-09-30')).toEqual(['国庆节'])
      expect(await labels('2023-10-08')).toEqual(['寒露', '全国高血压日'])
      expect(await labels('2023-10-10')).toEqual(['世界精神卫生日'])
      expect(await labels('2023-10-23')).toEqual(['重阳节'])
      expect(await page.locator('.cal-banner').count()).toBe(0)
      await page.goBack()
      await expectText(page.getByTestId('calendar-title'), '2023年9月')
      await page.goForward()
      await expectText(page.getByTestId('calendar-title'), '2023年10月')

      // 近期节点: 国庆节 with its span and 调休; 起草 opens the form prefilled, the lead time checked at once.
      const panel = page.getByRole('complementary', { name: '近期节点' })
      await expect.poll(() => panel.locator('li[data-key^="holiday:国庆节"]').textContent()).toContain('9月30日至10月6日 · 10月7日、10月8日上班')
      await app.shot('calendar-days-01-month-2023-10')
      await panel.getByRole('button', { name: '起草 国庆节' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      await expect.poll(() => form.getByLabel('标题').inputValue()).toBe('国庆节快乐')
      expect(await form.getByLabel('展示开始').inputValue()).toBe('2023-09-30')
      expect(await form.getByLabel('展示结束').inputValue()).toBe('2023-10-06')
      await expect.poll(() => form.textContent()).toMatch(/距今只有 1 个工作日/)
      await app.shot('calendar-days-02-draft-from-guoqing')
      // Esc closes the drawer; nothing was written.
      await page.keyboard.press('Escape')
      const discard = page.getByRole('alertdialog')
      if (await discard.count()) await discard.getByRole('button', { name: '放弃' }).click()
      await expect.poll(() => page.locator('.cal-drawer').count()).toBe(0)
      expect((await app.desk.call('piece-list', {})).rows.map((p) => p.title)).toEqual(['秋季流感疫苗接种通知'])
      // A day's name in the month view drafts its piece too: the way for a day beyond the panel's 30 days.
      await page.locator('.day-labels[data-date="2023-10-10"]').getByRole('button', { name: '起草 世界精神卫生日' }).click()
      await expect.poll(() => form.getByLabel('标题').inputValue()).toContain('世界精神卫生日')
      expect(await form.getByLabel('日期').first().inputValue()).toBe('2023-10-10')
      await page.keyboard.press('Escape')
      if (await discard.count()) await discard.getByRole('button', { name: '放弃' }).click()
      await expect.poll(() => page.locator('.cal-drawer').count()).toBe(0)
      expect((await app.desk.call('piece-list', {})).rows).toHaveLength(1)

      // Drag the LED draft from 10-16 onto 10-08 (the 调休 Sunday): two working days are left before it.
      const bar = page.locator('.cal-span', { hasText: '秋季流感疫苗接种通知' })
      await drag(page, bar, page.locator('.cal-items[data-date="2023-10-08"]'))
      const warning = page.locator('.cal-warning[role="alert"]')
      await expect.poll(() => warning.textContent()).toMatch(/展示开始 2023-10-08，距今只有 2 个工作日（9月29日至10月6日中秋节、国庆节放假）/)
      const moved = await app.desk.call('piece-get', { id: 1 })
      expect([moved.date, moved.extra.displayStart, moved.extra.displayEnd]).toEqual(['2023-10-08', '2023-10-08', '2023-10-10'])
      await app.shot('calendar-days-03-drag-warning')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('shows 春节 2024 with its two 调休 Sundays and 雨水 in the month view', async () => {
    const app = await openApp(browser, { now: new Date('2024-02-01T02:00:00Z'), setup: profile })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await goHash(page, '#/calendar/2024-02')
      await expectText(page.getByTestId('calendar-title'), '2024年2月')
      const cell = (d: string) => page.locator(`.cal-daynum[data-date="${d}"]`)
      const labels = (d: string) => page.locator(`.day-labels[data-date="${d}"] .day-label`).allTextContents()
      await expect.poll(() => labels('2024-02-10')).toEqual(['春节'])
      expect(await cell('2024-02-04').locator('.rest').textContent()).toBe('班')
      expect(await cell('2024-02-18').locator('.rest').textContent()).toBe('班')
      expect(await labels('2024-02-19')).toEqual(['雨水'])
      await app.shot('calendar-days-04-month-2024-02')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('adds 2027 from the pasted notice in 设置 › 节假日安排, and the calendar then knows it', async () => {
    const app = await openApp(browser, { now: new Date('2026-11-20T02:00:00Z'), setup: profile })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await goHash(page, '#/calendar/2027-10')
      const banner = page.locator('.cal-banner[role="status"]')
      await expect.poll(() => banner.textContent()).toContain('2027年的节假日安排尚未录入')
      await banner.getByRole('link', { name: '去设置' }).click()
      const card = page.getByRole('region', { name: '节假日安排' })
      await card.getByLabel('年份', { exact: true }).fill('2027')
      await card.getByLabel('通知正文').fill(NOTICE_2027)
      await card.getByRole('button', { name: '预览' }).click()
      const preview = card.locator('.holiday-preview')
      await expect.poll(() => preview.locator('tbody tr').count()).toBe(7)
      expect(await preview.locator('tbody tr').last().textContent()).toBe('国庆节10月1日至10月7日79月26日、10月9日')
      await app.shot('calendar-days-05-holiday-preview')
      await card.getByRole('button', { name: '保存' }).click()
      await expect.poll(() => card.locator('tr[data-year="2027"]').textContent()).toBe('2027本院补充285删除')
      await goHash(page, '#/calendar/2027-10')
      const cell = (d: string) => page.locator(`.cal-daynum[data-date="${d}"]`)
      const labels = (d: string) => page.locator(`.day-labels[data-date="${d}"] .day-label`).allTextContents()
      await expect.poll(() => labels('2027-10-01')).toEqual(['国庆节'])
      expect(await cell('2027-10-09').locator('.rest').textContent()).toBe('班')
      expect(await page.locator('.cal-banner').count()).toBe(0)
      await app.shot('calendar-days-06-month-2027-10')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('adds the hospital’s 院庆 in 设置 › 节点日; Esc on an edit keeps the saved list; the calendar shows the 70th', async () => {
    const app = await openApp(browser, { now: new Date('2023-10-09T02:00:00Z'), setup: profile })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await goHash(page, '#/settings/planning')
      const card = page.getByRole('region', { name: '节点日' })
      await card.getByRole('button', { name: '添加节点' }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel('名称').fill('院庆')
      await dialog.getByLabel('月', { exact: true }).fill('10')
      await dialog.getByLabel('日', { exact: true }).fill('15')
      await dialog.getByLabel('建院年份').fill('1953')
      await dialog.getByLabel('建议渠道').selectOption('wechat')
      await dialog.getByLabel('建议标题').fill('建院{周年}周年｜我们的故事')
      await dialog.getByRole('button', { name: '确定' }).click()
      await card.getByRole('button', { name: '保存', exact: true }).click()
      await expectText(card.getByRole('status'), '已保存')
      // Edit it, then Esc (and 放弃): the saved list is unchanged.
      await card.getByRole('button', { name: '编辑 院庆' }).click()
      await page.getByRole('dialog').getByLabel('名称').fill('院庆日')
      await page.keyboard.press('Escape')
      await page.getByRole('alertdialog').getByRole('button', { name: '放弃' }).click()
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
      expect(await card.locator('tr', { hasText: '1953年建院' }).locator('td').first().textContent()).toBe('院庆（1953年建院）')
      const saved = await app.desk.call('planning-rules', {})
      expect(saved.rules.filter((r) => r.kind === '院内纪念日').map((r) => [r.name, r.since, r.when])).toEqual([['院庆', 1953, { type: 'date', month: 10, day: 15 }]])
      await app.shot('calendar-days-07-planning-settings')
      await goHash(page, '#/calendar/2023-10')
      await expect.poll(() => page.locator('.day-labels[data-date="2023-10-15"] .day-label').allTextContents()).toEqual(['院庆70周年'])
      const panel = page.getByRole('complementary', { name: '近期节点' })
      await expect.poll(() => panel.locator('li', { hasText: '院庆' }).textContent()).toContain('院庆（70周年·逢五逢十）')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
