// The report's figures on the demo half-year equal what the generator wrote. Every expectation here is counted
// from the rows with its own SQL (or taken from DEMO_COUNTS), never from the report code.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { DEMO_COUNTS } from '../../handlers/demo/pieces'
import { renderReport } from '../../handlers/reports/render'
import type { FigureSet } from '../../shared/contract/reports'
import { figurePlans } from '../../db/queries/figures'

const CARRIED_OUT = `status IN ('published', 'submitted', 'accepted', 'not_accepted', 'completed')`
const H1 = `date BETWEEN '2023-01-01' AND '2023-06-30'`

let d: TestDesk
let json: FigureSet
const rows = <T>(sql: string, ...p: unknown[]): T[] => d.ctx.desk.sqlite.prepare(sql).all(...p) as T[]
const one = (sql: string, ...p: unknown[]): number => Object.values(d.ctx.desk.sqlite.prepare(sql).get(...p) as object)[0] as number
const figure = (key: string) => json.figures.find((f) => f.key === key)

beforeAll(async () => {
  d = freshDesk()
  await d.call('demo-seed', {})
  const started = performance.now()
  const file = await renderReport(d.ctx, '2023H1', 'json')
  console.log(`2023H1 JSON report on demo data: ${Math.round(performance.now() - started)} ms`)
  json = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as FigureSet
})
afterAll(() => d?.close())

describe('figures of the demo half-year (2023H1)', () => {
  it('has the shape the issue asks for', () => {
    expect(json.period).toMatchObject({ from: '2023-01-01', to: '2023-06-30' })
    expect(Object.keys(json.byChannel.wechat).sort()).toEqual(['count', 'quantity', 'reach', 'reads'])
    expect(json.submissions).toHaveProperty('submitted')
    expect(json.submissions).toHaveProperty('accepted')
    expect(Object.keys(json.submissions.acceptedByLevel)).toEqual(['国家级', '省级', '市级', '县级'])
    expect(json.mentions).toHaveProperty('total')
    expect(json.mentions).toHaveProperty('negative')
    expect(json.mentions).toHaveProperty('closed')
    for (const f of json.figures) {
      expect(typeof f.key).toBe('string')
      expect(f.label).toMatch(/[\u4e00-\u9fff]/)
      expect(typeof f.value).toBe('number')
      expect(Array.isArray(f.ids)).toBe(true)
    }
  })

  it('gives exactly the counts the demo generator wrote', () => {
    expect(json.byChannel.wechat.count).toBe(DEMO_COUNTS.wechat)
    expect(json.byChannel.notice.count).toBe(DEMO_COUNTS.notice)
    expect(json.byChannel.tv.count).toBe(DEMO_COUNTS.tvReceived + DEMO_COUNTS.tvInHouse)
    expect(figure('kind.tv.接收')?.value).toBe(DEMO_COUNTS.tvReceived)
    expect(figure('kind.tv.自制')?.value).toBe(DEMO_COUNTS.tvInHouse)
    expect(json.submissions.submitted).toBe(DEMO_COUNTS.media + DEMO_COUNTS.govReport)
    expect(figure('submissions.media.submitted')?.value).toBe(DEMO_COUNTS.media)
    expect(figure('submissions.gov_report.submitted')?.value).toBe(DEMO_COUNTS.govReport)
    expect(figure('kind.meeting.意识形态教育会')?.value).toBe(DEMO_COUNTS.ideologyMeetings)
    expect(figure('kind.honor.锦旗')?.value).toBe(DEMO_COUNTS.banners)
    expect(figure('kind.honor.感谢信')?.value).toBe(DEMO_COUNTS.letters)
    expect(json.byChannel.print.quantity).toBeGreaterThanOrEqual(100_000)
  })

  it('counts every channel, sum and level from the rows (drafts, pending and paid placements left out)', () => {
    const byChannel = rows<{ channel: string; n: number; q: number; r: number; reads: number }>(
      `SELECT channel, count(*) AS n, coalesce(sum(quantity), 0) AS q, coalesce(sum(reach), 0) AS r, coalesce(sum(reads), 0) AS reads
       FROM pieces WHERE ${H1} AND ${CARRIED_OUT} GROUP BY channel`
    )
    for (const c of byChannel) expect(json.byChannel[c.channel as keyof FigureSet['byChannel']]).toEqual({ count: c.n, quantity: c.q, reach: c.r, reads: c.reads })
    expect(Object.values(json.byChannel).reduce((a, c) => a + c.count, 0)).toBe(one(`SELECT count(*) FROM pieces WHERE ${H1} AND ${CARRIED_OUT}`))
    // Drafts and posts still in review are in the table but not in the count.
    expect(one(`SELECT count(*) FROM pieces WHERE channel = 'wechat' AND ${H1} AND status IN ('draft', 'pending', 'approved', 'scheduled', 'withdrawn')`)).toBeGreaterThanOrEqual(2)

    const sub = `channel IN ('media', 'gov_report') AND paid = 0 AND ${H1} AND ${CARRIED_OUT}`
    expect(json.submissions.submitted).toBe(one(`SELECT count(*) FROM pieces WHERE ${sub}`))
    expect(json.submissions.accepted).toBe(one(`SELECT count(*) FROM pieces WHERE ${sub} AND status = 'accepted'`))
    const levels = rows<{ level: string; n: number }>(`SELECT outlet_level AS level, count(*) AS n FROM pieces WHERE ${sub} AND status = 'accepted' GROUP BY 1`)
    for (const level of ['国家级', '省级', '市级', '县级']) expect(json.submissions.acceptedByLevel[level]).toBe(levels.find((l) => l.level === level)?.n ?? 0)
    expect(json.submissions.acceptedProvincialUp).toBe(one(`SELECT count(*) FROM pieces WHERE ${sub} AND status = 'accepted' AND outlet_level IN ('国家级', '省级')`))
    expect(json.submissions.paidExcluded).toBe(one(`SELECT count(*) FROM pieces WHERE channel IN ('media', 'gov_report') AND paid = 1 AND ${H1} AND ${CARRIED_OUT}`))
    expect(json.submissions.paidExcluded).toBe(1)
    expect(json.wechat.original).toBe(one(`SELECT count(*) FROM pieces WHERE channel = 'wechat' AND ${H1} AND ${CARRIED_OUT} AND json_extract(extra, '$.original') = 1`))
    expect(json.meetings.notes).toBe(one(`SELECT sum(json_extract(extra, '$.notesCount')) FROM pieces WHERE channel = 'meeting' AND ${H1} AND ${CARRIED_OUT}`))
    expect(json.ethnic.pieces).toBe(one(`SELECT count(*) FROM pieces p JOIN piece_themes t ON t.piece_id = p.id WHERE t.theme = '民族团结' AND p.${H1} AND p.${CARRIED_OUT}`))
    expect(json.ethnic.bilingual).toBe(one(`SELECT count(*) FROM pieces WHERE ${H1} AND ${CARRIED_OUT} AND json_array_length(extra, '$.languages') > 0`))
  })

  it('counts mentions by publication day, closed before the period ended', () => {
    const m = d.ctx.desk.sqlite
      .prepare(
        `SELECT count(*) AS total, coalesce(sum(sentiment = '负面'), 0) AS negative,
           coalesce(sum(status = 'closed' AND closed_at < '2023-06-30T16:00:00.000Z'), 0) AS closed,
           coalesce(sum(grade IN ('较大', '重大')), 0) AS severe
         FROM mentions WHERE day BETWEEN '2023-01-01' AND '2023-06-30'`
      )
      .get() as { total: number; negative: number; closed: number; severe: number }
    expect({ total: json.mentions.total, negative: json.mentions.negative, closed: json.mentions.closed, severe: json.mentions.severe }).toEqual(m)
    const hours = rows<{ h: number }>(
      `SELECT (julianday(closed_at) - julianday(fetched_at)) * 24 AS h FROM mentions
       WHERE day BETWEEN '2023-01-01' AND '2023-06-30' AND status = 'closed' AND closed_at < '2023-06-30T16:00:00.000Z' ORDER BY h`
    ).map((r) => r.h)
    const mid = hours.length >> 1
    const median = hours.length === 0 ? null : hours.length % 2 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2
    expect(json.mentions.medianCloseHours).toBe(median === null ? null : Math.round(median * 10) / 10)
  })

  it('lists exactly the rows behind every count, and a figure never disagrees with its ids', () => {
    const wechat = rows<{ id: number }>(`SELECT id FROM pieces WHERE channel = 'wechat' AND ${H1} AND ${CARRIED_OUT} ORDER BY id`).map((r) => r.id)
    expect(figure('channel.wechat.count')?.ids).toEqual(wechat)
    const negative = rows<{ id: number }>(`SELECT id FROM mentions WHERE sentiment = '负面' AND day BETWEEN '2023-01-01' AND '2023-06-30' ORDER BY id`).map((r) => r.id)
    expect(figure('mentions.negative')?.ids).toEqual(negative)
    const counts = json.figures.filter((f) =>
      /^(?:pieces\.total|channel\.[a-z_]+\.count|(?:kind|theme|department|submissions|outlet)\..+|ethnic\.(?:events|bilingual)|wechat\.original|mentions\.(?:total|positive|neutral|negative|general|serious|major|severe|closed))$/.test(f.key)
    )
    expect(counts.length).toBeGreaterThan(40)
    for (const f of counts) expect(f.ids?.length, f.key).toBe(f.value)
  })
})

describe('the figure queries use their indexes', () => {
  it('searches pieces by date (or channel and date) and counts mentions from indexes alone', async () => {
    const plans = figurePlans(d.ctx.desk.db)
    const pieces = plans.filter((p) => /FROM pieces/.test(p.sql))
    const mentions = plans.filter((p) => /FROM mentions/.test(p.sql))
    expect(pieces.length).toBeGreaterThanOrEqual(5)
    expect(mentions.length).toBeGreaterThanOrEqual(3)
    for (const p of pieces) expect(p.plan, p.sql).toMatch(/SEARCH (pieces|p) USING INDEX pieces_(date|channel_date)_idx/)
    for (const p of mentions) expect(p.plan, p.sql).toMatch(/SEARCH mentions USING COVERING INDEX mentions_(class|day)_idx/)
    expect(plans.every((p) => !/\bSCAN (pieces|mentions)\b/.test(p.plan))).toBe(true)
  })
})
