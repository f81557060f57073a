import { describe, it, expect, afterEach, vi } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { importFile, importReport, csvFile, xlsxFile, snapshot, HEADER, b64 } from './helpers'
import iconv from 'iconv-lite'

let desk: TestDesk
afterEach(() => {
  desk?.close()
  vi.restoreAllMocks()
})

const GOOD = [
  '2023-03-05,微信公众号,我院开展民族团结进步月活动,已发布,宣传科,张宣,南和县人民医院,,,,民族团结、党建,https://mp.weixin.qq.com/s/a,',
  '2023/3/6,媒体投稿,医保政策解读,已录用,医保科,李明,牛城晚报,市级,,,健康科普,,',
  '2023年3月7日,宣传活动,“三下乡”义诊活动,,内科,王芳,义诊,,860,200,民族团结，健康科普,,苗汉双语'
]

describe('ledger import: all or nothing', () => {
  it('imports a valid template file through createPiece: rows, themes, search index and audit', async () => {
    desk = freshDesk()
    const r = await importReport(desk, { fileName: '台账.csv', base64: csvFile([HEADER, ...GOOD]), commit: true })
    expect(r.errors).toEqual([])
    expect(r).toMatchObject({ committed: true, imported: 3, rows: 3, skipped: 0, missing: [] })
    const page = await desk.call('piece-list', { sort: 'date', desc: false })
    expect(page.rows.map((p) => [p.date, p.channel, p.status, p.title])).toEqual([
      ['2023-03-05', 'wechat', 'published', '我院开展民族团结进步月活动'],
      ['2023-03-06', 'media', 'accepted', '医保政策解读'],
      ['2023-03-07', 'event', 'completed', '“三下乡”义诊活动'] // blank 状态 → the channel's default
    ])
    expect(page.rows[2]).toMatchObject({ venue: '义诊', kind: '义诊', quantity: 860, reach: 200, themes: ['健康科普', '民族团结'], notes: '苗汉双语' })
    expect(page.rows[1]).toMatchObject({ outletLevel: '市级', venue: '牛城晚报', department: '医保科' })
    // Written through createPiece: found by search, audited per piece plus one import record.
    expect((await desk.call('piece-list', { q: '义诊' })).total).toBe(1)
    const audit = desk.ctx.desk.sqlite.prepare("SELECT action, count(*) AS n FROM audit_log GROUP BY action ORDER BY action").all()
    expect(audit).toEqual([{ action: 'import', n: 4 }])
  })

  it('a file with bad rows leaves the database unchanged and names every bad row, column and reason', async () => {
    desk = freshDesk()
    await desk.call('piece-create', { channel: 'wechat', title: '已有的一条', date: '2023-01-02', status: 'published', backfill: true })
    const before = snapshot(desk)
    const lines = [
      HEADER,
      GOOD[0],
      '2023-02-30,微信公众号,不存在的日期,,,,,,,,,,', // row 3
      '2023-03-08,公众号号,渠道写错了,,,,,,,,,,', // row 4
      '2023-03-09,宣传品,状态不合渠道,已发布,,,,,-5,,,,', // row 5: status and 数量
      '2023-03-10,媒体投稿,,,,,,部级,,,,ftp://x,', // row 6: title, 媒体级别, 链接
      GOOD[1]
    ]
    const s = await importFile(desk, { fileName: '有错.csv', base64: csvFile(lines), commit: true })
    expect(s.error).toBeUndefined()
    const r = s.result!
    expect(r.committed).toBe(false)
    expect(r.imported).toBe(0)
    expect(snapshot(desk)).toEqual(before)
    const named = r.errors.map((e) => `${e.row}|${e.letter}|${e.column}`)
    expect(named).toEqual(['3|A|日期', '4|B|渠道', '5|D|状态', '5|I|数量', '6|C|标题', '6|H|媒体级别', '6|L|链接'])
    const msg = Object.fromEntries(r.errors.map((e) => [`${e.row}${e.column}`, e.message]))
    expect(msg['3日期']).toBe('无法识别的日期“2023-02-30”，请写成 2023-03-05、2023/3/5 或 2023年3月5日')
    expect(msg['4渠道']).toMatch(/^没有“公众号号”这个渠道，可填：微信公众号、视频号/)
    expect(msg['5状态']).toMatch(/^宣传品不能使用“已发布”状态，可填：.*已完成/)
    expect(msg['5数量']).toBe('“-5”不是有效的数量，须为不小于 0 的整数')
    expect(msg['6标题']).toBe('请填写标题')
    expect(msg['6媒体级别']).toBe('媒体级别须为 国家级/省级/市级/县级')
    expect(msg['6链接']).toBe('链接须以 http:// 或 https:// 开头')
  })

  it('the preview (commit: false) checks and writes nothing', async () => {
    desk = freshDesk()
    const before = snapshot(desk)
    const r = await importReport(desk, { fileName: 'a.csv', base64: csvFile([HEADER, ...GOOD]) })
    expect(r).toMatchObject({ committed: false, rows: 3, imported: 0, errors: [] })
    expect(r.sample.map((x) => x.row)).toEqual([2, 3, 4])
    expect(r.sample[2].cells['渠道']).toBe('宣传活动')
    expect(snapshot(desk)).toEqual(before)
  })

  it('a failure in the middle of the write rolls back every row already written', async () => {
    desk = freshDesk()
    vi.spyOn(console, 'error').mockImplementation(() => {}) // the internal error is logged; keep the test output clean
    const before = snapshot(desk)
    // Make the database itself refuse the third row, as a crash or full disk would mid-write.
    desk.ctx.desk.sqlite.exec("CREATE TRIGGER boom BEFORE INSERT ON pieces WHEN NEW.title = '医保政策解读' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    const lines = [HEADER, GOOD[0], GOOD[2], GOOD[1]]
    const s = await importFile(desk, { fileName: 'a.csv', base64: csvFile(lines), commit: true })
    expect(s.error?.type).toBe('internal')
    expect(snapshot(desk)).toEqual(before)
  })

  it('refuses files that are not spreadsheets, with a Chinese reason', async () => {
    desk = freshDesk()
    const xls = await importFile(desk, { fileName: '旧表.xls', base64: b64(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])), commit: true })
    expect(xls.error?.message).toMatch(/暂不支持旧版 \.xls 文件/)
    const broken = await importFile(desk, { fileName: '坏.xlsx', base64: b64(Buffer.from('PK\u0003\u0004 not really a zip')), commit: true })
    expect(broken.error?.message).toMatch(/^无法读取这个 Excel 文件/)
    const noData = await importReport(desk, { fileName: '空.csv', base64: csvFile([HEADER]), commit: true })
    expect(noData.problems).toEqual(['文件里没有数据行'])
    const bad = await desk.invoke('ledger-import-start', { fileName: 'x.csv', base64: '', commit: true })
    expect(bad.ok).toBe(false)
  })
})

describe('ledger import: headers and mapping', () => {
  it('accepts headers in any order, a title row above them, and ignores unknown columns', async () => {
    desk = freshDesk()
    const file = await xlsxFile([
      ['2023年上半年宣传台账'],
      ['序号', '标题', '日期', '审核人', '渠道'],
      [1, '院领导带队开展义诊', new Date(Date.UTC(2023, 4, 20)), '王院长', '宣传活动']
    ])
    const r = await importReport(desk, { fileName: '台账.xlsx', base64: file, commit: true })
    expect(r).toMatchObject({ headerRow: 2, committed: true, imported: 1, missing: [] })
    expect(r.mapping).toEqual({ 序号: '', 标题: '标题', 日期: '日期', 审核人: '', 渠道: '渠道' })
    const [p] = (await desk.call('piece-list', {})).rows
    expect(p).toMatchObject({ title: '院领导带队开展义诊', date: '2023-05-20', channel: 'event', status: 'completed' })
  })

  it('asks for a mapping when required headers are missing, then remembers the officer’s mapping', async () => {
    desk = freshDesk()
    const lines = ['发布时间,平台类型,稿件标题,阅读', '2023-04-01,微信公众号,清明节文明祭扫倡议,1200']
    const first = await importReport(desk, { fileName: 'old.csv', base64: csvFile(lines), commit: true })
    expect(first.committed).toBe(false)
    expect(first.missing).toEqual(['日期', '渠道', '标题'])
    expect(first.mapping).toEqual({ 发布时间: '', 平台类型: '', 稿件标题: '', 阅读: '' })

    const mapping = { 发布时间: '日期', 平台类型: '渠道', 稿件标题: '标题' } as const
    const second = await importReport(desk, { fileName: 'old.csv', base64: csvFile(lines), mapping, commit: true })
    expect(second).toMatchObject({ committed: true, imported: 1, missing: [] })

    // Next time the same headers map by themselves.
    const third = await importReport(desk, { fileName: 'old2.csv', base64: csvFile([lines[0], '2023-04-02,微信公众号,第二篇,10']) })
    expect(third.missing).toEqual([])
    expect(third.remembered.sort()).toEqual(['发布时间', '平台类型', '稿件标题'].sort())
    expect(third.mapping['发布时间']).toBe('日期')
  })

  it('names both columns when two headers feed the same template column', async () => {
    desk = freshDesk()
    const r = await importReport(desk, { fileName: 'a.csv', base64: csvFile(['日期,标题,渠道,发布日期', '2023-01-01,甲,微信公众号,2023-01-02']), mapping: { 发布日期: '日期' }, commit: true })
    expect(r.committed).toBe(false)
    expect(r.problems).toEqual(['A 列“日期”和 D 列“发布日期”都对应“日期”，请把其中一列设为“不导入”'])
  })
})

describe('ledger import: dates, themes and encodings', () => {
  const DATE_CASES: [string, unknown][] = [
    ['2023-03-05', '2023-03-05'],
    ['2023/3/5', '2023/3/5'],
    ['2023年3月5日', '2023年3月5日'],
    ['2023-03-05 (serial in a General cell)', 44990],
    ['2023-03-05 (serial with a time of day)', 44990.9]
  ]
  it.each(DATE_CASES)('reads %s', async (_label, cell) => {
    desk = freshDesk()
    const file = await xlsxFile([['日期', '渠道', '标题'], [cell, '微信公众号', '日期测试']])
    const r = await importReport(desk, { fileName: 'd.xlsx', base64: file, commit: true })
    expect(r.errors).toEqual([])
    expect((await desk.call('piece-list', {})).rows[0].date).toBe('2023-03-05')
  })

  it('reads Excel date cells as the calendar day shown, in any time zone, including the year’s first and last days', async () => {
    desk = freshDesk()
    const days = [[2023, 0, 1], [2023, 11, 31], [2024, 1, 29], [2023, 5, 30]]
    const rows: unknown[][] = [['日期', '渠道', '标题']]
    days.forEach(([y, m, d], i) => rows.push([new Date(Date.UTC(y, m, d)), '微信公众号', `第${i}篇`]))
    rows.push([new Date(Date.UTC(2023, 2, 5)), '微信公众号', '中文日期格式'])
    const file = await xlsxFile(rows, { dateFormat: 'yyyy"年"m"月"d"日"' })
    const r = await importReport(desk, { fileName: 'd.xlsx', base64: file, commit: true })
    expect(r.errors).toEqual([])
    const got = (await desk.call('piece-list', { sort: 'title', desc: false })).rows.map((p) => `${p.title}=${p.date}`)
    expect(got).toEqual(['中文日期格式=2023-03-05', '第0篇=2023-01-01', '第1篇=2023-12-31', '第2篇=2024-02-29', '第3篇=2023-06-30'])
  })

  it('reads a day number Excel stored with a date format (how Excel itself saves dates)', async () => {
    desk = freshDesk()
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台账')
    ws.addRow(['日期', '渠道', '标题'])
    ws.addRow([44990, '微信公众号', '日期格式的数字'])
    ws.addRow([45291, '微信公众号', '年末'])
    ws.getColumn(1).numFmt = 'yyyy/m/d'
    const file = b64(Buffer.from(await wb.xlsx.writeBuffer()))
    await importReport(desk, { fileName: 'd.xlsx', base64: file, commit: true })
    const got = (await desk.call('piece-list', { sort: 'date', desc: false })).rows.map((p) => p.date)
    expect(got).toEqual(['2023-03-05', '2023-12-31'])
  })

  it('splits 主题 on 、 , and ，', async () => {
    desk = freshDesk()
    await importReport(desk, { fileName: 't.csv', base64: csvFile(['日期,渠道,标题,主题', '2023-01-01,微信公众号,甲,"民族团结、党建,医德医风，健康科普"']), commit: true })
    expect((await desk.call('piece-list', {})).rows[0].themes).toEqual(['党建', '健康科普', '医德医风', '民族团结'].sort())
  })

  it('reads a GBK-encoded CSV saved by old Excel', async () => {
    desk = freshDesk()
    const gbk = iconv.encode([HEADER, GOOD[1]].join('\r\n'), 'gbk')
    const r = await importReport(desk, { fileName: '旧台账.csv', base64: b64(gbk), commit: true })
    expect(r).toMatchObject({ encoding: 'gb18030', committed: true, imported: 1 })
    expect((await desk.call('piece-list', {})).rows[0]).toMatchObject({ title: '医保政策解读', venue: '牛城晚报' })
  })
})

describe('ledger import: likely duplicates', () => {
  it('shows rows matching an existing piece or an earlier row, imports them by default and skips them on request', async () => {
    desk = freshDesk()
    const existing = await desk.call('piece-create', { channel: 'wechat', title: '我院开展民族团结进步月活动', date: '2023-03-05', status: 'published', backfill: true })
    const lines = [HEADER, GOOD[0], GOOD[1], GOOD[1], GOOD[2]]
    const preview = await importReport(desk, { fileName: 'dup.csv', base64: csvFile(lines) })
    expect(preview.duplicates).toEqual([
      { row: 2, channel: 'wechat', title: '我院开展民族团结进步月活动', date: '2023-03-05', existingId: existing.id, sameAsRow: null },
      { row: 4, channel: 'media', title: '医保政策解读', date: '2023-03-06', existingId: null, sameAsRow: 3 }
    ])
    const skipped = await importReport(desk, { fileName: 'dup.csv', base64: csvFile(lines), skipDuplicates: true, commit: true })
    expect(skipped).toMatchObject({ committed: true, imported: 2, skipped: 2 })
    expect((await desk.call('piece-list', {})).total).toBe(3)
  })

  it('without skipping, likely duplicates are imported too', async () => {
    desk = freshDesk()
    const r = await importReport(desk, { fileName: 'dup.csv', base64: csvFile([HEADER, GOOD[1], GOOD[1]]), skipDuplicates: false, commit: true })
    expect(r).toMatchObject({ committed: true, imported: 2, skipped: 0 })
  })
})
