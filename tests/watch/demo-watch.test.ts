// The demo half-year of the watch: what the reports and the inbox show without the internet.
import { afterEach, describe, expect, it } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { DEMO_MENTIONS } from '../../handlers/demo/watch'
import { rows } from './watch-helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

describe('demo watch data', () => {
  it('has feeds, the profile rule and 60 mentions across 2023-01..06, handled the way the office works', async () => {
    d = freshDesk()
    expect(await d.call('demo-seed', {})).toMatchObject({ mentions: DEMO_MENTIONS })
    expect(DEMO_MENTIONS).toBe(60)
    const feeds = await d.call('feed-list', {})
    expect(feeds).toHaveLength(5)
    expect(feeds.filter((f) => f.failing).map((f) => f.name)).toEqual(['百度贴吧·南和吧'])
    expect((await d.call('rule-list', {})).map((r) => [r.name, r.fromProfile])).toEqual([['本院名称', true]])

    const byMonth = rows<{ month: string; n: number }>(d, "SELECT substr(day, 1, 7) AS month, count(*) AS n FROM mentions GROUP BY 1 ORDER BY 1")
    expect(byMonth.map((r) => r.month)).toEqual(['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'])
    expect(byMonth.reduce((n, r) => n + r.n, 0)).toBe(60)
    const negative = rows<{ title: string; grade: string; status: string; escalated: number }>(d, "SELECT title, grade, status, escalated FROM mentions WHERE sentiment = '负面' ORDER BY id")
    expect(negative.length).toBe(8)
    expect(negative.filter((m) => m.grade === '重大')).toHaveLength(2)
    expect(negative.filter((m) => m.grade === '较大')).toHaveLength(3)
    expect(negative.filter((m) => m.grade !== '一般').every((m) => m.escalated === 1)).toBe(true)
    const cluster = rows<{ title: string; source_count: number }>(d, 'SELECT title, source_count FROM mentions WHERE source_count > 1')
    expect(cluster).toEqual([{ title: '网友投诉南和县人民医院急诊科候诊时间过长', source_count: 3 }])

    // Every closed mention has its full trail; time-to-close is measurable from it.
    const closed = rows<{ id: number; fetched_at: string; closed_at: string }>(d, "SELECT id, fetched_at, closed_at FROM mentions WHERE status = 'closed'")
    expect(closed.length).toBeGreaterThan(20)
    for (const m of closed) {
      const trail = rows<{ to_status: string; at: string }>(d, 'SELECT to_status, at FROM mention_events WHERE mention_id = ? ORDER BY id', m.id)
      expect(trail.map((e) => e.to_status)).toEqual(['assessing', 'handling', 'closed'])
      expect(trail.map((e) => e.at)).toEqual([...trail.map((e) => e.at)].sort())
      expect(trail[2].at).toBe(m.closed_at)
    }
    const hours = closed.map((m) => (Date.parse(m.closed_at) - Date.parse(m.fetched_at)) / 3_600_000)
    expect(median(hours)).toBeGreaterThan(1)
    expect(median(hours)).toBeLessThan(24 * 7)
    expect((await d.call('mention-list', {})).total).toBeGreaterThan(0) // some still open in the inbox
  })

  it('is deterministic', async () => {
    d = freshDesk()
    const e = freshDesk()
    try {
      await d.call('demo-seed', {})
      await e.call('demo-seed', {})
      const dump = (x: TestDesk) => JSON.stringify([
        x.ctx.desk.sqlite.prepare('SELECT title, link, published_at, sentiment, grade, status, assignee, escalated, source_count, closed_at FROM mentions ORDER BY id').all(),
        x.ctx.desk.sqlite.prepare('SELECT mention_id, at, actor, to_status, note FROM mention_events ORDER BY id').all()
      ])
      expect(dump(d)).toBe(dump(e))
    } finally {
      e.close()
    }
  })
})
