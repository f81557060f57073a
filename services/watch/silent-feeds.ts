// 订阅源静默: a feed that still answers but has stopped bringing anything new, while the others keep flowing — a
// broken route (an RSSHub page that serves its cache, a CMS column that moved) must not look like a quiet week. Pure.
import { createHash } from 'node:crypto'

const DAY = 86_400_000

/** A digest of the items a feed served (their guid, link or title): it changes when any item is new. */
export function itemsKeyOf(items: { guid: string | null; link: string | null; title: string }[]): string {
  const keys = items.map((i) => i.guid || i.link || i.title).sort()
  return createHash('sha256').update(keys.join('\n')).digest('base64').slice(0, 22)
}

export interface SilentInput {
  id: number
  enabled: boolean
  /** When the set of items last changed; null = not known yet (never read, or not read since this was kept). */
  itemsChangedAt: string | null
  lastFetchAt: string | null
  createdAt: string
}

/**
 * The ids of enabled feeds read at least once whose items have not changed for `days` days, provided another
 * enabled feed changed within that time (when everything is quiet, the office's network is the likelier cause,
 * and the failing-feed warning covers that). days ≤ 0: nothing is flagged.
 */
export function silentFeedIds(feeds: SilentInput[], now: Date, days: number): number[] {
  if (days <= 0) return []
  const since = now.getTime() - days * DAY
  const known = feeds.filter((f) => f.enabled && f.lastFetchAt !== null && f.itemsChangedAt !== null)
  const fresh = (f: SilentInput) => Date.parse(f.itemsChangedAt!) >= since
  if (!known.some(fresh)) return []
  return known.filter((f) => !fresh(f)).map((f) => f.id)
}
