import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { CHANNEL_FIELDS } from '../../shared/contract/channel-fields'
import { CHANNEL_CODES } from '../../shared/channels'

let d: TestDesk
afterEach(() => d?.close())

describe('channel-specific fields', () => {
  it('describes fields for all 14 channels, each stored in a real column or in extra', () => {
    expect(Object.keys(CHANNEL_FIELDS).sort()).toEqual([...CHANNEL_CODES].sort())
    const columns = ['venue', 'outletLevel', 'kind', 'quantity', 'reach', 'reads', 'paid']
    for (const f of Object.values(CHANNEL_FIELDS).flat()) if (f.where === 'column') expect(columns).toContain(f.key)
  })

  it('keeps each channel’s extra fields and drops another channel’s leftovers', async () => {
    d = freshDesk()
    const led = await d.call('piece-create', { channel: 'led', title: '迎检标语', date: '2023-06-01', status: 'published', backfill: true, venue: '门诊大厅', kind: '标语', extra: { displayStart: '2023-06-01', displayEnd: '2023-06-05', likes: 3 } })
    expect(led.extra).toEqual({ displayStart: '2023-06-01', displayEnd: '2023-06-05' })
    const ev = await d.call('piece-create', { channel: 'event', title: '民族团结义诊', date: '2023-06-01', status: 'completed', kind: '义诊', reach: 450, quantity: 1200, extra: { place: '和阳镇', languages: ['苗汉双语'] } })
    expect(ev).toMatchObject({ venue: '义诊', extra: { place: '和阳镇', languages: ['苗汉双语'] } })
    // A draft: only a 草稿 or 已撤回 may change channel (issue 11).
    const wx = await d.call('piece-create', { channel: 'wechat', title: '推文', date: '2023-06-01', status: 'draft', reads: 900, extra: { original: false, likes: 12, shares: 3, zaikan: 2 } })
    expect(wx.extra).toEqual({ original: false, likes: 12, shares: 3, zaikan: 2 })
    const moved = await d.call('piece-update', { id: wx.id, channel: 'weibo' })
    expect(moved.extra).toEqual({})
  })

  it('refuses bad values with the field named as the officer sees it on that channel', async () => {
    d = freshDesk()
    const cases: [Record<string, unknown>, string, string][] = [
      [{ channel: 'led', kind: '广告' }, 'kind', '内容类别：须为 标语、节日祝福、专家出诊、药品价格公示、通知、其他 之一'],
      [{ channel: 'led', kind: '标语', extra: { displayStart: '2023-06-10', displayEnd: '2023-06-01' } }, 'extra.displayEnd', '展示结束：不能早于展示开始日期'],
      [{ channel: 'led', extra: { displayEnd: '2023-06-10' } }, 'extra.displayStart', '展示开始：填写了结束日期时也须填写开始日期'],
      [{ channel: 'media', extra: { acceptedDate: '2023-05-01' } }, 'extra.acceptedDate', '录用日期：不能早于报送日期'],
      [{ channel: 'notice', extra: { clinicDate: '2023-02-30' } }, 'extra.clinicDate', '坐诊日期：请填写有效日期，格式如 2023-03-05'],
      [{ channel: 'meeting', extra: { notesCount: -1 } }, 'extra.notesCount', '学习笔记（篇）：不能为负数'],
      [{ channel: 'wechat', extra: { likes: '很多' } }, 'extra.likes', '点赞：须为数字'],
      [{ channel: 'print', kind: '宣传折页' }, 'kind', '品类：须为 展板、宣传册、单页、横幅、标语、海报、其他 之一']
    ]
    for (const [fields, field, message] of cases) {
      const r = await d.invoke('piece-create', { title: '测试', date: '2023-06-01', status: 'draft', ...fields } as never)
      expect(r.ok, message).toBe(false)
      if (r.ok) continue
      expect(r.error.message).toBe(message)
      expect(r.error.details?.field).toBe(field)
    }
    expect((await d.call('piece-list', {})).total).toBe(0)
  })

  it('lets an imported record with a kind outside today’s list be edited, but not given a new bad kind', async () => {
    d = freshDesk()
    const { createPiece } = await import('../../handlers/pieces/write')
    const { pieceFields } = await import('../../shared/contract/pieces')
    const old = d.ctx.desk.tx(() => createPiece(d.ctx, pieceFields.parse({ channel: 'event', title: '政策宣讲', date: '2023-03-01', status: 'completed', kind: '宣讲' }), 'import'))
    expect((await d.call('piece-update', { id: old.id, title: '医保政策宣讲' })).title).toBe('医保政策宣讲')
    const r = await d.invoke('piece-update', { id: old.id, kind: '路演' })
    expect(!r.ok && r.error.message).toMatch(/^活动类型：须为/)
  })
})

describe('宣传品 and 宣传活动 show their kind as 媒体/平台', () => {
  it('keeps venue equal to the kind when the form saves without a venue', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'print', title: '健康科普宣传册', date: '2023-06-01', status: 'completed', backfill: true, kind: '宣传册', quantity: 5000 })
    expect(p.venue).toBe('宣传册')
    expect((await d.call('piece-update', { id: p.id, venue: '', quantity: 6000 })).venue).toBe('宣传册')
    expect((await d.call('piece-update', { id: p.id, kind: '单页' })).venue).toBe('单页')
  })
})
