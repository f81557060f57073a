import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
afterEach(() => d?.close())

describe('demo: registries, quotas, deadlines and work in review', () => {
  it('seeds the outlets, accounts (with their warnings), quotas, deadlines and pieces in review', async () => {
    d = freshDesk()
    await d.call('demo-seed', {})
    const outlets = await d.call('outlet-list', {})
    expect(outlets.find((o) => o.name === '牛城晚报')).toMatchObject({ level: '市级', kind: '报纸' })
    expect(outlets.find((o) => o.name === '卫计局')).toMatchObject({ level: '县级', kind: '上级部门' })
    const warned = (await d.call('account-list', {})).filter((a) => a.warnings.length)
    expect(warned.map((a) => [a.name, a.warnings[0]])).toEqual([
      ['南和县人民医院抖音', '建立后超过 30 天才登记（2022-02-10 建立，2022-04-15 登记）'],
      ['内科医护交流群', '未指定负责人（谁建立谁负责）'],
      ['护理部工作群', '建立已超过 30 天仍未登记']
    ])
    const half = await d.call('quota-progress', { from: '2023-01-01', to: '2023-06-30' })
    expect(half.map((q) => [q.label, q.actual, q.target, q.met])).toEqual([
      ['工作动态信息每周至少 1 条', 66, 25, false],
      ['公众号每月至少更新 8 篇', 135, 48, true],
      ['省级以上媒体录用每半年至少 5 篇', 2, 5, false]
    ])
    const today = await d.call('today-list', {})
    expect(today.due.map((p) => p.title)).toEqual(['“七一”党建专题片'])
    expect(today.awaitingReview.map((p) => [p.title, p.stepName])).toEqual([
      ['热烈庆祝中国共产党成立102周年', '宣传科初审'],
      ['【健康科普】夏季防溺水 这些知识要牢记', '医务科审核'],
      ['“七一”建党节专题推文（待审核）', '分管院领导终审']
    ])
    expect(today.deadlines.map((x) => [x.title, x.overdue])).toEqual([['报送民族团结进步月活动佐证材料', true], ['报送上半年工作推进情况', false]])
    const drowning = today.awaitingReview[1]
    expect((await d.call('review-history', { id: drowning.id })).rounds.map((r) => r.rows.map((x) => x.decision))).toEqual([
      ['submitted', 'rejected', 'cancelled', 'cancelled'],
      ['submitted', 'approved', 'waiting', 'waiting']
    ])
  })
})
