import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { launchBrowser, openApp, signIn, signOut, SCREENSHOTS } from '../helpers/browser'
import { addTestUser, TEST_PASSWORD, type TestDesk } from '../helpers/desk'

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
  }, 120_000)
})

/** Every element of the printed tally inside the page width, and nothing scrolls sideways (print media, A4 width). */
// (evaluated as text: this file is type-checked without the DOM's types)
const OVERFLOW = `(() => {
  const client = document.documentElement.clientWidth
  const wide = []
  for (const el of document.querySelectorAll('.tally-page *')) {
    const r = el.getBoundingClientRect()
    if (r.width > 0 && r.height > 0 && r.right > client + 0.5) wide.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.right))
  }
  return { scroll: document.documentElement.scrollWidth, client, wide: wide.slice(0, 10) }
})()`
const overflowsAtPrint = (page: Page) => page.evaluate<{ scroll: number; client: number; wide: string[] }>(OVERFLOW)
/** The desk's own 'ok' green (var(--ok)) as the browser computes it, whatever shade the style sheet gives it. */
const OK_COLOUR = `(() => {
  const probe = document.body.appendChild(document.createElement('span'))
  probe.style.color = 'var(--ok)'
  const ok = getComputedStyle(probe).color
  probe.remove()
  return ok
})()`
const storageItem = (page: Page, key: string, value?: string) =>
  page.evaluate<string | null>(value === undefined ? `localStorage.getItem(${JSON.stringify(key)})` : `localStorage.setItem(${JSON.stringify(key)}, ${JSON.stringify(value)}), null`)

describe('browser: the party secretary reads the tally right', () => {
  it('指标完成 in words, a fall in 负面 in green, the period kept across 台账 and a restart, and an A4 printout', async () => {
    let secretaryId = 0
    const app = await openApp(browser, {
      signIn: false,
      setup: async (d) => {
        await seedDemo(d)
        secretaryId = addTestUser(d.ctx, '王书记', ['secretary']).id
      }
    })
    const { page, bridge } = app
    try {
      await signIn(page, '王书记')
      await page.getByRole('link', { name: '统计' }).click()
      await heading(page, '2023年5月').waitFor()

      // 指标完成: sentences, in each quota's own unit; a half-year quota is not judged on one month.
      const quotas = page.getByRole('region', { name: '指标完成情况' })
      const lines = quotas.getByTestId('quota-line')
      await lines.first().waitFor()
      expect(await lines.locator('td.quota-reading').allTextContents()).toEqual([
        '本月 10 条，目标 4 条（每周 1 条，4 周），未达标，4 周中有 2 周不足 1 条，共差 2 条',
        `本月 ${wechatPosts(app.desk, '2023-05').length} 篇，目标 8 篇，已达标`,
        '本月 0 篇，每半年目标 5 篇，本月不单独考核'
      ])
      expect(await lines.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')))).toEqual(['short', 'met', 'unjudged'])
      expect(await quotas.textContent()).not.toMatch(/0 \/ 0|未完成/)
      await quotas.scrollIntoViewIfNeeded()
      await quotas.screenshot({ path: join(SCREENSHOTS, 'tally-10-quotas.png') })

      // Colours follow meaning: fewer 负面 mentions than April is good news (green), not a red fall.
      const negative = page.getByTestId('tile-mentions.negative')
      const mom = negative.locator('.key-changes .change').first()
      expect(await mom.textContent()).toMatch(/^↓/)
      expect((await mom.getAttribute('class'))?.split(' ')).toEqual(expect.arrayContaining(['change', 'down', 'good']))
      const colour = `getComputedStyle(document.querySelector('[data-testid="tile-mentions.negative"] .key-changes .change')).color`
      expect(await page.evaluate<string>(colour)).toBe(await page.evaluate<string>(OK_COLOUR))
      // … while for a plain count a fall is bad news, and a rise good.
      for (const ch of await page.locator('.key-tiles .change.down').all()) {
        const key = await ch.locator('xpath=ancestor::*[@data-testid][1]').getAttribute('data-testid')
        expect([key, await ch.getAttribute('data-tone')]).toEqual([key, key === 'tile-mentions.negative' ? 'good' : key === 'tile-mentions.total' ? 'neutral' : 'bad'])
      }
      for (const ch of await page.locator('.key-tiles .change.up').all()) {
        const key = await ch.locator('xpath=ancestor::*[@data-testid][1]').getAttribute('data-testid')
        expect([key, await ch.getAttribute('data-tone')]).toEqual([key, key === 'tile-mentions.negative' ? 'bad' : key === 'tile-mentions.total' ? 'neutral' : 'good'])
      }
      await page.getByTestId('tile-channel.wechat.count').scrollIntoViewIfNeeded()
      await app.shot('tally-11-secretary-may')

      // The period stays: April, then 台账 and back by the sidebar, then a restart of the page.
      await page.getByRole('button', { name: '上个月' }).click()
      await heading(page, '2023年4月').waitFor()
      await page.getByRole('link', { name: '台账' }).click()
      await page.getByRole('heading', { name: '台账' }).waitFor()
      await page.getByRole('link', { name: '统计' }).click()
      await heading(page, '2023年4月').waitFor()
      await page.getByTestId('tally-restored').filter({ hasText: '已打开您上次查看的2023年4月。' }).waitFor()
      await page.reload()
      await heading(page, '2023年4月').waitFor()
      expect(await page.getByRole('combobox', { name: '月份' }).inputValue()).toBe('04')
      await app.shot('tally-12-restored-april')
      // another kind of period is kept the same way
      await page.getByRole('tab', { name: '季度' }).click()
      await heading(page, '2023年第二季度').waitFor()
      expect(await page.getByTestId('quota-line').locator('td.quota-reading').first().textContent()).toMatch(/^本季度 \d+ 条，目标 \d+ 条（每周 1 条，\d+ 周），/)
      const restarted = await page.context().newPage()
      await restarted.goto(`${bridge.url}#/tally`)
      await heading(restarted, '2023年第二季度').waitFor()
      await restarted.close()
      await page.getByTestId('tally-restored').getByRole('button', { name: '查看上个月' }).waitFor({ state: 'detached' })

      // A stored value that is not a period is dropped, never shown: the tally opens on last month.
      await storageItem(page, `desk.tally.v1.${secretaryId}`, '{"period":"2023-13"')
      await page.goto(`${bridge.url}#/tally`)
      await heading(page, '2023年5月').waitFor()
      expect(await storageItem(page, `desk.tally.v1.${secretaryId}`)).toBeNull()

      // Each person keeps their own: April for the secretary, the officer still opens on last month.
      await page.getByRole('button', { name: '上个月' }).click()
      await heading(page, '2023年4月').waitFor()
      await signOut(page)
      await signIn(page, app.desk.ctx.actor)
      await page.getByRole('link', { name: '统计' }).click()
      await heading(page, '2023年5月').waitFor()
      await signOut(page)
      await signIn(page, '王书记')
      await page.getByRole('link', { name: '统计' }).click()
      await heading(page, '2023年4月').waitFor()
      await page.getByRole('button', { name: '下个月' }).click()
      await heading(page, '2023年5月').waitFor()
      await page.getByTestId('chart-trend').locator('canvas').first().waitFor()

      // Print on A4: nav and picker gone, nothing wider than the page, tables wrap, charts scale.
      await page.setViewportSize({ width: 794, height: 1123 })
      await page.emulateMedia({ media: 'print' })
      expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false)
      expect(await page.getByRole('group', { name: '统计区间' }).isVisible()).toBe(false)
      await expect.poll(() => overflowsAtPrint(page)).toMatchObject({ wide: [] })
      const fit = await overflowsAtPrint(page)
      expect(fit.scroll).toBeLessThanOrEqual(fit.client)
      const rights = await page.locator('.tally-page table').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().right))
      expect(rights.length).toBeGreaterThan(10)
      for (const r of rights) expect(r).toBeLessThanOrEqual(fit.client)
      await fullShot(page, 'tally-13-print-794')
      // The PDF Chromium prints (A4, the page's own 15 mm margins): 180 mm of content is 680 CSS px.
      await page.setViewportSize({ width: 680, height: 1123 })
      await expect.poll(() => overflowsAtPrint(page)).toMatchObject({ wide: [] })
      const pdf = await page.pdf({ format: 'A4', path: join(SCREENSHOTS, 'tally-14-print.pdf') })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      await page.emulateMedia({ media: 'screen' })
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 120_000)
})
