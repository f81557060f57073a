// The period the secretary was reading, remembered per person in this window's storage: leaving 统计 for 台账 and
// coming back, or restarting, shows the same period. What is stored is only read back if it is still a period
// that has begun (a hand-edited or outdated value is dropped, never shown as an error).
import { readStoredPeriod, storedPeriod } from './stored-period'

const storageKey = (userId: number) => `desk.tally.v1.${userId}`

function storage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null // storage switched off: nothing is remembered
  }
}

export function rememberedPeriod(userId: number, today: string): string | null {
  const s = storage()
  try {
    const raw = s?.getItem(storageKey(userId)) ?? null
    const code = readStoredPeriod(raw, today)
    if (raw && !code) s?.removeItem(storageKey(userId))
    return code
  } catch {
    return null
  }
}

export function rememberPeriod(userId: number, code: string): void {
  try {
    storage()?.setItem(storageKey(userId), storedPeriod(code))
  } catch {
    // full or switched off: the page still works, it just forgets
  }
}
