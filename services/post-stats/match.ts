// File rows → the ledger's pieces, by title and date. Pure: the handler fetches the pieces of the platform's
// channel around the file's dates and writes what is matched.
//
// The date rule: the piece dated the file's day first; only when none has the title, a piece dated one day either
// side (a post scheduled for the 5th that went out at 00:10 on the 6th, or logged by the day it was written). One
// candidate → matched; several → the officer chooses; none → unmatched, shown and never written.
import { daysBetween } from '../../shared/dates'
import { titleKeys } from './titles'
import type { StatCandidate, StatCount, StatRowBase } from '../../shared/contract/ledger-stats'

export type Outcome =
  | { kind: 'matched'; row: StatRowBase; piece: StatCandidate; dayOff: boolean }
  | { kind: 'ambiguous'; row: StatRowBase; candidates: StatCandidate[] }
  | { kind: 'unmatched'; row: StatRowBase }
  | { kind: 'duplicate'; row: StatRowBase; sameAsRow: number; differs: boolean }

const sameCounts = (a: Partial<Record<StatCount, number>>, b: Partial<Record<StatCount, number>>): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort())

export function matchRows(rows: StatRowBase[], pieces: StatCandidate[]): Outcome[] {
  const byExact = new Map<string, StatCandidate[]>()
  const byLoose = new Map<string, StatCandidate[]>()
  for (const p of pieces) {
    const k = titleKeys(p.title)
    byExact.set(k.exact, [...(byExact.get(k.exact) ?? []), p])
    byLoose.set(k.loose, [...(byLoose.get(k.loose) ?? []), p])
  }
  const onDay = (list: StatCandidate[] | undefined, date: string, off: number): StatCandidate[] =>
    (list ?? []).filter((p) => Math.abs(daysBetween(date, p.date)) === off)

  const seen = new Map<string, StatRowBase>() // the same post twice in the file
  const claimed = new Map<number, StatRowBase>() // two rows landing on one piece
  const out: Outcome[] = []
  for (const row of rows) {
    const k = titleKeys(row.title)
    const key = `${k.exact}\u0001${row.date}`
    const first = seen.get(key)
    if (first) {
      out.push({ kind: 'duplicate', row, sameAsRow: first.row, differs: !sameCounts(first.counts, row.counts) })
      continue
    }
    seen.set(key, row)
    let dayOff = false
    let found = onDay(byExact.get(k.exact), row.date, 0)
    if (!found.length) found = onDay(byLoose.get(k.loose), row.date, 0)
    if (!found.length) {
      found = onDay(byExact.get(k.exact), row.date, 1)
      if (!found.length) found = onDay(byLoose.get(k.loose), row.date, 1)
      dayOff = found.length > 0
    }
    if (found.length === 0) out.push({ kind: 'unmatched', row })
    else if (found.length > 1) out.push({ kind: 'ambiguous', row, candidates: found })
    else {
      const earlier = claimed.get(found[0].id)
      if (earlier) out.push({ kind: 'duplicate', row, sameAsRow: earlier.row, differs: !sameCounts(earlier.counts, row.counts) })
      else {
        claimed.set(found[0].id, row)
        out.push({ kind: 'matched', row, piece: found[0], dayOff })
      }
    }
  }
  return out
}
