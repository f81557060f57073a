// Browser: the officer rewrites a paragraph of the half-year draft on the 报告 page — Esc with changes asks
// 放弃修改？, 保存 keeps it (已修改, still there after a reload), 恢复自动生成 asks and brings the generated text back.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, signIn, signOut, withApp } from '../helpers/browser'
import { addTestUser, type TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const EDITED = '（一）用好微信公众平台。上半年我院公众号围绕健康科普、医德医风等主题推送稿件，均经三审三校后发布。'

async function seed(d: TestDesk): Promise<void> {
  await d.call('profile-save', { fullName: '南和县人民医院' })
  for (const [title, date] of [['一月推文', '2023-01-10'], ['五月推文', '2023-05-10']]) {
    await d.call('piece-create', { channel: 'wechat', title, date, status: 'published', backfill: true, reads: 100 })
  }
  addTestUser(d.ctx, '李干事', ['officer'])
}

describe('browser: 报告 › 修改', () => {
  it('edits a paragraph in place, asks before throwing typing away, keeps the edit, and restores the generated text', async () => {
    await withApp(browser, seed, async (app) => {
      const { page, desk } = app
      await signOut(page)
      await signIn(page, '李干事')
      await page.getByRole('link', { name: '报告' }).click()
      const draft = page.getByRole('article', { name: '总结草稿预览' })
      await draft.locator('.para').filter({ hasText: '更新稿件' }).waitFor()
      const key = (await draft.locator('.para').filter({ hasText: '更新稿件' }).getAttribute('data-key'))!
      const para = draft.locator(`.para[data-key="${key}"]`)
      const auto = (await para.locator('p').textContent())!.trim()
      // Stock wording not drawn from the data asks to be checked.
      await draft.locator('.para').filter({ hasText: '请核实' }).first().waitFor()
      await para.scrollIntoViewIfNeeded()
      await app.shot('report-edit-01-draft')

      await para.hover()
      await para.getByRole('button', { name: /^修改：/ }).click()
      const box = para.getByRole('textbox', { name: '修改段落' })
      expect(await box.inputValue()).toBe(auto)
      await box.fill(EDITED)
      await box.press('Escape')
      const ask = page.getByRole('alertdialog', { name: '放弃修改？' })
      await ask.waitFor()
      await app.shot('report-edit-02-discard-question')
      await ask.getByRole('button', { name: '继续编辑' }).click()
      expect(await box.inputValue()).toBe(EDITED)
      await app.shot('report-edit-03-editing')
      await box.press('Control+Enter')

      const edited = draft.locator('.para.is-edited')
      await edited.filter({ hasText: EDITED }).waitFor()
      await edited.getByText('已修改', { exact: true }).waitFor()
      await app.shot('report-edit-04-saved')
      expect(await edited.getAttribute('data-key')).toBe(key)
      expect((await desk.call('report-preview', { period: '2023H1' })).paragraphs.find((p) => p.key === key)).toMatchObject({ text: EDITED, edited: true, editedBy: '李干事' })

      await page.reload()
      await draft.locator('.para.is-edited').filter({ hasText: EDITED }).waitFor()

      await draft.locator('.para.is-edited').getByRole('button', { name: '恢复自动生成' }).click()
      const confirm = page.getByRole('alertdialog', { name: '恢复自动生成？' })
      await confirm.getByText(auto).waitFor()
      await app.shot('report-edit-05-reset-question')
      await confirm.getByRole('button', { name: '恢复自动生成' }).click()
      await draft.locator('.para.is-edited').waitFor({ state: 'detached' })
      expect((await para.locator('p').textContent())?.trim()).toBe(auto)
      await app.shot('report-edit-06-restored')

      // A 规范表述 slip in an edit is listed above the draft and leads to its paragraph; an edit whose paragraph
      // the draft no longer has is listed as 未使用的修改.
      await desk.call('report-edit-save', { period: '2023H1', key, text: `${EDITED}稿件均报县卫计委备案。` })
      desk.ctx.desk.sqlite
        .prepare("INSERT INTO report_edits (period, paragraph_key, text, auto, edited_by, edited_at) VALUES ('2023H1', 'retired.section', '原“宣传阵地”一段的修改。', '原自动文字', '李干事', '2023-06-14T02:00:00.000Z')")
        .run()
      await page.reload()
      const hints = page.getByRole('region', { name: /^规范表述提示/ })
      await hints.getByText('卫健委').first().waitFor()
      await page.getByRole('region', { name: '未使用的修改（1 条）' }).getByText('原“宣传阵地”一段的修改。').waitFor()
      await hints.evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await app.shot('report-edit-07-hints-and-unused')
      await hints.getByRole('button', { name: /^查看段落：（一）用好微信公众平台/ }).click()
      await expect.poll(() => page.evaluate<string | null>("document.activeElement?.getAttribute('data-key') ?? null")).toBe(key)
      await para.locator('mark.proof-mark', { hasText: '卫计委' }).waitFor()
      await app.shot('report-edit-08-hint-followed')
      const trail = desk.ctx.desk.sqlite.prepare("SELECT action, actor FROM audit_log WHERE entity = 'report_edit' ORDER BY id").all()
      expect(trail.slice(0, 2)).toEqual([{ action: 'paragraph-edit', actor: '李干事' }, { action: 'paragraph-reset', actor: '李干事' }])
    })
  }, 60_000)
})
