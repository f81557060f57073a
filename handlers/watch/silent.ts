// 订阅源静默 (services/watch/silent-feeds.ts): flagged on the feeds tab, and announced once per silence in the bell.
import { readSetting, writeState } from '../settings'
import { listFeeds } from '../../db/queries/feeds'
import { silentFeedIds } from '../../services/watch/silent-feeds'
import type { Feed } from '../../shared/contract/feeds'
import type { Ctx } from '../context'

function silentIds(ctx: Ctx, feeds: Feed[], at: Date): Set<number> {
  const days = readSetting(ctx.desk.db, 'watch-alerts').silentDays
  return new Set(silentFeedIds(feeds.map((f) => ({ ...f, itemsChangedAt: f.itemsChangedAt ?? null })), at, days))
}

export function withSilent(ctx: Ctx, feeds: Feed[]): Feed[] {
  const silent = silentIds(ctx, feeds, ctx.now())
  return feeds.map((f) => ({ ...f, silent: silent.has(f.id) }))
}

/** One notice per feed and silence: a feed that flows again and falls silent later is announced again. */
export function announceSilentFeeds(ctx: Ctx, at: Date): number {
  const feeds = listFeeds(ctx.desk.db)
  const silent = silentIds(ctx, feeds, at)
  const told = readSetting(ctx.desk.db, 'silent-feeds-notified')
  const days = readSetting(ctx.desk.db, 'watch-alerts').silentDays
  const next: Record<string, string> = {}
  let announced = 0
  for (const f of feeds) {
    if (!silent.has(f.id)) continue
    const since = f.itemsChangedAt ?? ''
    next[String(f.id)] = since
    if (told[String(f.id)] === since) continue
    announced++
    ctx.notify({
      kind: 'silent',
      title: `订阅源静默：${f.name}`,
      body: `“${f.name}”已连续 ${days} 天以上没有新条目，而其他订阅源仍在更新。可能是地址失效或改版，请检查该订阅源。`,
      href: '#/watch/feeds'
    })
  }
  if (JSON.stringify(next) !== JSON.stringify(told)) ctx.desk.tx(() => writeState(ctx.desk.db, 'silent-feeds-notified', next, at.toISOString()))
  return announced
}
