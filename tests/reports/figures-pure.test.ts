// The figure computation on its own: hand-built query results in, concrete figures out — no database is opened.
// (What the queries fetch for a period is checked against the rows in figures.test.ts and periods.test.ts.)
import { describe, it, expect } from 'vitest'
import {
  figureFetch, figureSetFrom, figureValues, mentionFiguresFrom, periodValuesFrom,
  type FigureInputs, type MentionStats, type PieceAggregates
} from '../../services/report/figures'
import { parsePeriod } from '../../shared/periods'
import { CHANNEL_CODES } from '../../shared/channels'
import type { QuotaProgress } from '../../shared/contract/quotas'

const H2 = parsePeriod('2023H2')

const NO_MENTIONS: MentionStats = { total: 0, positive: 0, neutral: 0, negative: 0, general: 0, serious: 0, major: 0, closed: 0, medianCloseHours: null, removed: 0, ignored: 0 }
const NO_PIECES: PieceAggregates = { channels: [], submissions: [], kinds: [], departments: [], themes: [] }
const empty = (): FigureInputs => ({ pieces: NO_PIECES, mentions: NO_MENTIONS, mentionIds: [], accounts: { active: 0, owners: 0, ids: null }, quotas: [] })

const ch = (channel: string, n: number, more: Partial<PieceAggregates['channels'][number]> = {}) =>
  ({ channel, n, quantity: 0, reach: 0, reads: 0, original: 0, bilingual: 0, notes: 0, reflections: 0, ...more })
const sub = (channel: string, level: string | null, accepted: 0 | 1, venue: string, n: number, first: number, ids?: string, paid: 0 | 1 = 0) =>
  ({ channel, level, accepted, paid, venue, n, first, ids })

/** A half-year of a small hospital's desk, as the queries would return it. */
function halfYear(): FigureInputs {
  return {
    pieces: {
      channels: [
        ch('wechat', 10, { reads: 5000, original: 4, ids: '1,2,3,4,5,6,7,8,9,10', originalIds: '1,2,3,4' }),
        ch('print', 2, { quantity: 103600, ids: '11,12' }),
        ch('event', 3, { quantity: 860, reach: 500, bilingual: 1, ids: '13,14,15', bilingualIds: '14' }),
        ch('meeting', 2, { notes: 5, reflections: 3, ids: '16,17', notesIds: '16' }),
        ch('media', 8, { ids: '20,21,22,23,24,25,26,27' }),
        ch('gov_report', 4, { ids: '30,31,32,33' }),
        ch('led', 9, { ids: '40,41,42,43,44,45,46,47,48' })
      ],
      submissions: [
        sub('gov_report', '市级', 1, '市卫健委', 3, 30, '30,31,32'),
        sub('media', '省级', 1, '甘肃日报', 2, 21, '21,22'),
        sub('media', '省级', 0, '甘肃日报', 1, 23, '23'),
        sub('media', '国家级', 1, '健康报', 1, 24, '24'),
        sub('gov_report', null, 0, '', 1, 33, '33'),
        sub('media', '市级', 1, '某某晚报', 4, 20, '20,25,26,27', 1)
      ],
      kinds: [
        { channel: 'led', kind: '专家出诊', venue: null, n: 5, quantity: 0, first: 44 },
        { channel: 'led', kind: '节日祝福', venue: null, n: 2, quantity: 0, first: 40 },
        { channel: 'led', kind: '标语', venue: null, n: 2, quantity: 0, first: 42 },
        { channel: 'print', kind: '宣传册', venue: null, n: 2, quantity: 103600, first: 11 },
        { channel: 'notice', kind: null, venue: '抖音号', n: 1, quantity: 0, first: 51 },
        { channel: 'notice', kind: null, venue: '院内屏', n: 3, quantity: 0, first: 50 }
      ],
      departments: [
        { department: '儿科', n: 3 },
        { department: '', n: 1 },
        { department: '内科', n: 5 }
      ],
      themes: [
        { theme: '健康科普', event: 0, n: 5 },
        { theme: '民族团结', event: 1, n: 2 },
        { theme: '民族团结', event: 0, n: 3 }
      ]
    },
    mentions: { total: 7, positive: 3, neutral: 2, negative: 2, general: 5, serious: 1, major: 1, closed: 4, medianCloseHours: 12.5, removed: 2, ignored: 0 },
    mentionIds: [
      { sentiment: '负面', grade: '较大', closed: 1, removed: 0, ids: '101' },
      { sentiment: '负面', grade: '重大', closed: 0, removed: 0, ids: '102' },
      { sentiment: '正面', grade: '一般', closed: 1, removed: 0, ids: '103,104,105' },
      { sentiment: '中性', grade: '一般', closed: 0, removed: 0, ids: '106,107' },
      { sentiment: '中性', grade: '一般', closed: 0, removed: 1, ids: '108,109' }
    ],
    accounts: { active: 6, owners: 4, ids: '1,2,3,4,5,6' },
    quotas: [{
      id: 1, label: '每月省级以上录用', period: 'month', target: 6, actual: 3, met: false, ids: [21, 22, 24], perPeriod: 1, unit: '篇',
      periods: [1, 1, 1, 0, 0, 0].map((actual, i) => ({ from: `2023-${String(i + 7).padStart(2, '0')}-01`, to: '', actual, met: actual >= 1, partial: false, off: null }))
    } satisfies QuotaProgress]
  }
}

const value = (set: ReturnType<typeof figureSetFrom>, key: string) => set.figures.find((f) => f.key === key)?.value

describe('the figure set, computed from what the queries fetched', () => {
  const set = figureSetFrom(H2, '南和县人民医院', halfYear())

  it('counts each channel, with its amounts and the share of original WeChat posts', () => {
    expect(set.period).toEqual({ from: '2023-07-01', to: '2023-12-31', code: '2023H2', label: '2023年下半年' })
    expect(set.hospital).toBe('南和县人民医院')
    expect(value(set, 'pieces.total')).toBe(38)
    expect(set.byChannel.wechat).toEqual({ count: 10, quantity: 0, reach: 0, reads: 5000 })
    expect(set.byChannel.print).toEqual({ count: 2, quantity: 103600, reach: 0, reads: 0 })
    expect(set.byChannel.event).toEqual({ count: 3, quantity: 860, reach: 500, reads: 0 })
    expect(set.byChannel.douyin).toEqual({ count: 0, quantity: 0, reach: 0, reads: 0 })
    expect(set.wechat).toEqual({ posts: 10, original: 4, originalShare: 40, reads: 5000 })
    expect(set.meetings).toEqual({ count: 2, notes: 5, reflections: 3 })
    const print = set.figures.find((f) => f.key === 'channel.print.quantity')
    expect(print).toMatchObject({ label: '宣传品·印制数量', unit: '份', value: 103600, group: 'channel' })
    expect(set.figures.find((f) => f.key === 'channel.event.reach')?.label).toBe('宣传活动·覆盖人次')
  })

  it('counts submissions and acceptances by outlet level, paid placements left out', () => {
    expect(set.submissions).toMatchObject({ submitted: 8, accepted: 6, acceptedProvincialUp: 3, paidExcluded: 4 })
    expect(set.submissions.submittedByLevel).toEqual({ 国家级: 1, 省级: 3, 市级: 3, 县级: 0, 未注明级别: 1 })
    // No accepted piece without a level: the level is left out rather than shown as 0.
    expect(set.submissions.acceptedByLevel).toEqual({ 国家级: 1, 省级: 2, 市级: 3, 县级: 0 })
    expect(value(set, 'submissions.media.submitted')).toBe(4)
    expect(value(set, 'submissions.gov_report.accepted')).toBe(3)
    expect(value(set, 'submissions.paid')).toBe(4)
    // 甘肃日报 and 市卫健委 tie at 3: the one used first (its oldest piece, id 21 against 30) comes first.
    expect(set.submissions.outlets).toEqual([
      { name: '甘肃日报', level: '省级', channel: 'media', submitted: 3, accepted: 2 },
      { name: '市卫健委', level: '市级', channel: 'gov_report', submitted: 3, accepted: 3 },
      { name: '健康报', level: '国家级', channel: 'media', submitted: 1, accepted: 1 },
      { name: '未注明', level: '未注明级别', channel: 'gov_report', submitted: 1, accepted: 0 }
    ])
  })

  it('counts mentions by sentiment and grade, with the closed share and the removed ones apart', () => {
    expect(set.mentions).toEqual({
      total: 7, negative: 2, closed: 4,
      bySentiment: { 正面: 3, 中性: 2, 负面: 2 },
      byGrade: { 一般: 5, 较大: 1, 重大: 1 },
      severe: 2, closedShare: 57.1, medianCloseHours: 12.5, removed: 2, ignored: 0
    })
    expect(value(set, 'mentions.severe')).toBe(2)
    expect(set.figures.find((f) => f.key === 'mentions.closedShare')).toMatchObject({ value: 57.1, unit: '%', entity: 'mention' })
  })

  it('lists kinds most first, ties in the order the form lists them; venues and departments most first', () => {
    expect(set.kinds.led).toEqual([
      { kind: '专家出诊', count: 5, quantity: 0 },
      { kind: '标语', count: 2, quantity: 0 },
      { kind: '节日祝福', count: 2, quantity: 0 }
    ])
    expect(set.kinds.print).toEqual([{ kind: '宣传册', count: 2, quantity: 103600 }])
    expect(set.venues.notice).toEqual([{ venue: '院内屏', count: 3 }, { venue: '抖音号', count: 1 }])
    expect(set.departments).toEqual([{ department: '内科', count: 5 }, { department: '儿科', count: 3 }, { department: '未填科室', count: 1 }])
    expect(set.themes).toEqual([{ theme: '民族团结', count: 5 }, { theme: '健康科普', count: 5 }])
    expect(set.ethnic).toEqual({ pieces: 5, events: 2, bilingual: 1 })
    expect(set.figures.find((f) => f.key === 'kind.led.标语')).toMatchObject({ label: 'LED屏·标语', unit: '条', group: 'inHouse' })
  })

  it('shows accounts and quotas, and groups the figures in the appendix order', () => {
    expect(set.accounts).toEqual({ active: 6, owners: 4 })
    expect(value(set, 'quota.1')).toBe(3)
    expect(set.figures.find((f) => f.key === 'quota.1')).toMatchObject({ label: '每月省级以上录用：目标 6 篇（每月 1 篇，6 个月），未达标，6 个月中有 3 个月不足 1 篇，共差 3 篇', unit: '篇' })
    expect(set.quotas[0].ids).toEqual([]) // ids only travel when every id was asked for
    const groups = set.figures.map((f) => f.group)
    expect(groups.indexOf('total')).toBe(0)
    expect(groups.lastIndexOf('channel')).toBeLessThan(groups.indexOf('submissions'))
    expect(groups.lastIndexOf('mentions')).toBeLessThan(groups.indexOf('accounts'))
    expect(groups.at(-1)).toBe('quota')
    expect(set.figures.every((f) => f.ids === undefined)).toBe(true)
  })
})

describe('ids behind the figures', () => {
  it('fetches only the ids some asked-for figure shows', () => {
    expect(figureFetch({})).toEqual({ pieceIds: false, mentionIds: false, quotas: true })
    expect(figureFetch({ ids: true, quotas: false })).toEqual({ pieceIds: true, mentionIds: true, quotas: false })
    expect(figureFetch({ ids: ['mentions.severe'] })).toEqual({ pieceIds: false, mentionIds: true, quotas: true })
    expect(figureFetch({ ids: ['channel.wechat.count'] })).toEqual({ pieceIds: true, mentionIds: false, quotas: true })
  })

  it('attaches sorted ids to the figures named, and the removed mentions stand only behind mentions.removed', () => {
    const set = figureSetFrom(H2, '', halfYear(), { ids: ['mentions.severe', 'mentions.removed', 'mentions.total', 'wechat.original'] })
    const ids = (key: string) => set.figures.find((f) => f.key === key)?.ids
    expect(ids('mentions.severe')).toEqual([101, 102])
    expect(ids('mentions.removed')).toEqual([108, 109])
    expect(ids('mentions.total')).toEqual([101, 102, 103, 104, 105, 106, 107])
    expect(ids('wechat.original')).toEqual([1, 2, 3, 4])
    expect(ids('pieces.total')).toBeUndefined()
  })

  it('with every id: the union of the groups, and the quotas keep theirs', () => {
    const set = figureSetFrom(H2, '', halfYear(), { ids: true })
    const ids = (key: string) => set.figures.find((f) => f.key === key)?.ids
    expect(ids('submissions.accepted.省级')).toEqual([21, 22])
    expect(ids('submissions.submitted')).toEqual([21, 22, 23, 24, 30, 31, 32, 33])
    expect(ids('mentions.closedShare')).toEqual([101, 103, 104, 105])
    expect(ids('accounts.owners')).toEqual([1, 2, 3, 4, 5, 6])
    expect(set.quotas[0].ids).toEqual([21, 22, 24])
  })
})

describe('a period with nothing in it (zero months)', () => {
  const set = figureSetFrom(parsePeriod('2024-02'), '', empty())

  it('still lists every channel at 0, and leaves out the shares it cannot compute', () => {
    expect(Object.keys(set.byChannel)).toEqual(CHANNEL_CODES)
    expect(Object.values(set.byChannel).every((c) => c.count === 0 && c.quantity === 0 && c.reach === 0 && c.reads === 0)).toBe(true)
    expect(value(set, 'pieces.total')).toBe(0)
    expect(set.submissions).toEqual({
      submitted: 0, accepted: 0, acceptedProvincialUp: 0, paidExcluded: 0, outlets: [],
      submittedByLevel: { 国家级: 0, 省级: 0, 市级: 0, 县级: 0 },
      acceptedByLevel: { 国家级: 0, 省级: 0, 市级: 0, 县级: 0 }
    })
    expect(set.mentions.closedShare).toBeNull()
    expect(set.wechat.originalShare).toBeNull()
    expect(set.figures.some((f) => f.key === 'mentions.closedShare' || f.key === 'wechat.originalShare' || f.key === 'mentions.medianCloseHours')).toBe(false)
    expect(set).toMatchObject({ kinds: {}, venues: {}, themes: [], departments: [], quotas: [] })
  })

  it('gives the 环比 values as zeros under the same keys', () => {
    const values = periodValuesFrom(empty())
    expect(values['pieces.total']).toBe(0)
    expect(values['channel.wechat.count']).toBe(0)
    expect(values['mentions.total']).toBe(0)
    expect(Object.values(values).every((v) => v === 0)).toBe(true)
    expect(Object.keys(values).sort()).toEqual(Object.keys(figureValues(figureSetFrom(parsePeriod('2024-02'), '', empty()))).sort())
  })
})

describe('half-years and the values the tally compares', () => {
  it('7月1日 starts the second half-year: a piece of that day is counted in H2, not H1', () => {
    const h1 = parsePeriod('2023H1')
    // The queries select `date BETWEEN from AND to` on ISO day text; these are the bounds they are given.
    const inside = (p: { from: string; to: string }, day: string) => p.from <= day && day <= p.to
    expect([h1.from, h1.to, H2.from, H2.to]).toEqual(['2023-01-01', '2023-06-30', '2023-07-01', '2023-12-31'])
    expect(inside(H2, '2023-07-01') && !inside(h1, '2023-07-01')).toBe(true)
    expect(inside(h1, '2023-06-30') && !inside(H2, '2023-06-30')).toBe(true)
    // What the queries then return for each half when the only piece is dated 2023-07-01.
    const july1st: FigureInputs = { ...empty(), pieces: { ...NO_PIECES, channels: [ch('wechat', 1, { ids: '7' })] } }
    expect(figureSetFrom(h1, '', empty()).byChannel.wechat.count).toBe(0)
    expect(figureSetFrom(H2, '', july1st, { ids: true }).figures.find((f) => f.key === 'channel.wechat.count')).toMatchObject({ value: 1, ids: [7] })
  })

  it('periodValues leaves quotas out and otherwise equals the set’s values', () => {
    const values = periodValuesFrom(halfYear())
    const { 'quota.1': quota, ...rest } = figureValues(figureSetFrom(H2, '', halfYear()))
    expect(quota).toBe(3)
    expect(values).toEqual(rest)
  })

  it('the mention figures alone equal those of the whole set', () => {
    const set = figureSetFrom(H2, '', halfYear())
    expect(mentionFiguresFrom(halfYear().mentions)).toEqual(set.figures.filter((f) => f.group === 'mentions'))
  })
})
