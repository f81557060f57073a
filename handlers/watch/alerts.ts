// Alerts for 较大/重大 mentions (desktop, the bell, the group robots), quiet hours, the daily digest and the dashboard counts.
import { defineHandlers } from '../dispatch'
import { readSetting, writeState } from '../settings'
import { digestRows, watchCounts } from '../../db/queries/mentions'
import { countEnabledFeeds, failingFeeds } from '../../db/queries/feeds'
import { addDays, chinaDate, chinaClock, chinaDayStart } from '../../shared/dates'
import { inQuietWindow } from '../../shared/watch'
import type { AlertCandidate } from '../feeds/ingest'
import { deliverDue, queueAlerts, queueDigest, type RobotPost } from './webhooks'
import { announceSilentFeeds } from './silent'
import type { DigestItem } from '../../shared/contract/watch'
import type { SettingValue } from '../../shared/settings'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

/** More alerts than this in one poll become one summary notice (a backlog must not flood the screen). */
const MAX_SEPARATE_NOTICES = 3

/** [start, end) instants of a China calendar day, as ISO strings comparable with stored timestamps. */
export function chinaDayBounds(date: string): { from: string; to: string } {
  return { from: chinaDayStart(date), to: chinaDayStart(addDays(date, 1)) }
}

/** Alerts held back during quiet hours: shown in the digest, summarised by one notice when quiet hours end. */
function writeHeld(db: Db, held: SettingValue<'watch-held-alerts'>, at: string): void {
  // Only the last few hundred matter (the digest shows one day); keep the setting small.
  const keep = (xs: number[]) => xs.slice(-500)
  writeState(db, 'watch-held-alerts', { ids: keep(held.ids), announced: keep(held.announced) }, at)
}

function chinaClockMinutes(at: Date): number {
  const [h, m] = chinaClock(at.toISOString(), 'HH:mm').split(':').map(Number)
  return h * 60 + m
}

export function isQuietNow(ctx: Ctx, at: Date): boolean {
  const a = readSetting(ctx.desk.db, 'watch-alerts')
  return a.quietEnabled && inQuietWindow(chinaClockMinutes(at), a.quietFrom, a.quietTo)
}

const mentionHref = (id: number) => `#/watch/inbox/${id}`

/**
 * After a poll has committed: notify about new 较大/重大 mentions, and queue them for the group robots that take
 * their grade (handlers/watch/webhooks.ts). Quiet hours hold only 较大 (for the digest, summarised by one notice
 * when they end); 重大 always alerts, quiet hours or not. The first poll after quiet hours announces what was held.
 */
export function dispatchAlerts(ctx: Ctx, candidates: AlertCandidate[], at: Date): void {
  const settings = readSetting(ctx.desk.db, 'watch-alerts')
  if (!settings.enabled) return
  const iso = at.toISOString()
  const quiet = isQuietNow(ctx, at)
  const held = readSetting(ctx.desk.db, 'watch-held-alerts')
  const holds = quiet ? candidates.filter((c) => c.grade !== '重大') : []
  const now = quiet ? candidates.filter((c) => c.grade === '重大') : candidates
  if (holds.length > 0) {
    const ids = [...held.ids, ...holds.map((c) => c.id).filter((id) => !held.ids.includes(id))]
    ctx.desk.tx(() => writeHeld(ctx.desk.db, { ...held, ids }, iso))
  }
  if (!quiet) {
    const pending = held.ids.filter((id) => !held.announced.includes(id))
    if (pending.length > 0) {
      ctx.notify({ kind: 'alert', title: '静默时段内的舆情提醒', body: `静默时段内发现 ${pending.length} 条较大舆情，已列入今日简报，请及时研判。`, href: '#/watch/inbox' })
      ctx.desk.tx(() => writeHeld(ctx.desk.db, { ...held, announced: [...held.announced, ...pending] }, iso))
    }
  }
  if (now.length === 0) return
  if (queueAlerts(ctx, now, at) > 0) void deliverDue(ctx).catch((e) => console.error('群机器人推送：', e))
  if (now.length > MAX_SEPARATE_NOTICES) {
    const first = now.slice(0, 3).map((c) => `【${c.grade}】${c.title}`).join('\n')
    ctx.notify({ kind: 'alert', title: `发现 ${now.length} 条较大/重大舆情`, body: `${first}\n……请到舆情收件箱查看。`, href: '#/watch/inbox' })
    return
  }
  for (const c of now) ctx.notify({ kind: 'alert', title: `${c.grade}舆情${quiet ? '（静默时段）' : ''}`, body: c.title, href: mentionHref(c.id) })
}

/** The alerts duty, every minute: held alerts once quiet hours end, the daily digest, retries, silent feeds. */
export async function alertsDuty(ctx: Ctx, at: Date, o: { post?: RobotPost } = {}): Promise<void> {
  dispatchAlerts(ctx, [], at)
  announceSilentFeeds(ctx, at)
  queueDigest(ctx, at)
  await deliverDue(ctx, o)
}

function item(r: DigestItem): DigestItem {
  return { id: r.id, title: r.title, feedName: r.feedName, sentiment: r.sentiment, grade: r.grade, fetchedAt: r.fetchedAt }
}

export const alertHandlers = defineHandlers({
  'watch-summary': (_a, ctx) => {
    const today = chinaDate(ctx.now())
    const c = watchCounts(ctx.desk.db, chinaDayBounds(today))
    return { today, ...c, feeds: countEnabledFeeds(ctx.desk.db), failingFeeds: failingFeeds(ctx.desk.db) }
  },
  'watch-digest': ({ date }, ctx) => {
    const day = date ?? chinaDate(ctx.now())
    const rows = digestRows(ctx.desk.db, chinaDayBounds(day))
    const held = new Set(readSetting(ctx.desk.db, 'watch-held-alerts').ids)
    return {
      date: day,
      total: rows.length,
      negative: rows.filter((r) => r.sentiment === '负面').length,
      held: rows.filter((r) => held.has(r.id)).map(item),
      rest: rows.filter((r) => !held.has(r.id)).map(item)
    }
  }
})
