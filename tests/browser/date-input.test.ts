// Date fields take the dates the office types (issue #13): 2023年5月3日, 2023/5/3, 2023-5-3 are read as
// 2023-05-03 when the field is left; a text that is no date says so beside the field, naming it, and the form
// does not save. Real Chromium against the real handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectText, launchBrowser, openApp } from '../helpers/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const pieces = (app: Awaited<ReturnType<typeof openApp>>) =>
  app.desk.ctx.desk.sqlite.prepare('SELECT title, date FROM pieces ORDER BY id').all() as { title: string; date: string }[]

describe('browser: typed Chinese dates', () => {
  it('a piece’s 日期 typed as 2023年5月3日 is saved as 2023-05-03; 2023年2月30日 is refused, naming the field', async () => {
    const app = await openApp(browser, { setup: (d) => d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] }).then(() => undefined) })
    const { page } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('button', { name: '新建台账记录' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      await form.waitFor()
      await form.getByLabel('标题').fill('我院开展“五四青年节”主题团日活动')
      await form.getByLabel('补录已完成的工作').check()
      const date = form.getByLabel('日期', { exact: true })

      await date.fill('2023年2月30日')
      await form.getByLabel('标题').click() // leave the field
      const error = form.locator('[data-field="date"] .field-error')
      await expectText(error, '日期：无法识别的日期“2023年2月30日”，请写成 2023-03-05、2023/3/5 或 2023年3月5日')
      await app.shot('date-01-invalid-typed-date')
      await form.getByRole('button', { name: '保存' }).click()
      expect(await form.isVisible()).toBe(true)
      expect(pieces(app)).toEqual([]) // a date the box could not read is never saved as some other day

      await date.fill('2023年5月3日')
      await form.getByRole('button', { name: '保存' }).click()
      await expect.poll(() => pieces(app), { timeout: 10_000 }).toEqual([{ title: '我院开展“五四青年节”主题团日活动', date: '2023-05-03' }])
      await app.shot('date-02-saved')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)

  it('the box shows a typed 2023/5/3 as 2023-05-03 when left, and Enter reads it too', async () => {
    const app = await openApp(browser, { setup: (d) => d.call('profile-save', { fullName: '黄平县中医医院', aliases: ['我院'], departments: [] }).then(() => undefined) })
    const { page } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('button', { name: '新建台账记录' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      const date = form.getByLabel('日期', { exact: true })
      await date.fill('2023/5/3')
      await form.getByLabel('标题').click()
      expect(await date.inputValue()).toBe('2023-05-03')
      await date.fill('２０２３年６月１日')
      await date.press('Enter') // reads the date; the form then reports the missing 标题, not a date problem
      expect(await date.inputValue()).toBe('2023-06-01')
      await expectText(form.locator('[data-field="title"] .field-error'), '请填写标题')
      expect(await form.locator('[data-field="date"] .field-error').count()).toBe(0)
      // The calendar button sits beside the box for the system's own picker.
      expect(await form.getByRole('button', { name: '打开日历' }).count()).toBe(1)
      await app.shot('date-03-normalised')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)
})
