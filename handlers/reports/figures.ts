// The figures of a period, wired: the queries fetch (db/queries/figures.ts), services/report/figures.ts computes.
// The tally, the sign-off and every report file go through buildFigureSet, so they cannot disagree.
import { figureInputs, mentionStats } from '../../db/queries/figures'
import { readProfile } from '../app'
import { readSetting } from '../settings'
import { workCalendar } from '../calendar/workdays'
import { figureFetch, figureSetFrom, mentionFiguresFrom, periodValuesFrom, type BuildOptions } from '../../services/report/figures'
import type { Figure, FigureSet } from '../../shared/contract/reports'
import type { Period } from '../../shared/periods'
import type { Db } from '../../db/open'

// Pure and kept with the computation; offered here too, beside the buildFigureSet whose result it reads.
export { figureValues, type BuildOptions } from '../../services/report/figures'

/** key → value of a period's figures, without the structured parts (the 环比 / 同比 periods of the tally). */
export function periodValues(db: Db, period: Pick<Period, 'from' | 'to'>): Record<string, number> {
  return periodValuesFrom(figureInputs(db, period.from, period.to, { pieceIds: false, mentionIds: false, quotas: false }, readSetting(db, 'bilingual-forms'), workCalendar(db)))
}

/** Every figure of the period, computed once. */
export function buildFigureSet(db: Db, period: Pick<Period, 'from' | 'to' | 'code' | 'label'>, o: BuildOptions = {}): FigureSet {
  const inputs = figureInputs(db, period.from, period.to, figureFetch(o), readSetting(db, 'bilingual-forms'), workCalendar(db))
  return figureSetFrom(period, readProfile(db)?.fullName ?? '', inputs, o)
}

/**
 * The mention figures of a period alone (index-only counts, a fraction of a figure set): polls and removals
 * change them without a ledger audit row, so a signed month is recounted this way when its rows were not touched.
 */
export function mentionFigures(db: Db, period: Pick<Period, 'from' | 'to'>): Figure[] {
  return mentionFiguresFrom(mentionStats(db, period.from, period.to))
}
