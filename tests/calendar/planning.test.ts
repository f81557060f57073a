// 节点日 handlers: the defaults until the office saves its own list, a saved list read back, bad input named by
// field, and the days of a range with the years that have no schedule.
import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { DEFAULT_PLANNING_RULES } from '../../shared/planning-days'

let d: TestDesk
afterEach(() => d?.close())

describe('planning-days handlers', () => {
  it('serves the defaults, then the office’s saved list (an anniversary added, a health day removed), audited', async () => {
    d = freshDesk()
    const first = await d.call('planning-rules', {})
    expect(first.isDefault).toBe(true)
    expect(first.rules).toEqual(DEFAULT_PLANNING_RULES)
    const rules = [
      ...first.rules.filter((r) => r.id !== 'aiyan'),
      { id: 'yuanqing', name: '院庆', kind: '院内纪念日' as const, when: { type: 'date' as const, month: 10, day: 15 }, since: 1953, suggest: { channel: 'wechat' as const, title: '建院{周年}周年' } }
    ]
    const saved = await d.call('planning-rules-save', { rules })
    expect(saved.isDefault).toBe(false)
    const { days, unknownYears } = await d.call('planning-days', { from: '2023-06-01', to: '2023-10-31' })
    expect(unknownYears).toEqual([])
    expect(days.find((x) => x.name === '院庆')).toMatchObject({ from: '2023-10-15', years: 70, round: true })
    expect(days.find((x) => x.name === '全国爱眼日')).toBeUndefined()
    expect(days.find((x) => x.name === '国庆节')).toMatchObject({ from: '2023-09-30', to: '2023-10-06' })
    const audit = d.ctx.desk.sqlite.prepare("SELECT action FROM audit_log WHERE entity_id = 'planning-days'").all()
    expect(audit).toHaveLength(1)
  })

  it('names the field of bad input and refuses a duplicated id', async () => {
    d = freshDesk()
    const bad = await d.invoke('planning-rules-save', { rules: [{ id: 'a', name: '', kind: '卫生健康日', when: { type: 'date', month: 13, day: 1 } }] })
    expect(!bad.ok && bad.error.message).toMatch(/请填写节点名称|月份须在1–12之间/)
    const twice = await d.invoke('planning-rules-save', { rules: [DEFAULT_PLANNING_RULES[8], DEFAULT_PLANNING_RULES[8]] })
    expect(!twice.ok && twice.error.message).toBe(`第2项“${DEFAULT_PLANNING_RULES[8].name}”与前面的节点重复`)
    const range = await d.invoke('planning-days', { from: '2023-01-01', to: '2024-12-31' })
    expect(!range.ok && range.error.message).toBe('一次最多查询 400 天')
  })

  it('says which years have no schedule until the office adds one', async () => {
    d = freshDesk()
    const r = await d.call('planning-days', { from: '2027-09-20', to: '2027-10-20' })
    expect(r.unknownYears).toEqual([2027])
    expect(r.days.filter((x) => x.kind === '节假日')).toEqual([])
  })
})
