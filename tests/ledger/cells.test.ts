import { describe, it, expect } from 'vitest'
import iconv from 'iconv-lite'
import { neutralizeCell, restoreCell, safeCell, stripControls, truncateCell, MAX_CELL_CHARS, TRUNCATED_MARK } from '../../services/export/cells'
import { decodeText, parseCsv, toCsv } from '../../services/export/csv'
import { columnLetter, excelSerialToDate, parseCountCell, parseDateCell } from '../../services/ledger/cells'

describe('export cells (shared by every export)', () => {
  it('neutralizes text that a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+86 电话', '-5', '@所有人', '\t=cmd', '\r=cmd']) expect(neutralizeCell(s)).toBe(`'${s}`)
    for (const s of ['民族团结', '2023-03-05', '1+1', "it's", '', "'普通撇号"]) expect(neutralizeCell(s)).toBe(s)
  })

  it('restoreCell undoes neutralizeCell exactly, even for text that already starts with apostrophes', () => {
    for (const s of ['=1+1', "'=1+1", "''@x", '-', "'", "'abc", '普通', '@']) expect(restoreCell(neutralizeCell(s))).toBe(s)
  })

  it('strips control characters but keeps tabs and line breaks', () => {
    expect(stripControls('甲\u0000乙\u0007丙\u001b丁\u007f\t戊\n己\r\n')).toBe('甲乙丙丁\t戊\n己\r\n')
  })

  it('truncates to Excel’s 32,767 characters with a visible mark and never splits a surrogate pair', () => {
    const long = '义'.repeat(40_000)
    const cut = truncateCell(long)
    expect(cut.length).toBe(MAX_CELL_CHARS)
    expect(cut.endsWith(TRUNCATED_MARK)).toBe(true)
    const emoji = '😀'.repeat(20_000) // 40,000 UTF-16 units
    const cutEmoji = truncateCell(emoji)
    expect(cutEmoji.length).toBeLessThanOrEqual(MAX_CELL_CHARS)
    expect(cutEmoji.slice(0, -TRUNCATED_MARK.length)).toMatch(/^(😀)+$/u)
    expect(truncateCell('短')).toBe('短')
  })

  it('safeCell does all three', () => {
    expect(safeCell('\u0000=SUM(A1)')).toBe("'=SUM(A1)")
  })
})

describe('CSV', () => {
  it('writes UTF-8 with BOM and CRLF, quoting what needs it; reads it back', () => {
    const rows = [['标题', '备注'], ['含,逗号', '两行\n文字'], ['"引号"', '']]
    const bytes = toCsv(rows)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.toString('utf8')).toBe('\ufeff标题,备注\r\n"含,逗号","两行\n文字"\r\n"""引号""",\r\n')
    expect(parseCsv(decodeText(bytes).text)).toEqual(rows)
  })

  it('detects GBK bytes (invalid UTF-8) and decodes them', () => {
    const gbk = iconv.encode('日期,渠道\r\n2023/3/5,微信公众号', 'gbk')
    const d = decodeText(gbk)
    expect(d.encoding).toBe('gb18030')
    expect(parseCsv(d.text)).toEqual([['日期', '渠道'], ['2023/3/5', '微信公众号']])
    expect(decodeText(Buffer.from('日期', 'utf8')).encoding).toBe('utf-8')
  })

  it('reads Excel’s UTF-16 "Unicode text" (tab-separated) and semicolon files', () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('日期\t标题\r\n2023-01-01\t甲,乙', 'utf16le')])
    expect(parseCsv(decodeText(u16).text)).toEqual([['日期', '标题'], ['2023-01-01', '甲,乙']])
    expect(parseCsv('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']])
  })
})

describe('cell readers', () => {
  it('Excel day numbers → calendar days (no time zone involved)', () => {
    expect(excelSerialToDate(44990)).toBe('2023-03-05')
    expect(excelSerialToDate(44990.99)).toBe('2023-03-05')
    expect(excelSerialToDate(45291)).toBe('2023-12-31')
    expect(excelSerialToDate(61)).toBe('1900-03-01')
    expect(excelSerialToDate(44990 - 1462, true)).toBe('2023-03-05') // 1904 date system
    expect(excelSerialToDate(0)).toBeNull()
  })

  it('dates typed as text in the forms the office uses', () => {
    const ok = ['2023-03-05', '2023/3/5', '2023年3月5日', '2023 年 3 月 5 日', '2023.3.5', '2023-3-5 10:30', '20230305', ' 2023/03/05 ']
    for (const s of ok) expect(parseDateCell(s)).toEqual({ date: '2023-03-05' })
    expect(parseDateCell('')).toEqual({ error: '请填写日期' })
    expect(parseDateCell('3月5日')).toMatchObject({ error: expect.stringMatching(/^无法识别的日期“3月5日”/) })
    expect(parseDateCell('2023-02-29')).toMatchObject({ error: expect.stringMatching(/^无法识别的日期/) })
    expect(parseDateCell('1023-02-01')).toEqual({ error: '日期“1023-02-01”不在 1950—2100 年之间，请检查' })
  })

  it('counts: integers ≥ 0, thousands separators allowed, blank = none', () => {
    expect(parseCountCell('1,200')).toEqual({ value: 1200 })
    expect(parseCountCell(' ')).toEqual({ value: null })
    expect(parseCountCell(null)).toEqual({ value: null })
    expect(parseCountCell(3.5)).toMatchObject({ error: '“3.5”不是有效的数量，须为不小于 0 的整数' })
    expect(parseCountCell('十')).toMatchObject({ error: expect.stringContaining('不是有效的数量') })
  })

  it('column letters', () => {
    expect([0, 12, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'M', 'Z', 'AA', 'ZZ', 'AAA'])
  })
})
