import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { DEMO_COUNTS } from '../../handlers/demo/pieces'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

function count(d: TestDesk, sql: string, ...params: unknown[]): number {
  return (d.ctx.desk.sqlite.prepare(sql).get(...params) as { n: number }).n
}

describe('demo data', () => {
  it('writes the half-year of seed 004 with its exact figures', async () => {
    d = freshDesk()
    await d.call('demo-seed', {})
    const done = "status IN ('published','submitted','accepted','not_accepted','completed')"
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel='wechat' AND ${done}`)).toBe(DEMO_COUNTS.wechat)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel='notice' AND ${done}`)).toBe(48)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel IN ('media','gov_report') AND paid=0 AND ${done}`)).toBe(186)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel='tv' AND kind='接收'`)).toBe(54)
    expect(count(d, `SELECT SUM(quantity) n FROM pieces WHERE channel='print'`)).toBeGreaterThanOrEqual(100000)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel='meeting' AND kind='意识形态教育会'`)).toBe(2)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE channel='honor' AND kind='锦旗'`)).toBe(2)
    expect(count(d, `SELECT COUNT(*) n FROM pieces WHERE date < '2023-01-01' OR date > '2023-06-30'`)).toBe(0)
    expect((await d.call('app-state', {})).profile?.fullName).toBe('南和县人民医院')
  })

  it('is deterministic: two fresh desks get identical rows', async () => {
    d = freshDesk()
    const e = freshDesk()
    try {
      await d.call('demo-seed', {})
      await e.call('demo-seed', {})
      const rows = (x: TestDesk) => JSON.stringify(x.ctx.desk.sqlite.prepare('SELECT channel,title,date,status,department,author,venue,quantity,reach,reads FROM pieces ORDER BY id').all())
      expect(rows(d)).toBe(rows(e))
    } finally {
      e.close()
    }
  })

  it('refuses to load into a desk that already has records', async () => {
    d = freshDesk()
    await d.call('piece-create', { channel: 'wechat', title: '已有记录', date: '2023-01-01' })
    const r = await d.invoke('demo-seed', {})
    expect(r.ok === false && r.error.message).toMatch(/空白的工作台/)
  })
})
