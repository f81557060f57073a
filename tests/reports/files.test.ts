// The Word draft, the workbook, the CSV and the JSON of the demo half-year: valid files whose contents equal the
// rows in the database (expectations from SQL, not from the report code).
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import JSZip from 'jszip'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { loadWorkbook, readSheet } from '../helpers/workbook'
import { channelLabel } from '../../shared/channels'
import { renderReport } from '../../handlers/reports/render'
import { finishedJob } from '../../handlers/jobs/runner'
import { decodeText, parseCsv } from '../../services/export/csv'
import type { ReportFile } from '../../shared/contract/reports'

const CARRIED_OUT = `status IN ('published', 'submitted', 'accepted', 'not_accepted', 'completed')`
const H1 = `date BETWEEN '2023-01-01' AND '2023-06-30'`

let d: TestDesk
const one = (sql: string): number => Object.values(d.ctx.desk.sqlite.prepare(sql).get() as object)[0] as number
const bytesOf = async (format: 'docx' | 'xlsx' | 'csv' | 'json', period = '2023H1', desk = d): Promise<Buffer> =>
  Buffer.from((await renderReport(desk.ctx, period, format)).base64, 'base64')

/** The text of each paragraph of a .docx (w:t runs joined), after checking the package opens. */
async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes)
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']))
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml.startsWith('<?xml')).toBe(true)
  expect(xml.trimEnd().endsWith('</w:document>')).toBe(true)
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('')).filter(Boolean)
}

/** Evidence rows as the ledger's upload writes them (the file itself is not needed to list it). */
function attach(desk: TestDesk, pieceId: number, fileName: string): void {
  desk.ctx.desk.sqlite
    .prepare(`INSERT INTO evidence (piece_id, file_name, sha256, size, mime, added_at, added_by) VALUES (?, ?, ?, 20480, 'image/jpeg', '2023-06-01T02:00:00.000Z', '张宣')`)
    .run(pieceId, fileName, fileName.padEnd(64, '0').slice(0, 64))
}

beforeAll(async () => {
  d = freshDesk()
  await d.call('demo-seed', {})
  const pick = (sql: string) => (d.ctx.desk.sqlite.prepare(sql).get() as { id: number }).id
  const event = pick(`SELECT id FROM pieces WHERE channel = 'event' AND title LIKE '%民族团结进步宣传月%'`)
  const meeting = pick(`SELECT id FROM pieces WHERE channel = 'meeting' AND kind = '意识形态教育会' ORDER BY date LIMIT 1`)
  const draft = pick(`SELECT id FROM pieces WHERE status = 'draft' LIMIT 1`)
  attach(d, event, '义诊现场照片1.jpg')
  attach(d, event, '义诊现场照片2.jpg')
  attach(d, meeting, '意识形态教育会签到表.pdf')
  attach(d, draft, '草稿配图.png')
})
afterAll(() => d?.close())

describe('the Word draft (.docx)', () => {
  it('is a valid document whose sentences carry the demo numbers, counted from the rows', async () => {
    const started = performance.now()
    const paragraphs = await docxParagraphs(await bytesOf('docx'))
    console.log(`2023H1 Word draft on demo data: ${Math.round(performance.now() - started)} ms`)
    const text = paragraphs.join('\n')
    const submitted = one(`SELECT count(*) FROM pieces WHERE channel IN ('media', 'gov_report') AND paid = 0 AND ${H1} AND ${CARRIED_OUT}`)
    const provincial = one(`SELECT count(*) FROM pieces WHERE channel = 'media' AND paid = 0 AND status = 'accepted' AND outlet_level IN ('国家级', '省级') AND ${H1}`)
    const wechat = one(`SELECT count(*) FROM pieces WHERE channel = 'wechat' AND ${H1} AND ${CARRIED_OUT}`)
    const notices = one(`SELECT count(*) FROM pieces WHERE channel = 'notice' AND ${H1} AND ${CARRIED_OUT}`)
    const received = one(`SELECT count(*) FROM pieces WHERE channel = 'tv' AND kind = '接收' AND ${H1} AND ${CARRIED_OUT}`)
    const banners = one(`SELECT count(*) FROM pieces WHERE channel = 'honor' AND kind = '锦旗' AND ${H1} AND ${CARRIED_OUT}`)
    const letters = one(`SELECT count(*) FROM pieces WHERE channel = 'honor' AND kind = '感谢信' AND ${H1} AND ${CARRIED_OUT}`)
    const ideology = one(`SELECT count(*) FROM pieces WHERE channel = 'meeting' AND kind = '意识形态教育会' AND ${H1} AND ${CARRIED_OUT}`)
    expect(paragraphs[0]).toBe('南和县人民医院2023年上半年意识形态工作总结') // two lines: a <w:br/> between them
    expect(paragraphs[1]).toMatch(/^2023年上半年，我院坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，认真落实党中央和省、市、县委关于意识形态工作的决策部署/)
    // the outlet registered as 卫计局 is named by the commission's current name (设置 › 医院信息)
    expect(text).toContain(`上半年，我院共向牛城晚报、县政府网、南和报、县电视台、县卫健局等媒体和部门上报信息及线索${submitted}篇，被省级以上媒体录用${provincial}篇，其中《`)
    expect(submitted).toBe(186)
    expect(text).toContain(`共更新稿件${wechat}篇`)
    expect(text).toContain(`共发布专家坐诊信息${notices}次`)
    expect(text).toContain(`更新公益宣传片${received}部，此外播放我院自制宣传片《`)
    expect(text).toContain('共印制宣传册、单页、海报等宣传品10万余份，制作展板40块、横幅20条')
    expect(text).toContain(`召开${ideology}次有院班子成员、各科室负责人、党员干部参加的意识形态教育会`)
    expect(text).toContain(`截至6月底共收到服务对象赠送锦旗${banners}面、感谢信${letters}封`)
    expect([wechat, notices, received, banners, letters, ideology]).toEqual([135, 48, 54, 2, 2, 2])
    expect(text).toContain('附表1：2023年上半年主要数据一览')
    expect(text).toContain('附表2：工作指标完成情况')
    expect(text).toContain('附表3：佐证材料清单（3件）')
    // The draft's picture is not evidence of work carried out.
    expect(paragraphs).toEqual(expect.arrayContaining(['义诊现场照片1.jpg', '义诊现场照片2.jpg', '意识形态教育会签到表.pdf']))
    expect(text).not.toContain('草稿配图.png')
  })

  it('writes exact figures when the wording setting says so', async () => {
    await d.call('report-settings-save', { wording: 'exact' })
    try {
      const printed = one(`SELECT sum(quantity) FROM pieces WHERE channel = 'print' AND kind NOT IN ('展板', '横幅') AND ${H1} AND ${CARRIED_OUT}`)
      const text = (await docxParagraphs(await bytesOf('docx'))).join('\n')
      expect(text).toContain(`共印制宣传册、单页、海报等宣传品${printed}份`)
      expect((await d.call('report-settings-get', {})).wording).toBe('exact')
      const audit = await d.call('audit-list', { entity: 'settings', entityId: 'report.settings' })
      expect(audit.at(-1)?.changes).toEqual({ wording: ['approx', 'exact'] })
    } finally {
      await d.call('report-settings-save', { wording: 'approx' })
    }
  })

  it('leaves out a section with nothing behind it', async () => {
    const small = freshDesk()
    try {
      await small.call('profile-save', { fullName: '黄平县中医医院' })
      await small.call('piece-create', { channel: 'wechat', title: '苗汉双语义诊走进乡村', date: '2023-08-02', status: 'published', backfill: true, reads: 800 })
      const paragraphs = await docxParagraphs(await bytesOf('docx', '2023H2', small))
      const text = paragraphs.slice(0, paragraphs.findIndex((p) => p.startsWith('附表1'))).join('\n')
      expect(text).toContain('黄平县中医医院2023年下半年意识形态工作总结')
      // 组织领导 and 理论学习 say what every summary says, for the officer to confirm; then the one channel used
      expect(text).toContain('一、加强组织领导，落实意识形态工作责任制')
      expect(text).toContain('二、强化理论学习，确保理论武装到位')
      expect(text).toContain('三、抓好舆论引导，传播凝聚正能量')
      expect(text).toContain('（一）用好微信公众平台。')
      expect(text).toContain('下半年共更新稿件1篇')
      for (const absent of ['上报信息及线索', '宣传活动', '锦旗', '舆情', '意识形态教育会', '印制']) expect(text).not.toContain(absent)
    } finally {
      small.close()
    }
  })
})

describe('the workbook (.xlsx), read back, equals the database', () => {
  it('has the summary, one sheet per channel with its rows, the mentions and the evidence', async () => {
    const wb = await loadWorkbook(await bytesOf('xlsx'))
    const names = wb.worksheets.map((w) => w.name)
    expect(names[0]).toBe('汇总')
    expect(names).toEqual(expect.arrayContaining(['微信公众号', '媒体投稿', '工作动态报送', '宣传品', '舆情', '佐证材料']))
    const sheet = (name: string) => readSheet(wb.getWorksheet(name)!)

    const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)
    const posts = sheet('微信公众号').records.map((r) => [r.序号, day(r.发布日期), r.标题, r.阅读量])
    const dbRows = (d.ctx.desk.sqlite.prepare(`SELECT date, title, reads FROM pieces WHERE channel = 'wechat' AND ${H1} AND ${CARRIED_OUT} ORDER BY date, id`).all() as { date: string; title: string; reads: number | null }[]).map((p, i) => [i + 1, p.date, p.title, p.reads])
    expect(posts).toEqual(dbRows)

    const summary = new Map(sheet('汇总').records.map((r) => [`${r.分组}|${r.统计项}`, r.数值]))
    for (const c of d.ctx.desk.sqlite.prepare(`SELECT channel, count(*) AS n FROM pieces WHERE ${H1} AND ${CARRIED_OUT} GROUP BY channel`).all() as { channel: string; n: number }[]) {
      expect(summary.get(`各渠道|${channelLabel(c.channel)}`), c.channel).toBe(c.n)
      // and the channel's sheet has that many rows
      expect(sheet(channelLabel(c.channel)).rows, c.channel).toHaveLength(c.n)
    }
    const mentions = sheet('舆情').records.map((r) => [r.序号, day(r.发布日期), r.标题, r.情感, r.等级])
    const dbMentions = (d.ctx.desk.sqlite.prepare(`SELECT day, title, sentiment, grade FROM mentions WHERE day BETWEEN '2023-01-01' AND '2023-06-30' ORDER BY day, id`).all() as Record<string, unknown>[]).map((m, i) => [i + 1, ...Object.values(m)])
    expect(mentions).toEqual(dbMentions)
    // Each file names its record and that record's 序号 on its channel's sheet.
    const evidence = sheet('佐证材料').records.map((r) => [r.文件名, r.台账记录, sheet(String(r.渠道)).records[Number(r.所在表序号) - 1]?.标题])
    const dbEvidence = (d.ctx.desk.sqlite.prepare(`SELECT e.file_name, p.title FROM evidence e JOIN pieces p ON p.id = e.piece_id WHERE p.${H1} AND p.${CARRIED_OUT} ORDER BY p.date, p.id, e.id`).all() as { file_name: string; title: string }[]).map((e) => [e.file_name, e.title, e.title])
    expect(evidence).toEqual(dbEvidence)
    expect(evidence).toHaveLength(3)
  })

  it('neutralizes formulas and drops control characters in cells', async () => {
    const x = freshDesk()
    try {
      await x.call('profile-save', { fullName: '南和县人民医院' })
      await x.call('piece-create', { channel: 'wechat', title: '=HYPERLINK("http://evil.example","点我")', date: '2023-03-01', status: 'published', backfill: true })
      await x.call('piece-create', { channel: 'wechat', title: '+1 健康小贴士', date: '2023-03-02', status: 'published', backfill: true })
      const wb = await loadWorkbook(await bytesOf('xlsx', '2023H1', x))
      expect(readSheet(wb.getWorksheet('微信公众号')!).records.map((r) => r.标题)).toEqual([`'=HYPERLINK("http://evil.example","点我")`, `'+1 健康小贴士`])
      const csv = parseCsv(decodeText(await bytesOf('csv', '2023H1', x)).text)
      expect(csv.flat().every((c) => !/^[=+\-@]/.test(c))).toBe(true)
    } finally {
      x.close()
    }
  })
})

describe('the CSV and the JSON', () => {
  it('CSV: UTF-8 with a BOM, Chinese intact, one row per figure', async () => {
    const bytes = await bytesOf('csv')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const { text, encoding } = decodeText(bytes)
    expect(encoding).toBe('utf-8')
    const rows = parseCsv(text)
    // The 汇总 sheet's columns; a CSV has no title, so each row names its period. The keys are in the JSON.
    expect(rows[0]).toEqual(['统计区间', '分组', '统计项', '数值', '单位', '明细条数'])
    const submitted = rows.find((r) => r[2] === '上报信息及线索')!
    expect(submitted).toEqual(['2023年上半年', '报送与录用', '上报信息及线索', '186', '篇', '186'])
    expect(rows.find((r) => r[2] === '表扬·锦旗')?.[3]).toBe('2')
  })

  it('the report files come from one computation: Word, CSV and JSON agree', async () => {
    const json = JSON.parse((await bytesOf('json')).toString('utf8')) as { figures: { key: string; label: string; value: number; unit: string }[] }
    const csv = parseCsv(decodeText(await bytesOf('csv')).text).slice(1)
    expect(csv.map((r) => [r[2], Number(r[3]), r[4]])).toEqual(json.figures.map((f) => [f.label, f.value, f.unit]))
    const summary = readSheet((await loadWorkbook(await bytesOf('xlsx'))).getWorksheet('汇总')!).rows
    expect(summary.map((r) => [r[1], r[2], r[3]])).toEqual(json.figures.map((f) => [f.label, f.value, f.unit]))
    expect(new Set(json.figures.map((f) => f.key)).size).toBe(json.figures.length)
  })

  it('runs as a job with progress, and names the file after the period', async () => {
    const { jobId } = await d.call('report-export-start', { period: '2023H1', format: 'xlsx' })
    const s = await finishedJob(d.ctx, jobId)
    expect(s.phase).toBe('done')
    expect(s.total).toBeGreaterThan(0)
    expect(s.done).toBe(s.total)
    expect((s.result as ReportFile).fileName).toBe('南和县人民医院2023年上半年宣传舆情统计.xlsx')
    const bad = await d.invoke('report-export-start', { period: '2023H3', format: 'docx' })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toMatch(/^统计区间：无法识别的统计区间/)
  })
})
