// Opinion watch: the rules that say what is a mention (监测规则), the watch's settings, its summary and daily
// digest, and 立即抓取.
import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate, patchOf, rowId, shortText } from './fields'
import type { PollReport } from './feeds'
import type { GradeLabel, SentimentLabel } from '../watch'
import { ANYONE, OFFICE, OFFICER } from '../roles'

const terms = z.array(shortText(60).min(1, { message: '词不能为空' })).max(200, { message: '最多 200 个词' }).default([])

export const ruleFields = z.object({
  name: shortText(40).min(1, { message: '请填写规则名称' }),
  any: terms,
  all: terms,
  none: terms,
  enabled: z.boolean().default(true)
})
export type RuleInput = z.input<typeof ruleFields>

export interface Rule {
  id: number
  name: string
  any: string[]
  all: string[]
  none: string[]
  enabled: boolean
  createdAt: string
  /** The rule made from the hospital profile (全称、简称). */
  fromProfile: boolean
}

export interface WatchSummary {
  today: string
  newToday: number
  negativeToday: number
  /** 新 + 研判 + 处置中. */
  unhandled: number
  escalatedOpen: number
  feeds: number
  failingFeeds: { id: number; name: string; lastError: string | null }[]
}

export interface DigestItem {
  id: number
  title: string
  feedName: string
  sentiment: SentimentLabel
  grade: GradeLabel
  fetchedAt: string
}

export interface WatchDigest {
  date: string
  total: number
  negative: number
  /** 较大/重大 mentions that arrived in quiet hours: no desktop notification was shown for them. */
  held: DigestItem[]
  /** Everything else that arrived that day. */
  rest: DigestItem[]
}

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '请填写时间，格式如 22:00' })
const words = z.array(shortText(20).min(1, { message: '词不能为空' })).max(1000, { message: '最多 1000 个词' })

export const watchSettingsFields = z.object({
  alerts: z.object({
    enabled: z.boolean(),
    quietEnabled: z.boolean(),
    quietFrom: clock,
    quietTo: clock,
    /** 订阅源静默: no new items for this many days while others keep flowing (0 = never flagged). */
    silentDays: z.number({ error: '请填写天数' }).int({ message: '天数须为整数' }).min(0, { message: '天数不能为负' }).max(60, { message: '最多 60 天' }).default(3)
  }),
  lexicon: z.object({ negative: words, positive: words })
})
export type WatchSettings = z.output<typeof watchSettingsFields> & { lexiconIsDefault: boolean }

export const watchContract = {
  'watch-poll-now': spec(OFFICER, noArgs).returns<PollReport>(),
  'rule-list': spec(ANYONE, noArgs).returns<Rule[]>(),
  'rule-create': spec(OFFICER, ruleFields).returns<Rule>(),
  'rule-update': spec(OFFICER, patchOf(ruleFields).extend({ id: rowId })).returns<Rule>(),
  'rule-delete': spec(OFFICER, z.object({ id: rowId })).returns<{ id: number }>(),
  'watch-summary': spec(ANYONE, noArgs).returns<WatchSummary>(),
  'watch-digest': spec(ANYONE, z.object({ date: calendarDate.optional() }).default({})).returns<WatchDigest>(),
  'watch-settings-get': spec(ANYONE, noArgs).returns<WatchSettings>(),
  'watch-settings-save': spec(OFFICE, watchSettingsFields).returns<WatchSettings>(),
  'watch-settings-reset-lexicon': spec(OFFICE, noArgs).returns<WatchSettings>()
}
