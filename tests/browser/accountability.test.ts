// 谁审核谁负责, as three people live it at one desk: the officer drafts and sends for review, each reviewer signs
// in and approves their own step, the officer publishes, the party secretary signs May with their password, a
// later edit to May warns the officer, and the 操作日志 lists all of it under the right names.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchBrowser, openApp, signIn, signOut } from '../helpers/browser'
import { addTestUser, TEST_PASSWORD } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const goHash = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`)
const labelled = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}`))
const TITLE = '五月“服务百姓健康行动”义诊走进和阳镇'

describe('browser: accountability with three people', () => {
  it('officer → reviewers → officer publishes → secretary signs May → later edit warns → 操作日志 names everyone', async () => {
    const app = await openApp(browser, {
      signIn: false,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科', '医务科'] })
        addTestUser(d.ctx, '李干事', ['officer'])
        addTestUser(d.ctx, '张科长', ['reviewer'], ['宣传科初审'])
        addTestUser(d.ctx, '王院长', ['reviewer'], ['分管院领导终审'])
        addTestUser(d.ctx, '王书记', ['secretary'])
      }
    })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      // The officer drafts a WeChat post dated in May and sends it for review.
      await page.getByRole('heading', { name: '登录' }).waitFor()
      await app.shot('people-01-sign-in')
      await signIn(page, '李干事')
      await goHash(page, '#/calendar/new/2023-05-20')
      const form = page.getByRole('form', { name: '新建台账记录' })
      await labelled(form, '渠道').selectOption('wechat')
      await labelled(form, '标题').fill(TITLE)
      await labelled(form, '公众号').fill('南和县人民医院')
      await form.getByRole('button', { name: '保存' }).click()
      const detail = page.getByRole('dialog', { name: '稿件详情' })
      await detail.getByRole('heading', { name: TITLE }).waitFor()
      const id = (await desk.call('piece-list', { q: '义诊走进', limit: 5 })).rows[0].id
      await detail.getByRole('button', { name: '送审', exact: true }).click()
      await detail.getByText('已送审（第 1 轮）').waitFor()
      // The officer is not a reviewer: no 通过 button for them.
      expect(await detail.getByRole('button', { name: '通过', exact: true }).count()).toBe(0)
      await app.shot('people-02-officer-sent')

      // Each reviewer signs in and decides only their own step.
      for (const [name, step] of [['张科长', '宣传科初审'], ['王院长', '分管院领导终审']] as const) {
        await signOut(page)
        await signIn(page, name)
        await goHash(page, `#/calendar/${id}`)
        const d = page.getByRole('dialog', { name: '稿件详情' })
        await d.getByRole('heading', { name: TITLE }).waitFor()
        await d.getByRole('button', { name: '通过', exact: true }).click()
        await d.getByText(name).first().waitFor()
        const state = await desk.call('review-history', { id })
        const row = state.rounds[0].rows.find((r) => r.stepName === step)!
        expect(row).toMatchObject({ decision: 'approved', reviewer: name, proxy: false })
        if (name === '张科长') await app.shot('people-03-reviewer-approved')
      }

      // The officer publishes what was approved.
      await signOut(page)
      await signIn(page, '李干事')
      await goHash(page, `#/calendar/${id}`)
      await detail.getByRole('button', { name: '改为“已发布”' }).click()
      await expect.poll(async () => (await desk.call('piece-get', { id })).status).toBe('published')

      // The secretary signs May, with their password as the signature.
      await signOut(page)
      await signIn(page, '王书记')
      await goHash(page, '#/tally/2023-05')
      const signoff = page.getByTestId('signoff')
      await signoff.getByRole('button', { name: '签阅（已阅）' }).click()
      const dialog = page.getByRole('dialog', { name: '书记签阅：2023年5月' })
      await dialog.getByText('签阅人：王书记').waitFor()
      await labelled(dialog, '登录密码').fill(TEST_PASSWORD)
      await dialog.getByRole('button', { name: '确认签阅' }).click()
      await signoff.getByText('第 1 版，王书记 2023-06-15 签阅').waitFor()
      await app.shot('people-04-secretary-signed')

      // A later edit by the officer to the May piece warns before saving.
      await signOut(page)
      await signIn(page, '李干事')
      await goHash(page, `#/calendar/${id}`)
      await labelled(detail, '备注').fill('补充：现场照片 12 张')
      await detail.getByRole('button', { name: '保存' }).click()
      const confirm = page.getByRole('alertdialog', { name: '保存前请确认' })
      await confirm.getByText('2023年5月已由王书记签阅，修改将在统计中标出').waitFor()
      await app.shot('people-05-signed-month-warning')
      await confirm.getByRole('button', { name: '确定保存' }).click()
      await expect.poll(async () => (await desk.call('piece-get', { id })).notes).toBe('补充：现场照片 12 张')

      // The officer has no 操作日志; the secretary does, and it names everyone.
      expect(await page.getByRole('link', { name: /操作日志/ }).count()).toBe(0)
      await signOut(page)
      await signIn(page, '王书记')
      await goHash(page, '#/audit')
      const log = page.getByRole('table', { name: '操作日志' })
      for (const who of ['李干事', '张科长', '王院长', '王书记']) await log.getByText(who).first().waitFor()
      await app.shot('people-06-audit-log')
      const rows = await desk.call('audit-log', { limit: 200 })
      // a decision writes two rows (the review and the status it moves), both under the same person
      const by = (action: string) => [...new Set(rows.rows.filter((r) => r.action === action).map((r) => r.actor))]
      expect(by('review-submit')).toEqual(['李干事'])
      expect(by('review-approve').sort()).toEqual(['王院长', '张科长'].sort())
      expect(by('signoff')).toEqual(['王书记'])
      expect(app.errors).toEqual([])
    } catch (e) {
      await app.shot('people-failed')
      throw e
    } finally {
      await app.close()
    }
  })
})
