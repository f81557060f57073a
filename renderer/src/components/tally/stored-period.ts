// What the tally remembers of a person's period, as stored (remember.ts keeps it in window storage). No DOM here,
// so the rule for what is read back is unit-tested on its own (tests/tallies/stored-period.test.ts).
import { parsePeriod } from '../../../../shared/periods'

/** The stored form. */
export const storedPeriod = (code: string): string => JSON.stringify({ period: code })

/** The canonical code of a stored period, or null for nothing usable. */
export function readStoredPeriod(raw: string | null, today: string): string | null {
  if (!raw) return null
  try {
    const v: unknown = JSON.parse(raw)
    const code = v && typeof v === 'object' && typeof (v as { period?: unknown }).period === 'string' ? (v as { period: string }).period : null
    if (!code || code.length > 40) return null
    const p = parsePeriod(code)
    return p.from <= today ? p.code : null
  } catch {
    return null
  }
}
