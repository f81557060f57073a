import { describe, it, expect } from 'vitest'
import { readStoredPeriod, storedPeriod } from '../../renderer/src/components/tally/stored-period'

const TODAY = '2023-06-15'

describe('the period the tally remembers', () => {
  it('reads back what it stored, as the canonical code', () => {
    for (const code of ['2023-04', '2023Q2', '2023H1', '2022', '2023-01-01..2023-03-31']) expect(readStoredPeriod(storedPeriod(code), TODAY)).toBe(code)
    expect(readStoredPeriod(storedPeriod('2023上半年'), TODAY)).toBe('2023H1')
    // the month running today may be looked at; it has begun
    expect(readStoredPeriod(storedPeriod('2023-06'), TODAY)).toBe('2023-06')
  })

  it('ignores anything else safely: nothing, not JSON, the wrong shape, not a period, a period not yet begun', () => {
    for (const raw of [null, '', '{', 'null', '"2023-04"', '[]', '{"period":5}', '{"period":"2023-13"}', '{"period":"下个月"}', '{"period":"1800-01"}', storedPeriod('2023-07'), storedPeriod('x'.repeat(500))]) {
      expect(readStoredPeriod(raw, TODAY)).toBeNull()
    }
  })
})
