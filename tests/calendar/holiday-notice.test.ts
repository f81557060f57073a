// The State Council's notice as the office pastes it: the closing paragraph after the last item must not swallow
// 国庆节 (found while adding 2027 in the browser test).
import { describe, it, expect } from 'vitest'
import { readHolidayNotice } from '../../shared/holiday-notice'

describe('reading the holiday notice', () => {
  it('reads the last item when the notice goes on after it', () => {
    const text = `一、元旦：1月1日（周五）至3日（周日）放假，共3天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅`
    const r = readHolidayNotice(text, 2027)
    if ('error' in r) throw new Error(r.error)
    expect(r.items.map((i) => [i.name, i.from, i.to, i.days, i.workdays])).toEqual([
      ['元旦', '2027-01-01', '2027-01-03', 3, []],
      ['国庆节', '2027-10-01', '2027-10-07', 7, ['2027-09-26', '2027-10-09']]
    ])
    // One paragraph, items separated by 。 only, still reads
    const one = readHolidayNotice('一、元旦：1月1日放假，共1天。二、春节：2月5日至12日放假调休，共8天。2月20日（周六）上班。', 2027)
    expect('items' in one && one.items.map((i) => i.workdays)).toEqual([[], ['2027-02-20']])
  })
})
