// 指标完成 reads the same on the 统计 page, in the report's figure list (CSV, workbook, Word appendix) and on the
// command line: one sentence from shared/tally-reading.ts, in each quota's unit; the numbers are unchanged.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { renderReport } from '../../handlers/reports/render'
import { reportCommands } from '../../scripts/desk/commands/reports'
import { decodeText, parseCsv } from '../../services/export/csv'
import { readQuota } from '../../shared/tally-reading'

let d: TestDesk
const ids: Record<string, number> = {}

beforeAll(async () => {
  d = freshDesk() // today: 2023-06-15
  await d.call('profile-save', { fullName: '南和县人民医院' })
  ids.wechat = (await d.call('quota-save', { label: '公众号每月至少更新 8 篇', channel: 'wechat', period: 'month', target: 8 })).id
  ids.reports = (await d.call('quota-save', { label: '工作动态信息每周至少 1 条', channel: 'gov_report', period: 'week', target: 1 })).id
  ids.events = (await d.call('quota-save', { label: '每月宣传活动', channel: 'event', period: 'month', target: 2 })).id
  ids.media = (await d.call('quota-save', { label: '省级以上媒体录用每半年至少 5 篇', channel: 'media', minLevel: '省级', onlyAccepted: true, period: 'half', target: 5 })).id
  for (let i = 1; i <= 6; i++) await d.call('piece-create', { channel: 'wechat', title: `五月推文${i}`, date: `2023-05-0${i}`, status: 'published', backfill: true })
  // May 2023 has four whole weeks (1–28 May); the week of the 29th runs into June. The 15–21 May week has none.
  for (const day of ['02', '09', '10', '24', '30']) await d.call('piece-create', { channel: 'gov_report', title: `工作动态${day}`, date: `2023-05-${day}`, status: 'submitted', backfill: true })
  for (const day of ['06', '20']) await d.call('piece-create', { channel: 'event', title: `义诊${day}`, date: `2023-05-${day}`, status: 'completed', backfill: true })
})
afterAll(() => d.close())

const MAY = {
  wechat: '本月 6 篇，目标 8 篇，未达标，差 2 篇',
  reports: '本月 5 条，目标 4 条（每周 1 条，4 周），未达标，4 周中有 1 周不足 1 条，共差 1 条',
  events: '本月 2 次，目标 2 次，已达标',
  media: '本月 0 篇，每半年目标 5 篇，本月不单独考核'
}

describe('指标完成 in words', () => {
  it('the tally carries what the page words: counts, targets and each quota’s unit', async () => {
    const v = await d.call('tally-get', { period: '2023-05' })
    const byId = new Map(v.set.quotas.map((q) => [q.id, q]))
    for (const [name, text] of Object.entries(MAY)) expect([name, readQuota(byId.get(ids[name])!, v.period.code).text]).toEqual([name, text])
    expect(v.set.quotas.map((q) => q.unit)).toEqual(['篇', '条', '次', '篇'])
    // the figures themselves are the counts, as before
    expect(v.set.quotas.map((q) => [q.actual, q.target, q.met])).toEqual([[6, 8, false], [5, 4, false], [2, 2, true], [0, 0, false]])
  })

  it('the report’s figure list (CSV) states the same target and verdict, with the count and its unit', async () => {
    const csv = parseCsv(decodeText(Buffer.from((await renderReport(d.ctx, '2023-05', 'csv')).base64, 'base64')).text)
    const rows = csv.filter((r) => r[1] === '指标完成').map((r) => [r[2], r[3], r[4]])
    expect(rows).toEqual([
      ['公众号每月至少更新 8 篇：目标 8 篇，未达标，差 2 篇', '6', '篇'],
      ['工作动态信息每周至少 1 条：目标 4 条（每周 1 条，4 周），未达标，4 周中有 1 周不足 1 条，共差 1 条', '5', '条'],
      ['每月宣传活动：目标 2 次，已达标', '2', '次'],
      ['省级以上媒体录用每半年至少 5 篇：每半年目标 5 篇，本月不单独考核', '0', '篇']
    ])
    expect(csv.flat().join('\n')).not.toMatch(/0 \/ 0|未完成/)
  })

  it('a half-year judges the half-year quota; the drill-down is titled by the quota’s name', async () => {
    const v = await d.call('tally-get', { period: '2023H1' })
    const media = v.set.quotas.find((q) => q.id === ids.media)!
    expect(readQuota(media, v.period.code).text).toBe('上半年 0 篇，目标 5 篇，未达标，差 5 篇')
    const rows = await d.call('tally-rows', { period: '2023-05', key: `quota.${ids.wechat}` })
    expect([rows.figure.label, rows.figure.value, rows.figure.unit, rows.total]).toEqual(['公众号每月至少更新 8 篇', 6, '篇', 6])
  })

  it('the command line prints the same sentences', async () => {
    const out: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
    try {
      const tally = reportCommands.find((c) => c.name === 'tally')!
      expect(await tally.run!.call(tally, d.ctx, [], ['--month', '2023-05'])).toBe(0)
    } finally {
      spy.mockRestore()
    }
    const text = out.join('')
    expect(text).toContain(`  公众号每月至少更新 8 篇：${MAY.wechat}\n`)
    expect(text).toContain(`  省级以上媒体录用每半年至少 5 篇：${MAY.media}\n`)
    expect(text).not.toMatch(/目标 8 篇，未达标，差 2 篇：/)
  })
})
