// Opinion watch: the feeds (订阅源) and what one poll of them reports.
import { z } from 'zod'
import { spec, noArgs } from './define'
import { httpLink, patchOf, rowId, shortText } from './fields'
import type { FeedStatus } from '../watch'
import { DEFAULT_INTERVAL_MIN } from '../watch'
import { ANYONE, OFFICE, OFFICER } from '../roles'

const feedUrl = httpLink.refine((s) => s !== '', { message: '请填写订阅地址' })

export const feedFields = z.object({
  url: feedUrl,
  name: shortText(60).default(''),
  category: shortText(20).default(''),
  intervalMin: z.number({ error: '须为数字' }).int({ message: '须为整数' }).min(5, { message: '最短 5 分钟' }).max(1440, { message: '最长 1440 分钟（一天）' }).default(DEFAULT_INTERVAL_MIN),
  /** Encoding override (gbk, gb2312, big5, utf-8…); '' or null = detect. Checked against iconv-lite by the handler. */
  encoding: z.string().trim().max(30).nullable().default(null),
  weight: z.number({ error: '须为数字' }).int().min(0, { message: '须为 0–3' }).max(3, { message: '须为 0–3' }).default(1),
  /** 抓取全文: a new item with only a summary gets its article page's text before the rules read it. */
  fetchFullText: z.boolean({ error: '抓取全文须为是或否' }).default(false),
  enabled: z.boolean().default(true)
})
export type FeedInput = z.input<typeof feedFields>

export interface Feed {
  id: number
  url: string
  name: string
  category: string
  intervalMin: number
  enabled: boolean
  encoding: string | null
  weight: number
  fetchFullText: boolean
  etag: string | null
  lastModified: string | null
  lastFetchAt: string | null
  lastNewAt: string | null
  status: FeedStatus
  /** The last error, in plain Chinese. */
  lastError: string | null
  consecutiveErrors: number
  /** Three failures in a row: shown in red on the feeds page and the dashboard. */
  failing: boolean
  nextFetchAt: string | null
  createdAt: string
  mentionCount: number
  /** When the items it serves last changed (null: not known yet). */
  itemsChangedAt?: string | null
  /** 静默: answers, but nothing new for the set number of days while other feeds keep bringing items (feed-list only). */
  silent?: boolean
}

/** Which rules an item matched and with which of their terms (as the rule writes them). */
export interface MentionMatch {
  ruleId: number
  ruleName: string
  terms: string[]
}

/** A piece of a title or snippet; hit = one of the matched terms. Rendered as React text, never HTML. */
export interface TextSegment {
  text: string
  hit: boolean
}

export interface PreviewItem {
  title: string
  titleSegments: TextSegment[]
  link: string | null
  snippet: string
  publishedAt: string
  matches: MentionMatch[] | null
}

export interface FeedPreview {
  url: string
  finalUrl: string
  title: string | null
  encoding: string
  total: number
  matched: number
  items: PreviewItem[]
  /** 格式有误，已读取 N 条（…） when the XML was broken and the items were recovered; null otherwise. */
  note: string | null
}

export type FeedPollOutcome = 'new' | 'unchanged' | 'not-modified' | 'error' | 'busy'

export interface FeedPollResult {
  feedId: number
  name: string
  outcome: FeedPollOutcome
  /** Items in the fetched feed. */
  items: number
  matched: number
  newMentions: number
  /** Items that joined an existing story (another source of the same cluster). */
  newSources: number
  message: string
  nextFetchAt: string | null
}

/** One poll in numbers: every feed is exactly one of succeeded, failed or skipped (not due, 已停用, busy). */
export interface PollCounts {
  feeds: number
  succeeded: number
  failed: number
  skipped: number
  notDue: number
  paused: number
  busy: number
  newMentions: number
  newSources: number
}

export interface PollReport {
  at: string
  /** Every feed fetched (or found already being fetched) this time, one result each. */
  results: FeedPollResult[]
  /** Enabled feeds whose interval has not passed yet (they were not fetched). */
  notDue: number
  /** Feeds switched off (已停用), not fetched. */
  paused: number
  counts: PollCounts
  /** The one sentence every transport shows (services/feeds/poll-summary.ts). */
  summary: string
}

export interface OpmlImportResult {
  added: number
  skipped: { url: string; name: string; reason: string }[]
}

export const feedsContract = {
  /** The RSSHub instance the 订阅源模板 build on (shared/rsshub.ts). */
  'rsshub-base-get': spec(ANYONE, noArgs).returns<{ base: string }>(),
  'rsshub-base-save': spec(OFFICE, z.object({ base: z.string({ error: '请填写 RSSHub 地址' }).trim().min(1, { error: '请填写 RSSHub 地址' }).max(300, { error: 'RSSHub 地址过长' }) })).returns<{ base: string }>(),
  'feed-list': spec(ANYONE, noArgs).returns<Feed[]>(),
  'feed-add': spec(OFFICER, feedFields).returns<Feed>(),
  'feed-preview': spec(OFFICER, z.object({ url: feedUrl, encoding: z.string().trim().max(30).nullable().default(null) })).returns<FeedPreview>(),
  'feed-update': spec(OFFICER, patchOf(feedFields).extend({ id: rowId })).returns<Feed>(),
  'feed-set-enabled': spec(OFFICER, z.object({ id: rowId, enabled: z.boolean() })).returns<Feed>(),
  'feed-delete': spec(OFFICER, z.object({ id: rowId })).returns<{ id: number }>(),
  'feed-import-opml': spec(OFFICER, z.object({ opml: z.string().max(2 * 1024 * 1024, { message: 'OPML 文件过大（上限 2 MB）' }) })).returns<OpmlImportResult>(),
  'feed-export-opml': spec(ANYONE, noArgs).returns<{ text: string; count: number }>()
}
