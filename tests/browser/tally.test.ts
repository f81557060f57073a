import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { launchBrowser, openApp, SCREENSHOTS } from '../helpers/browser'
import { TEST_PASSWORD, type TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The demo half-year, with a photo attached to the first May post (as the ledger's evidence upload records it). */
async function seedDemo(d: TestDesk): Promise<void> {
  await d.call('demo-seed', {})
  d.ctx.desk.sqlite
    .prepare(`INSERT INTO evidence (piece_id, file_name, sha256, size, mime, added_at, added_by) VALUES (?, '推文截图.png', ?, 40960, 'image/png', '2023-05-04T02:00:00.000Z', '张宣')`)
    .run(wechatPosts(d, '2023-05')[0].id, 'a'.repeat(64))
}
const heading = (page: Page, label: string) => page.getByTestId('tally-period').filter({ hasText: `南和县人民医院 ${label} 宣传舆情工作统计` })

/** Carried-out WeChat posts of a month, counted from the rows (not from the tally code). */
function wechatPosts(d: TestDesk, month: string): { id: number; title: string }[] {
  return d.ctx.desk.sqlite
    .prepare(`SELECT id, title FROM pieces WHERE channel = 'wechat' AND status = 'published' AND substr(date, 1, 7) = ? ORDER BY date, id`)
    .all(month) as { id: number; title: string }[]
}

async function fullShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true })
}

describe('browser: the secretary tallies a month, drills down, signs it off and sees a later change; the report drafts', () => {
  it('统计 → switch month → drill down → 已阅 → a row changes → 签阅后有变动; 报告 previews the draft', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page, desk } = app
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      await page.getByRole('link', { name: '统计' }).click()
      // Today is 2023-06-15: the tally opens on last month.
      await heading(page, '2023年5月').waitFor()
      await page.getByTestId('chart-trend').locator('canvas').first().waitFor()
      await page.getByTestId('chart-sentiment').locator('canvas').first().waitFor()
      await app.shot('tally-01-may')
      await fullShot(page, 'tally-01-may-full')

      await page.getByRole('button', { name: '上个月' }).click()
      await heading(page, '2023年4月').waitFor()
      const april = wechatPosts(desk, '2023-04').length
      expect(await page.getByTestId('tile-channel.wechat.count').locator('button.num').first().textContent()).toBe(`${april}篇`)
      await page.getByRole('button', { name: '下个月' }).click()
      await heading(page, '2023年5月').waitFor()

      // Drill down: the rows behind the May WeChat count are exactly the May posts.
      const may = wechatPosts(desk, '2023-05')
      await page.getByTestId('tile-channel.wechat.count').locator('button.num').first().click()
      const dialog = page.getByRole('dialog', { name: '2023年5月 · 微信公众号' })
      await dialog.waitFor()
      await dialog.getByText(`共 ${may.length} 条`).waitFor()
      const titles = await dialog.getByRole('table', { name: '明细' }).locator('tbody tr td.title-cell').allTextContents()
      expect(titles).toEqual(may.map((p) => p.title))
      await dialog.locator('tbody tr').first().locator('td.evidence-cell').filter({ hasText: '1 个文件推文截图.png' }).waitFor()
      await app.shot('tally-02-drilldown')
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '导出 CSV' }).click()])
      expect(download.suggestedFilename()).toBe('2023年5月_微信公众号_明细.csv')
      const csv = readFileSync(await download.path())
      expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      expect(csv.toString('utf8')).toContain(may[0].title)
      await dialog.getByRole('button', { name: '关闭' }).click()
      await dialog.waitFor({ state: 'detached' })

      // Sign the month off: the signer is the signed-in secretary, the signature their password.
      const signoff = page.getByTestId('signoff')
      await signoff.getByRole('button', { name: '签阅（已阅）' }).click()
      const sign = page.getByRole('dialog', { name: '书记签阅：2023年5月' })
      await sign.getByText(`签阅人：${desk.ctx.actor}`).waitFor()
      await sign.getByLabel('意见（可不填）').fill('数字已核对')
      await sign.getByLabel('登录密码（作为签名）').fill('not-my-password')
      await sign.getByRole('button', { name: '确认签阅' }).click()
      await sign.locator('[data-field="password"] .field-error').filter({ hasText: '密码不正确' }).waitFor()
      expect(await sign.getByLabel('登录密码（作为签名）').inputValue()).toBe('')
      await sign.getByLabel('登录密码（作为签名）').fill(TEST_PASSWORD)
      await sign.getByRole('button', { name: '确认签阅' }).click()
      await sign.waitFor({ state: 'detached' })
      await signoff.getByText('✓ 已阅').waitFor()
      await signoff.getByText(`第 1 版，${desk.ctx.actor} 2023-06-15 签阅`).waitFor()
      await app.shot('tally-03-signed')

      // A row of May changes afterwards (through the ledger's handler): one post moves to April.
      await desk.call('piece-update', { id: may[0].id, date: '2023-04-28', confirm: true })
      await page.reload()
      await heading(page, '2023年5月').waitFor()
      await signoff.getByText('签阅后有变动').waitFor()
      const changes = signoff.getByRole('table', { name: '签阅后变动的数字' })
      const wechatRow = changes.locator('tr', { hasText: '微信公众号' }).first()
      expect((await wechatRow.locator('td').allTextContents()).slice(0, 3)).toEqual(['微信公众号', String(may.length), String(may.length - 1)])
      await signoff.getByRole('table', { name: '签阅后变动的记录' }).getByText(may[0].title).waitFor()
      await expect(page.getByTestId('tile-channel.wechat.count').locator('.num-signed').textContent()).resolves.toBe(`签阅时 ${may.length}`)
      await app.shot('tally-04-changed-after-signoff')

      // Printing (A4): the picker, buttons and sidebar go; the figures, charts and sign-off stay.
      await page.setViewportSize({ width: 794, height: 1123 })
      await page.emulateMedia({ media: 'print' })
      expect(await page.getByRole('group', { name: '统计区间' }).isVisible()).toBe(false)
      expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false)
      await signoff.getByText('签阅后有变动').waitFor()
      await fullShot(page, 'tally-05-print-a4')
      await page.emulateMedia({ media: 'screen' })
      await page.setViewportSize({ width: 1360, height: 860 })

      // 报告: the half-year draft is previewed with the demo's numbers.
      await page.getByRole('link', { name: '报告' }).click()
      const draft = page.getByRole('article', { name: '总结草稿预览' })
      await draft.getByRole('heading', { name: '南和县人民医院2023年上半年意识形态工作总结' }).waitFor()
      await draft.locator('p.d-body', { hasText: '上报信息及线索186篇' }).waitFor()
      await draft.getByRole('row', { name: '报送与录用 上报信息及线索 186 篇' }).waitFor()
      await app.shot('report-01-preview')
      const [docx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Word 草稿（.docx）' }).click()])
      expect(docx.suggestedFilename()).toBe('南和县人民医院2023年上半年意识形态工作总结.docx')
      expect(readFileSync(await docx.path()).subarray(0, 2).toString()).toBe('PK')
      // Month by month: May was signed, then changed; June is still running.
      const months = page.getByRole('region', { name: '各月统计数字签阅情况' })
      await months.getByTestId('month-2023-05').filter({ hasText: '签阅后有变动（第1版' }).waitFor()
      await months.getByTestId('month-2023-06').filter({ hasText: '未签阅（月份未结束）' }).waitFor()

      // 定稿: with the password; the stored Word file downloads again byte for byte (its SHA-256 as shown).
      const final = page.getByTestId('final')
      await final.getByText('尚未定稿').waitFor()
      await final.getByRole('button', { name: '定稿' }).click()
      const finalize = page.getByRole('dialog', { name: '定稿：2023年上半年' })
      await finalize.getByLabel('登录密码（作为签名）').fill(TEST_PASSWORD)
      await finalize.getByRole('button', { name: '确认定稿' }).click()
      await final.getByText('✓ 已定稿（第 1 版）').waitFor()
      const versions = final.getByRole('list', { name: '定稿版本' })
      const [stored] = await Promise.all([page.waitForEvent('download'), versions.getByRole('button', { name: '下载 Word' }).click()])
      expect(stored.suggestedFilename()).toBe('南和县人民医院2023年上半年意识形态工作总结（定稿第1版）.docx')
      const hash = createHash('sha256').update(readFileSync(await stored.path())).digest('hex')
      await versions.locator('code', { hasText: hash }).waitFor()
      await app.shot('report-02-finalized')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  })
})
