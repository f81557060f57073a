import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { crc32, deflateSync } from 'node:zlib'
import type { Browser, Locator, Page } from 'playwright-core'
import { drag, expectText, withApp, launchBrowser, signIn, signOut } from '../helpers/browser'
import { addTestUser, type TestDesk } from '../helpers/desk'
import type { Channel } from '../../shared/channels'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const demo = (d: TestDesk) => d.call('demo-seed', {}).then(() => undefined)
// A string expression: the tests are compiled without the DOM library.
const goHash = (page: Page, hash: string) => page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`)
/** A real PNG photo stand-in (a 320×200 gradient), so the thumbnail in the screenshot shows something. */
function gradientPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([len, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const rows = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) rows.set([180 + Math.round((x / w) * 60), 40 + Math.round((y / h) * 120), 40], y * (w * 3 + 1) + 1 + x * 3)
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}
const PNG = gradientPng(320, 200)

type Fill = [label: string, value: string, how?: 'select' | 'check']
/** What the officer types for each channel, with what the handler must have stored. */
const CASES: { channel: Channel; label: string; fill: Fill[]; status?: string; expect: Record<string, unknown> }[] = [
  { channel: 'wechat', label: '微信公众号', fill: [['公众号', '南和县人民医院'], ['原创/转载', 'true', 'select'], ['阅读量', '3200'], ['点赞', '45']], expect: { venue: '南和县人民医院', reads: 3200, extra: { original: true, likes: 45 } } },
  { channel: 'video_account', label: '视频号', fill: [['视频号', '南和县人民医院视频号'], ['播放量', '12000']], expect: { venue: '南和县人民医院视频号', reads: 12000 } },
  { channel: 'weibo', label: '微博', fill: [['微博账号', '南和县人民医院微博'], ['阅读量', '880']], expect: { venue: '南和县人民医院微博', reads: 880 } },
  { channel: 'douyin', label: '抖音', fill: [['抖音号', '南和县人民医院抖音'], ['播放量', '23000']], expect: { venue: '南和县人民医院抖音', reads: 23000 } },
  { channel: 'website', label: '医院官网', fill: [['网站/栏目', '医院官网'], ['浏览量', '640']], expect: { venue: '医院官网', reads: 640 } },
  { channel: 'led', label: 'LED屏', fill: [['屏幕位置', '门诊大厅'], ['内容类别', '标语', 'select'], ['展示开始', '2023-06-12'], ['展示结束', '2023-06-18']], expect: { venue: '门诊大厅', kind: '标语', extra: { displayStart: '2023-06-12', displayEnd: '2023-06-18' } } },
  { channel: 'tv', label: '宣传片', fill: [['播放位置', '候诊区'], ['来源', '自制', 'select'], ['时长（秒）', '180']], expect: { venue: '候诊区', kind: '自制', extra: { durationSec: 180 } } },
  { channel: 'media', label: '媒体投稿', status: 'accepted', fill: [['投稿媒体', '河北日报'], ['稿件/采访', '采访', 'select'], ['录用日期', '2023-06-14']], expect: { venue: '河北日报', outletLevel: '省级', kind: '采访', status: 'accepted', extra: { acceptedDate: '2023-06-14' } } },
  { channel: 'gov_report', label: '工作动态报送', fill: [['报送单位', '市卫健委']], expect: { venue: '市卫健委', outletLevel: '市级', status: 'submitted' } },
  { channel: 'print', label: '宣传品', fill: [['品类', '宣传册', 'select'], ['数量（份）', '5000'], ['印制单位', '南和县印刷厂']], expect: { kind: '宣传册', venue: '宣传册', quantity: 5000, status: 'completed', extra: { vendor: '南和县印刷厂' } } },
  { channel: 'event', label: '宣传活动', fill: [['活动类型', '义诊', 'select'], ['地点', '和阳镇'], ['覆盖人次', '320'], ['发放资料（份）', '800'], ['双语形式', '苗汉双语', 'check'], ['语言说明', '另有彝语讲解']], expect: { kind: '义诊', reach: 320, quantity: 800, extra: { place: '和阳镇', languages: ['苗汉双语'], languageNote: '另有彝语讲解' } } },
  { channel: 'notice', label: '专家坐诊信息', fill: [['发布渠道', '短信'], ['坐诊专家', '邢台专家李教授'], ['坐诊日期', '2023-06-16']], expect: { venue: '短信', extra: { expert: '邢台专家李教授', clinicDate: '2023-06-16' } } },
  { channel: 'meeting', label: '会议学习', fill: [['会议类型', '意识形态教育会'], ['参加人数', '85'], ['学习笔记（篇）', '120'], ['心得体会（篇）', '60']], expect: { kind: '意识形态教育会', reach: 85, extra: { notesCount: 120, reflectionsCount: 60 } } },
  { channel: 'honor', label: '表扬', fill: [['类别', '锦旗', 'select'], ['赠送人/单位', '患者家属王先生'], ['受表扬科室', '外科']], expect: { kind: '锦旗', venue: '外科', extra: { from: '患者家属王先生' } } }
]

/** The channels without a review chain by default: done work is recorded as such; every other one needs 补录. */
const NO_CHAIN: Channel[] = ['event', 'meeting', 'honor']

/** The input labelled `label` (a field's label also holds its hint, so match its start). */
const labelled = (scope: Locator, label: string) => scope.getByLabel(new RegExp(`^${label.replace(/[()（）/]/g, (c) => `\\${c}`)}`))

async function fill(form: Locator, [label, value, how]: Fill): Promise<void> {
  if (how === 'check') return form.getByRole('group', { name: label }).getByLabel(value, { exact: true }).check()
  const field = labelled(form, label)
  if (how === 'select') await field.selectOption(value)
  else await field.fill(value)
}


describe('browser: the publicity workflow', () => {
  it('creates a piece on every channel through the form, each with its own fields', async () => {
    await withApp(browser, demo, async (app) => {
      const { page, desk } = app
      for (const c of CASES) {
        await goHash(page, '#/calendar/new/2023-06-12')
        const form = page.getByRole('form', { name: '新建台账记录' })
        await form.waitFor()
        await labelled(form, '渠道').selectOption(c.channel)
        await labelled(form, '标题').fill(`${c.label}测试记录`)
        await labelled(form, '作者').fill('张宣')
        // The pieces record work already done on 06-12 (before today): on a channel with a review chain that is 补录.
        if (!NO_CHAIN.includes(c.channel)) await form.getByLabel('补录已完成的工作').check()
        if (c.status) await labelled(form, '状态').selectOption(c.status)
        for (const f of c.fill) await fill(form, f)
        if (c.channel === 'media') {
          // Picking the outlet from the registry filled in its level.
          expect(await labelled(form, '媒体级别').inputValue()).toBe('省级')
          await app.shot('workflow-01-form-media-outlet-level')
        }
        if (c.channel === 'led') await app.shot('workflow-02-form-led')
        await form.getByRole('button', { name: '保存' }).click()
        await page.getByRole('dialog', { name: '稿件详情' }).getByRole('heading', { name: `${c.label}测试记录` }).waitFor()
      }
      await app.shot('workflow-03-detail-after-create')
      const rows = (await desk.call('piece-list', { q: '测试记录', limit: 100 })).rows
      expect(rows).toHaveLength(CASES.length)
      for (const c of CASES) {
        const p = rows.find((r) => r.channel === c.channel)
        expect(p, c.label).toMatchObject({ title: `${c.label}测试记录`, date: '2023-06-12', author: '张宣', backfill: !NO_CHAIN.includes(c.channel), ...c.expect })
      }
    })
  }, 120_000)

  it('sends a post through a two-step review with a rejection and a resubmission, then publishes it', async () => {
    await withApp(browser, demo, async (app) => {
      const { page, desk } = app
      addTestUser(desk.ctx, '王院长', ['reviewer'], ['分管院领导终审'])
      const p = await desk.call('piece-create', { channel: 'wechat', title: '我院铸牢民族共同体意识 推进民族团结进步', date: '2023-06-20', status: 'draft', venue: '南和县人民医院', themes: ['民族团结'] })
      await page.getByRole('link', { name: '日程' }).click()
      await page.getByRole('button', { name: p.title }).click()
      const detail = page.getByRole('dialog', { name: '稿件详情' })
      const review = detail.getByRole('region', { name: '审核' })
      await review.getByRole('button', { name: '送审' }).click()
      await expectText(detail.getByTestId('detail-status'), '待审核')
      await review.getByText('已送审（第 1 轮）').waitFor()
      await review.locator('.hits .right', { hasText: '中华民族共同体意识' }).waitFor()
      await app.shot('workflow-04-sent-with-proofreading-hit')

      await review.getByRole('button', { name: '退回' }).click()
      await expectText(review.locator('[data-field="comment"] .field-error'), '退回时请写明修改意见，作者会看到')
      await review.getByLabel('审核意见').fill('标题漏写“中华”，请按规范表述修改')
      await review.getByRole('button', { name: '退回' }).click()
      await expectText(detail.getByTestId('detail-status'), '草稿')
      await review.locator('.rejection', { hasText: '标题漏写“中华”，请按规范表述修改' }).waitFor()
      await app.shot('workflow-05-returned-to-author')

      const form = detail.getByRole('form', { name: '编辑台账记录' })
      await labelled(form, '标题').fill('我院铸牢中华民族共同体意识 推进民族团结进步')
      await form.getByRole('button', { name: '保存' }).click()
      await detail.getByRole('heading', { name: '我院铸牢中华民族共同体意识 推进民族团结进步' }).waitFor()
      await review.getByText('未发现需要注意的表述。').waitFor()
      await review.getByRole('button', { name: '送审' }).click()
      await review.getByText('等待：宣传科初审').waitFor()
      await review.getByRole('button', { name: '通过' }).click()
      await review.getByText('等待：分管院领导终审').waitFor()
      // The final step is decided by the reviewer who holds it, signed in as themselves.
      await signOut(page)
      await signIn(page, '王院长')
      await page.getByRole('link', { name: '日程' }).click()
      await page.getByRole('button', { name: '我院铸牢中华民族共同体意识 推进民族团结进步' }).click()
      await review.getByLabel('审核意见').fill('同意发布')
      await review.getByRole('button', { name: '通过' }).click()
      await expectText(detail.getByTestId('detail-status'), '已审核')
      await review.locator('.round-title', { hasText: '第 2 轮' }).waitFor()
      // … and the officer adds the evidence and publishes.
      await signOut(page)
      await signIn(page, '测试干事')
      await page.getByRole('link', { name: '日程' }).click()
      await page.getByRole('button', { name: '我院铸牢中华民族共同体意识 推进民族团结进步' }).click()
      await expectText(detail.getByTestId('detail-status'), '已审核')

      await review.getByRole('button', { name: '改为“已发布”' }).click()
      await expectText(detail.getByTestId('detail-status'), '已发布')
      // The screenshot of the published post comes after publishing (attachments are part of the approved content).
      const evidence = detail.getByRole('region', { name: '佐证材料' })
      await evidence.getByLabel('上传佐证材料').setInputFiles({ name: '发布截图.png', mimeType: 'image/png', buffer: PNG })
      await evidence.locator('.evidence-thumb img[alt="发布截图.png"]').waitFor()
      await evidence.scrollIntoViewIfNeeded()
      await app.shot('workflow-06a-evidence-thumbnail')
      await detail.getByRole('region', { name: '操作记录' }).getByText('添加佐证材料').waitFor()
      await app.shot('workflow-06-approved-published-with-history')

      const rounds = (await desk.call('review-history', { id: p.id })).rounds
      expect(rounds.map((r) => r.rows.map((x) => [x.stepName, x.decision, x.reviewer, x.comment]))).toEqual([
        [['送审', 'submitted', '测试干事', '宣传科初审 → 分管院领导终审'], ['宣传科初审', 'rejected', '测试干事', '标题漏写“中华”，请按规范表述修改'], ['分管院领导终审', 'cancelled', '', '宣传科初审退回，本轮审核结束']],
        [['送审', 'submitted', '测试干事', '宣传科初审 → 分管院领导终审'], ['宣传科初审', 'approved', '测试干事', ''], ['分管院领导终审', 'approved', '王院长', '同意发布']]
      ])
      expect((await desk.call('piece-get', { id: p.id })).status).toBe('published')
      expect(await desk.call('evidence-list', { pieceId: p.id })).toHaveLength(1)
    })
  })

  it('drags a scheduled piece to another day in the calendar, and shows the due-today notice', async () => {
    await withApp(browser, demo, async (app) => {
      const { page, desk } = app
      await page.getByText('排期到期：宣传片').waitFor()
      // A scheduled piece recorded as 补录 (its review, if any, was on paper): no approval here to void.
      await desk.call('piece-create', { channel: 'wechat', title: '端午节假期门诊安排', date: '2023-06-21', status: 'scheduled', backfill: true })
      await page.getByRole('link', { name: '日程' }).click()
      await expectText(page.getByTestId('calendar-title'), '2023年6月')
      // The demo's 六月医保政策解读 was approved here: its date is reviewed content, so the calendar refuses the move.
      const approved = page.getByRole('button', { name: '六月医保政策解读' })
      await approved.waitFor()
      // The day cells carry their 节点日 too, so the month runs past the window: bring the week to the middle.
      await approved.evaluate((el) => el.scrollIntoView({ block: 'center' }))
      await drag(page, approved, page.locator('.cal-items[data-date="2023-06-23"]'))
      await page.getByText('《六月医保政策解读》已审核通过，日期是审核内容的一部分，改期须重新审核').waitFor()
      await page.locator('.cal-items[data-date="2023-06-21"]').getByRole('button', { name: '六月医保政策解读' }).waitFor()
      expect((await desk.call('piece-list', { q: '六月医保政策解读' })).rows[0].date).toBe('2023-06-21')
      await page.getByRole('button', { name: '关闭' }).click()
      const chip = page.getByRole('button', { name: '端午节假期门诊安排' })
      await chip.waitFor()
      await chip.scrollIntoViewIfNeeded()
      await app.shot('workflow-07-calendar-month')
      await drag(page, chip, page.locator('.cal-items[data-date="2023-06-23"]'))
      await page.getByText('已改期：《端午节假期门诊安排》2023-06-21 → 2023-06-23').waitFor()
      await page.locator('.cal-items[data-date="2023-06-23"]').getByRole('button', { name: '端午节假期门诊安排' }).waitFor()
      await app.shot('workflow-08-calendar-after-drag')
      const moved = (await desk.call('piece-list', { q: '端午节假期门诊安排' })).rows[0]
      expect(moved.date).toBe('2023-06-23')
      const log = await desk.call('audit-list', { entity: 'piece', entityId: String(moved.id) })
      expect(log.at(-1)).toMatchObject({ action: 'reschedule', changes: { date: ['2023-06-21', '2023-06-23'] } })

      await page.getByRole('button', { name: '周', exact: true }).click()
      await page.getByRole('button', { name: '下一周 ›' }).click()
      await expectText(page.getByTestId('calendar-title'), '2023年6月19日 – 6月25日')
      await page.locator('.cal-span', { hasText: '热烈庆祝中国共产党成立102周年' }).waitFor()
      await app.shot('workflow-09-calendar-week-led-span')
    })
  })

  it('keeps the registries in 设置: accounts with their warnings, outlets added in the form', async () => {
    await withApp(browser, demo, async (app) => {
      const { page, desk } = app
      await goHash(page, '#/settings/accounts')
      const accounts = page.getByRole('region', { name: '账号阵地' })
      await accounts.getByText('未指定负责人（谁建立谁负责）').waitFor()
      await accounts.getByText('建立已超过 30 天仍未登记').waitFor()
      await app.shot('workflow-10-settings-accounts-warnings')
      await page.getByRole('tab', { name: '媒体' }).click()
      const outlets = page.getByRole('region', { name: '媒体名录' })
      await outlets.getByLabel('媒体名称').fill('邢台日报')
      await outlets.getByLabel('级别').selectOption('市级')
      await outlets.getByRole('button', { name: '添加媒体' }).click()
      await outlets.getByRole('cell', { name: '邢台日报' }).waitFor()
      expect((await desk.call('outlet-list', {})).find((o) => o.name === '邢台日报')).toMatchObject({ level: '市级', kind: '报纸' })
      await page.getByRole('tab', { name: '规范表述' }).click()
      await page.getByRole('form', { name: '规范表述' }).getByText('南和县人名医院').waitFor()
      await app.shot('workflow-11-settings-proofreading')
    })
  })
})
