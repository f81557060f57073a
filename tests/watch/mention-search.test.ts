// Searching mentions on a big desk: the search index drives the query (newest picked up first, filters checked on
// the way), and a common word's total is counted up to SEARCH_COUNT_CAP and then reported as "more than".
import { afterEach, describe, expect, it } from 'vitest'
import { ingestItems } from '../../handlers/feeds/ingest'
import { triage } from '../../handlers/mentions'
import { compileRules } from '../../services/watch/matcher'
import { DEFAULT_LEXICON } from '../../services/watch/sentiment'
import { SEARCH_COUNT_CAP } from '../../db/queries/mentions'
import type { FeedItem } from '../../services/feeds/parse'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk | undefined
afterEach(() => {
  d?.close()
  d = undefined
})

const setup = { matcher: compileRules([{ id: 1, name: '本院', any: ['南和县医院'], all: [], none: [] }]), lexicon: DEFAULT_LEXICON }

function items(n: number, title: (i: number) => string): FeedItem[] {
  return Array.from({ length: n }, (_, i) => ({
    guid: `g${i}`, link: `https://news.example.cn/a/${i}.html`, title: title(i), text: `南和县医院第${i}条消息`,
    publishedAt: new Date(Date.UTC(2023, 5, 1, 0, i)).toISOString()
  }))
}

describe('mention-list with a search term', () => {
  it('counts a common word up to the cap, lists the newest first and applies the filters on the way', async () => {
    d = freshDesk()
    const desk = d
    const all = items(SEARCH_COUNT_CAP + 200, (i) => (i % 10 === 0 ? `南和县医院义诊第${i}场` : `南和县医院民族团结活动第${i}场`))
    desk.ctx.desk.tx(() => ingestItems(desk.ctx.desk.sqlite, setup, { id: null, weight: 1 }, all, '2023-06-15T02:00:00.000Z'))

    const common = await desk.call('mention-list', { q: '团结', status: 'all', limit: 50 })
    expect(common.total).toBe(SEARCH_COUNT_CAP)
    expect(common.totalCapped).toBe(true)
    expect(common.rows.map((r) => r.id)).toEqual([...common.rows.map((r) => r.id)].sort((a, b) => b - a))
    expect(common.rows.every((r) => r.title.includes('团结'))).toBe(true)

    const rare = await desk.call('mention-list', { q: '义诊', status: 'all', limit: 500 })
    expect(rare.total).toBe((SEARCH_COUNT_CAP + 200) / 10)
    expect(rare.totalCapped).toBeUndefined()
    expect(rare.rows).toHaveLength(rare.total)

    // A closed mention leaves the default 未办结 list but stays in 全部状态.
    const newest = rare.rows[0].id
    desk.ctx.desk.tx(() => {
      triage(desk.ctx, newest, 'assessing', '')
      triage(desk.ctx, newest, 'handling', '')
      triage(desk.ctx, newest, 'closed', '已核实')
    })
    const open = await desk.call('mention-list', { q: '义诊', limit: 500 })
    expect(open.total).toBe(rare.total - 1)
    expect(open.rows.some((r) => r.id === newest)).toBe(false)
    const page2 = await desk.call('mention-list', { q: '义诊', status: 'all', offset: 100, limit: 10 })
    expect(page2.rows.map((r) => r.id)).toEqual(rare.rows.slice(100, 110).map((r) => r.id))
  })
})
