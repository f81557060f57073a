import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { launchBrowser, openApp, SCREENSHOTS } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'

/** Stands in for a USB stick: /dev/shm when it is another device here (tmpfs), else a folder in tmpdir. */
const OTHER = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev ? '/dev/shm' : tmpdir()
const parents: string[] = []

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  for (const p of parents) rmSync(p, { recursive: true, force: true })
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
      await panel.getByText('已备份到 ').filter({ hasText: '（2023-06-15 10:00:00' }).waitFor()
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
      expect((await app.desk.call('backup-list', {})).policy).toEqual({ auto: true, daily: 10, weekly: 4, monthly: 12, folder: null })
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('sets the backup folder by path, checks it, backs up there and restores from there', { timeout: 90_000 }, async () => {
    const parent = mkdtempSync(join(OTHER, 'desk-usb-'))
    parents.push(parent)
    const usb = join(parent, '宣传科备份')
    mkdirSync(usb)
    const app = await openApp(browser, { setup })
    const { page } = app
    try {
      await page.goto(`${app.bridge.url}#/settings/backup`)
      const panel = page.locator('section.backup-panel')
      const form = panel.locator('form.backup-folder')
      await form.getByRole('heading', { name: '备份位置' }).waitFor()

      // a folder that is not there: said with its name, and not saved
      const missing = join(parent, '没插的U盘')
      await form.getByLabel('备份文件夹').fill(missing)
      await form.getByRole('button', { name: '检查' }).click()
      await form.locator('.backup-check.bad').filter({ hasText: `找不到备份文件夹 ${missing}` }).waitFor()
      await form.getByRole('button', { name: '保存备份位置' }).click()
      await form.locator('[data-field="folder"] .field-error').filter({ hasText: '备份位置没有更改' }).waitFor()
      await form.screenshot({ path: join(SCREENSHOTS, 'backup-06-folder-missing.png') })
      expect((await app.desk.call('backup-list', {})).policy.folder).toBeNull()

      // pasted with the quotes Explorer's 复制路径 adds
      await form.getByLabel('备份文件夹').fill(`"${usb}"`)
      await form.getByRole('button', { name: '检查' }).click()
      await form.locator('.backup-check.ok').filter({ hasText: `可以写入 ${usb}，剩余 ` }).waitFor()
      await form.getByRole('button', { name: '保存备份位置' }).click()
      await form.getByText(`已保存：以后的备份存入 ${usb}`).waitFor()
      await panel.locator('p code.path').first().filter({ hasText: usb }).waitFor()
      const state = panel.locator('.backup-target')
      await state.filter({ hasText: '文件夹已找到，剩余 ' }).waitFor()
      if (OTHER !== tmpdir()) expect(await state.textContent()).toContain('与数据库不在同一块磁盘')

      await panel.getByRole('button', { name: '立即备份' }).click()
      await panel.getByText(`已备份到 ${usb}（2023-06-15 10:00:00`).waitFor()
      const rows = panel.getByRole('table').locator('tbody tr')
      await rows.first().waitFor()
      expect(await rows.count()).toBe(1)
      expect(await rows.first().locator('td').nth(1).textContent()).toBe('备份文件夹')
      expect(readdirSync(usb)).toEqual(['desk-2023-06-15-100000-manual.sqlite'])
      await page.screenshot({ path: join(SCREENSHOTS, 'backup-05-folder.png'), fullPage: true })

      await app.desk.call('piece-create', { channel: 'wechat', title: '备份后才写的推文', date: '2023-06-02', status: 'published', backfill: true })
      await rows.first().getByRole('button', { name: '恢复…' }).click()
      await panel.getByRole('alertdialog').getByRole('button', { name: '确认恢复' }).click()
      await panel.getByText('已从 desk-2023-06-15-100000-manual.sqlite 恢复。').waitFor()
      expect((await app.desk.call('piece-list', {})).rows.map((r) => r.title)).toEqual(['备份前发布的推文'])
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
