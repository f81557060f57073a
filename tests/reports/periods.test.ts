import { describe, it, expect, afterEach } from 'vitest'
import { parsePeriod, previousPeriod, samePeriodLastYear, changeOf, changeText, monthsOf, lastMonthOf, periodProblem } from '../../shared/periods'
import { freshDesk, type TestDesk } from '../helpers/desk'

describe('periods: parsing the codes the officer and the CLI write', () => {
  it('reads half-years, quarters, months, years and ranges', () => {
    expect(parsePeriod('2023H1')).toMatchObject({ kind: 'half', from: '2023-01-01', to: '2023-06-30', label: '2023年上半年', short: '上半年' })
    expect(parsePeriod('2023h2')).toMatchObject({ kind: 'half', code: '2023H2', from: '2023-07-01', to: '2023-12-31', label: '2023年下半年' })
    expect(parsePeriod('2023上半年').code).toBe('2023H1')
    expect(parsePeriod('2023Q2')).toMatchObject({ kind: 'quarter', from: '2023-04-01', to: '2023-06-30', label: '2023年第二季度' })
    expect(parsePeriod('2023-05')).toMatchObject({ kind: 'month', from: '2023-05-01', to: '2023-05-31', label: '2023年5月', short: '5月份' })
    expect(parsePeriod('2024-02').to).toBe('2024-02-29')
    expect(parsePeriod('2023')).toMatchObject({ kind: 'year', from: '2023-01-01', to: '2023-12-31' })
    expect(parsePeriod('2023-01-01..2023-03-31')).toMatchObject({ kind: 'range', from: '2023-01-01', to: '2023-03-31', label: '2023年1月1日至3月31日' })
    expect(parsePeriod(' 2022-12-15 .. 2023-01-10 ')).toMatchObject({ from: '2022-12-15', to: '2023-01-10', label: '2022年12月15日至2023年1月10日' })
  })

  it('refuses what it cannot read, in Chinese', () => {
    expect(periodProblem('2023H3')).toMatch(/无法识别的统计区间/)
    expect(periodProblem('2023-13')).toMatch(/月份无效/)
    expect(periodProblem('2023-03-31..2023-01-01')).toBe('开始日期不能晚于结束日期')
    expect(periodProblem('2023-02-30..2023-03-01')).toMatch(/日期无效/)
    expect(periodProblem('1850-01')).toMatch(/年份/)
    expect(periodProblem('2023-05')).toBeNull()
  })

  it('finds the period before (环比) and the same period a year earlier (同比)', () => {
    expect(previousPeriod(parsePeriod('2023-01')).code).toBe('2022-12')
    expect(previousPeriod(parsePeriod('2023Q1')).code).toBe('2022Q4')
    expect(previousPeriod(parsePeriod('2023H1')).code).toBe('2022H2')
    expect(previousPeriod(parsePeriod('2023H2')).code).toBe('2023H1')
    expect(previousPeriod(parsePeriod('2023')).code).toBe('2022')
    // A range: the same number of days just before it.
    expect(previousPeriod(parsePeriod('2023-03-01..2023-03-10')).code).toBe('2023-02-19..2023-02-28')
    expect(samePeriodLastYear(parsePeriod('2023-05')).code).toBe('2022-05')
    expect(samePeriodLastYear(parsePeriod('2023Q3')).code).toBe('2022Q3')
    expect(samePeriodLastYear(parsePeriod('2024-02-29..2024-03-05')).code).toBe('2023-02-28..2023-03-05')
  })

  it('lists the months of a period and picks last month as the default', () => {
    expect(monthsOf(parsePeriod('2023H1'))).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'])
    expect(monthsOf(parsePeriod('2022-11-20..2023-01-05'))).toEqual(['2022-11', '2022-12', '2023-01'])
    expect(lastMonthOf('2023-06-15')).toBe('2023-05')
    expect(lastMonthOf('2023-01-03')).toBe('2022-12')
  })

  it('does the 环比 / 同比 arithmetic', () => {
    expect(changeOf(26, 21)).toEqual({ diff: 5, pct: 23.8 })
    expect(changeOf(12, 14)).toEqual({ diff: -2, pct: -14.3 })
    expect(changeOf(5, 5)).toEqual({ diff: 0, pct: 0 })
    expect(changeOf(3, 0)).toEqual({ diff: 3, pct: null })
    expect(changeText(changeOf(26, 21))).toBe('↑23.8%')
    expect(changeText(changeOf(12, 14))).toBe('↓14.3%')
    expect(changeText(changeOf(5, 5))).toBe('持平')
    expect(changeText(changeOf(3, 0))).toBe('新增')
    expect(changeText(changeOf(0, 0))).toBe('—')
    // A share changes by percentage points, not by a percentage of itself.
    expect(changeText(changeOf(36.4, 60), '%')).toBe('↓23.6个百分点')
    expect(changeText(changeOf(84.6, 84.6), '%')).toBe('持平')
  })
})

describe('periods: a piece belongs to its calendar date, whatever the machine time zone', () => {
  let d: TestDesk
  afterEach(() => d?.close())

  it('2023-07-01 counts in 下半年 and 2023-06-30 in 上半年', async () => {
    d = freshDesk()
    await d.call('profile-save', { fullName: '南和县人民医院' })
    await d.call('piece-create', { channel: 'wechat', title: '六月最后一天的推文', date: '2023-06-30', status: 'published', backfill: true })
    await d.call('piece-create', { channel: 'wechat', title: '七一建党节推文', date: '2023-07-01', status: 'published', backfill: true })
    const h1 = await d.call('tally-get', { period: '2023H1' })
    const h2 = await d.call('tally-get', { period: '2023H2' })
    expect(h1.set.byChannel.wechat.count).toBe(1)
    expect(h2.set.byChannel.wechat.count).toBe(1)
    const rows = await d.call('tally-rows', { period: '2023H2', key: 'channel.wechat.count' })
    expect(rows.pieces.map((p) => p.title)).toEqual(['七一建党节推文'])
    expect((await d.call('tally-rows', { period: '2023-06', key: 'channel.wechat.count' })).pieces.map((p) => p.date)).toEqual(['2023-06-30'])
  })
})

describe('times as China reads them', () => {
  it('shows a stored UTC instant on China’s clock', async () => {
    const { chinaDateTime } = await import('../../shared/periods')
    expect(chinaDateTime('2023-06-14T16:30:00.000Z')).toBe('2023-06-15 00:30')
    expect(chinaDateTime(null)).toBe('')
  })
})
