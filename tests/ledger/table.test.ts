import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import type { Piece } from '../../shared/contract/pieces'

let desk: TestDesk
afterEach(() => desk?.close())

const SORTS = [
  { sort: 'date', desc: true },
  { sort: 'date', desc: false },
  { sort: 'title', desc: false },
  { sort: 'channel', desc: true },
  { sort: 'status', desc: false }
] as const

/** The table reads the ledger a page at a time; the pages must join into one order without gaps or repeats. */
async function pages(filter: Record<string, unknown>, size: number): Promise<Piece[]> {
  const out: Piece[] = []
  for (let offset = 0; ; offset += size) {
    const page = await desk.call('piece-list', { ...filter, offset, limit: size })
    out.push(...page.rows)
    if (page.rows.length < size) return out
  }
}

describe('the ledger table’s paging and scroll-to-row', () => {
  it.each(SORTS)('pages join into the full order (%o) and ledger-position finds every row’s index', async (order) => {
    desk = freshDesk()
    await desk.call('demo-seed', {})
    const all = await pages({ ...order }, 1000)
    const paged = await pages({ ...order }, 37)
    expect(paged.map((p) => p.id)).toEqual(all.map((p) => p.id))
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length)
    for (const i of [0, 1, 36, 37, 200, all.length - 1]) {
      expect((await desk.call('ledger-position', { id: all[i].id, filter: { ...order } })).index).toBe(i)
    }
  })

  it('ledger-position honours filters and search, and says null for a piece the filter hides', async () => {
    desk = freshDesk()
    await desk.call('demo-seed', {})
    const filter = { channel: 'wechat', q: '中心', sort: 'date', desc: true } as const
    const rows = await pages(filter, 1000)
    expect(rows.length).toBeGreaterThan(3)
    const k = Math.floor(rows.length / 2)
    expect((await desk.call('ledger-position', { id: rows[k].id, filter })).index).toBe(k)
    const media = (await desk.call('piece-list', { channel: 'media', limit: 1 })).rows[0]
    expect((await desk.call('ledger-position', { id: media.id, filter })).index).toBeNull()
  })
})
