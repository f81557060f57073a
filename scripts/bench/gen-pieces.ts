// Ten years of the ledger: pieces on every channel, written through createPiece (audit row + search entry) and
// the review and evidence handlers (gen-review.ts), month by month so each month is one transaction.
import type { PieceInput } from '../../shared/contract/pieces'
import { COMPLETION_CHANNELS, SUBMISSION_CHANNELS, type Channel } from '../../shared/channels'
import { addDays, monthRange } from '../../shared/dates'
import type { Random } from '../../services/random'
import type { Ctx } from '../../handlers/context'
import {
  AUTHORS, BODY_SENTENCES, CHANNEL_SHARE, COMMISSIONS, DEPARTMENTS, DISEASES, FESTIVALS, HOSPITAL, OUTLETS,
  PIECE_TITLES, PLACES, THEMES_BY_TOPIC, TOPICS
} from './words'
import type { Clock } from './clock'
import { recordPiece } from './gen-review'

const WORKFLOW = ['draft', 'pending', 'approved', 'scheduled', 'withdrawn'] as const
const ONLINE_ACCOUNTS: Partial<Record<Channel, string>> = {
  wechat: `${HOSPITAL.fullName}公众号`, website: '医院官网', weibo: '滨江一院官方微博', douyin: '滨江一院抖音号', video_account: '滨江一院视频号'
}
const CHANNELS = Object.keys(CHANNEL_SHARE) as Channel[]
const SHARE_TOTAL = Object.values(CHANNEL_SHARE).reduce((a, b) => a + b, 0)

function statusFor(r: Random, channel: Channel, recent: boolean): PieceInput['status'] {
  // The last months of the ledger still have work in progress; older months are almost all carried out.
  if (r.chance(recent ? 0.15 : 0.03)) return r.pick(WORKFLOW)
  if (SUBMISSION_CHANNELS.includes(channel)) return r.pick(['accepted', 'accepted', 'submitted', 'not_accepted'] as const)
  if (COMPLETION_CHANNELS.includes(channel)) return 'completed'
  return 'published'
}

function themesFor(r: Random, title: string): string[] {
  const themes = new Set<string>()
  for (const [topic, theme] of Object.entries(THEMES_BY_TOPIC)) if (title.includes(topic)) themes.add(theme)
  if (title.includes('民族团结')) themes.add('民族团结')
  if (title.includes('义诊') || title.includes('科普')) themes.add('健康科普')
  if (title.includes('意识形态')) themes.add('意识形态')
  if (title.includes('专家')) themes.add('专家坐诊')
  if (FESTIVALS.some((f) => title.includes(f))) themes.add('节日祝福')
  if (r.chance(0.08)) themes.add('党建')
  return [...themes]
}

function body(r: Random): string {
  const n = r.int(1, 3)
  return Array.from({ length: n }, () => r.pick(BODY_SENTENCES)).join('')
}

/** One piece on `channel` dated `date`, with the columns and extras that channel keeps. */
export function pieceOn(r: Random, channel: Channel, date: string, recent: boolean): PieceInput {
  const title = r.pick(PIECE_TITLES[channel])(r)
  const p: PieceInput = {
    channel, title, date, status: statusFor(r, channel, recent),
    department: r.pick(DEPARTMENTS), author: r.pick(AUTHORS), themes: themesFor(r, title)
  }
  const account = ONLINE_ACCOUNTS[channel]
  if (account) {
    p.venue = account
    p.reads = r.int(200, channel === 'wechat' ? 12000 : 50000)
    if (r.chance(0.7)) p.body = body(r)
    if (channel === 'wechat') p.extra = { original: r.chance(0.8), likes: r.int(5, 400), shares: r.int(0, 150), zaikan: r.int(0, 60) }
    if (r.chance(0.03)) p.extra = { ...p.extra, languages: ['维汉双语'] }
  } else if (channel === 'media') {
    const o = r.pick(OUTLETS)
    Object.assign(p, { venue: o.name, outletLevel: o.level, kind: r.chance(0.1) ? '采访' : '稿件', paid: r.chance(0.02) })
    if (p.paid) p.status = 'accepted'
  } else if (channel === 'gov_report') {
    const venue = r.pick(COMMISSIONS)
    Object.assign(p, { venue, outletLevel: venue.startsWith('市') ? '市级' : '县级', kind: '工作动态信息' })
  } else if (channel === 'led') {
    Object.assign(p, { venue: r.pick(['门诊大厅', '住院楼电梯', '急诊楼外墙', '医技楼大厅']), kind: title.split('：')[0], extra: { displayStart: date, displayEnd: addDays(date, r.int(2, 14)) } })
  } else if (channel === 'tv') {
    Object.assign(p, { venue: r.pick(['电梯', '候诊区', '住院部']), kind: r.chance(0.9) ? '接收' : '自制', extra: { durationSec: r.int(30, 300) } })
  } else if (channel === 'print') {
    const kind = r.pick(['宣传册', '单页', '展板', '横幅', '海报'])
    Object.assign(p, { kind, venue: kind, quantity: r.pick([200, 500, 1000, 2000, 5000, 10000, 20000]), extra: { vendor: '滨江印务公司' } })
  } else if (channel === 'event') {
    const kind = p.title.includes('义诊') ? '义诊' : p.title.includes('讲座') ? '健康讲座' : '宣讲'
    Object.assign(p, { kind, venue: kind, reach: r.int(50, 800), quantity: r.int(0, 2000), extra: { place: r.pick(PLACES), languages: r.chance(0.2) ? ['维汉双语'] : [] } })
  } else if (channel === 'notice') {
    Object.assign(p, { venue: r.pick(['电视台广告部', '手机短信', '公众号', '门诊LED屏']), extra: { expert: `${r.pick(['北京', '上海', '省城'])}专家${r.pick(['李', '王', '张', '孙'])}教授` } })
  } else if (channel === 'meeting') {
    Object.assign(p, { kind: p.title.includes('意识形态') ? '意识形态教育会' : '中心组学习', reach: r.int(12, 120), department: '党委办公室', extra: { notesCount: r.int(20, 300), reflectionsCount: r.int(10, 150) } })
  } else if (channel === 'honor') {
    Object.assign(p, { kind: p.title.includes('锦旗') ? '锦旗' : p.title.includes('来信') ? '感谢信' : '荣誉称号', venue: r.pick(DEPARTMENTS) })
  }
  if (r.chance(0.05)) p.notes = `涉及${r.pick(DISEASES)}，${r.pick(TOPICS)}相关`
  return p
}

export interface MonthPlan { month: string; count: number }

/**
 * How many pieces each month gets: the desk grows a little every year (a busier office, more channels), and
 * the monthly counts add up to exactly `total`.
 */
export function monthPlan(months: string[], total: number): MonthPlan[] {
  const weights = months.map((_, i) => 0.8 + (0.4 * i) / Math.max(1, months.length - 1))
  const sum = weights.reduce((a, b) => a + b, 0)
  let given = 0
  return months.map((month, i) => {
    const count = i === months.length - 1 ? total - given : Math.round((total * weights[i]) / sum)
    given += count
    return { month, count }
  })
}

function channelFor(r: Random): Channel {
  let x = r.next() * SHARE_TOTAL
  for (const c of CHANNELS) {
    x -= CHANNEL_SHARE[c]
    if (x < 0) return c
  }
  return 'wechat'
}

/** Writes one month of pieces in one transaction; returns how many pieces and evidence files. */
export function writeMonth(ctx: Ctx, clock: Clock, r: Random, plan: MonthPlan, recent: boolean): { pieces: number; evidence: number } {
  const { from, to } = monthRange(plan.month)
  const days = Number(to.slice(8)) - Number(from.slice(8)) + 1
  const inputs = Array.from({ length: plan.count }, () => pieceOn(r, channelFor(r), addDays(from, r.int(0, days - 1)), recent))
  inputs.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  return ctx.desk.tx(() => {
    let evidence = 0
    for (const input of inputs) evidence += recordPiece(ctx, clock, r, input).evidence
    return { pieces: inputs.length, evidence }
  })
}
