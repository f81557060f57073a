import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { expectText, launchBrowser, openApp } from '../helpers/browser'
import { TEMPLATE_SHEET_COLUMNS } from '../../services/ledger/write-file'
import type { TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const seedDemo = (d: TestDesk) => d.call('demo-seed', {}).then(() => undefined)
const count = (page: Page) => page.getByTestId('ledger-count')
const table = (page: Page) => page.getByRole('table', { name: '台账列表' })

async function openLedger(page: Page): Promise<void> {
  await page.getByRole('link', { name: '台账' }).click()
  await page.getByRole('heading', { name: '台账' }).waitFor()
  await table(page).locator('tbody tr').first().waitFor()
}

/** The downloaded template, filled in the way the officer does it in Excel. */
async function fillTemplate(templateFile: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(templateFile) as unknown as ArrayBuffer)
  const ws = wb.getWorksheet('台账')!
  expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...TEMPLATE_SHEET_COLUMNS])
  rows.forEach((r, i) => {
    ws.getRow(i + 2).values = r as ExcelJS.CellValue[]
  })
  return Buffer.from(await wb.xlsx.writeBuffer())
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

describe('browser: the ledger table, Excel import, search and bulk change', () => {
  it('imports a template file with one bad row (nothing imported, the row named), then the fixed file', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page, desk } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await openLedger(page)
      const before = (await desk.call('piece-list', {})).total
      await expectText(count(page), `共 ${before} 条`)

      await page.getByRole('button', { name: '导入 Excel' }).click()
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入台账' })
      await dialog.waitFor()
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Excel 模板' }).click()])
      expect(download.suggestedFilename()).toBe('台账导入模板.xlsx')
      const templateFile = await download.path()

      const good1 = [new Date(Date.UTC(2023, 5, 20)), '宣传活动', '“民族团结一家亲”健康义诊进社区', '', '内科', '王芳', '义诊', '', 300, 186, '民族团结、健康科普', '', '苗汉双语']
      const good2 = ['2023/6/21', '媒体投稿', '我院胸痛中心通过国家认证', '已录用', '心内科', '李明', '牛城晚报', '市级', '', '', '', '', '']
      const bad = ['2023年6月22日', '公众号号', '端午节健康提示', '', '宣传科', '张宣', '', '', '', '', '节日祝福', '', '']
      const badFile = await fillTemplate(templateFile, [good1, bad, good2])
      await dialog.getByLabel('选择文件').setInputFiles({ name: '6月台账.xlsx', mimeType: XLSX, buffer: badFile })
      const errors = dialog.getByRole('table', { name: '错误列表' })
      await errors.waitFor()
      await expectText(errors.locator('tbody tr td').nth(0), '第 3 行')
      await expectText(errors.locator('tbody tr td').nth(1), 'B 列 渠道')
      expect(await errors.locator('tbody tr').count()).toBe(1)
      expect(await errors.locator('tbody tr td').nth(2).textContent()).toMatch(/^没有“公众号号”这个渠道，可填：微信公众号/)
      expect(await dialog.getByRole('button', { name: /^导入 \d+ 条$/ }).isDisabled()).toBe(true)
      await app.shot('10-ledger-import-bad-row')
      expect((await desk.call('piece-list', {})).total).toBe(before)

      const fixed = await fillTemplate(templateFile, [good1, ['2023年6月22日', '微信公众号', ...bad.slice(2)], good2])
      await dialog.getByLabel('选择文件').setInputFiles({ name: '6月台账（已改正）.xlsx', mimeType: XLSX, buffer: fixed })
      await dialog.getByText('检查通过：可以导入 3 条。').waitFor()
      await app.shot('11-ledger-import-preview-ok')
      await dialog.getByRole('button', { name: '导入 3 条' }).click()
      await expectText(dialog.locator('.import-done'), '已导入 3 条。')
      await dialog.getByRole('button', { name: '完成' }).click()
      await expectText(count(page), `共 ${before + 3} 条`)
      const imported = await desk.call('piece-list', { q: '民族团结一家亲' })
      expect(imported.rows[0]).toMatchObject({ channel: 'event', status: 'completed', date: '2023-06-20', reach: 186, quantity: 300 })
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })

  it('exports the ledger, and the same file edited in Excel imports as one change, nothing added twice', async () => {
    const setup = async (d: TestDesk): Promise<void> => {
      await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科'] })
      await d.call('piece-create', { channel: 'wechat', date: '2023-05-04', title: '五四青年节推文', status: 'published', backfill: true, reads: 100, extra: { original: true } })
      await d.call('piece-create', { channel: 'event', date: '2023-05-12', title: '护士节苗汉双语义诊', status: 'completed', kind: '义诊', reach: 80, extra: { languages: ['苗汉双语'] } })
    }
    const app = await openApp(browser, { setup })
    const { page, desk } = app
    try {
      await openLedger(page)
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()])
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer)
      expect(wb.worksheets.map((w) => w.name)).toEqual(['台账', '审核记录'])
      const ws = wb.getWorksheet('台账')!
      const header = (ws.getRow(1).values as string[]).slice(1)
      expect(header).toEqual(expect.arrayContaining(['阅读量', '原创/转载', '双语形式', '记录标识']))
      ws.eachRow((row, i) => {
        if (i > 1 && row.getCell(header.indexOf('标题') + 1).value === '五四青年节推文') row.getCell(header.indexOf('阅读量') + 1).value = 2500
      })

      await page.getByRole('button', { name: '导入 Excel' }).click()
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入台账' })
      await dialog.getByLabel('选择文件').setInputFiles({ name: '台账（改了阅读量）.xlsx', mimeType: XLSX, buffer: Buffer.from(await wb.xlsx.writeBuffer()) })
      const changes = dialog.getByRole('table', { name: '将修改的记录' })
      await changes.waitFor()
      await expectText(changes.locator('tbody tr td').nth(2), '阅读量：100 → 2500')
      await dialog.getByText('将新增 0 条，修改 1 条，不变 1 条').waitFor()
      await app.shot('12-ledger-reimport-preview')
      await dialog.getByRole('button', { name: '导入（新增 0 条，修改 1 条）' }).click()
      await expectText(dialog.locator('.import-done'), '已导入 0 条，更新已有记录 1 条。')
      const rows = (await desk.call('piece-list', {})).rows
      expect(rows.map((r) => [r.title, r.reads])).toEqual([['护士节苗汉双语义诊', null], ['五四青年节推文', 2500]])
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)

  it('searches 团结, filters, sorts, scrolls a virtualized table, and changes statuses in bulk (all or nothing)', async () => {
    const app = await openApp(browser, {
      setup: async (d) => {
        await seedDemo(d)
        for (const [channel, title] of [['wechat', '批量发布：端午安康'], ['wechat', '批量发布：护士节'], ['weibo', '批量发布：科普短文'], ['event', '批量发布：端午义诊']] as const) {
          await d.call('piece-create', { channel, title, date: '2023-06-20', status: 'scheduled', backfill: true })
        }
      }
    })
    const { page, desk } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await openLedger(page)
      const total = (await desk.call('piece-list', {})).total
      // Virtualized: only the rows on screen (plus a margin) are in the page, not all of them.
      expect(await table(page).locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80)
      await page.locator('.ledger-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
      await table(page).locator(`tr[aria-rowindex="${total + 1}"]`).getByRole('link').waitFor()
      await app.shot('12-ledger-scrolled-to-end')

      // Sort by date, oldest first.
      await table(page).getByRole('button', { name: '日期' }).click()
      await expectText(table(page).locator('th[aria-sort="ascending"]'), '日期▲')
      const oldest = (await desk.call('piece-list', { sort: 'date', desc: false, limit: 1 })).rows[0]
      await expectText(table(page).locator('tbody tr[aria-rowindex="2"] td').nth(1), oldest.date)

      // Search a two-character word.
      await page.getByLabel('搜索').fill('团结')
      const hits = (await desk.call('piece-list', { q: '团结' })).total
      expect(hits).toBeGreaterThan(0)
      await expectText(count(page), `共 ${hits} 条`)
      await app.shot('13-ledger-search-tuanjie')

      // Filter on top of the search.
      await page.getByLabel('渠道').selectOption({ label: '微信公众号' })
      const wechatHits = (await desk.call('piece-list', { q: '团结', channel: 'wechat' })).total
      await expectText(count(page), `共 ${wechatHits} 条`)
      await page.getByRole('button', { name: '清除筛选' }).click()
      await expectText(count(page), `共 ${total} 条`)

      // Bulk: select the four scheduled pieces; one of them (an event) cannot be 已发布 → nothing changes.
      await page.getByLabel('搜索').fill('批量发布')
      await expectText(count(page), '共 4 条')
      await table(page).getByLabel('全选已加载的记录').check()
      const bar = page.getByRole('region', { name: '批量操作' })
      await expectText(bar.locator('strong'), '已选 4 条')
      await bar.getByLabel('批量改为').selectOption({ label: '已发布' })
      await bar.getByRole('button', { name: '修改状态' }).click()
      await bar.getByRole('button', { name: '确定修改' }).click()
      const alert = page.locator('.ledger-notice[role="alert"]')
      await alert.waitFor()
      expect(await alert.textContent()).toMatch(/^没有修改任何记录：有 1 条不能改为“已发布”。\n《批量发布：端午义诊》（宣传活动，编号 \d+）：宣传活动不能使用“已发布”状态/)
      await app.shot('14-ledger-bulk-refused')
      expect((await desk.call('piece-list', { q: '批量发布', status: 'scheduled' })).total).toBe(4)

      await table(page).getByLabel('选择：批量发布：端午义诊').uncheck()
      await expectText(bar.locator('strong'), '已选 3 条')
      await bar.getByRole('button', { name: '修改状态' }).click()
      await bar.getByRole('button', { name: '确定修改' }).click()
      await expectText(page.getByTestId('toast').locator('.toast-text'), '已将 3 条改为“已发布”')
      await app.shot('15-ledger-bulk-done')
      expect((await desk.call('piece-list', { q: '批量发布', status: 'published' })).total).toBe(3)
      await expectText(table(page).locator('tr', { hasText: '批量发布：端午安康' }).locator('.status'), '已发布')

      // Each row opens its piece.
      await table(page).getByRole('link', { name: '批量发布：护士节' }).click()
      await page.waitForURL(/#\/ledger\/\d+$/)
      const detail = page.getByRole('region', { name: '稿件详情：批量发布：护士节' })
      await detail.getByRole('form', { name: '编辑台账记录' }).waitFor()
      await expectText(detail.getByTestId('detail-status'), '已发布')
      await app.shot('16-ledger-detail-drawer')
      await page.keyboard.press('Escape')
      await page.waitForURL(/#\/ledger$/)
      await detail.waitFor({ state: 'detached' })
      // Back in the table, the piece just viewed is marked.
      await table(page).locator('tr.open', { hasText: '批量发布：护士节' }).waitFor()
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
