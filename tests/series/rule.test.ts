// The repeat rule (shared/series.ts): weekdays, month ends, leap years, quarter ends and the rule's own limits.
// Run under TZ=UTC and TZ=Asia/Shanghai: the dates must not depend on the machine's zone.
import { describe, it, expect } from 'vitest'
import { occurrences, ruleProblems, ruleText, seriesText, type RepeatRule } from '../../shared/series'

const rule = (r: Partial<RepeatRule>): RepeatRule => ({ freq: 'weekly', interval: 1, weekday: 1, monthDay: null, start: '2023-06-15', until: null, count: null, ...r })
const dates = (r: Partial<RepeatRule>, o = {}) => occurrences(rule(r), o).map((x) => x.date)

describe('repeat rule', () => {
  it('weekly: the first such weekday on or after the start, then every (n) weeks', () => {
    expect(dates({ count: 3 })).toEqual(['2023-06-19', '2023-06-26', '2023-07-03']) // 06-15 is a Thursday
    expect(dates({ start: '2023-06-19', count: 2 })).toEqual(['2023-06-19', '2023-06-26']) // a Monday start counts
    expect(dates({ weekday: 3, interval: 2, start: '2023-12-20', until: '2024-01-31' })).toEqual(['2023-12-20', '2024-01-03', '2024-01-17', '2024-01-31'])
    expect(dates({ weekday: 7, start: '2023-12-25', count: 2 })).toEqual(['2023-12-31', '2024-01-07'])
  })

  it('monthly on the 31st: the last day of short months, never the next month', () => {
    expect(dates({ freq: 'monthly', weekday: null, monthDay: 31, start: '2023-01-15', until: '2023-06-30' })).toEqual([
      '2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2023-05-31', '2023-06-30'
    ])
  })

  it('monthly on the 29th across leap and common years', () => {
    expect(dates({ freq: 'monthly', weekday: null, monthDay: 29, start: '2024-01-29', count: 3 })).toEqual(['2024-01-29', '2024-02-29', '2024-03-29'])
    expect(dates({ freq: 'monthly', weekday: null, monthDay: 29, start: '2023-01-29', count: 3 })).toEqual(['2023-01-29', '2023-02-28', '2023-03-29'])
    expect(dates({ freq: 'monthly', weekday: null, monthDay: 30, interval: 12, start: '2024-02-01', count: 2 })).toEqual(['2024-02-29', '2025-02-28'])
  })

  it('a day before the start in the first month is skipped, and numbering starts at the first real one', () => {
    expect(occurrences(rule({ freq: 'monthly', weekday: null, monthDay: 10, start: '2023-01-15', count: 2 }))).toEqual([
      { n: 1, date: '2023-02-10' }, { n: 2, date: '2023-03-10' }
    ])
  })

  it('quarterly from the start month, on quarter ends and across the year', () => {
    expect(dates({ freq: 'quarterly', weekday: null, monthDay: 31, start: '2023-03-01', count: 4 })).toEqual(['2023-03-31', '2023-06-30', '2023-09-30', '2023-12-31'])
    expect(dates({ freq: 'quarterly', weekday: null, monthDay: 5, start: '2023-11-05', count: 3 })).toEqual(['2023-11-05', '2024-02-05', '2024-05-05'])
  })

  it('windows keep the numbering: after (exclusive), through (inclusive), limit', () => {
    const r = { freq: 'monthly' as const, weekday: null, monthDay: 1, start: '2023-01-01', count: 12 }
    expect(occurrences(rule(r), { after: '2023-03-01', through: '2023-05-01' })).toEqual([{ n: 4, date: '2023-04-01' }, { n: 5, date: '2023-05-01' }])
    expect(occurrences(rule(r), { after: '2023-10-15', limit: 5 }).map((o) => o.n)).toEqual([11, 12])
  })

  it('says itself in the office\'s words', () => {
    expect(seriesText(rule({ count: 8 }))).toBe('每周一，共8次')
    expect(ruleText(rule({ weekday: 3, interval: 2 }))).toBe('每2周的周三')
    expect(seriesText(rule({ freq: 'monthly', weekday: null, monthDay: 31, until: '2023-12-31' }))).toBe('每月最后一天，至2023-12-31')
    expect(ruleText(rule({ freq: 'monthly', weekday: null, monthDay: 15 }))).toBe('每月15日')
    expect(ruleText(rule({ freq: 'quarterly', weekday: null, monthDay: 20, start: '2023-02-10' }))).toBe('每季度（2、5、8、11月）20日')
  })

  it('names the field of every mistake, in Chinese', () => {
    const first = (r: Partial<RepeatRule>) => ruleProblems(rule(r))[0] ?? null
    expect(ruleProblems(rule({ count: 8 }))).toEqual([])
    expect(first({ until: '2023-06-01' })).toEqual({ field: 'until', message: '截止日期早于开始日期' })
    expect(first({ count: 0 })).toEqual({ field: 'count', message: '次数须为1–200' })
    expect(first({ count: 201 })).toEqual({ field: 'count', message: '次数须为1–200' })
    expect(first({})).toEqual({ field: 'until', message: '请填写截止日期或重复次数' })
    expect(first({ weekday: null, count: 3 })?.field).toBe('weekday')
    expect(first({ freq: 'monthly', weekday: null, monthDay: 32, count: 3 })).toEqual({ field: 'monthDay', message: '每月日期须为1–31日' })
    expect(first({ until: '2028-06-15' })).toEqual({ field: 'until', message: '截止日期过远：一个系列最多重复200次' })
    expect(first({ start: '2023-06-15', until: '2023-06-17' })).toEqual({ field: 'until', message: '截止日期之前没有符合规则的日期' })
  })
})
