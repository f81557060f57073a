// When to fetch a feed next. Pure: the scheduler passes the clock and the random source, so tests are exact.

const MINUTE = 60_000
export const MAX_BACKOFF_MS = 24 * 60 * MINUTE
// A hostile or buggy Retry-After ("come back in 10 years") must not silence a feed for good.
export const MAX_RETRY_AFTER_MS = 7 * 24 * 60 * MINUTE
export const FAILING_AFTER_ERRORS = 3

export interface NextFetchInput {
  now: number
  /** The feed's configured interval, in minutes (anything below 1 counts as 1). */
  intervalMin: number
  /** 0 after a success; 1 after the first failure in a row, and so on. */
  consecutiveErrors: number
  retryAfterMs?: number | null
  random?: () => number
}

/**
 * Success: now + interval. Error n: interval × 2^(n−1), so one blip costs nothing extra and a dead site is
 * asked half as often each time, ±20 % jitter so feeds that failed together (the office network went down)
 * do not all retry in the same second, capped at 24 h. A Retry-After is honoured: never earlier than it.
 */
export function nextFetchAt(input: NextFetchInput): number {
  const intervalMs = Math.max(1, Number.isFinite(input.intervalMin) ? input.intervalMin : 1) * MINUTE
  const errors = Math.max(0, Math.floor(input.consecutiveErrors || 0))
  let delay = intervalMs
  if (errors > 0) {
    const random = input.random ?? Math.random
    const jitter = 0.8 + 0.4 * Math.min(1, Math.max(0, random()))
    delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(errors - 1, 30) * jitter)
  }
  const retryAfter = Math.min(MAX_RETRY_AFTER_MS, Math.max(0, input.retryAfterMs ?? 0))
  return input.now + Math.round(Math.max(delay, retryAfter))
}

/** A feed is shown as failing (红色提示) after three failures in a row, not after one bad minute. */
export function isFailing(consecutiveErrors: number): boolean {
  return consecutiveErrors >= FAILING_AFTER_ERRORS
}
