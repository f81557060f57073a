// Every screen of the desk through axe-core in Chromium: sign-in, first run, each page, each tab, the drawers and
// dialogs open (a piece, a mention, import, drill-down, signature, password, help, 放弃修改？). No serious or
// critical violation may remain. The list of what was checked goes to test-results/a11y.json.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { launchBrowser, openApp, signIn } from '../helpers/browser'
import type { TestDesk } from '../helpers/desk'

// The CSP (shared/csp.ts) forbids inline script, so axe is evaluated through the debugging protocol instead of a
// <script> tag: the page under test keeps its real policy.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface Finding { screen: string; id: string; impact: string; help: string; nodes: string[] }
const checked: { screen: string; violations: number }[] = []
const findings: Finding[] = []

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true })
  writeFileSync(join(process.cwd(), 'test-results', 'a11y.json'), JSON.stringify({ screens: checked.length, checked, findings }, null, 2))
})

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }

async function audit(page: Page, screen: string): Promise<void> {
  // (as strings: the tests compile without the DOM library)
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(AXE)
  const result = await page.evaluate<AxeResult>("axe.run(document, { resultTypes: ['violations'] })")
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  checked.push({ screen, violations: bad.length })
  for (const v of bad) findings.push({ screen, id: v.id, impact: v.impact!, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`) })
}

const seedDemo = (d: TestDesk) => d.call('demo-seed', {}).then(() => undefined)
const goHash = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`)
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true }).first()
const labelled = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label}`))
const report = () => findings.map((f) => `${f.screen}: [${f.impact}] ${f.id} ${f.help}\n    ${f.nodes.join('\n    ')}`).join('\n')

describe('browser: accessibility of every screen (axe-core)', () => {
  it('sign-in and first run', async () => {
    const app = await openApp(browser, { signIn: false })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await heading(page, '登录').waitFor()
      await audit(page, '登录')
      await signIn(page, app.desk.ctx.actor)
      await heading(page, '欢迎使用宣传舆情工作台').waitFor()
      await audit(page, '首次使用')
    } finally {
      await app.close()
    }
  })

  it('every page, tab, drawer and dialog of a desk in use', async () => {
    const app = await openApp(browser, { setup: seedDemo })
    const { page } = app
    page.setDefaultTimeout(10_000)
    try {
      await heading(page, '工作台').waitFor()
      await audit(page, '工作台')

      // 台账, a piece's drawer, a new record, import, the question 放弃修改？
      await page.getByRole('link', { name: '台账' }).click()
      const table = page.getByRole('table', { name: '台账列表' })
      await table.locator('tbody tr').first().waitFor()
      await audit(page, '台账')
      await table.locator('tbody tr a').first().click()
      const detail = page.getByRole('dialog', { name: '稿件详情' })
      await detail.getByRole('form', { name: '编辑台账记录' }).waitFor()
      await audit(page, '台账 › 稿件详情抽屉')
      await page.keyboard.press('Escape')
      await detail.waitFor({ state: 'detached' })
      await page.getByRole('button', { name: '新建记录' }).click()
      const form = page.getByRole('form', { name: '新建台账记录' })
      await form.waitFor()
      await audit(page, '台账 › 新建记录抽屉')
      await labelled(form, '标题').fill('未保存')
      await page.keyboard.press('Escape')
      const ask = page.getByRole('alertdialog', { name: '放弃修改？' })
      await ask.waitFor()
      await audit(page, '放弃修改？')
      await ask.getByRole('button', { name: '放弃' }).click()
      await form.waitFor({ state: 'detached' })
      await page.getByRole('button', { name: '导入 Excel' }).click()
      const imp = page.getByRole('dialog', { name: '从 Excel 导入台账' })
      await imp.waitFor()
      await audit(page, '台账 › 导入对话框')
      await imp.getByRole('button', { name: '取消' }).click()
      await imp.waitFor({ state: 'detached' })

      // 日程 and its drawer
      await page.getByRole('link', { name: '日程' }).click()
      await page.getByTestId('calendar-title').waitFor()
      await audit(page, '日程')
      await goHash(page, '#/calendar/new/2023-06-20')
      await page.getByRole('form', { name: '新建台账记录' }).waitFor()
      await audit(page, '日程 › 新建抽屉')
      await page.keyboard.press('Escape')
      await page.getByRole('form', { name: '新建台账记录' }).waitFor({ state: 'detached' })

      // 舆情: each tab; the inbox and 领导关注 with a mention open
      await page.getByRole('link', { name: '舆情' }).click()
      const mentions = page.getByRole('list', { name: '舆情列表' })
      await mentions.locator('li').first().waitFor()
      await audit(page, '舆情 › 收件箱')
      await mentions.locator('li button').first().click()
      await page.getByRole('complementary', { name: '舆情详情' }).getByRole('heading', { name: '研判处置' }).waitFor()
      await audit(page, '舆情 › 收件箱 › 舆情详情')
      for (const [tab, ready] of [['订阅源', () => page.getByRole('table', { name: '订阅源列表' })], ['监测规则', () => page.getByRole('list', { name: '监测规则列表' })], ['领导关注', () => page.getByRole('list', { name: '舆情列表' })], ['提醒与词库', () => page.locator('.watch-page form, .watch-page .card').first()]] as const) {
        await page.getByRole('tab', { name: tab }).click()
        await ready().waitFor()
        await audit(page, `舆情 › ${tab}`)
      }
      const leaders = page.getByRole('list', { name: '舆情列表' })
      await page.getByRole('tab', { name: '领导关注' }).click()
      if (await leaders.locator('li').first().isVisible().catch(() => false)) {
        await leaders.locator('li button').first().click()
        await page.getByRole('complementary', { name: '舆情详情' }).waitFor()
        await audit(page, '舆情 › 领导关注 › 舆情详情')
      }
      await page.getByRole('tab', { name: '订阅源' }).click()
      await page.getByRole('button', { name: '添加订阅源' }).click()
      await page.getByRole('dialog', { name: '添加订阅源' }).waitFor()
      await audit(page, '舆情 › 添加订阅源对话框')
      await page.keyboard.press('Escape')
      await page.getByRole('dialog', { name: '添加订阅源' }).waitFor({ state: 'detached' })

      // 统计, a drill-down, the signature dialog
      await page.getByRole('link', { name: '统计' }).click()
      await page.getByTestId('tally-period').waitFor()
      await audit(page, '统计')
      await page.getByTestId('tile-channel.wechat.count').locator('button.num').first().click()
      const drill = page.getByRole('dialog').filter({ has: page.getByRole('table', { name: '明细' }) })
      await drill.waitFor()
      await audit(page, '统计 › 明细对话框')
      await page.keyboard.press('Escape')
      await drill.waitFor({ state: 'detached' })
      const signButton = page.getByTestId('signoff').getByRole('button', { name: '签阅（已阅）' })
      if (await signButton.isVisible().catch(() => false)) {
        await signButton.click()
        const sign = page.getByRole('dialog', { name: /书记签阅/ })
        await sign.waitFor()
        await audit(page, '统计 › 签阅对话框')
        await page.keyboard.press('Escape')
        await sign.waitFor({ state: 'detached' })
      }

      // 报告, 操作日志
      await page.getByRole('link', { name: '报告' }).click()
      await heading(page, '报告').waitFor()
      await page.locator('.report-page, .page').first().waitFor()
      await audit(page, '报告')
      await page.getByRole('link', { name: '操作日志' }).click()
      await heading(page, '操作日志').waitFor()
      await page.locator('table').first().waitFor()
      await audit(page, '操作日志')

      // 设置: every tab
      await page.getByRole('link', { name: '设置' }).click()
      const tabs = page.getByRole('tablist', { name: '设置' }).getByRole('tab')
      await tabs.first().waitFor()
      const names = await tabs.allTextContents()
      for (const name of names) {
        await page.getByRole('tablist', { name: '设置' }).getByRole('tab', { name }).click()
        await page.getByRole('tab', { name, selected: true }).waitFor()
        await page.locator('.settings-page .card, .settings-page section').first().waitFor()
        await audit(page, `设置 › ${name.trim()}`)
      }

      // the help panel and the password dialog
      await page.getByRole('button', { name: '快捷键' }).click()
      await page.getByRole('dialog', { name: '快捷键' }).waitFor()
      await audit(page, '快捷键帮助')
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: '修改密码' }).click()
      await page.getByRole('dialog', { name: '修改密码' }).waitFor()
      await audit(page, '修改密码对话框')
      await page.keyboard.press('Escape')
      await page.getByRole('dialog', { name: '修改密码' }).waitFor({ state: 'detached' })
      await app.shot('a11y-last-screen')
    } finally {
      await app.close()
    }
    console.log(`axe: ${checked.length} screens checked, ${findings.length} serious/critical violations`)
    expect(report()).toBe('')
  }, 300_000)
})
