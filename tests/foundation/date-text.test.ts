// The one parser for dates as the office types them (shared/dates.ts), used by the ledger import's cells and by
// every date field of the window (DateInput). Pure: no clock, no time zone.
import { describe, expect, it } from 'vitest'
import { DATE_FORMS, dateFromText, parseDateText } from '../../shared/dates'
import { parseDateCell } from '../../services/ledger/cells'

describe('parseDateText', () => {
  it('reads every form the office types as YYYY-MM-DD', () => {
    const forms = ['2023-5-3', '2023/5/3', '2023.5.3', '2023年5月3日', '2023年5月3', '2023 年 5 月 3 日', '2023-05-03', '20230503',
      ' 2023/05/03 ', '２０２３年５月３日', '2023／5／3', '2023－5－3', '2023-05-03 10:30', '2023-05-03T10:30:00']
    for (const f of forms) expect(parseDateText(f), f).toEqual({ date: '2023-05-03' })
    expect(parseDateText('2024年2月29日')).toEqual({ date: '2024-02-29' })
  })

  it('refuses what is no day, in Chinese, showing what was typed and the forms it takes', () => {
    expect(parseDateText('')).toEqual({ error: '请填写日期' })
    expect(parseDateText('   ')).toEqual({ error: '请填写日期' })
    for (const bad of ['2023-2-30', '2023年13月1日', '2023-5', '5月3日', '明天', '45000', '2023-5-3-1', '2023年5月32日', '2023-02-29']) {
      expect(parseDateText(bad), bad).toEqual({ error: `无法识别的日期“${bad}”，请写成 ${DATE_FORMS}` })
    }
    expect(parseDateText('1949-10-1')).toEqual({ error: '日期“1949-10-01”不在 1950—2100 年之间，请检查' })
    expect(parseDateText('2101/1/1')).toEqual({ error: '日期“2101-01-01”不在 1950—2100 年之间，请检查' })
  })

  it('dateFromText spells the day without judging it (the cell reader checks it the same way)', () => {
    expect(dateFromText('2023年2月30日')).toBe('2023-02-30')
    expect(dateFromText('二〇二三年五月三日')).toBeNull()
  })

  it('is the parser the ledger import uses: the same answers for the same typed text', () => {
    for (const s of ['2023-5-3', '2023年5月3日', '20230503', '2023-2-30', '1949-10-1', '', '明天']) expect(parseDateCell(s), s).toEqual(parseDateText(s))
    // Only a spreadsheet cell reads a bare five-digit number as an Excel day.
    expect(parseDateCell('45049')).toEqual({ date: '2023-05-03' })
    expect(parseDateText('45049')).toEqual({ error: `无法识别的日期“45049”，请写成 ${DATE_FORMS}` })
  })
})
