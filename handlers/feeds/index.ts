// Feeds (订阅源): add, 试抓取 (fetch + parse + match, nothing saved), update, enable/disable, delete, list,
// OPML import/export, and 立即抓取.
import { withSilent } from '../watch/silent'
import { defineHandlers } from '../dispatch'
import { fieldError, UserError } from '../errors'
import { recordAudit, diff } from '../../db/queries/audit'
import { deleteFeed, feedByUrl, getFeed, insertFeed, listFeeds, toFeed, updateFeed, type FeedRow, type FeedValues } from '../../db/queries/feeds'
import { fetchAndParse } from '../../services/feeds/pipeline'
import { damagedFeedMessage } from '../../services/feeds/messages'
import { normalizeEncoding } from '../../services/feeds/decode'
import { highlight } from '../../services/watch/matcher'
import { currentMatcher, ensureProfileRule } from '../watch/rules'
import { snippetOf } from './ingest'
import { buildOpml, parseOpml } from './opml'
import type { FeedPreview } from '../../shared/contract/feeds'
import { readSetting, saveSetting } from '../settings'
import { normalBase } from '../../shared/rsshub'
import type { Ctx } from '../context'

const PREVIEW_ITEMS = 50

function checkUrl(raw: string): string {
  let u: URL
  try {
    u = new URL(raw.trim())
  } catch {
    throw fieldError('url', '订阅地址格式不正确，请填写以 http:// 或 https:// 开头的完整地址')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw fieldError('url', '订阅地址必须以 http:// 或 https:// 开头')
  return u.href
}

function checkEncoding(e: string | null | undefined): string | null {
  const label = (e ?? '').trim()
  if (!label) return null
  if (!normalizeEncoding(label)) throw fieldError('encoding', `不认识的编码“${label.slice(0, 30)}”，常用的有 UTF-8、GBK、GB2312、GB18030、Big5`)
  return label.toLowerCase()
}

function nameFromUrl(url: string): string {
  return new URL(url).hostname
}

function mustGetFeed(ctx: Ctx, id: number): FeedRow {
  const f = getFeed(ctx.desk.db, id)
  if (!f) throw new UserError(`找不到编号为 ${id} 的订阅源，可能已被删除`, { field: 'id' })
  return f
}

function refuseDuplicate(ctx: Ctx, url: string, selfId?: number): void {
  const other = feedByUrl(ctx.desk.db, url)
  if (other && other.id !== selfId) throw fieldError('url', `这个订阅地址已经添加过了（“${other.name}”）`)
}

/** Creates one feed with its audit row, in the caller's transaction. */
export function createFeed(ctx: Ctx, v: FeedValues): FeedRow {
  const url = checkUrl(v.url)
  refuseDuplicate(ctx, url)
  const values: FeedValues = { ...v, url, name: v.name.trim() || nameFromUrl(url), encoding: checkEncoding(v.encoding) }
  const at = ctx.now().toISOString()
  const row = insertFeed(ctx.desk.db, values, at)
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'create', entity: 'feed', entityId: row.id, changes: values })
  return row
}

function changeFeed(ctx: Ctx, id: number, patch: Partial<FeedValues>): FeedRow {
  const before = mustGetFeed(ctx, id)
  const v: Partial<FeedRow> = { ...patch }
  if (patch.url !== undefined) {
    v.url = checkUrl(patch.url)
    refuseDuplicate(ctx, v.url, id)
    // Another address is another feed as far as the server is concerned: its validators and error history go.
    if (v.url !== before.url) Object.assign(v, { etag: null, lastModified: null, consecutiveErrors: 0, status: 'pending', lastError: null, nextFetchAt: null })
  }
  if (patch.encoding !== undefined) v.encoding = checkEncoding(patch.encoding)
  if (patch.name !== undefined) v.name = patch.name.trim() || before.name
  // A shorter interval or re-enabling takes effect now rather than after the old wait.
  if ((patch.intervalMin !== undefined && patch.intervalMin < before.intervalMin) || (patch.enabled === true && !before.enabled)) {
    if (before.consecutiveErrors === 0) v.nextFetchAt = null
  }
  const after = updateFeed(ctx.desk.db, id, v)
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'update', entity: 'feed', entityId: id, changes: diff(before, after) })
  return after
}

/** 试抓取: what this address returns and which items the current rules would keep. Nothing is written. */
export async function previewFeed(ctx: Ctx, url: string, encoding: string | null, o: { timeoutMs?: number } = {}): Promise<FeedPreview> {
  const href = checkUrl(url)
  const enc = checkEncoding(encoding)
  ensureProfileRule(ctx)
  const matcher = currentMatcher(ctx.desk.db)
  const r = await fetchAndParse(ctx.http, { url: href, encoding: enc }, { now: () => ctx.now().getTime(), timeoutMs: o.timeoutMs })
  if (r.kind === 'error') throw fieldError('url', r.message)
  if (r.kind === 'not-modified') throw fieldError('url', '服务器返回“未修改”（304），请稍后再试')
  const items = r.feed.items.map((it) => {
    const matches = matcher.match(it.title, it.text)
    const terms = [...new Set((matches ?? []).flatMap((m) => m.terms))]
    return { title: it.title, titleSegments: highlight(it.title, terms), link: it.link, snippet: snippetOf(it.text), publishedAt: it.publishedAt, matches }
  })
  // Matching items first: that is what the officer wants to see before saving.
  const shown = [...items.filter((i) => i.matches), ...items.filter((i) => !i.matches)].slice(0, PREVIEW_ITEMS)
  return { url: href, finalUrl: r.finalUrl, title: r.feed.title, encoding: r.encoding, total: items.length, matched: items.filter((i) => i.matches).length, items: shown,
    note: r.feed.damaged ? damagedFeedMessage(items.length, r.feed.damaged.line) : null }
}

export const feedsHandlers = defineHandlers({
  'rsshub-base-get': (_a, ctx) => readSetting(ctx.desk.db, 'rsshub-base'),
  'rsshub-base-save': ({ base }, ctx) => {
    const b = normalBase(base)
    if ('error' in b) throw new UserError(b.error, { field: 'base' })
    return saveSetting(ctx, 'rsshub-base', { base: b.base })
  },
  'feed-list': (_a, ctx) => withSilent(ctx, listFeeds(ctx.desk.db)),
  'feed-add': (v, ctx) => ctx.desk.tx(() => toFeed(createFeed(ctx, v))),
  'feed-preview': ({ url, encoding }, ctx) => previewFeed(ctx, url, encoding),
  'feed-update': ({ id, ...patch }, ctx) => ctx.desk.tx(() => toFeed(changeFeed(ctx, id, patch))),
  'feed-set-enabled': ({ id, enabled }, ctx) => ctx.desk.tx(() => toFeed(changeFeed(ctx, id, { enabled }))),
  'feed-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetFeed(ctx, id)
      // Its mentions stay (feed shown as removed); their dedup keys stay, so nothing returns via another feed.
      deleteFeed(ctx.desk.db, id)
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'feed', entityId: id, changes: before })
      return { id }
    }),
  'feed-import-opml': ({ opml }, ctx) => {
    let listed
    try {
      listed = parseOpml(opml)
    } catch (e) {
      throw fieldError('opml', e instanceof Error ? e.message : 'OPML 文件无法读取')
    }
    return ctx.desk.tx(() => {
      let added = 0
      const skipped: { url: string; name: string; reason: string }[] = []
      for (const f of listed) {
        try {
          // Each feed in its own savepoint: one bad line is reported, the others are still imported.
          ctx.desk.tx(() => createFeed(ctx, { url: f.url, name: f.name.slice(0, 60), category: f.category.slice(0, 20), intervalMin: 30, enabled: true, encoding: null, weight: 1 }))
          added++
        } catch (e) {
          if (!(e instanceof UserError)) throw e
          skipped.push({ url: f.url.slice(0, 300), name: f.name.slice(0, 60), reason: e.message.replace(/^[^：]*：/, '') })
        }
      }
      return { added, skipped }
    })
  },
  'feed-export-opml': (_a, ctx) => {
    const feeds = listFeeds(ctx.desk.db)
    return { text: buildOpml(feeds.map((f) => ({ url: f.url, name: f.name, category: f.category })), '宣传舆情工作台 订阅源', ctx.now()), count: feeds.length }
  }
})
