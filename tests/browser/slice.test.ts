import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectText, launchBrowser, openApp } from '../helpers/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('browser: first run and the vertical slice', () => {
  it('asks for the hospital on first run, shows field errors, then the dashboard', async () => {
    const app = await openApp(browser)
    const { page } = app
    try {
      await page.getByRole('heading', { name: '欢迎使用宣传舆情工作台' }).waitFor()
      await page.getByRole('button', { name: '开始使用' }).click()
      await expectText(page.locator('[data-field="fullName"] .field-error'), '请填写医院全称（至少 2 个字）')
      await app.shot('01-first-run-error')
      await page.getByLabel('医院全称').fill('黄平县中医医院')
      await page.getByLabel('简称 / 别名').fill('黄平中医院、县中医院')
      await page.getByRole('button', { name: '开始使用' }).click()
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      expect(await page.locator('.brand-hospital').textContent()).toBe('黄平县中医医院')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('adds a WeChat post in the form; it appears in the ledger and the dashboard count goes up by one', async () => {
    const app = await openApp(browser, { setup: (d) => d.call('demo-seed', {}).then(() => undefined) })
    const { page } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      const before = Number(await page.getByTestId('month-wechat').textContent())
      await app.shot('02-dashboard-demo')

      await page.getByRole('button', { name: '新建台账记录' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      await form.waitFor()
      await form.getByLabel('标题').fill('')
      await form.getByLabel('日期').fill('2023-06-12')
      // A post already out (published on 06-12, reviewed on paper): 补录, so it counts as published this month.
      await form.getByLabel('补录已完成的工作').check()
      await form.getByRole('button', { name: '保存' }).click()
      await expectText(form.locator('[data-field="title"] .field-error'), '请填写标题')
      await app.shot('03-form-error-beside-field')

      await form.getByLabel('标题').fill('我院开展“全国爱眼日”义诊活动')
      await form.getByLabel('作者').fill('张宣')
      await form.getByLabel('科室').fill('宣传科')
      await form.getByRole('button', { name: '保存' }).click()
      await page.getByRole('table', { name: '台账列表' }).getByText('我院开展“全国爱眼日”义诊活动').waitFor()
      await app.shot('04-ledger-with-new-post')

      await page.getByRole('link', { name: '工作台' }).click()
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await expectText(page.getByTestId('month-wechat'), String(before + 1))
      await app.shot('05-dashboard-after')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})

