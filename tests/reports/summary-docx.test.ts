// The half-year summary as the party office sends it upward, read from the .docx XML: the outline of seed 004 in
// order, 存在的问题 drafted from the desk's own gaps, GB/T 9704 layout (page numbers, title lines, 楷体 （一）, no
// italics, signature block), the 附表 with a unit for every row and 达标/未达标 for every quota, the date rule and
// the hospital's facts from 设置 › 医院信息.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import JSZip from 'jszip'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { finishedJob } from '../../handlers/jobs/runner'
import type { ReportFile } from '../../shared/contract/reports'

let d: TestDesk
let zip: JSZip
let xml: string
let paragraphs: string[]
let proof: ReportFile['proof']

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
const textOf = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => unescape(t[1])).join('')
const paragraphsOf = (x: string) => [...x.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0])

async function docx(desk: TestDesk, period: string): Promise<JSZip> {
  const { jobId } = await desk.call('report-export-start', { period, format: 'docx' })
  const file = (await finishedJob(desk.ctx, jobId)).result as ReportFile
  proof = file.proof
  return JSZip.loadAsync(Buffer.from(file.base64, 'base64'))
}

beforeAll(async () => {
  d = freshDesk({ now: new Date('2023-07-05T02:00:00Z') })
  await d.call('demo-seed', {})
  zip = await docx(d, '2023H1')
  xml = await zip.file('word/document.xml')!.async('string')
  paragraphs = paragraphsOf(xml)
})
afterAll(() => d?.close())

describe('the half-year summary (.docx)', () => {
  it('follows the outline of the seed summaries, from 组织领导 to 下一步工作打算', () => {
    const headings = paragraphs.map(textOf).filter((t) => /^[一二三四五六七八九十]+、/.test(t))
    expect(headings).toEqual([
      '一、加强组织领导，落实意识形态工作责任制',
      '二、强化理论学习，确保理论武装到位',
      '三、抓好舆论引导，传播凝聚正能量',
      '四、弘扬社会文明，践行社会主义核心价值观',
      '五、促进民族团结，铸牢中华民族共同体意识',
      '六、严守纪律规矩，加强作风建设',
      '七、加强网络舆情监测，及时研判处置',
      '八、加强意识形态阵地管理',
      '九、存在的问题',
      '十、下一步工作打算'
    ])
  })

  it('drafts 存在的问题 from the desk: the missed quotas, the accounts, the open serious cases, the unsigned months', () => {
    const body = paragraphs.map(textOf)
    const problems = body[body.indexOf('九、存在的问题') + 1]
    expect(problems).toMatch(/一是部分工作指标未完成，/)
    expect(problems).toContain('“省级以上媒体录用每半年至少5篇”上半年完成2篇，目标5篇')
    expect(problems).toMatch(/“工作动态信息每周至少1条”上半年25周中有\d+周未达到目标，其中5月1日至7日/)
    expect(problems).toContain('“内科医护交流群”未明确责任人')
    expect(problems).toContain('“南和县人民医院发生医闹事件，警方已介入”（重大）')
    expect(problems).toContain('各月统计数字均未经党委书记签阅')
    const next = body.slice(body.indexOf('十、下一步工作打算') + 1).filter((t) => /^[一二三四五六七八九]是/.test(t))
    expect(next.length).toBeGreaterThanOrEqual(5) // one step per problem, and the general one
    expect(next.join('')).toContain('积极向省级以上主流媒体投稿')
  })

  it('has no placeholder, no bracketed list, no outdated name, no 截止 before a date, and no sentence twice', () => {
    const all = paragraphs.map(textOf).join('\n')
    const text = all.slice(0, all.indexOf('附表1')) // the 附表 lists the ledger's outlets as registered
    for (const bad of ['请补充', 'XXX', '***', '____', '卫计局', '截止', '6条、6条', '宣传册10万余份']) expect(text).not.toContain(bad)
    const sentences = text.split(/[。；\n]/).map((s) => s.trim()).filter((s) => s.length > 8)
    expect(sentences.length - new Set(sentences).size).toBe(0)
    expect(text).toContain('其中《') // the accepted titles, then where they were accepted
    expect(text).toMatch(/》被河北广播电视台录用/)
  })

  it('is laid out per GB/T 9704: — 1 — at the outer side, 楷体 （一）, no italics, two title lines, a blank line before the signature', async () => {
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string')
    const footers = [...rels.matchAll(/Target="(footer\d+\.xml)"/g)].map((m) => m[1])
    expect(footers).toHaveLength(2)
    const footerXml = await Promise.all(footers.map((f) => zip.file(`word/${f}`)!.async('string')))
    for (const f of footerXml) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/)
      expect(f).toContain('— ')
      expect(f).toContain('宋体')
    }
    expect(footerXml.map((f) => f.match(/<w:jc w:val="(\w+)"/)?.[1]).sort()).toEqual(['left', 'right'])
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders')
    expect(xml).not.toMatch(/<w:i\/>|<w:i w:val="(true|1)"\/>/)
    const title = paragraphs[0]
    expect(textOf(title)).toBe('南和县人民医院2023年上半年意识形态工作总结')
    expect(title).toContain('<w:br/>')
    expect(title).toContain('方正小标宋简体')
    const lead = paragraphs.find((p) => textOf(p).startsWith('（一）通过媒体宣传。'))!
    expect(lead.match(/<w:r>[\s\S]*?<\/w:r>/)![0]).toContain('楷体_GB2312')
    const texts = paragraphs.map(textOf)
    const hospitalSign = texts.lastIndexOf('南和县人民医院', texts.indexOf('附表1：2023年上半年主要数据一览'))
    expect(texts[hospitalSign - 1]).toBe('') // the blank line
  })

  it('dates the draft by the period’s reporting deadline in 工作期限, not by the day it is printed', () => {
    const texts = paragraphs.map(textOf)
    expect(texts).toContain('2023年6月20日') // 报送上半年工作推进情况, due 2023-06-20
    expect(texts).not.toContain('2023年7月5日')
  })

  it('names the hospital in the document properties and asks the officer to confirm stock wording in comments', async () => {
    const core = await zip.file('docProps/core.xml')!.async('string')
    expect(core).toContain('<dc:creator>南和县人民医院</dc:creator>')
    expect(core).toContain('南和县人民医院2023年上半年意识形态工作总结')
    const comments = await zip.file('word/comments.xml')!.async('string')
    expect(comments).toContain('请核实')
    expect(xml).toContain('<w:commentRangeStart')
  })

  it('lists every figure in 附表 under its section with its own unit, and every quota as 达标 or 未达标', () => {
    const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])))
    const figureRows = rows.filter((r) => r.length === 4 && r[0] !== '板块')
    expect(figureRows.length).toBeGreaterThan(40)
    for (const r of figureRows) expect(['篇', '条', '次', '份', '人次', '部', '面', '封', '个', '名', '批', '%', '小时']).toContain(r[3])
    expect(figureRows.some((r) => r[3] === '项')).toBe(false)
    const order = ['总体情况', '组织领导', '理论学习', '舆论引导', '社会文明', '民族团结', '作风建设', '舆情研判', '阵地管理', '按主题', '按科室']
    const seen = [...new Set(figureRows.map((r) => r[0]))]
    expect(seen).toEqual(order.filter((s) => seen.includes(s)))
    expect(figureRows.find((r) => r[1] === '锦旗' || r[1] === '表扬·锦旗')?.[3]).toBe('面')
    const quotaRows = rows.filter((r) => r.length === 6 && r[0] !== '指标')
    expect(quotaRows).toHaveLength(3)
    for (const r of quotaRows) expect(r[5]).toMatch(/^(达标|未达标|不单独考核)/)
    expect(quotaRows.find((r) => r[0].startsWith('省级以上媒体录用'))?.slice(2)).toEqual(['5', '2', '篇', '未达标，差3篇'])
    expect(quotaRows.find((r) => r[0].startsWith('工作动态信息'))?.[5]).toMatch(/^未达标，25周中有\d+周不足1条/)
  })
})

describe('proofreading before the file is saved', () => {
  it('runs the 规范表述 dictionary on the draft and hands the hits back with the file, by paragraph', async () => {
    const preview = await d.call('report-preview', { period: '2023H1' })
    expect(proof).toEqual(preview.proof)
    // the draft's own sentences are clean: every hit is in a title quoted from the ledger
    for (const h of proof!) expect(preview.paragraphs.find((p) => p.key === h.key)?.text).toContain(h.wrong)
    const sentences = preview.paragraphs.filter((p) => p.kind === 'heading' || p.key === 'opening' || p.key.startsWith('problems') || p.key.startsWith('next'))
    expect(proof!.filter((h) => sentences.some((p) => p.key === h.key))).toEqual([])
  })
})

describe('the hospital’s own facts and an empty appendix', () => {
  it('a city hospital answers to 省委、市委 and its 市卫健委; its own unit watches opinion; an empty 附表 is left out', async () => {
    const city = freshDesk({ now: new Date('2024-01-10T02:00:00Z') })
    try {
      await city.call('profile-save', { fullName: '遵义市第一人民医院', level: '市级', watchUnit: '宣传科', commission: '' })
      await city.call('piece-create', { channel: 'wechat', title: '冬季流感防治提示', date: '2023-12-29', status: 'published', backfill: true, reads: 300 })
      const z = await docx(city, '2023H2')
      const x = await z.file('word/document.xml')!.async('string')
      const texts = paragraphsOf(x).map(textOf)
      expect(texts[1]).toContain('认真落实党中央和省委、市委关于意识形态工作的决策部署')
      expect(texts[1]).toContain('在市卫健委党委的指导下')
      expect(texts.join('')).not.toContain('佐证材料清单') // no evidence: that 附表 is left out
      expect(texts).toContain('2023年12月31日') // no deadline in 工作期限: the period's last day
      const refused = await city.call('profile-save', { fullName: '遵义市第一人民医院', commission: '市卫计委' }).catch((e: Error) => e)
      expect(String((refused as Error).message)).toContain('2018年机构改革后更名')
    } finally {
      city.close()
    }
  })
})
