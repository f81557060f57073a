import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function setup(d: TestDesk): Promise<void> {
  await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科'] })
  await d.call('piece-create', { channel: 'wechat', title: '备份前发布的推文', date: '2023-06-01', status: 'published', backfill: true })
}

describe('browser: 设置 → 备份与恢复', () => {
  it('backs up now with progress, restores a backup after confirming, and checks the keep rules beside the fields', { timeout: 90_000 }, async () => {
    const app = await openApp(browser, { setup })
    const { page } = app
    try {
      await page.goto(`${app.bridge.url}#/settings/backup`)
      const panel = page.locator('section.backup-panel')
      await panel.getByRole('heading', { name: '备份与恢复' }).waitFor()
      await panel.getByText('还没有备份。').waitFor()

      await panel.getByRole('button', { name: '立即备份' }).click()
      await panel.getByText('已备份（2023-06-15 10:00:00').waitFor()
      const rows = panel.getByRole('table').locator('tbody tr')
      await rows.first().waitFor() // the list reloads after the message; count it once it has
      expect(await rows.count()).toBe(1)
      expect(await rows.first().locator('td').nth(1).textContent()).toBe('手动')
      await app.shot('backup-01-panel')

      // a piece written after the backup: the restore takes the desk back to before it
      await app.desk.call('piece-create', { channel: 'wechat', title: '备份后才写的推文', date: '2023-06-02', status: 'published', backfill: true })
      await rows.first().getByRole('button', { name: '恢复…' }).click()
      const confirm = panel.getByRole('alertdialog')
      await confirm.getByText('用 2023-06-15 10:00:00 的备份替换当前数据？').waitFor()
      await app.shot('backup-02-confirm')
      await confirm.getByRole('button', { name: '确认恢复' }).click()
      await panel.getByText('已从 desk-2023-06-15-100000-manual.sqlite 恢复。').waitFor()
      expect(await panel.locator('.backup-restored code').textContent()).toMatch(/desk\.replaced-20230615-100000\.sqlite$/)
      await app.shot('backup-03-restored')
      expect((await app.desk.call('piece-list', {})).rows.map((r) => r.title)).toEqual(['备份前发布的推文'])

      await panel.getByRole('button', { name: '重新载入工作台' }).click()
      await page.locator('section.backup-panel').getByRole('heading', { name: '备份与恢复' }).waitFor()
      const policy = page.locator('form.backup-policy')
      await policy.getByLabel('每日备份保留份数').fill('0')
      await policy.getByRole('button', { name: '保存保留规则' }).click()
      await policy.locator('[data-field="daily"] .field-error').filter({ hasText: '至少保留 1 份' }).waitFor()
      await app.shot('backup-04-policy-error')
      await policy.getByLabel('每日备份保留份数').fill('10')
      await policy.getByRole('button', { name: '保存保留规则' }).click()
      await policy.getByText('已保存').waitFor()
      expect((await app.desk.call('backup-list', {})).policy).toEqual({ auto: true, daily: 10, weekly: 4 })
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
