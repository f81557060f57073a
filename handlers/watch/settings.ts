// The watch's settings (alerts, quiet hours, sentiment lexicon). The keys and their defaults: shared/settings.ts.
import { defineHandlers } from '../dispatch'
import { readSetting, saveSetting } from '../settings'
import { DEFAULT_LEXICON, type Lexicon } from '../../services/watch/sentiment'
import type { WatchSettings } from '../../shared/contract/watch'
import type { Db } from '../../db/open'

let lastLexicon: { json: string; lexicon: Lexicon } | undefined

/** The officer's own list, or null for the default (never edited, or reset — stored as {useDefault: true}). */
function storedLexicon(db: Db): Lexicon | null {
  const v = readSetting(db, 'watch-lexicon')
  return 'negative' in v ? v : null
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
  return { alerts: readSetting(db, 'watch-alerts'), lexicon: { negative: [...lexicon.negative], positive: [...lexicon.positive] }, lexiconIsDefault: stored === null }
}

function clean(words: string[]): string[] {
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))]
}

export const watchSettingsHandlers = defineHandlers({
  'watch-settings-get': (_a, ctx) => readWatchSettings(ctx.desk.db),
  'watch-settings-save': ({ alerts, lexicon }, ctx) =>
    ctx.desk.tx(() => {
      saveSetting(ctx, 'watch-alerts', alerts)
      const next = { negative: clean(lexicon.negative), positive: clean(lexicon.positive) }
      const current = readWatchSettings(ctx.desk.db)
      // Saving the form unchanged must not freeze today's default list as a private copy.
      const same = JSON.stringify(next) === JSON.stringify(current.lexicon)
      if (!same || !current.lexiconIsDefault) saveSetting(ctx, 'watch-lexicon', next)
      return readWatchSettings(ctx.desk.db)
    }),
  'watch-settings-reset-lexicon': (_a, ctx) =>
    ctx.desk.tx(() => {
      // A marker rather than a deleted row, so the audit trail shows the reset.
      if (storedLexicon(ctx.desk.db) !== null) saveSetting(ctx, 'watch-lexicon', { useDefault: true })
      return readWatchSettings(ctx.desk.db)
    })
})
