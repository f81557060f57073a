// 导入公众号数据, pure parts: titles, the header and its mapping, the rows, matching — on the export fixtures.
import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readSpreadsheet } from '../../services/ledger/read-file'
import { cellText } from '../../services/ledger/cells'
import { titleKeys } from '../../services/post-stats/titles'
import { findHeader, headerSignature, readRows, resolveMapping, suggestMapping } from '../../services/post-stats/columns'
import { matchRows } from '../../services/post-stats/match'
import { LEDGER_POSTS } from '../fixtures/wechat/ledger'

const FIX = join(process.cwd(), 'tests/fixtures/wechat')
const load = (name: string) => readSpreadsheet(name, readFileSync(join(FIX, name)))

describe('titles', () => {
  it('reads a back-office title and a ledger title as the same post', () => {
    const same = (a: string, b: string) => expect(titleKeys(a).exact, `${a} / ${b}`).toBe(titleKeys(b).exact)
    same('我院开展民族团结进步月活动【南和县人民医院】', '我院开展民族团结进步月活动')
    same('原创：医保新政解读——门诊报销有变化', '医保新政解读：门诊报销有变化')
    same('【原创】医保新政解读', '医保新政解读')
    same('春季过敏，怎么办？　听听专家怎么说', '春季过敏怎么办?听听专家怎么说') // 全角/半角, spaces
    same('Ｈ７Ｎ９防治要点', 'h7n9防治要点')
    same('民族团结一家亲 #民族团结进步月#【南和县人民医院】', '民族团结一家亲')
    // a ｜栏目 suffix only in the loose form (a ledger title may keep it, or lead with it)
    expect(titleKeys('春季过敏怎么办｜健康科普').loose).toBe(titleKeys('春季过敏怎么办').loose)
    expect(titleKeys('春季过敏怎么办｜健康科普').exact).not.toBe(titleKeys('春季过敏怎么办').exact)
    expect(titleKeys('【南和县人民医院】').exact).toBe('南和县人民医院') // never stripped to nothing
    expect(titleKeys('医保新政解读').exact).not.toBe(titleKeys('医保新政解读（二）').exact)
  })
})

describe('the export: header, platform, mapping, rows', () => {
  it('finds the header below the title lines of the current 内容分析 xlsx and suggests every field', async () => {
    const f = await load('内容分析-2023年3月.xlsx')
    const h = findHeader(f.sheets[0].rows)
    expect(h).toMatchObject({ headerRow: 3, platform: 'wechat' })
    const headers = f.sheets[0].rows[3].map(cellText)
    const m = suggestMapping(headers, 'wechat')
    expect(Object.entries(m).filter(([, v]) => v)).toEqual([
      ['内容标题', 'title'], ['发表时间', 'date'], ['总阅读次数', 'reads'], ['分享次数', 'shares'], ['点赞', 'likes'], ['在看', 'zaikan']
    ])
    const r = readRows(f.sheets[0].rows, 3, headers, m, 'wechat', false)
    expect(r.errors).toEqual([])
    expect(r.count).toBe(7) // the 合计 line is not a post
    expect(r.rows[0]).toEqual({ row: 5, title: '我院开展民族团结进步月活动【南和县人民医院】', date: '2023-03-05', counts: { reads: 1234, shares: 56, likes: 88, zaikan: 21 } })
    expect(r.rows[1].date).toBe('2023-03-08') // an Excel date cell
  })

  it('reads the older GBK csv with its renamed columns (文章标题/群发时间/图文阅读次数/分享转发次数/好看)', async () => {
    const f = await load('图文分析-2023年3月-旧版.csv')
    expect(f.encoding).toBe('gb18030')
    const h = findHeader(f.sheets[0].rows)
    expect(h).toMatchObject({ headerRow: 2, platform: 'wechat' })
    const headers = f.sheets[0].rows[2].map(cellText)
    const m = resolveMapping(headers, 'wechat', {}, undefined)
    expect(Object.entries(m).filter(([, v]) => v)).toEqual([['文章标题', 'title'], ['群发时间', 'date'], ['图文阅读次数', 'reads'], ['分享转发次数', 'shares'], ['好看', 'zaikan']])
    const r = readRows(f.sheets[0].rows, 2, headers, m, 'wechat', false)
    expect(r.rows.map((x) => [x.row, x.date, x.counts.reads])).toEqual([[4, '2023-03-05', 1234], [5, '2023-03-08', 1802], [6, '2023-03-13', 450]])
    // the officer's choice wins over the suggestion; a field the platform lacks is not read
    const chosen = resolveMapping(headers, 'wechat', { 图文阅读人数: 'reads', 图文阅读次数: '' }, undefined)
    expect(chosen['图文阅读人数']).toBe('reads')
    expect(resolveMapping(headers, 'video_account', {}, undefined)['分享转发次数']).toBe('')
    expect(headerSignature('wechat', headers)).toBe(headerSignature('wechat', [...headers].reverse().map((x) => ` ${x}`)))
    expect(headerSignature('wechat', headers)).not.toBe(headerSignature('weibo', headers))
  })

  it('names the row and column of a figure that is not a number; “-” is no figure', async () => {
    const f = await load('内容分析-数字有误.csv')
    const headers = f.sheets[0].rows[0].map(cellText)
    const r = readRows(f.sheets[0].rows, 0, headers, suggestMapping(headers, 'wechat'), 'wechat', false)
    expect(r.errors).toEqual([
      { row: 2, column: '总阅读次数', letter: 'C', message: '阅读量：“1.2万”不是有效的数量，须为不小于 0 的整数' },
      { row: 3, column: '点赞', letter: 'D', message: '点赞：“很多”不是有效的数量，须为不小于 0 的整数' }
    ])
  })

  it('a 微博 export reads as 微博, its 阅读数 as the piece’s 阅读量', async () => {
    const f = await load('微博-博文数据.csv')
    expect(findHeader(f.sheets[0].rows).platform).toBe('weibo')
    const headers = f.sheets[0].rows[0].map(cellText)
    expect(Object.entries(suggestMapping(headers, 'weibo')).filter(([, v]) => v)).toEqual([['微博内容', 'title'], ['发布时间', 'date'], ['阅读数', 'reads']])
  })

  it('says which field is missing when the header names no title column', () => {
    const r = readRows([['时间', '阅读']], 0, ['时间', '阅读'], { 时间: 'date', 阅读: 'reads' }, 'wechat', false)
    expect(r.missing).toEqual(['title'])
  })
})

describe('matching', () => {
  const pieces = LEDGER_POSTS.map((p, i) => ({ id: i + 1, title: p.title, date: p.date, status: 'published' as const, venue: '', author: '', reads: null }))
  const row = (n: number, title: string, date: string, reads = 1) => ({ row: n, title, date, counts: { reads } })

  it('same day first, then a day either side; several → ambiguous; none → unmatched; the same post twice → duplicate', () => {
    const out = matchRows(
      [
        row(2, '我院开展民族团结进步月活动【南和县人民医院】', '2023-03-05'),
        row(3, '“三八”妇女节，致敬她力量', '2023-03-09'), // after midnight
        row(4, '本周专家坐诊安排', '2023-03-13'),
        row(5, '全院职工运动会精彩回顾', '2023-03-20'),
        row(6, '我院开展民族团结进步月活动', '2023-03-05', 2),
        row(7, '春季过敏怎么办？听听专家怎么说｜健康科普', '2023-03-08'),
        row(8, '我院开展民族团结进步月活动', '2023-03-07') // two days off: not the same post
      ],
      pieces
    )
    expect(out.map((o) => [o.row.row, o.kind, o.kind === 'matched' ? o.piece.id : o.kind === 'ambiguous' ? o.candidates.map((c) => c.id) : o.kind === 'duplicate' ? o.sameAsRow : null])).toEqual([
      [2, 'matched', 1], [3, 'matched', 3], [4, 'ambiguous', [5, 6]], [5, 'unmatched', null], [6, 'duplicate', 2], [7, 'matched', 2], [8, 'unmatched', null]
    ])
    expect(out[1]).toMatchObject({ dayOff: true })
    expect(out[0]).toMatchObject({ dayOff: false })
    expect(out[4]).toMatchObject({ differs: true })
  })

  it('the same-day piece wins over one a day off', () => {
    const two = [{ id: 1, title: '健康讲座', date: '2023-03-05', status: 'published' as const, venue: '', author: '', reads: null }, { id: 2, title: '健康讲座', date: '2023-03-06', status: 'published' as const, venue: '', author: '', reads: null }]
    expect(matchRows([row(2, '健康讲座', '2023-03-06')], two)[0]).toMatchObject({ kind: 'matched', piece: { id: 2 }, dayOff: false })
  })
})
