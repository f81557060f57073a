// Browser: the 舆情报告 tab on the demo desk — last week's 周报 (the week of the 医闹 incident) read on screen and
// downloaded as Word — and 生成舆情专报 from the 医闹 mention's detail, both files read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import JSZip from 'jszip'
import { expectText, launchBrowser, withApp } from '../helpers/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const INCIDENT = '南和县人民医院发生医闹事件 警方已介入'
// axe through the debugging protocol, as tests/browser/a11y.test.ts runs it (the CSP forbids inline script)
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical axe findings on the page as it is now. */
async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(AXE)
  const r = await page.evaluate<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>("axe.run(document, { resultTypes: ['violations'] })")
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Click and take the file the page downloads: its name and the text of its document.xml. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; xml: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  const zip = await JSZip.loadAsync(readFileSync((await file.path())!))
  return { name: file.suggestedFilename(), xml: await zip.file('word/document.xml')!.async('string') }
}

describe('browser: 舆情报告 and 舆情专报', () => {
  it('shows last week’s 周报 with the 医闹 incident, downloads it, and makes the incident’s 专报 in one click', async () => {
    await withApp(browser, async (d) => void (await d.call('demo-seed', {})), async (app) => {
      const { page } = app
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('tab', { name: '舆情报告' }).click()
      // the desk's today is 2023-06-15: a 周报 is of the week just ended
      const paper = page.getByRole('article', { name: '舆情报告预览' })
      await paper.getByText(`1．“${INCIDENT}”（重大，负面）`, { exact: false }).waitFor()
      await expectText(page.getByTestId('brief-summary').locator('strong'), '2023年6月5日至6月11日舆情周报')
      expect(await paper.locator('.b-heading').allTextContents()).toEqual(['一、总体情况', '二、需关注舆情', '三、处置情况', '四、监测渠道运行情况', '五、研判意见'])
      await paper.getByText('本期舆情形势较为严峻', { exact: false }).waitFor()
      await app.shot('watch-brief-01-weekly')
      expect(await axeFindings(page)).toEqual([])

      const weekly = await download(page, () => page.getByRole('button', { name: '下载 Word' }).click())
      expect(weekly.name).toBe('南和县人民医院舆情周报（2023年6月5日至6月11日）.docx')
      expect(weekly.xml).toContain(INCIDENT)

      await page.getByRole('button', { name: '上一周' }).click()
      await expectText(page.getByTestId('brief-summary').locator('strong'), '2023年5月29日至6月4日舆情周报')

      await page.getByRole('tab', { name: '收件箱' }).click()
      const list = page.getByRole('list', { name: '舆情列表' })
      await list.locator('li.mention-row').filter({ hasText: INCIDENT }).locator('button.mention-open').click()
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await detail.locator('.detail-title', { hasText: INCIDENT }).waitFor()
      const incident = await download(page, () => detail.getByRole('button', { name: '生成舆情专报' }).click())
      expect(incident.name).toBe(`南和县人民医院舆情专报（${INCIDENT}）.docx`)
      for (const part of ['一、事件概况', '二、发现与传播情况', '三、研判与处置过程', '四、处置结果', '五、佐证材料', '未留存网页快照']) expect(incident.xml).toContain(part)
      await detail.getByRole('status').filter({ hasText: '已生成：' }).waitFor()
      await app.shot('watch-brief-02-incident')
    })
  })
})
