import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
afterEach(() => d?.close())

describe('outlets registry', () => {
  it('keeps outlets with level and kind, ordered from 国家级 down, names unique, audited', async () => {
    d = freshDesk()
    await d.call('outlet-save', { name: '牛城晚报', level: '市级', kind: '报纸' })
    const prov = await d.call('outlet-save', { name: '河北广播电视台', level: '省级', kind: '广播' })
    expect((await d.call('outlet-list', {})).map((o) => o.name)).toEqual(['河北广播电视台', '牛城晚报'])
    const dup = await d.invoke('outlet-save', { name: '牛城晚报', level: '市级', kind: '报纸' })
    expect(!dup.ok && dup.error.message).toBe('名称：媒体名录中已有“牛城晚报”')
    const bad = await d.invoke('outlet-save', { name: '某报', level: '乡级' as never, kind: '报纸' })
    expect(!bad.ok && bad.error.message).toBe('级别：请选择级别：国家级/省级/市级/县级')
    await d.call('outlet-save', { id: prov.id, name: '河北广播电视台', level: '省级', kind: '电视' })
    await d.call('outlet-delete', { id: prov.id })
    const log = await d.call('audit-list', { entity: 'outlet', entityId: String(prov.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'delete'])
    expect(log[1].changes).toEqual({ kind: ['广播', '电视'] })
    const gone = await d.invoke('outlet-delete', { id: prov.id })
    expect(!gone.ok && gone.error.message).toBe(`找不到编号为 ${prov.id} 的媒体，可能已被删除`)
  })
})

describe('accounts registry (谁建立谁负责)', () => {
  it('warns about a missing responsible person and registration later than 30 days after creation', async () => {
    d = freshDesk() // today 2023-06-15
    const ok = await d.call('account-save', { platform: '公众号', name: '南和县人民医院', owner: '张宣', department: '宣传科', createdDate: '2016-03-01', registeredDate: '2016-03-10' })
    expect(ok.warnings).toEqual([])
    const noOwner = await d.call('account-save', { platform: 'QQ群', name: '内科医护交流群', createdDate: '2022-11-05', registeredDate: '2022-11-20' })
    expect(noOwner.warnings).toEqual(['未指定负责人（谁建立谁负责）'])
    const late = await d.call('account-save', { platform: '抖音', name: '医院抖音', owner: '王芳', createdDate: '2022-02-10', registeredDate: '2022-04-15' })
    expect(late.warnings).toEqual(['建立后超过 30 天才登记（2022-02-10 建立，2022-04-15 登记）'])
    const onTime = await d.call('account-save', { platform: '微信群', name: '随访群', owner: '赵静', createdDate: '2023-01-01', registeredDate: '2023-01-31' })
    expect(onTime.warnings).toEqual([])
    const never = await d.call('account-save', { platform: '微信群', name: '护理部工作群', owner: '陈曦', createdDate: '2023-04-03' })
    expect(never.warnings).toEqual(['建立已超过 30 天仍未登记'])
    const recent = await d.call('account-save', { platform: '微信群', name: '新群', owner: '陈曦', createdDate: '2023-06-01' })
    expect(recent.warnings).toEqual([])
    const closed = await d.call('account-save', { platform: '微博', name: '旧微博', status: '已注销' })
    expect(closed.warnings).toEqual([])
    expect((await d.call('account-list', {})).filter((a) => a.warnings.length).map((a) => a.name).sort()).toEqual(['内科医护交流群', '医院抖音', '护理部工作群'].sort())
  })

  it('refuses bad dates and platforms in Chinese, naming the field', async () => {
    d = freshDesk()
    const r = await d.invoke('account-save', { platform: '公众号', name: '号', createdDate: '2023-02-30' })
    expect(!r.ok && r.error.message).toBe('建立日期：请填写有效日期，格式如 2023-03-05')
    const p = await d.invoke('account-save', { platform: '快手' as never, name: '号' })
    expect(!p.ok && p.error.message).toMatch(/^平台：请选择平台/)
  })
})

describe('撤销 of a registry delete', () => {
  it('brings an outlet and an account back under their own ids, as they were, audited as restore', async () => {
    d = freshDesk()
    const o = await d.call('outlet-save', { name: '河北日报', level: '省级', kind: '报纸' })
    const a = await d.call('account-save', { platform: '公众号', name: '南和县人民医院', owner: '张宣', department: '宣传科', createdDate: '2016-03-01', registeredDate: '2016-03-10' })
    await d.call('outlet-delete', { id: o.id })
    await d.call('account-delete', { id: a.id })
    expect(await d.call('outlet-restore', { id: o.id })).toEqual(o)
    expect(await d.call('account-restore', { id: a.id })).toEqual(a)
    expect(await d.call('outlet-list', {})).toEqual([o])
    const again = await d.invoke('outlet-restore', { id: o.id })
    expect(!again.ok && again.error.message).toBe(`编号为 ${o.id} 的媒体没有可撤销的删除`)
    const log = await d.call('audit-list', { entity: 'account', entityId: String(a.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'delete', 'restore'])
  })
})
