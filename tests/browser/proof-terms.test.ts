// Browser: 设置 › 规范表述 keeps an office's own copy (saved before 出处 existed), shows 出处 beside 说明, finds an
// entry by 筛选, and merges the shipped entries only when 补充新增的默认条目 is clicked — saved and audited.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { expectText, withApp, launchBrowser } from '../helpers/browser'
import { DEFAULT_PROOF_TERMS } from '../../shared/proofread'
import type { TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const OLD = [
  { wrong: '卫计局', right: '县卫健局', note: '本县叫法' },
  { wrong: '十九大', right: '党的十九大', note: '规范表述为“党的十九大”' }
]

async function seed(d: TestDesk): Promise<void> {
  await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'] })
  // a copy saved by an earlier version: no 出处
  d.ctx.desk.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('proofread-terms', JSON.stringify(OLD), 'x')
}

describe('设置 › 规范表述', () => {
  it('keeps the office’s copy and merges the shipped entries on request', async () => {
    await withApp(browser, seed, async (app) => {
      const { page, desk } = app
      await page.evaluate(`window.location.hash = '#/settings/terms'`)
      const form = page.getByRole('form', { name: '规范表述' })
      await expectText(form.getByTestId('proof-terms-count'), '共 2 条')
      await expect(form.getByLabel('错误写法 1', { exact: true }).inputValue()).resolves.toBe('卫计局')
      await expect(form.getByLabel('出处 2', { exact: true }).inputValue()).resolves.toBe('')
      await form.getByRole('columnheader', { name: '出处' }).waitFor()

      await form.getByRole('button', { name: '补充新增的默认条目' }).click()
      const added = DEFAULT_PROOF_TERMS.length - OLD.length
      await expectText(form.getByRole('status'), `已补充 ${added} 条默认条目（添加在列表末尾），并为 1 条补上出处，保存后生效。`)
      await expectText(form.getByTestId('proof-terms-count'), `共 ${DEFAULT_PROOF_TERMS.length} 条`)
      await expect(form.getByLabel('规范写法 1', { exact: true }).inputValue()).resolves.toBe('县卫健局')
      await expect(form.getByLabel('出处 2', { exact: true }).inputValue()).resolves.toBe('党的二十大报告')
      expect(await form.getByRole('button', { name: '补充新增的默认条目' }).isDisabled()).toBe(true)
      // nothing is saved until 保存
      expect((await desk.call('proofread-terms-get', {})).terms).toEqual(OLD)

      await form.getByLabel('筛选').fill('卫生计生')
      await expectText(form.getByTestId('proof-terms-count'), `显示 ${DEFAULT_PROOF_TERMS.filter((t) => [t.wrong, t.right, t.note, t.source].some((x) => x?.includes('卫生计生'))).length} 条，共 ${DEFAULT_PROOF_TERMS.length} 条`)
      const wrongs = await form.getByRole('textbox', { name: /^错误写法 \d+$/ }).evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value))
      expect(wrongs).toContain('卫生计生局')
      expect(wrongs).not.toContain('形态意识')
      await app.shot('proof-terms-01-merged-filtered')

      await form.getByRole('button', { name: '保存' }).click()
      await expectText(form.locator('.ok-text'), '已保存')
      const saved = (await desk.call('proofread-terms-get', {})).terms
      expect(saved).toHaveLength(DEFAULT_PROOF_TERMS.length)
      expect(saved[0]).toEqual({ ...OLD[0], source: '' })
      expect(saved.find((t) => t.wrong === '形态意识')).toMatchObject({ right: '意识形态', source: '《党委（党组）意识形态工作责任制实施办法》' })
      const log = await desk.call('audit-list', { entity: 'settings', entityId: 'proofread-terms' })
      expect(log).toHaveLength(1)
    })
  })
})
