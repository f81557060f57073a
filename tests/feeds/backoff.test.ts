import { describe, expect, it } from 'vitest'
import { MAX_BACKOFF_MS, MAX_RETRY_AFTER_MS, isFailing, nextFetchAt } from '../../services/feeds/backoff'

const now = Date.parse('2024-06-01T00:00:00Z')
const MIN = 60_000
const mid = () => 0.5 // jitter factor exactly 1

describe('nextFetchAt', () => {
  it('schedules the next fetch one interval after a success', () => {
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 0 })).toBe(now + 30 * MIN)
  })

  it('backs off exponentially from the interval after errors', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => nextFetchAt({ now, intervalMin: 30, consecutiveErrors: n, random: mid }) - now)
    expect(delays).toEqual([30, 60, 120, 240, 480].map((m) => m * MIN))
  })

  it('jitters errors by ±20 % only', () => {
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 2, random: () => 0 }) - now).toBe(48 * MIN)
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 2, random: () => 0.999999 }) - now).toBe(Math.round(60 * MIN * (0.8 + 0.4 * 0.999999)))
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 0, random: () => 0 }) - now).toBe(30 * MIN)
  })

  it('never waits more than 24 hours, however many errors', () => {
    expect(nextFetchAt({ now, intervalMin: 60, consecutiveErrors: 12, random: () => 0.99 }) - now).toBe(MAX_BACKOFF_MS)
    expect(nextFetchAt({ now, intervalMin: 60, consecutiveErrors: 10_000, random: mid }) - now).toBe(MAX_BACKOFF_MS)
  })

  it('honours Retry-After: never earlier, even on success or beyond the backoff cap', () => {
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 1, retryAfterMs: 2 * 3600_000, random: mid })).toBe(now + 2 * 3600_000)
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 1, retryAfterMs: 60_000, random: mid })).toBe(now + 30 * MIN)
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 12, retryAfterMs: 48 * 3600_000, random: mid })).toBe(now + 48 * 3600_000)
    expect(nextFetchAt({ now, intervalMin: 30, consecutiveErrors: 1, retryAfterMs: 365 * 24 * 3600_000, random: mid })).toBe(now + MAX_RETRY_AFTER_MS)
  })

  it('treats nonsense intervals as one minute', () => {
    for (const intervalMin of [0, -5, Number.NaN]) {
      expect(nextFetchAt({ now, intervalMin, consecutiveErrors: 0 })).toBe(now + MIN)
    }
  })
})

describe('isFailing', () => {
  it('flags a feed after three failures in a row', () => {
    expect([0, 1, 2, 3, 4].map(isFailing)).toEqual([false, false, false, true, true])
  })
})
