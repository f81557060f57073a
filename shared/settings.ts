// Every row of the settings table, in one list: its stored key, the shape of its value, the value in force while
// nothing (or nothing readable) is stored, who may change it and what the 操作日志 calls it. Read and written only
// through handlers/settings.ts.
//
// The schemas are the shape of the stored value, not the form's rules: lengths, counts and Chinese messages stay
// in the contract (shared/contract/*.ts), checked once at the boundary. A stored value is read back as long as it
// has the right shape, so a rule tightened later never turns an office's saved list into the default. Only
// bounds that protect the data itself are kept here (at least one daily backup, a lock after at least a minute).
import { z } from 'zod'
import { ADMIN, OFFICE, SYSTEM, type Who } from './roles'
import { DEFAULT_CHAINS, DEFAULT_MEDICAL_STEP, DEFAULT_MEDICAL_THEMES, type ReviewChains } from './contract/review'
import { backupPolicyInput } from './contract/backup'
import { LEDGER_COLUMNS } from './contract/ledger'
import { STAT_FIELDS } from './contract/ledger-stats'
import { HOSPITAL_LEVELS, PROFILE_DEFAULTS, type Profile } from './contract/app'
import type { ReportSettings } from './contract/reports'
import type { WatchSettings } from './contract/watch'
import { DEFAULT_PROOF_TERMS, type ProofEntry } from './proofread'
import { DEFAULT_THEMES, type Channel } from './channels'
import { DEFAULT_QUIET_HOURS, DEFAULT_SILENT_DAYS } from './watch'
import { webhookSettingsFields } from './contract/watch-webhooks'
import { DEFAULT_BILINGUAL_FORMS } from './contract/channel-fields'
import { DEFAULT_RSSHUB_BASE } from './rsshub'
import type { SecretPath } from './secret-fields'
import type { PlanningRule } from './planning-days'

/**
 * Who may change a setting: the roles of the contract entries that save it (a test holds the two equal), or
 * 'system' for state the desk keeps for itself (what it has already announced, what it remembers), which no one
 * sets and which is written without an audit row.
 */
export type SettingWho = Who | typeof SYSTEM

/**
 * How a save reads in the 操作日志, as each key's earlier rows read: 'fields' — {field: [before, after]} for the
 * fields that changed; 'value' — {value: [before, after]}, for a list or a number. `before` is the value that was
 * in force (the default, for a key never saved).
 */
export type SettingAudit = 'fields' | 'value'

export interface SettingEntry<K extends string = string, S extends z.ZodType = z.ZodType, D = unknown, W extends SettingWho = SettingWho> {
  /** As stored in the settings table. Never renamed: an existing database must read the same. */
  key: K
  schema: S
  /** In force while nothing is stored, or what is stored does not fit the schema. A function gives a fresh copy. */
  default: D | (() => D)
  who: W
  /** The 操作日志's name for it (设置 · 审核流程). */
  label: string
  audit: SettingAudit
  /** The audit row's entity; 'settings' unless the key's history is filed elsewhere. */
  auditEntity?: string
  /**
   * Where the value holds secrets (shared/secret-fields.ts paths): masked (…后4位) in the 操作日志 and in what the
   * window reads back (readSettingForView); a save that sends the masked form back keeps the stored secret.
   */
  secrets?: readonly SecretPath[]
}

function setting<K extends string, S extends z.ZodType, D extends z.output<S> | null, W extends SettingWho>(
  key: K,
  e: Omit<SettingEntry<K, S, D, W>, 'key' | 'audit'> & { audit?: SettingAudit }
): SettingEntry<K, S, D, W> {
  return { key, audit: 'fields', ...e }
}

const words = z.array(z.string())

const alerts = z.object({
  enabled: z.boolean().default(true),
  quietEnabled: z.boolean().default(true),
  quietFrom: z.string().default(DEFAULT_QUIET_HOURS.from),
  quietTo: z.string().default(DEFAULT_QUIET_HOURS.to),
  silentDays: z.number().int().min(0).default(DEFAULT_SILENT_DAYS)
}) satisfies z.ZodType<WatchSettings['alerts']>

/** The list in force, or the marker of a reset (a row rather than none, so the trail shows the reset). */
const lexicon = z.union([z.object({ negative: words, positive: words }), z.object({ useDefault: z.literal(true) })])

/** Steps per channel over the shipped chains: a channel never configured keeps its default. */
const chains = z.object({
  chains: z
    .record(z.string(), words)
    .default({})
    .transform((c) => ({ ...DEFAULT_CHAINS, ...c }) as Record<Channel, string[]>),
  medicalStep: z.string().default(DEFAULT_MEDICAL_STEP),
  medicalThemes: words.default(() => [...DEFAULT_MEDICAL_THEMES])
}) satisfies z.ZodType<ReviewChains>

export const SETTINGS_LIST = [
  setting('profile', {
    schema: z.object({
      fullName: z.string(),
      aliases: words.default([]),
      departments: words.default([]),
      // a profile saved before 本院信息 existed reads with the defaults
      level: z.enum(HOSPITAL_LEVELS).catch(PROFILE_DEFAULTS.level).default(PROFILE_DEFAULTS.level),
      watchUnit: z.string().default(PROFILE_DEFAULTS.watchUnit),
      commission: z.string().default(PROFILE_DEFAULTS.commission)
    }) satisfies z.ZodType<Profile>,
    // none until the first-run form is filled in
    default: null,
    who: ADMIN,
    label: '医院信息'
  }),
  setting('review-chains', { schema: chains, default: () => chains.parse({}), who: ADMIN, label: '审核流程', audit: 'value' }),
  setting('proofread-terms', {
    schema: z.array(z.object({ wrong: z.string(), right: z.string(), note: z.string().optional(), source: z.string().optional() })) satisfies z.ZodType<ProofEntry[]>,
    default: () => DEFAULT_PROOF_TERMS.map((t) => ({ ...t })),
    who: OFFICE,
    label: '规范表述',
    audit: 'value'
  }),
  setting('themes', { schema: words, default: () => [...DEFAULT_THEMES], who: OFFICE, label: '主题标签', audit: 'value' }),
  setting('bilingual-forms', { schema: words, default: () => [...DEFAULT_BILINGUAL_FORMS], who: OFFICE, label: '双语形式', audit: 'value' }),
  setting('session-idle-minutes', { schema: z.number().int().positive(), default: 15, who: ADMIN, label: '无操作自动锁定（分钟）', audit: 'value' }),
  setting('backup-policy', {
    schema: backupPolicyInput,
    default: () => backupPolicyInput.parse({}),
    who: ADMIN,
    label: '数据备份',
    // filed under 'setting' since the first version: the 操作日志 filter finds the whole history there
    auditEntity: 'setting'
  }),
  setting('report.settings', {
    schema: z.object({ wording: z.enum(['exact', 'approx']).default('approx') }) satisfies z.ZodType<ReportSettings>,
    default: () => ({ wording: 'approx' as const }),
    who: OFFICE,
    label: '报告数字写法'
  }),
  setting('watch-alerts', { schema: alerts, default: () => alerts.parse({}), who: OFFICE, label: '桌面提醒与静默时段' }),
  setting('watch-webhooks', {
    schema: webhookSettingsFields,
    default: () => webhookSettingsFields.parse({}),
    who: OFFICE,
    label: '群机器人推送',
    // the address carries the robot's key (企业微信 ?key=, 钉钉 access_token=), the secret signs its messages
    secrets: ['targets.*.url', 'targets.*.secret']
  }),
  setting('rsshub-base', {
    // the RSSHub instance the 订阅源模板 build addresses on: the public one, or the hospital's own
    schema: z.object({ base: z.string() }),
    default: () => ({ base: DEFAULT_RSSHUB_BASE }),
    who: OFFICE,
    label: 'RSSHub 地址'
  }),
  setting('holiday-schedules', {
    // the years the office added from the State Council's notice, by 'YYYY' (shared/china-calendar.ts)
    schema: z.record(
      z.string().regex(/^\d{4}$/),
      z.object({ holidays: z.record(z.string(), z.string()), workdays: z.record(z.string(), z.string()), notice: z.string().optional() })
    ),
    default: () => ({}),
    who: OFFICE,
    label: '节假日安排'
  }),
  setting('planning-days', {
    // the office's 节点日 list (shared/planning-days.ts); null while the defaults are in force
    schema: z
      .array(z.custom<PlanningRule>((v) => typeof v === 'object' && v !== null && typeof (v as PlanningRule).name === 'string' && typeof (v as PlanningRule).when?.type === 'string'))
      .nullable(),
    default: null,
    who: OFFICE,
    label: '节点日',
    audit: 'value'
  }),
  setting('watch-lexicon', { schema: lexicon, default: () => ({ useDefault: true as const }), who: OFFICE, label: '情感词库' }),

  setting('watch-held-alerts', {
    // mention ids held back in quiet hours (oldest first), and those already summarised in a notice
    schema: z.object({ ids: z.array(z.number()).default([]), announced: z.array(z.number()).default([]) }),
    default: () => ({ ids: [], announced: [] }),
    who: SYSTEM,
    label: '静默时段暂存的提醒'
  }),
  setting('webhook-digest-sent', {
    // the last China date whose daily digest was queued for the group robots
    schema: z.object({ date: z.string() }),
    default: null,
    who: SYSTEM,
    label: '已推送的每日简报'
  }),
  setting('silent-feeds-notified', {
    // feed id → the last_new_at it was reported silent at (a feed is reported once per silence)
    schema: z.record(z.string(), z.string()),
    default: () => ({}),
    who: SYSTEM,
    label: '已提醒的静默订阅源'
  }),
  setting('schedule-notified', {
    // piece id → the scheduled date it was announced for
    schema: z.record(z.string(), z.string()),
    default: () => ({}),
    who: SYSTEM,
    label: '已提醒的到期排期'
  }),
  setting('holiday-schedule-reminded', {
    // the years whose missing schedule has been announced (once each)
    schema: z.object({ years: z.array(z.number()).default([]) }),
    default: () => ({ years: [] }),
    who: SYSTEM,
    label: '已提醒的节假日安排'
  }),
  setting('watch-profile-rule', {
    // set once the profile rule has been made, so a rule the officer deleted is not made again
    schema: z.object({ ruleId: z.number() }),
    default: null,
    who: SYSTEM,
    label: '由医院信息生成的监测规则'
  }),
  setting('ledger-import-mapping', {
    // file header → template column, remembered by a committed import (whose own audit row records it)
    schema: z.record(z.string(), z.enum([...LEDGER_COLUMNS, ''])),
    default: () => ({}),
    who: SYSTEM,
    label: '台账导入的列对应'
  }),
  setting('post-stats-mappings', {
    // 导入公众号数据: platform + header signature (services/figures/columns.ts) → normalized header → field,
    // remembered by a committed import (whose own audit row records the mapping)
    schema: z.record(z.string(), z.record(z.string(), z.enum([...STAT_FIELDS, '']))),
    default: () => ({}),
    who: SYSTEM,
    label: '阅读数据导入的列对应'
  }),
  setting('bench.generator', {
    // only in the benchmark's database (scripts/bench): what generated it, so an outdated file is regenerated
    schema: z.object({ version: z.number(), size: z.enum(['full', 'small']), pieces: z.number(), mentions: z.number(), feeds: z.number(), seconds: z.number() }),
    default: null,
    who: SYSTEM,
    label: '基准测试数据'
  })
]

type AnyEntry = (typeof SETTINGS_LIST)[number]
export type SettingKey = AnyEntry['key']
export type SettingEntryOf<K extends SettingKey> = Extract<AnyEntry, { key: K }>
/** A value as stored (and as a save returns it). */
export type SettingStored<K extends SettingKey> = z.output<SettingEntryOf<K>['schema']>
/** null for a setting that has none until it is first saved (医院信息). */
type NullDefault<E> = E extends SettingEntry<string, z.ZodType, infer D> ? (null extends D ? null : never) : never
/** What a read returns: the stored value as the schema gives it, or the default. */
export type SettingValue<K extends SettingKey> = SettingStored<K> | NullDefault<SettingEntryOf<K>>
/** What a save takes (the schema fills in what it defaults). */
export type SettingInput<K extends SettingKey> = z.input<SettingEntryOf<K>['schema']>
/** Settings a person changes, through saveSetting (audited). */
export type ChangeableKey = { [K in SettingKey]: SettingEntryOf<K>['who'] extends typeof SYSTEM ? never : K }[SettingKey]
/** The desk's own state, through writeState (no audit row). */
export type StateKey = Exclude<SettingKey, ChangeableKey>

/** The registry by key; a key listed twice throws when the module loads, like a handler name used twice. */
export function byKey<E extends { key: string }>(list: readonly E[]): ReadonlyMap<string, E> {
  const out = new Map<string, E>()
  for (const e of list) {
    if (out.has(e.key)) throw new Error(`setting key listed twice: ${e.key}`)
    out.set(e.key, e)
  }
  return out
}

const SETTINGS: ReadonlyMap<string, AnyEntry> = byKey(SETTINGS_LIST)

export function settingEntry(key: SettingKey): SettingEntry {
  const e = SETTINGS.get(key)
  if (!e) throw new Error(`unknown setting key: ${String(key)}`)
  return e
}

export const isSettingKey = (key: string): key is SettingKey => SETTINGS.has(key)

export function settingDefault<K extends SettingKey>(key: K): SettingValue<K> {
  const d = settingEntry(key).default
  return (typeof d === 'function' ? d() : d) as SettingValue<K>
}

/**
 * A stored value as the desk uses it: parsed with the key's schema, or the default when nothing is stored
 * (undefined) or what is stored does not fit — a setting never stops the officer's work; `invalid` lets the
 * caller log it.
 */
export function parseSetting<K extends SettingKey>(key: K, stored: unknown): { value: SettingValue<K>; invalid: boolean } {
  if (stored === undefined) return { value: settingDefault(key), invalid: false }
  const r = settingEntry(key).schema.safeParse(stored)
  return r.success ? { value: r.data as SettingValue<K>, invalid: false } : { value: settingDefault(key), invalid: true }
}
