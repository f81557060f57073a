// Browser: every delete asks, names what goes, and can be taken back — 回收站 for ledger records, 撤销 for a calendar
// drag, a bulk status change and a deleted 指标. No timing: 撤销 is clicked while its toast is on screen.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { drag, expectText, withApp, launchBrowser } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64')

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const count = (page: Page) => page.getByTestId('ledger-count')
const table = (page: Page) => page.getByRole('table', { name: '台账列表' })
const toast = (page: Page) => page.getByTestId('toast')

async function seed(d: TestDesk): Promise<void> {
  await d.call('profile-save', { fullName: '南和县人民医院' })
  const add = (title: string, date: string, status: string, extra: Record<string, unknown> = {}) =>
    d.call('piece-create', { channel: 'wechat', title, date, status, backfill: true, ...extra } as never)
  const dup = await add('端午节健康提示（重复登记）', '2023-06-05', 'published', { department: '宣传科' })
  await d.call('evidence-add', { pieceId: dup.id, fileName: '推文截图.png', dataBase64: PNG.toString('base64') })
  await add('端午节健康提示', '2023-06-05', 'published')
  await add('端午节假期门诊安排', '2023-06-21', 'scheduled')
  for (const t of ['批量：护士节推文', '批量：世界无烟日推文', '批量：高考护航推文']) await add(t, '2023-06-26', 'scheduled')
  await d.call('quota-save', { label: '公众号每月推文', channel: 'wechat', period: 'month', target: 8 })
  await d.call('quota-save', { label: '省级以上媒体录用', minLevel: '省级', onlyAccepted: true, period: 'half', target: 5 })
}

async function openLedger(page: Page): Promise<void> {
  await page.getByRole('link', { name: '台账' }).click()
  await page.getByRole('heading', { name: '台账' }).waitFor()
  await table(page).locator('tbody tr').first().waitFor()
}


describe('browser: 回收站 and 撤销', () => {
  it('deletes a record with a reason, finds it in 回收站 with who/when/why, and restores it to the ledger', async () => {
    await withApp(browser, seed, async (app) => {
      const { page, desk } = app
      await openLedger(page)
      await expectText(count(page), '共 6 条')
      await table(page).getByRole('link', { name: '端午节健康提示（重复登记）' }).click()
      await page.getByTestId('detail-status').waitFor()
      await page.getByRole('button', { name: '删除记录' }).click()

      const dialog = page.getByRole('alertdialog', { name: '删除这条记录？' })
      await dialog.waitFor()
      await expectText(dialog.getByTestId('delete-title'), '《端午节健康提示（重复登记）》')
      await dialog.getByText('1 个文件：推文截图.png').waitFor()
      await dialog.getByText('2023-06-05').waitFor()
      const yes = dialog.getByRole('button', { name: '删除', exact: true })
      expect(await yes.isDisabled()).toBe(true) // no reason, no delete
      await dialog.getByLabel('删除原因（必填）').fill('与“端午节健康提示”重复登记')
      await app.shot('recycle-01-delete-dialog')
      await yes.click()

      await expectText(toast(page).locator('.toast-text'), '已将《端午节健康提示（重复登记）》移入回收站')
      await expectText(count(page), '共 5 条')
      await app.shot('recycle-02-deleted-toast')
      expect((await desk.call('piece-list', { q: '重复登记' })).total).toBe(0)

      await page.getByRole('button', { name: '回收站' }).click()
      await page.getByRole('heading', { name: '回收站' }).waitFor()
      const row = page.getByTestId('recycle-row').filter({ hasText: '端午节健康提示（重复登记）' })
      await row.waitFor()
      expect(await row.textContent()).toContain('与“端午节健康提示”重复登记')
      expect(await row.textContent()).toContain('测试干事 · 2023-06-15 10:00')
      expect(await row.textContent()).toContain('1 个文件 / 0 条')
      await app.shot('recycle-03-bin')

      await row.getByRole('button', { name: '恢复《端午节健康提示（重复登记）》' }).click()
      await expectText(toast(page).locator('.toast-text'), '已恢复《端午节健康提示（重复登记）》，已回到台账')
      await page.getByText('回收站是空的。').waitFor()
      await page.getByRole('button', { name: '‹ 返回台账' }).click()
      await table(page).getByRole('link', { name: '端午节健康提示（重复登记）' }).waitFor()
      await expectText(count(page), '共 6 条')
      const id = (await desk.call('piece-list', { q: '重复登记' })).rows[0].id
      expect((await desk.call('audit-list', { entity: 'piece', entityId: String(id) })).map((e) => e.action)).toEqual(['create', 'evidence-add', 'delete', 'restore'])
    })
  })

  it('takes back a calendar drag and a bulk status change with 撤销', async () => {
    await withApp(browser, seed, async (app) => {
      const { page, desk } = app
      await page.getByRole('link', { name: '日程' }).click()
      await expectText(page.getByTestId('calendar-title'), '2023年6月')
      const chip = page.getByRole('button', { name: '端午节假期门诊安排' })
      await chip.waitFor()
      await chip.scrollIntoViewIfNeeded()
      await drag(page, chip, page.locator('.cal-items[data-date="2023-06-23"]'))
      await expectText(toast(page).locator('.toast-text'), '已改期：《端午节假期门诊安排》2023-06-21 → 2023-06-23')
      await page.locator('.cal-items[data-date="2023-06-23"]').getByRole('button', { name: '端午节假期门诊安排' }).waitFor()
      await app.shot('recycle-04-calendar-drag-toast')
      await toast(page).getByRole('button', { name: '撤销' }).click()
      await expectText(toast(page).locator('.toast-text'), '已撤销：已改期：《端午节假期门诊安排》2023-06-21 → 2023-06-23')
      await page.locator('.cal-items[data-date="2023-06-21"]').getByRole('button', { name: '端午节假期门诊安排' }).waitFor()
      expect((await desk.call('piece-list', { q: '端午节假期门诊安排' })).rows[0].date).toBe('2023-06-21')

      await openLedger(page)
      await page.getByLabel('搜索').fill('批量')
      await expectText(count(page), '共 3 条')
      await table(page).getByLabel('全选已加载的记录').check()
      const bar = page.getByRole('region', { name: '批量操作' })
      await bar.getByLabel('批量改为').selectOption({ label: '已发布' })
      await bar.getByRole('button', { name: '修改状态' }).click()
      await bar.getByRole('button', { name: '确定修改' }).click()
      await expectText(toast(page).locator('.toast-text'), '已将 3 条改为“已发布”')
      await expectText(table(page).locator('tr', { hasText: '批量：护士节推文' }).locator('.status'), '已发布')
      await app.shot('recycle-05-bulk-toast')
      expect((await desk.call('piece-list', { q: '批量', status: 'published' })).total).toBe(3)
      await toast(page).getByRole('button', { name: '撤销' }).click()
      await expectText(toast(page).locator('.toast-text'), '已撤销：已将 3 条改为“已发布”')
      await expectText(table(page).locator('tr', { hasText: '批量：护士节推文' }).locator('.status'), '已排期')
      expect((await desk.call('piece-list', { q: '批量', status: 'scheduled' })).total).toBe(3)
    })
  })

  it('deletes a 指标 after naming it, and 撤销 brings it back under the same id', async () => {
    await withApp(browser, seed, async (app) => {
      const { page, desk } = app
      const before = await desk.call('quota-list', {})
      await page.getByRole('link', { name: '设置' }).click()
      await page.getByRole('heading', { name: '设置' }).waitFor()
      await page.getByRole('tab', { name: '指标与节点' }).click()
      const quotas = page.getByRole('region', { name: '工作指标' })
      await quotas.getByRole('cell', { name: '公众号每月推文', exact: true }).waitFor()
      await quotas.getByRole('button', { name: '删除指标“公众号每月推文”' }).click()
      const dialog = page.getByRole('alertdialog', { name: '删除这项指标？' })
      await dialog.getByText('“公众号每月推文”（微信公众号，每月 ≥ 8）').waitFor()
      await app.shot('recycle-06-quota-dialog')
      await dialog.getByRole('button', { name: '删除', exact: true }).click()
      await expectText(toast(page).locator('.toast-text'), '已删除指标“公众号每月推文”')
      await quotas.getByRole('cell', { name: '公众号每月推文', exact: true }).waitFor({ state: 'detached' })
      expect((await desk.call('quota-list', {})).map((q) => q.label)).toEqual(['省级以上媒体录用'])
      await toast(page).getByRole('button', { name: '撤销' }).click()
      await quotas.getByRole('cell', { name: '公众号每月推文', exact: true }).waitFor()
      await app.shot('recycle-07-quota-restored')
      expect(await desk.call('quota-list', {})).toEqual(before)
    })
  })
})
