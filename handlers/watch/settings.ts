// The watch's settings (alerts, quiet hours, sentiment lexicon) and the small state kept beside them.
import { defineHandlers } from '../registry'
import { getSetting, putSetting } from '../../db/queries/settings'
import { recordAudit, diff } from '../../db/queries/audit'
import { DEFAULT_LEXICON, type Lexicon } from '../../services/watch/sentiment'
import { DEFAULT_QUIET_HOURS } from '../../shared/watch'
import type { WatchSettings } from '../../shared/contract/mentions'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

const ALERTS_KEY = 'watch-alerts'
const LEXICON_KEY = 'watch-lexicon'
/** Alerts held back during quiet hours: shown in the digest, summarised by one notice when quiet hours end. */
export const HELD_KEY = 'watch-held-alerts'

export type AlertSettings = WatchSettings['alerts']
export const DEFAULT_ALERTS: AlertSettings = { enabled: true, quietEnabled: true, quietFrom: DEFAULT_QUIET_HOURS.from, quietTo: DEFAULT_QUIET_HOURS.to }

export interface HeldAlerts {
  /** Mention ids held in quiet hours, oldest first. */
  ids: number[]
  /** Ids already summarised in a notice (kept for the digest). */
  announced: number[]
}

export function readAlerts(db: Db): AlertSettings {
  return { ...DEFAULT_ALERTS, ...(getSetting<Partial<AlertSettings>>(db, ALERTS_KEY) ?? {}) }
}

let lastLexicon: { json: string; lexicon: Lexicon } | undefined

/** The officer's own list, or null for the default (never edited, or reset — stored as {useDefault: true}). */
function storedLexicon(db: Db): Lexicon | null {
  const v = getSetting<Partial<Lexicon>>(db, LEXICON_KEY)
  return v && Array.isArray(v.negative) && Array.isArray(v.positive) ? { negative: v.negative, positive: v.positive } : null
}

/** The lexicon in force; the same object while it is unchanged, so sentiment.ts compiles it once. */
export function readLexicon(db: Db): Lexicon {
  const stored = storedLexicon(db)
  if (!stored) return DEFAULT_LEXICON
  const json = JSON.stringify(stored)
  if (lastLexicon?.json !== json) lastLexicon = { json, lexicon: { negative: stored.negative, positive: stored.positive } }
  return lastLexicon.lexicon
}

export function readWatchSettings(db: Db): WatchSettings {
  const stored = storedLexicon(db)
  const lexicon = stored ?? DEFAULT_LEXICON
  return { alerts: readAlerts(db), lexicon: { negative: [...lexicon.negative], positive: [...lexicon.positive] }, lexiconIsDefault: stored === null }
}

export function readHeld(db: Db): HeldAlerts {
  return getSetting<HeldAlerts>(db, HELD_KEY) ?? { ids: [], announced: [] }
}

export function writeHeld(db: Db, held: HeldAlerts, at: string): void {
  // Only the last few hundred matter (the digest shows one day); keep the setting small.
  const keep = (xs: number[]) => xs.slice(-500)
  putSetting(db, HELD_KEY, { ids: keep(held.ids), announced: keep(held.announced) }, at)
}

function clean(words: string[]): string[] {
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))]
}

function save(ctx: Ctx, key: string, value: unknown): void {
  const at = ctx.now().toISOString()
  const before = getSetting<Record<string, unknown>>(ctx.desk.db, key)
  putSetting(ctx.desk.db, key, value, at)
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: before ? 'update' : 'create', entity: 'settings', entityId: key, changes: diff(before ?? {}, value as Record<string, unknown>) })
}

export const watchSettingsHandlers = defineHandlers({
  'watch-settings-get': (_a, ctx) => readWatchSettings(ctx.desk.db),
  'watch-settings-save': ({ alerts, lexicon }, ctx) =>
    ctx.desk.tx(() => {
      save(ctx, ALERTS_KEY, alerts)
      const next = { negative: clean(lexicon.negative), positive: clean(lexicon.positive) }
      const current = readWatchSettings(ctx.desk.db)
      // Saving the form unchanged must not freeze today's default list as a private copy.
      const same = JSON.stringify(next) === JSON.stringify(current.lexicon)
      if (!same || !current.lexiconIsDefault) save(ctx, LEXICON_KEY, next)
      return readWatchSettings(ctx.desk.db)
    }),
  'watch-settings-reset-lexicon': (_a, ctx) =>
    ctx.desk.tx(() => {
      // A marker rather than a deleted row, so the audit trail shows the reset.
      if (storedLexicon(ctx.desk.db) !== null) save(ctx, LEXICON_KEY, { useDefault: true })
      return readWatchSettings(ctx.desk.db)
    })
})
