// No silent loss, keyboard and focus, as the officer meets them: a half-written record is never thrown away by Esc,
// a click beside the drawer, 取消, leaving the page or closing the window without 放弃修改？; drawers and dialogs
// take focus, keep Tab inside and give focus back; the shortcuts of the keymap and their help panel.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { launchBrowser, openApp } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const seedDemo = (d: TestDesk) => d.call('demo-seed', {}).then(() => undefined)
const table = (page: Page) => page.getByRole('table', { name: '台账列表' })
const labelled = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}`))
const question = (page: Page) => page.getByRole('alertdialog', { name: '放弃修改？' })
/** Where the keyboard is now: inside `loc`? */
// (through ownerDocument and a string: the tests compile without the DOM library)
const holdsFocus = (loc: Locator) => loc.evaluate((el) => el.contains(el.ownerDocument.activeElement))
const isFocused = (loc: Locator) => loc.evaluate((el) => el === el.ownerDocument.activeElement)
/** Would closing or reloading the window ask now? (what beforeunload answers) */
const unloadAsks = (page: Page) => page.evaluate<boolean>(`(() => {
  const e = new Event('beforeunload', { cancelable: true })
  window.dispatchEvent(e)
  return e.defaultPrevented
})()`)

async function openLedger(page: Page): Promise<void> {
  await page.getByRole('link', { name: '台账' }).click()
  await table(page).locator('tbody tr').first().waitFor()
}

/** Tab and Shift+Tab all the way round: the keyboard never leaves `loc`. */
async function tabStaysInside(page: Page, loc: Locator, presses: number): Promise<void> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab')
    expect(await holdsFocus(loc)).toBe(true)
  }
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Shift+Tab')
    expect(await holdsFocus(loc)).toBe(true)
  }
}

describe('browser: no silent loss, focus and shortcuts', () => {
  it('a half-written record in the ledger drawer: Esc, click outside and 取消 ask 放弃修改？; 继续编辑 keeps it, 放弃 closes; focus stays and returns', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      await openLedger(page)
      const add = page.getByRole('button', { name: '新建记录' })
      const drawer = page.getByRole('dialog', { name: '新建记录' })
      const form = drawer.getByRole('form', { name: '新建台账记录' })

      // Nothing typed: Esc closes at once, and the keyboard is back on 新建记录.
      await add.click()
      await form.waitFor()
      expect(await holdsFocus(drawer)).toBe(true)
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'detached' })
      expect(await question(page).count()).toBe(0)
      expect(await isFocused(add)).toBe(true)

      // Half-written: Esc asks, 继续编辑 is the default and keeps every character.
      await add.click()
      const title = labelled(form, '标题')
      await title.fill('半截稿件：五月义诊')
      await page.keyboard.press('Escape')
      await question(page).waitFor()
      const keep = question(page).getByRole('button', { name: '继续编辑' })
      expect(await isFocused(keep)).toBe(true)
      await app.shot('no-loss-01-esc-asks')
      await keep.click()
      await question(page).waitFor({ state: 'detached' })
      expect(await title.inputValue()).toBe('半截稿件：五月义诊')
      expect(await holdsFocus(drawer)).toBe(true)

      // A click beside the drawer asks the same; Esc on the question means 继续编辑.
      await page.mouse.click(220, 420)
      await question(page).waitFor()
      await tabStaysInside(page, question(page), 3)
      await page.keyboard.press('Escape')
      await question(page).waitFor({ state: 'detached' })
      expect(await title.inputValue()).toBe('半截稿件：五月义诊')

      // Tab and Shift+Tab go round the drawer's fields and buttons, never to the table behind it.
      await title.focus()
      await tabStaysInside(page, drawer, 40)

      // 取消 asks too; 放弃 closes, nothing saved, the keyboard back on 新建记录.
      await form.getByRole('button', { name: '取消' }).click()
      await question(page).getByRole('button', { name: '放弃' }).click()
      await drawer.waitFor({ state: 'detached' })
      await page.waitForURL(/#\/ledger$/)
      expect((await desk.call('piece-list', { q: '半截稿件' })).total).toBe(0)
      expect(await isFocused(add)).toBe(true)

      // Saved: the drawer closes without asking.
      await add.click()
      await labelled(form, '渠道').selectOption('wechat')
      await labelled(form, '标题').fill('保存后关闭：护士节')
      await labelled(form, '公众号').fill('南和县人民医院')
      await form.getByRole('button', { name: '保存' }).click()
      await drawer.waitFor({ state: 'detached' })
      expect(await question(page).count()).toBe(0)
      expect((await desk.call('piece-list', { q: '保存后关闭' })).total).toBe(1)

      // An opened piece: the drawer takes focus; edited and then Esc asks; 放弃 closes and focus goes back to the row.
      await table(page).getByRole('link', { name: '保存后关闭：护士节' }).click()
      const detail = page.getByRole('dialog', { name: '稿件详情' })
      const edit = detail.getByRole('form', { name: '编辑台账记录' })
      await edit.waitFor()
      expect(await holdsFocus(detail)).toBe(true)
      await labelled(edit, '备注').fill('还没保存的备注')
      await page.keyboard.press('Escape')
      await question(page).waitFor()
      await app.shot('no-loss-02-detail-asks')
      await question(page).getByRole('button', { name: '放弃' }).click()
      await detail.waitFor({ state: 'detached' })
      expect((await desk.call('piece-list', { q: '保存后关闭' })).rows[0].notes).toBe('')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)

  it('leaving a page with unsaved input asks; so do the import dialog with a picked file and closing the window', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      // 舆情 › 监测规则: a rule half-written, then 台账 in the sidebar.
      await page.getByRole('link', { name: '舆情' }).click()
      await page.getByRole('tab', { name: '监测规则' }).click()
      await page.getByRole('button', { name: '添加监测规则' }).click()
      const rule = page.getByRole('form', { name: '添加监测规则' })
      await labelled(rule, '规则名称').fill('院领导姓名')
      await page.getByRole('link', { name: '台账' }).click()
      await question(page).waitFor()
      await app.shot('no-loss-03-leave-asks')
      await question(page).getByRole('button', { name: '继续编辑' }).click()
      await question(page).waitFor({ state: 'detached' })
      expect(page.url()).toMatch(/#\/watch\/rules$/)
      expect(await labelled(rule, '规则名称').inputValue()).toBe('院领导姓名')
      // The window closing or reloading asks too (beforeunload; in Electron the main process shows 放弃修改？).
      expect(await unloadAsks(page)).toBe(true)
      await page.getByRole('link', { name: '台账' }).click()
      await question(page).getByRole('button', { name: '放弃' }).click()
      await table(page).locator('tbody tr').first().waitFor()
      expect(page.url()).toMatch(/#\/ledger$/)
      // Nothing unsaved now: leaving the window does not ask.
      expect(await unloadAsks(page)).toBe(false)

      // 导入 Excel: opens with focus inside, Tab stays; a picked file not yet imported asks before closing.
      const opener = page.getByRole('button', { name: '导入 Excel' })
      await opener.click()
      const dialog = page.getByRole('dialog', { name: '从 Excel 导入台账' })
      await dialog.waitFor()
      expect(await holdsFocus(dialog)).toBe(true)
      await tabStaysInside(page, dialog, 8)
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'detached' })
      expect(await isFocused(opener)).toBe(true)
      await opener.click()
      await dialog.getByLabel('选择文件').setInputFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from('日期,渠道,标题\n2023-05-01,微信公众号,导入的稿件\n', 'utf8') })
      await dialog.getByText('文件“台账.csv”', { exact: false }).waitFor()
      await page.mouse.click(20, 20)
      await question(page).waitFor()
      await question(page).getByRole('button', { name: '继续编辑' }).click()
      await dialog.getByText('文件“台账.csv”', { exact: false }).waitFor()
      await dialog.getByRole('button', { name: '取消' }).click()
      await question(page).getByRole('button', { name: '放弃' }).click()
      await dialog.waitFor({ state: 'detached' })

      // Closing the window with a half-written record: the browser's own beforeunload question.
      await page.getByRole('button', { name: '新建记录' }).click()
      await labelled(page.getByRole('form', { name: '新建台账记录' }), '标题').fill('关窗前没保存')
      const asked = page.waitForEvent('dialog')
      await page.close({ runBeforeUnload: true })
      const d = await asked
      expect(d.type()).toBe('beforeunload')
      await d.accept()
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)

  it('shortcuts: N, /, ? (help panel from the one keymap), J/K through the inbox, Y 研判 and B 办结 on the open mention', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page, desk } = app
    page.setDefaultTimeout(10_000)
    try {
      await page.getByRole('heading', { name: '工作台' }).waitFor()
      // N: a new record from anywhere.
      await page.keyboard.press('n')
      const drawer = page.getByRole('dialog', { name: '新建记录' })
      await drawer.getByRole('form', { name: '新建台账记录' }).waitFor()
      // Typing N in a field is typing, not a shortcut.
      const title = labelled(drawer, '标题')
      await title.focus()
      await page.keyboard.type('Nn')
      expect(await title.inputValue()).toBe('Nn')
      await page.keyboard.press('Escape')
      await question(page).getByRole('button', { name: '放弃' }).click()
      await drawer.waitFor({ state: 'detached' })

      // / : the ledger search, from another page too.
      await page.getByRole('link', { name: '统计' }).click()
      // the key acts on the page shown: wait until it is 统计 (a key before that would go from the old page)
      await page.getByRole('heading', { name: '统计', level: 1 }).waitFor()
      await page.keyboard.press('/')
      const search = page.getByRole('searchbox', { name: '搜索' })
      await search.waitFor()
      await expect.poll(() => isFocused(search)).toBe(true)
      await page.keyboard.type('义诊')
      expect(await search.inputValue()).toBe('义诊')

      // ? : the help panel, the same table the keys come from; 快捷键 in the user menu opens it too.
      await page.locator('h1').first().click()
      await page.keyboard.press('?')
      const help = page.getByRole('dialog', { name: '快捷键' })
      await help.waitFor()
      for (const label of ['新建台账记录', '下一条舆情', '上一条舆情', '开始研判选中的舆情', '办结选中的舆情', '显示快捷键']) await help.getByRole('cell', { name: label }).waitFor()
      await app.shot('no-loss-04-help')
      await page.keyboard.press('Escape')
      await help.waitFor({ state: 'detached' })
      const menuButton = page.getByRole('button', { name: '快捷键' })
      await menuButton.click()
      await help.getByRole('button', { name: '关闭' }).click()
      await help.waitFor({ state: 'detached' })
      expect(await isFocused(menuButton)).toBe(true)

      // J / K through the inbox; Y starts 研判 on the open mention.
      await page.getByRole('link', { name: '舆情' }).click()
      const rows = page.getByRole('list', { name: '舆情列表' }).locator('li')
      await rows.first().waitFor()
      await page.locator('h1').first().click()
      await page.keyboard.press('j')
      await page.waitForURL(/#\/watch\/inbox\/\d+$/)
      const first = Number(page.url().split('/').pop())
      await page.keyboard.press('j')
      await page.waitForURL((u) => !u.href.endsWith(`/${first}`))
      await page.keyboard.press('k')
      await page.waitForURL((u) => u.href.endsWith(`/${first}`))
      const detail = page.getByRole('complementary', { name: '舆情详情' })
      await detail.waitFor()
      // On with J to the first 新 mention of the inbox (the demo's first ones are already in hand).
      const inbox = (await desk.call('mention-list', { status: 'open', limit: 200 })).rows
      const target = inbox.find((x) => x.status === 'new')!
      for (let at = inbox.findIndex((x) => x.id === first); inbox[at].id !== target.id; at++) {
        await page.keyboard.press('j')
        await page.waitForURL((u) => u.href.endsWith(`/${inbox[at + 1].id}`))
      }
      await detail.getByRole('button', { name: '开始研判' }).waitFor()
      await page.keyboard.press('y')
      await expect.poll(async () => (await desk.call('mention-get', { id: target.id })).status).toBe('assessing')
      await detail.getByRole('button', { name: '转入处置' }).click()
      await expect.poll(async () => (await desk.call('mention-get', { id: target.id })).status).toBe('handling')
      // B 办结 needs the result written down: typed in the note, then the key from outside the field.
      // The key presses the button of the state the panel shows: wait until the panel shows 处置中 and its 办结,
      // and again right before the key (a reload begun before 转入处置 must not have put it back a step).
      const shownStatus = detail.locator('.detail-head .mstatus')
      const closeButton = detail.getByRole('button', { name: '办结', exact: true })
      await expect.poll(() => shownStatus.textContent()).toBe('处置中')
      await closeButton.waitFor()
      await detail.getByLabel('处置说明').fill('已联系患者家属沟通解决')
      await page.locator('h1').first().click()
      await expect.poll(async () => [await shownStatus.textContent(), await closeButton.isEnabled()]).toEqual(['处置中', true])
      await page.keyboard.press('b')
      await expect.poll(async () => (await desk.call('mention-get', { id: target.id })).status).toBe('closed')
      await app.shot('no-loss-05-shortcut-closed')
      expect(app.errors).toEqual([])
    } finally {
      await app.close()
    }
  }, 90_000)
})
