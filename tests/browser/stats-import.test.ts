// The officer fills March's 阅读/分享/点赞/在看 from the 公众号 back office's export: picks the file, sees the
// suggested columns and the three groups, chooses the 需选择 row; Esc at the preview writes nothing; then 写入.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { expectText, launchBrowser, openApp, signIn } from '../helpers/browser'
import { addTestUser } from '../helpers/desk'
import { LEDGER_POSTS } from '../fixtures/wechat/ledger'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const XLSX = readFileSync(join(process.cwd(), 'tests/fixtures/wechat/内容分析-2023年3月.xlsx'))
const MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const OFFICER = '李干事'

async function openDialog(page: Page) {
  await page.getByRole('button', { name: '导入公众号数据' }).click()
  const dialog = page.getByRole('dialog', { name: '导入公众号数据' })
  await dialog.getByLabel('选择文件').setInputFiles({ name: '内容分析-2023年3月.xlsx', mimeType: MIME, buffer: XLSX })
  await dialog.getByRole('heading', { name: '已匹配（4）' }).waitFor()
  return dialog
}

describe('browser: 导入公众号数据', () => {
  it('as the officer: preview in three groups, Esc writes nothing, then 写入 with the chosen row', async () => {
    const ids: Record<string, number> = {}
    const app = await openApp(browser, {
      signIn: false,
      setup: async (d) => {
        await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科'] })
        for (const p of LEDGER_POSTS) ids[p.key] = (await d.call('piece-create', { channel: 'wechat', title: p.title, date: p.date, status: 'published', backfill: true, venue: '南和县人民医院', reads: p.reads ?? null, extra: p.extra ?? {} })).id
        addTestUser(d.ctx, OFFICER, ['officer'])
      }
    })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      await signIn(page, OFFICER)
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('link', { name: '台账' }).click()
      await page.getByRole('heading', { name: '台账' }).waitFor()

      let dialog = await openDialog(page)
      await dialog.getByText('识别为微信公众号数据', { exact: false }).waitFor()
      expect(await dialog.getByLabel('“总阅读次数”对应').inputValue()).toBe('reads')
      expect(await dialog.getByLabel('“总阅读人数”对应').inputValue()).toBe('')
      const matched = dialog.getByRole('table', { name: '已匹配' })
      await matched.getByText('阅读量：1000 → 1234').waitFor()
      await matched.getByText('日期相差一天').waitFor()
      await expectText(dialog.getByRole('table', { name: '未匹配' }).locator('tbody td').nth(1), '全院职工运动会精彩回顾')
      await dialog.getByRole('table', { name: '重复的行' }).getByText('与第 5 行是同一篇，不重复写入').waitFor()
      await dialog.getByLabel('第 9 行对应的记录').selectOption(String(ids.clinicB))
      await dialog.getByRole('table', { name: '需选择' }).getByText('阅读量：（空） → 450').waitFor()
      await dialog.getByRole('button', { name: '写入 4 篇' }).waitFor()
      await app.shot('stats-import-01-preview')
      await dialog.getByRole('table', { name: '重复的行' }).scrollIntoViewIfNeeded()
      await app.shot('stats-import-02-groups')

      // Esc at the preview: asked first, 放弃 closes — and nothing was written
      await page.keyboard.press('Escape')
      const ask = page.getByRole('alertdialog', { name: '放弃修改？' })
      await ask.getByRole('button', { name: '放弃' }).click()
      await dialog.waitFor({ state: 'detached' })
      expect((await desk.call('piece-get', { id: ids.unity })).reads).toBe(1000)
      expect((await desk.call('piece-get', { id: ids.clinicB })).reads).toBeNull()
      expect(desk.ctx.desk.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'stats-import'").get()).toEqual({ n: 0 })

      dialog = await openDialog(page)
      await dialog.getByLabel('第 9 行对应的记录').selectOption(String(ids.clinicB))
      await dialog.getByRole('button', { name: '写入 4 篇' }).click()
      await expectText(dialog.getByRole('status'), '已写入 4 篇的数据。1 篇与台账相同；未匹配 1 行、重复 1 行未写入。')
      await app.shot('stats-import-03-written')
      expect(await desk.call('piece-get', { id: ids.unity })).toMatchObject({ reads: 1234, extra: { likes: 88, shares: 56, zaikan: 21 } })
      expect((await desk.call('piece-get', { id: ids.clinicB })).reads).toBe(450)
      expect((await desk.call('piece-get', { id: ids.clinicA })).reads).toBeNull()
      const log = await desk.call('audit-list', { entity: 'ledger', entityId: '内容分析-2023年3月.xlsx' })
      expect(log.at(-1)).toMatchObject({ action: 'stats-import', actor: OFFICER, changes: { written: 4, unmatched: 1, duplicates: 1 } })
      await dialog.getByRole('button', { name: '完成' }).click()
      await dialog.waitFor({ state: 'detached' })
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
