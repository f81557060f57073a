import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { DEFAULT_PROOF_TERMS, commissionSlips, mergeDefaultTerms, nameSlips, proofread } from '../../shared/proofread'

let d: TestDesk
afterEach(() => d?.close())

describe('规范表述校对 (pure)', () => {
  it('finds the slip in seed 000’s title and not the right form beside it', () => {
    const hits = proofread({ title: '2篇医院铸牢民族共同体意识推动民族团结进步工作经验材料', body: '医院铸牢中华民族共同体意识推动民族团结进步' }, DEFAULT_PROOF_TERMS)
    expect(hits).toEqual([
      { field: 'title', wrong: '民族共同体意识', right: '中华民族共同体意识', note: '“铸牢中华民族共同体意识”不可省略“中华”', source: '党的十九大报告（铸牢中华民族共同体意识）', index: 6, context: '2篇医院铸牢民族共同体意识推动民族团结进步工作' }
    ])
  })

  it('flags 十九大 without 党的, each occurrence, in reading order across title, body and notes', () => {
    const hits = proofread({ title: '学习党的十九大精神', body: '特别是十九大会议精神；再学十九大报告', notes: '新冠肺炎防控' }, DEFAULT_PROOF_TERMS)
    expect(hits.map((h) => [h.field, h.wrong, h.right, h.index])).toEqual([
      ['body', '十九大', '党的十九大', 3],
      ['body', '十九大', '党的十九大', 13],
      ['notes', '新冠肺炎', '新冠病毒感染', 0]
    ])
  })

  it('derives wrong forms of the hospital’s name, sparing its registered aliases', () => {
    const slips = nameSlips({ fullName: '南和县人民医院', aliases: ['南和县医院', '南和人民医院'] })
    expect(slips.map((s) => s.wrong)).toEqual(['南和县人名医院'])
    const tcm = nameSlips({ fullName: '黄平县中医医院', aliases: ['黄平中医院'] })
    expect(tcm.map((s) => s.wrong).sort()).toEqual(['黄平中医医院', '黄平县中医院'].sort())
    expect(proofread({ title: '黄平县中医院开展义诊' }, tcm)[0]).toMatchObject({ wrong: '黄平县中医院', right: '黄平县中医医院' })
    expect(proofread({ title: '黄平县中医医院开展义诊' }, tcm)).toEqual([])
  })
})

describe('规范表述校对 on 送审', () => {
  it('shows each hit with its suggested form when a piece is sent, and never blocks', async () => {
    d = freshDesk()
    await d.call('profile-save', { fullName: '南和县人民医院', aliases: ['南和县医院'] })
    const p = await d.call('piece-create', { channel: 'website', title: '我院铸牢民族共同体意识', date: '2023-06-20', status: 'draft', body: '南和县人名医院深入学习十九大精神' })
    const r = await d.call('review-submit', { id: p.id })
    expect(r.piece.status).toBe('pending')
    expect(r.hits.map((h) => `${h.wrong}→${h.right}`)).toEqual(['民族共同体意识→中华民族共同体意识', '南和县人名医院→南和县人民医院', '十九大→党的十九大'])
    const again = await d.call('piece-proofread', { id: p.id })
    expect(again.hits).toHaveLength(3)
  })

  it('uses the dictionary edited in 设置, audited', async () => {
    d = freshDesk()
    const before = await d.call('proofread-terms-get', {})
    expect(before.terms).toEqual(DEFAULT_PROOF_TERMS)
    await d.call('proofread-terms-save', { terms: [{ wrong: '医患纠纷', right: '医疗纠纷', note: '院内统一用语' }] })
    const p = await d.call('piece-create', { channel: 'wechat', title: '妥善处理医患纠纷', date: '2023-06-20', status: 'draft', body: '学习十九大精神' })
    const r = await d.call('review-submit', { id: p.id })
    expect(r.hits.map((h) => h.wrong)).toEqual(['医患纠纷'])
    const same = await d.invoke('proofread-terms-save', { terms: [{ wrong: '甲', right: '甲' }] })
    expect(!same.ok && same.error.message).toBe('规范表述第 1 条：错误写法与规范写法相同')
    const log = await d.call('audit-list', { entity: 'settings', entityId: 'proofread-terms' })
    expect(log).toHaveLength(1)
  })

  it('keeps an office’s copy saved before 出处 existed, and merges the shipped entries only when asked, audited', async () => {
    // the commission's outdated names are read against the hospital's own (医院信息, 县卫健局 by default) first
    const COMMISSION_SOURCE = commissionSlips('县卫健局').find((e) => e.wrong === '卫计局')!.source
    d = freshDesk()
    const old = [{ wrong: '卫计局', right: '县卫健局', note: '本县叫法' }, { wrong: '十九大', right: '党的十九大' }]
    d.ctx.desk.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('proofread-terms', JSON.stringify(old), 'x')
    const kept = await d.call('proofread-terms-get', {})
    expect(kept.terms).toEqual(old)
    const p = await d.call('piece-create', { channel: 'website', title: '向卫计局报送信息', date: '2023-06-20', status: 'draft', body: '推进放管服改革' })
    expect((await d.call('piece-proofread', { id: p.id })).hits.map((h) => [h.wrong, h.right, h.source])).toEqual([['卫计局', '县卫健局', COMMISSION_SOURCE]])
    // 补充新增的默认条目 in the editor: the same merge, saved through the audited save
    const merged = mergeDefaultTerms(kept.terms, DEFAULT_PROOF_TERMS)
    const saved = await d.call('proofread-terms-save', { terms: merged.terms })
    expect(saved.terms).toHaveLength(DEFAULT_PROOF_TERMS.length)
    expect(saved.terms[0]).toEqual({ wrong: '卫计局', right: '县卫健局', note: '本县叫法', source: '' })
    expect(saved.terms[1]).toMatchObject({ wrong: '十九大', source: '党的二十大报告' })
    expect((await d.call('piece-proofread', { id: p.id })).hits.map((h) => [h.wrong, h.right, h.source])).toEqual([
      ['卫计局', '县卫健局', COMMISSION_SOURCE],
      ['放管服', '“放管服”', 'GB/T 15834-2011《标点符号用法》（引号标示简称、特定称谓）']
    ])
    await d.call('proofread-terms-save', { terms: [{ wrong: '医患纠纷', right: '医疗纠纷', note: '院内统一用语', source: '《医疗纠纷预防和处理条例》' }] })
    expect((await d.call('proofread-terms-get', {})).terms).toEqual([{ wrong: '医患纠纷', right: '医疗纠纷', note: '院内统一用语', source: '《医疗纠纷预防和处理条例》' }])
    const long = await d.invoke('proofread-terms-save', { terms: [{ wrong: '甲', right: '乙', source: '出'.repeat(101) }] })
    expect(!long.ok && long.error.message).toBe('出处：不能超过 100 个字')
    expect(await d.call('audit-list', { entity: 'settings', entityId: 'proofread-terms' })).toHaveLength(2)
  })
})
