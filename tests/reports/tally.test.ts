import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { loadWorkbook, readSheet } from '../helpers/workbook'
import { finishedJob } from '../../handlers/jobs/runner'
import { reportCommands } from '../../scripts/desk/commands/reports'
import { decodeText, parseCsv } from '../../services/export/csv'
import type { FilePayload } from '../../shared/contract/ledger'
import type { TallyView } from '../../shared/contract/tallies'

let d: TestDesk
/** A command of this file, as the CLI runs it. */
const command = (name: string) => {
  const c = reportCommands.find((x) => x.name === name)
  if (!c?.run) throw new Error(`no command ${name}`)
  return c.run.bind(c)
}
const create = (channel: string, title: string, date: string, extra: Record<string, unknown> = {}) =>
  d.call('piece-create', { channel: channel as 'wechat', title, date, status: channel === 'media' ? 'accepted' : channel === 'event' ? 'completed' : 'published', backfill: true, ...extra })

beforeAll(async () => {
  d = freshDesk() // today: 2023-06-15
  await d.call('profile-save', { fullName: '南和县人民医院' })
  // May 2023: 4 posts; April 2023: 2 posts; May 2022: 5 posts — 环比 +100%, 同比 −20%.
  for (let i = 0; i < 4; i++) await create('wechat', `2023年5月推文${i + 1}`, `2023-05-${10 + i}`)
  for (let i = 0; i < 2; i++) await create('wechat', `2023年4月推文${i + 1}`, `2023-04-${10 + i}`)
  for (let i = 0; i < 5; i++) await create('wechat', `2022年5月推文${i + 1}`, `2022-05-${10 + i}`)
  await create('media', '胸痛中心通过国家认证', '2023-05-08', { venue: '河北日报', outletLevel: '省级' })
  await create('event', '爱眼日义诊', '2023-05-06', { reach: 320, quantity: 800, themes: ['健康科普'] })
})
afterAll(() => d.close())

describe('统计: a month with 环比 and 同比', () => {
  it('compares each figure with last month and the same month last year', async () => {
    const v = await d.call('tally-get', { period: '2023-05' })
    expect([v.period.label, v.previous.code, v.lastYear.code]).toEqual(['2023年5月', '2023-04', '2022-05'])
    expect(v.set.byChannel.wechat.count).toBe(4)
    expect(v.previousValues['channel.wechat.count']).toBe(2)
    expect(v.lastYearValues['channel.wechat.count']).toBe(5)
    expect(v.set.submissions).toMatchObject({ submitted: 1, accepted: 1, acceptedProvincialUp: 1 })
    expect(v.set.submissions.acceptedByLevel['省级']).toBe(1)
    expect(v.set.byChannel.event).toEqual({ count: 1, quantity: 800, reach: 320, reads: 0 })
    expect(v.signoff).toBeNull()
  })

  it('shows six months up to a single month in the matrix, and exactly the months of a longer period', async () => {
    const may = (await d.call('tally-get', { period: '2023-05' })).matrix
    expect(may.months).toEqual(['2022-12', '2023-01', '2023-02', '2023-03', '2023-04', '2023-05'])
    expect([may.from, may.to, may.note]).toEqual(['2022-12-01', '2023-05-31', '近6个月（至2023年5月）'])
    const wechat = may.rows.find((r) => r.channel === 'wechat')!
    expect(wechat.counts).toEqual([0, 0, 0, 0, 2, 4])
    expect(wechat.total).toBe(6)
    expect(may.totals.at(-1)).toBe(6)
    const q2 = (await d.call('tally-get', { period: '2023Q2' })).matrix
    expect(q2.months).toEqual(['2023-04', '2023-05', '2023-06'])
    expect(q2.note).toBeNull()
    expect(q2.total).toBe(8)
    const range = (await d.call('tally-get', { period: '2023-05-11..2023-05-31' })).matrix
    expect(range.rows.find((r) => r.channel === 'wechat')!.counts).toEqual([3])
  })

  it('lists the rows behind a number (pieces, mentions, accounts) and pages through them', async () => {
    const rows = await d.call('tally-rows', { period: '2023-05', key: 'channel.wechat.count', limit: 3 })
    expect(rows.total).toBe(4)
    expect(rows.pieces.map((p) => p.title)).toEqual(['2023年5月推文1', '2023年5月推文2', '2023年5月推文3'])
    const page2 = await d.call('tally-rows', { period: '2023-05', key: 'channel.wechat.count', offset: 3, limit: 3 })
    expect(page2.pieces.map((p) => p.title)).toEqual(['2023年5月推文4'])
    expect((await d.call('tally-rows', { period: '2023-05', key: 'submissions.acceptedProvincialUp' })).pieces[0]).toMatchObject({ title: '胸痛中心通过国家认证', venue: '河北日报', outletLevel: '省级', evidence: [] })
    const unknown = await d.call('tally-rows', { period: '2023-05', key: 'kind.honor.锦旗' })
    expect(unknown.total).toBe(0)
  })

  it('saves the list behind a number as .xlsx and .csv', async () => {
    const x = await d.call('tally-rows-export-start', { period: '2023-05', key: 'channel.wechat.count', format: 'xlsx' })
    const xs = await finishedJob(d.ctx, x.jobId)
    const file = xs.result as FilePayload
    expect(file.fileName).toBe('2023年5月_微信公众号_明细.xlsx')
    const wb = await loadWorkbook(Buffer.from(file.base64, 'base64'))
    const sheet = readSheet(wb.worksheets[0])
    expect(sheet.header.slice(0, 3)).toEqual(['序号', '发布日期', '标题'])
    expect(sheet.rows.map((r) => [r[0], r[2]])).toEqual([[1, '2023年5月推文1'], [2, '2023年5月推文2'], [3, '2023年5月推文3'], [4, '2023年5月推文4']])

    const c = await d.call('tally-rows-export-start', { period: '2023-05', key: 'channel.wechat.count', format: 'csv' })
    const csv = Buffer.from(((await finishedJob(d.ctx, c.jobId)).result as FilePayload).base64, 'base64')
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(parseCsv(decodeText(csv).text).map((r) => r[2])).toEqual(['标题', '2023年5月推文1', '2023年5月推文2', '2023年5月推文3', '2023年5月推文4'])

    const empty = await d.call('tally-rows-export-start', { period: '2023-05', key: 'kind.honor.锦旗', format: 'csv' })
    expect((await finishedJob(d.ctx, empty.jobId)).error?.message).toBe('这一项没有明细记录，无需导出')
  })
})

describe('CLI: report and tally', () => {
  it('writes a report file and prints the month as JSON', async () => {
    const out: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true))
    const warned: string[] = []
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (warned.push(String(s)), true))
    try {
      const report = command('report')
      const file = join(d.dir, 'h1.docx')
      expect(await report(d.ctx, [], ['--period', '2023H1', '--format', 'docx', '--out', file])).toBe(0)
      const zip = await JSZip.loadAsync(readFileSync(file))
      expect(await zip.file('word/document.xml')!.async('string')).toContain('2023年上半年意识形态工作总结</w:t>')
      // proofread as it was saved: the hits are warnings on stderr, one line each, and the command still succeeds
      expect((await d.call('report-preview', { period: '2023H1' })).proof).toEqual([])
      expect(warned.join('')).not.toContain('规范表述提示')
      const opening = (await d.call('report-preview', { period: '2023H1' })).paragraphs.find((p) => p.key === 'opening')!.text
      await d.call('report-edit-save', { period: '2023H1', key: 'opening', text: `${opening}我院落实形态意识工作责任制。` })
      try {
        expect(await report(d.ctx, [], ['--period', '2023H1', '--format', 'docx', '--out', file])).toBe(0)
        expect(warned.join('')).toContain('规范表述提示 1 处')
        expect(warned.join('')).toContain('“形态意识”应为“意识形态”')
      } finally {
        await d.call('report-edit-reset', { period: '2023H1', key: 'opening' })
      }
      const json = join(d.dir, 'may.json')
      expect(await report(d.ctx, [], ['--period', '2023-05', '--out', json])).toBe(0)
      expect(JSON.parse(readFileSync(json, 'utf8')).byChannel.wechat.count).toBe(4)

      out.length = 0
      const tally = command('tally')
      expect(await tally(d.ctx, [], ['--month', '2023-05', '--json'])).toBe(0)
      const v = JSON.parse(out.join('')) as TallyView
      expect([v.period.code, v.set.byChannel.wechat.count, v.previousValues['channel.wechat.count']]).toEqual(['2023-05', 4, 2])
    } finally {
      spy.mockRestore()
      errSpy.mockRestore()
    }
  })

  it('says what is wrong with a bad period or format', async () => {
    const err: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true))
    try {
      const report = command('report')
      expect(await report(d.ctx, [], ['--period', '2023H3', '--format', 'docx', '--out', join(d.dir, 'x.docx')])).toBe(2)
      expect(await report(d.ctx, [], ['--period', '2023H1', '--format', 'pdf', '--out', join(d.dir, 'x.pdf')])).toBe(2)
      expect(err.join('')).toContain('无法识别的统计区间：2023H3')
      expect(err.join('')).toContain('请用 --format 指定格式：docx / xlsx / csv / json')
    } finally {
      spy.mockRestore()
    }
  })
})
