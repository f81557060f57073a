// The draft's sentences for a small month: the period named the way the office writes it, outlets by frequency,
// approximate amounts with 余, and sections left out when nothing is behind them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
let text: string

beforeAll(async () => {
  d = freshDesk()
  await d.call('profile-save', { fullName: '黄平县中医医院' })
  const add = (v: Record<string, unknown>) => d.call('piece-create', { status: 'published', backfill: true, ...v } as never)
  await add({ channel: 'media', title: '中医适宜技术进乡村', date: '2023-05-04', status: 'accepted', venue: '黔东南日报', outletLevel: '市级' })
  await add({ channel: 'media', title: '苗汉双语义诊', date: '2023-05-09', status: 'submitted', venue: '黔东南日报', outletLevel: '市级' })
  await add({ channel: 'media', title: '医共体建设', date: '2023-05-12', status: 'submitted', venue: '黄平县融媒体中心', outletLevel: '县级' })
  await add({ channel: 'gov_report', title: '工作动态：义诊周报', date: '2023-05-15', status: 'accepted', venue: '县卫健局', outletLevel: '县级' })
  await add({ channel: 'event', title: '民族团结进步月苗汉双语义诊', date: '2023-05-20', status: 'completed', kind: '义诊', reach: 865, quantity: 1234, themes: ['民族团结'], extra: { languages: ['苗汉双语'] } })
  await add({ channel: 'honor', title: '患者赠送锦旗', date: '2023-05-22', status: 'completed', kind: '锦旗' })
  const preview = await d.call('report-preview', { period: '2023-05' })
  text = preview.paragraphs.map((p) => p.text).join('\n')
})
afterAll(() => d.close())

describe('the draft of a month', () => {
  it('names the month and lists outlets by how often they were used, then the departments reported to', () => {
    expect(text).toContain('黄平县中医医院\n2023年5月意识形态工作总结') // broken on purpose: 单位 / 期间+文种
    expect(text).toContain('（一）通过媒体宣传。5月份，我院共向黔东南日报、黄平县融媒体中心、县卫健局等媒体和部门上报信息及线索4篇，其中被各级媒体和部门录用2篇（市级1篇、县级1篇）。')
  })

  it('rounds amounts down with 余 and keeps counts exact', () => {
    // the event is named once, under 民族团结, and counted in both sections
    expect(text).toContain('5月份，我院开展宣传活动1次，覆盖群众860余人次，发放宣传资料1200余份')
    expect(text).toContain('开展“民族团结进步月苗汉双语义诊”民族团结主题活动1次，开展苗汉双语宣传1次')
    expect(text).toContain('截至5月底共收到服务对象赠送锦旗1面')
  })

  it('leaves out what has nothing behind it', () => {
    for (const absent of ['公众号', 'LED', '印制', '意识形态教育会', '舆情', '阵地']) expect(text).not.toContain(absent)
    expect(text).toMatch(/一、加强组织领导[\s\S]*二、强化理论学习[\s\S]*三、抓好舆论引导[\s\S]*四、弘扬社会文明[\s\S]*五、促进民族团结[\s\S]*六、严守纪律规矩，加强作风建设[\s\S]*七、存在的问题[\s\S]*八、下一步工作打算/)
  })
})
