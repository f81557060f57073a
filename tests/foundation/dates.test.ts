// China's calendar dates, whatever the machine's zone: every expectation here is a literal, the suite runs under
// TZ=Asia/Shanghai and TZ=UTC (npm test), and the last test recomputes the same table in child processes under
// both zones and one with summer time.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { addDays, chinaDate, isCalendarDate, monthRange } from '../../shared/dates'
import { parsePeriod, periodProblem } from '../../shared/periods'
import { dateEdges } from '../fixtures/date-edges'

const edges = dateEdges()

describe('China calendar dates', () => {
  it('gives an instant the date and wall clock it has in China (23:30 UTC is already the next day)', () => {
    expect(edges.chinaDate).toEqual(['2023-06-30', '2023-07-01', '2023-07-01', '2024-01-01', '2024-02-29'])
    expect(edges.chinaMonth).toEqual(['2023-06', '2023-07', '2023-07', '2024-01', '2024-02'])
    expect(edges.dayStart).toEqual(['2023-06-30T16:00:00.000Z', '2023-12-31T16:00:00.000Z', '2024-02-28T16:00:00.000Z'])
    expect(edges.chinaDateTime).toEqual(['2023-06-30 23:59', '2023-07-01 00:00', '2023-07-01 07:30', '2024-01-01 07:30', '2024-02-29 07:30'])
    expect(edges.auditTime).toEqual(['2023-06-30 23:59:59', '2023-07-01 00:00:00', '2023-07-01 07:30:00', '2024-01-01 07:30:00', '2024-02-29 07:30:00'])
  })

  it('puts 6月30日 in 上半年 and 7月1日 in 下半年', () => {
    expect(edges.half).toEqual(['H1', 'H2', 'H2'])
    expect(parsePeriod('2023H1').to).toBe('2023-06-30')
    expect(parsePeriod('2023H2').from).toBe('2023-07-01')
  })

  it('knows month ends, leap years included', () => {
    expect(edges.monthEnds).toEqual(['2023-02-28', '2024-02-29', '2000-02-29', '2100-02-28', '2023-04-30', '2023-12-31'])
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
  })

  it('shifts dates by days, months and years across month and year ends', () => {
    expect(edges.addDays).toEqual(['2024-02-29', '2023-03-01', '2024-01-01', '2024-02-29', '2023-06-30'])
    expect(edges.addMonths).toEqual(['2024-01', '2023-12', '2023-07', '2022-05', '2025-02'])
    expect(edges.addYears).toEqual(['2023-02-28', '2028-02-29', '2022-07-01'])
    expect(edges.yoy).toBe('2023-02-01..2023-02-28')
    expect(edges.daysBetween).toEqual([29, 28, -1])
  })

  it('finds Monday and counts working days', () => {
    expect(edges.mondayOf).toEqual(['2022-12-26', '2024-03-04', '2024-03-04', '2023-06-26'])
    expect(edges.workdays).toEqual([1, 5, 0, 4, 3])
  })

  it('refuses dates that do not exist', () => {
    expect(edges.valid).toEqual([true, false, false, false, false, false, false, false, true])
    expect(periodProblem('2025-02-29..2025-03-31')).toMatch(/日期无效/)
    expect(periodProblem('2025-13')).toMatch(/月份无效/)
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError)
    expect(isCalendarDate('2025-02-29')).toBe(false)
  })

  it('reads spreadsheet days as the day shown', () => {
    expect(edges.excelDay).toEqual([Date.UTC(2023, 6, 1), '2023-07-01', '2023-07-01', '1900-02-28', '1900-03-01', '2027-07-02'])
    expect(edges.cells).toEqual([
      { error: '无法识别的日期“2025/2/29”，请写成 2023-03-05、2023/3/5 或 2023年3月5日' },
      { date: '2024-02-29' },
      { date: '2023-07-01' }
    ])
  })

  it('computes the same table in processes under other time zones', () => {
    for (const TZ of ['Asia/Shanghai', 'UTC', 'America/New_York']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/fixtures/date-edges.ts'], { encoding: 'utf8', env: { ...process.env, TZ } })
      expect(r.stderr).toBe('')
      expect(JSON.parse(r.stdout), TZ).toEqual(edges)
    }
    expect(chinaDate(new Date('2023-06-30T23:30:00Z'))).toBe('2023-07-01')
  })
})
