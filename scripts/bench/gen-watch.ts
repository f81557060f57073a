// Ten years of the watch: 500 feeds, the rule set, and a million mentions written by the poll's own insert
// path (handlers/feeds/ingest.ts ingestItems) — one transaction per feed poll, as the poller does. The items
// stand in for what the fetch + parse steps would hand over; a tenth of the stories are carried by several
// feeds (they cluster into one mention with several sources) and some items match no rule and are dropped.
import type { Ctx } from '../../handlers/context'
import { ensureProfileRule, listRules, ruleHandlers, currentMatcher } from '../../handlers/watch/rules'
import { ingestItems, type IngestFeed } from '../../handlers/feeds/ingest'
import { readLexicon } from '../../handlers/watch/settings'
import { insertFeed } from '../../db/queries/feeds'
import { recordAudit } from '../../db/queries/audit'
import { feedFields } from '../../shared/contract/feeds'
import { ruleFields } from '../../shared/contract/watch'
import type { FeedItem } from '../../services/feeds/parse'
import { seeded, type Random } from '../../services/random'
import { monthRange } from '../../shared/dates'
import { feedSpecs, ruleSpecs, story } from './mention-words'
import { monthPlan } from './gen-pieces'
import type { Clock } from './clock'
import type { Size } from './sizes'

const MINUTE = 60_000

/** The rule set: the profile rule the desk makes itself (given an exclusion), then the officer's own rules. */
function writeRules(ctx: Ctx): void {
  ensureProfileRule(ctx)
  const [profileRule, ...rest] = ruleSpecs()
  const made = listRules(ctx.desk.db).find((r) => r.fromProfile)
  if (!made) throw new Error('本院名称规则未生成：请先保存医院信息')
  ruleHandlers['rule-update']({ id: made.id, none: profileRule.none }, ctx)
  for (const r of rest) ruleHandlers['rule-create'](ruleFields.parse(r), ctx)
}

function writeFeeds(ctx: Ctx, n: number): IngestFeed[] {
  return ctx.desk.tx(() =>
    feedSpecs(n).map((f) => {
      const v = feedFields.parse({ url: f.url, name: f.name, category: f.category, weight: f.weight, intervalMin: 30 })
      const row = insertFeed(ctx.desk.db, v, ctx.now().toISOString())
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'create', entity: 'feed', entityId: row.id, changes: v })
      return { id: row.id, weight: row.weight }
    })
  )
}

interface Copy { feed: IngestFeed; item: FeedItem; at: number }

/** One story's copies: one feed usually, two to five for a story that spreads. */
function copiesOf(r: Random, feeds: IngestFeed[], title: string, text: string, at: number, end: number, seq: number): Copy[] {
  const n = r.chance(0.1) ? r.int(2, 5) : 1
  const out: Copy[] = []
  const first = r.int(0, feeds.length - 1)
  for (let k = 0; k < n; k++) {
    const feed = feeds[(first + k * 37) % feeds.length]
    const t = Math.min(end, at + k * r.int(10, 600) * MINUTE)
    const id = `${seq}-${k}`
    out.push({
      feed,
      at: t,
      item: {
        guid: `bench-${feed.id}-${id}`,
        link: `https://news${feed.id}.bench.example/a/${new Date(t).toISOString().slice(0, 7)}/${id}.html`,
        title, text, publishedAt: new Date(t).toISOString()
      }
    })
  }
  return out
}

/** Groups copies into polls (a feed's items of one China day, fetched a little after the last of them). */
function polls(r: Random, copies: Copy[]): { feed: IngestFeed; items: FeedItem[]; fetchedAt: number }[] {
  const byKey = new Map<string, { feed: IngestFeed; items: FeedItem[]; fetchedAt: number }>()
  copies.sort((a, b) => a.at - b.at)
  for (const c of copies) {
    // China's day by arithmetic (China keeps +08:00 all year): this runs once per generated copy, ~10× chinaDate's speed.
    const day = new Date(c.at + 8 * 3600_000).toISOString().slice(0, 10)
    const key = `${c.feed.id}|${day}`
    let p = byKey.get(key)
    if (!p) byKey.set(key, (p = { feed: c.feed, items: [], fetchedAt: 0 }))
    p.items.unshift(c.item) // feeds list newest first
    p.fetchedAt = c.at + r.int(5, 55) * MINUTE
  }
  return [...byKey.values()].sort((a, b) => a.fetchedAt - b.fetchedAt)
}

export function writeWatch(ctx: Ctx, clock: Clock, size: Size, months: string[], log: (s: string) => void): { feeds: number; mentions: number } {
  writeRules(ctx)
  const feeds = writeFeeds(ctx, size.feeds)
  // exact duplicates only: the generated stories share stock sentences (mention-words.ts) and would all cluster
  const setup = { matcher: currentMatcher(ctx.desk.db), lexicon: readLexicon(ctx.desk.db), nearDuplicates: false }
  const r = seeded(size.mentions + 7)
  let total = 0
  let seq = 0
  for (const plan of monthPlan(months, size.mentions)) {
    const { from, to } = monthRange(plan.month)
    const start = Date.parse(`${from}T00:00:00+08:00`)
    const span = Date.parse(`${to}T23:00:00+08:00`) - start
    // Until the month has its mentions: a story that collides with an earlier one (same title and text) joins
    // it as another source, so a round can yield fewer new mentions than stories.
    for (let remaining = plan.count; remaining > 0;) {
      const copies: Copy[] = []
      for (let matched = 0; matched < remaining;) {
        const s = story(r)
        if (setup.matcher.match(s.title, s.text)) matched++
        copies.push(...copiesOf(r, feeds, s.title, s.text, start + Math.floor(r.next() * span), start + span, seq++))
      }
      // Each poll is its own (nested) transaction as in the poller; the month around them is one commit, because
      // a commit per poll makes FTS5 write a segment per poll — fine for a live desk, hours for ten years at once.
      const made = ctx.desk.tx(() => {
        let n = 0
        for (const p of polls(r, copies)) {
          clock.set(new Date(p.fetchedAt).toISOString())
          n += ctx.desk.tx(() => ingestItems(ctx.desk.sqlite, setup, p.feed, p.items, clock.now().toISOString())).newMentions
        }
        return n
      })
      remaining -= made
      total += made
    }
    if (plan.month.endsWith('-12')) log(`  舆情 ${plan.month.slice(0, 4)} 年：累计 ${total} 条`)
  }
  return { feeds: feeds.length, mentions: total }
}
