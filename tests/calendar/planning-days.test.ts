// 节点日 (shared/planning-days.ts): a year's list across holidays, 节气, health days, a theme month and the hospital's
// anniversary, computed alike in China's zone and in UTC (the suite runs in both).
import { describe, it, expect } from 'vitest'
import { WorkCalendar } from '../../shared/china-calendar'
import { DEFAULT_PLANNING_RULES, draftFor, nthWeekday, planningDayLabel, planningDays, type PlanningRule } from '../../shared/planning-days'

const cal = new WorkCalendar()
const find = (days: ReturnType<typeof planningDays>, name: string) => days.filter((d) => d.name === name)

describe('planning days', () => {
  it('lists 2023: each holiday run once with its 调休, the 24 节气, the health days, the theme month', () => {
    const days = planningDays(cal, DEFAULT_PLANNING_RULES, '2023-01-01', '2023-12-31')
    expect(days.filter((d) => d.kind === '节气')).toHaveLength(24)
    expect(find(days, '国庆节')).toEqual([expect.objectContaining({ from: '2023-09-30', to: '2023-10-06', makeups: ['2023-10-07', '2023-10-08'] })])
    expect(find(days, '中秋节').map((d) => [d.from, d.to])).toEqual([['2023-09-29', '2023-09-29']])
    expect(find(days, '春节')[0]).toMatchObject({ from: '2023-01-21', to: '2023-01-27', makeups: ['2023-01-28', '2023-01-29'] })
    expect(find(days, '劳动节')[0].makeups).toEqual(['2023-04-23', '2023-05-06'])
    expect(planningDayLabel(find(days, '国庆节')[0])).toBe('国庆节 9月30日至10月6日 · 10月7日、10月8日上班')
    // Fixed, rule-based and lunar health days
    const on = (name: string) => find(days, name).map((d) => (d.from === d.to ? d.from : `${d.from}~${d.to}`))
    expect(on('世界卫生日')).toEqual(['2023-04-07'])
    expect(on('国际护士节')).toEqual(['2023-05-12'])
    expect(on('中国医师节')).toEqual(['2023-08-19'])
    expect(on('世界艾滋病日')).toEqual(['2023-12-01'])
    expect(on('全国肿瘤防治宣传周')).toEqual(['2023-04-15~2023-04-21'])
    expect(on('世界肾脏日')).toEqual(['2023-03-09']) // 3月第二个星期四
    expect(on('世界哮喘日')).toEqual(['2023-05-02']) // 5月第一个星期二
    expect(on('全民营养周')).toEqual(['2023-05-14~2023-05-20'])
    expect(on('重阳节')).toEqual(['2023-10-23']) // 农历九月初九
    expect(on('民族团结进步月')).toEqual(['2023-09-01~2023-09-30'])
    expect(find(days, '清明').map((d) => d.kind)).toEqual(['节气'])
    expect(find(days, '清明节').map((d) => d.from)).toEqual(['2023-04-05'])
    // Sorted by first day
    expect(days.map((d) => d.from)).toEqual([...days.map((d) => d.from)].sort())
  })

  it('shows a holiday run that began before the range whole, and a 2024 春节 with its two 调休 Sundays', () => {
    const days = planningDays(cal, DEFAULT_PLANNING_RULES, '2024-02-14', '2024-02-29')
    expect(find(days, '春节')).toEqual([expect.objectContaining({ from: '2024-02-10', to: '2024-02-17', makeups: ['2024-02-04', '2024-02-18'] })])
    expect(days.filter((d) => d.kind === '节气').map((d) => d.name)).toEqual(['雨水'])
  })

  it('takes the region’s month for 民族团结进步月 and counts the hospital’s anniversary, round ones marked', () => {
    const rules: PlanningRule[] = DEFAULT_PLANNING_RULES.map((r) => (r.id === 'minzu' ? { ...r, when: { type: 'month', month: 5 } } : r))
    rules.push({ id: 'yuanqing', name: '院庆', kind: '院内纪念日', when: { type: 'date', month: 10, day: 15 }, since: 1953, suggest: { channel: 'wechat', title: '建院{周年}周年' } })
    const days = planningDays(cal, rules, '2022-01-01', '2023-12-31')
    expect(find(days, '民族团结进步月').map((d) => [d.from, d.to])).toEqual([['2022-05-01', '2022-05-31'], ['2023-05-01', '2023-05-31']])
    const anniversary = find(days, '院庆')
    expect(anniversary.map((d) => [d.from, d.years, d.round])).toEqual([['2022-10-15', 69, false], ['2023-10-15', 70, true]])
    expect(draftFor(anniversary[1])).toMatchObject({ channel: 'wechat', title: '建院70周年', date: '2023-10-15' })
    expect(planningDayLabel(anniversary[1])).toBe('院庆（70周年·逢五逢十） 10月15日')
    // Before the founding: nothing
    expect(find(planningDays(cal, rules, '1953-01-01', '1953-12-31'), '院庆')).toEqual([])
  })

  it('drafts an LED greeting whose display window covers the holiday, and a WeChat piece for a health day', () => {
    const days = planningDays(cal, DEFAULT_PLANNING_RULES, '2023-09-25', '2023-10-31')
    expect(draftFor(find(days, '国庆节')[0])).toEqual({
      channel: 'led', title: '国庆节快乐', date: '2023-09-30', themes: ['节日祝福'], inputs: { kind: '节日祝福', displayStart: '2023-09-30', displayEnd: '2023-10-06' }
    })
    expect(draftFor(find(days, '世界精神卫生日')[0])).toEqual({ channel: 'wechat', title: '世界精神卫生日｜健康科普', date: '2023-10-10', themes: ['健康科普'], inputs: {} })
    expect(draftFor(find(days, '寒露')[0])?.title).toBe('寒露｜节气养生')
  })

  it('skips a date a year does not have and finds the last weekday of a month', () => {
    const leap: PlanningRule = { id: 'x', name: '闰日', kind: '院内纪念日', when: { type: 'date', month: 2, day: 29 } }
    expect(planningDays(cal, [leap], '2023-01-01', '2024-12-31').filter((d) => d.name === '闰日').map((d) => d.from)).toEqual(['2024-02-29'])
    expect(nthWeekday(2023, 9, -1, 5)).toBe('2023-09-29')
    expect(nthWeekday(2023, 2, 5, 1)).toBeNull()
  })

  it('knows a year the office added: its holidays appear, a year with none lists no holiday', () => {
    const none = planningDays(cal, DEFAULT_PLANNING_RULES, '2030-01-01', '2030-12-31')
    expect(none.filter((d) => d.kind === '节假日')).toEqual([])
    expect(none.filter((d) => d.kind === '节气')).toHaveLength(24)
    const added = new WorkCalendar({ '2030': { holidays: { '2030-10-01': '国庆节', '2030-10-02': '国庆节' }, workdays: { '2030-09-29': '国庆节' } } })
    expect(find(planningDays(added, DEFAULT_PLANNING_RULES, '2030-10-01', '2030-10-31'), '国庆节')[0]).toMatchObject({ from: '2030-10-01', to: '2030-10-02', makeups: ['2030-09-29'] })
  })
})
