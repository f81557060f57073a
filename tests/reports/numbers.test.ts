import { describe, it, expect } from 'vitest'
import { amountText, chineseDate, chineseNumeral, countText, floorTwoDigits, hoursText, listText, percentText } from '../../services/report/numbers'

describe('report wording: 万 and 余 the way the office writes them', () => {
  it('rounds amounts down to two significant digits, with 余 only when something was dropped', () => {
    expect(amountText(103_600, 'approx')).toBe('10万余')
    expect(amountText(100_000, 'approx')).toBe('10万')
    expect(amountText(125_000, 'approx')).toBe('12万余')
    expect(amountText(15_000, 'approx')).toBe('1.5万')
    expect(amountText(12_500, 'approx')).toBe('1.2万余')
    expect(amountText(1_530_000, 'approx')).toBe('150万余')
    expect(amountText(3_560, 'approx')).toBe('3500余')
    expect(amountText(2_420, 'approx')).toBe('2400余')
    expect(amountText(865, 'approx')).toBe('860余')
    expect(amountText(1_000, 'approx')).toBe('1000')
    expect(amountText(500, 'approx')).toBe('500')
    // Small amounts are never rounded: "发放资料60份", not "60余份".
    expect(amountText(99, 'approx')).toBe('99')
    expect(amountText(0, 'approx')).toBe('0')
  })

  it('writes exact figures in plain digits when the setting says so', () => {
    expect(amountText(103_600, 'exact')).toBe('103600')
    expect(amountText(3_560, 'exact')).toBe('3560')
    expect(countText(186)).toBe('186')
  })

  it('floors to two significant digits', () => {
    expect([floorTwoDigits(103_600), floorTwoDigits(3_599), floorTwoDigits(100), floorTwoDigits(99), floorTwoDigits(10_999)]).toEqual([100_000, 3_500, 100, 99, 10_000])
  })

  it('numbers sections and joins lists in Chinese', () => {
    expect([1, 2, 9, 10, 11, 20, 21].map(chineseNumeral)).toEqual(['一', '二', '九', '十', '十一', '二十', '二十一'])
    expect(listText(['牛城晚报', '县政府网', '南和报'])).toBe('牛城晚报、县政府网、南和报')
    expect(chineseDate('2023-07-03')).toBe('2023年7月3日')
    expect(percentText(58.3)).toBe('58.3%')
    expect(percentText(50)).toBe('50%')
    expect(hoursText(5.5)).toBe('5.5小时')
    expect(hoursText(72)).toBe('72小时（约3.0天）')
  })
})
