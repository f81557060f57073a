// Browser: the officer makes the weekly 工作动态 repeat from the piece form (with the preview of its dates), finds
// its drafts in the ledger, and changes all future ones from one occurrence's detail — 编辑此后全部.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { expectText, launchBrowser, openApp, signIn } from '../helpers/browser'
import { addTestUser } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const labelled = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[()（）/]/g, (c) => `\\${c}`)}`))
const table = (page: Page) => page.getByRole('table', { name: '台账列表' })

describe('browser: 重复稿件', () => {
  it('the officer sets a weekly 工作动态 to repeat, sees its drafts in the ledger and edits all future ones', async () => {
    const app = await openApp(browser, {
      signIn: false,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '南和县人民医院' })
        await d.call('quota-save', { label: '工作动态每周至少 1 条', channel: 'gov_report', period: 'week', target: 1 })
        addTestUser(d.ctx, '王干事', ['officer'])
      }
    })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      await signIn(page, '王干事')
      await page.getByRole('link', { name: '台账' }).click()
      await page.getByRole('heading', { name: '台账' }).waitFor()
      await page.getByRole('button', { name: '新建记录' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      await labelled(form, '渠道').selectOption('gov_report')
      await labelled(form, '标题').fill('工作动态（{日期}）')
      await labelled(form, '日期').fill('2023-06-19')
      await labelled(form, '报送单位').fill('市卫健委')
      await labelled(form, '重复').selectOption('weekly')
      expect(await labelled(form, '星期').inputValue()).toBe('1') // 06-19 is a Monday
      await labelled(form, '次数').fill('0')
      await expectText(form.locator('[data-field="count"] .field-error'), '次数须为1–200')
      await labelled(form, '次数').fill('10')
      await expectText(form.getByTestId('repeat-preview').locator('strong'), '每周一，共10次')
      expect(await form.getByTestId('repeat-preview').textContent()).toContain('6月19日（周一）、6月26日（周一）、7月3日（周一）')
      await app.shot('series-01-form-repeat-preview')
      await form.getByRole('button', { name: '保存' }).click()

      // 62 days ahead of 2023-06-15: 06-19 … 08-14, nine drafts; the tenth (08-21) waits for the duty.
      await table(page).getByRole('link', { name: '工作动态（6月19日）' }).waitFor()
      await table(page).getByRole('link', { name: '工作动态（8月14日）' }).waitFor()
      const made = (await desk.call('piece-list', { channel: 'gov_report', limit: 100 })).rows
      expect(made.map((p) => p.status)).toEqual(Array(9).fill('draft'))
      expect((await desk.call('quota-current', {}))[0].actual).toBe(0) // planned, not carried out
      await app.shot('series-02-ledger-occurrences')

      await table(page).getByRole('link', { name: '工作动态（7月3日）' }).click()
      const panel = page.getByTestId('series-panel')
      await expectText(panel.locator('.series-line strong'), '系列：每周一，共10次')
      await app.shot('series-03-detail-series')
      await panel.getByRole('button', { name: '编辑此后全部' }).click()
      const future = page.getByRole('form', { name: '编辑此后全部' })
      await labelled(future, '标题').fill('本周工作动态（{日期}）')
      await labelled(future, '作者').fill('王干事')
      await future.getByRole('button', { name: '保存到此后全部' }).click()
      await expectText(panel.getByRole('status'), '已更新 7 条')
      expect(await labelled(page.getByRole('form', { name: '编辑台账记录' }), '作者').inputValue()).toBe('王干事') // the form shows it
      await page.getByRole('dialog', { name: '稿件详情' }).getByRole('heading', { name: '本周工作动态（7月3日）' }).waitFor()
      await app.shot('series-04-edited-all-future')

      const after = (await desk.call('piece-list', { channel: 'gov_report', sort: 'date', desc: false, limit: 100 })).rows
      expect(after.map((p) => p.title)).toEqual([
        '工作动态（6月19日）', '工作动态（6月26日）',
        ...['7月3日', '7月10日', '7月17日', '7月24日', '7月31日', '8月7日', '8月14日'].map((d) => `本周工作动态（${d}）`)
      ])
      expect(after.slice(2).every((p) => p.author === '王干事')).toBe(true)

      // 停止重复 from this occurrence: it stays, the six untouched drafts after it go to the 回收站.
      await panel.getByRole('button', { name: '编辑此后全部' }).click()
      await page.getByRole('form', { name: '编辑此后全部' }).getByRole('button', { name: '取消' }).click()
      await panel.getByRole('button', { name: '停止重复' }).click()
      const ask = page.getByRole('alertdialog', { name: '停止重复？' })
      await ask.waitFor()
      await app.shot('series-05-stop-ask')
      await ask.getByRole('button', { name: '停止重复' }).click()
      await expectText(panel.getByRole('status'), '已停止重复，6 条未开始的草稿已移入回收站')
      await panel.getByText(/已于 2023-06-1\d 由王干事停止重复/).waitFor()
      await app.shot('series-06-stopped')
      const left = (await desk.call('piece-list', { channel: 'gov_report', sort: 'date', desc: false, limit: 100 })).rows.map((p) => p.date)
      expect(left).toEqual(['2023-06-19', '2023-06-26', '2023-07-03'])
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
