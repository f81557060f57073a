import { join } from 'node:path'

/** Bump when the generator writes something different: an older file is then regenerated, never reused. */
export const GENERATOR_VERSION = 2
export const BENCH_SEED = 20160101

export type SizeName = 'full' | 'small'
export interface Size { name: SizeName; pieces: number; mentions: number; feeds: number }

export const SIZES: Record<SizeName, Size> = {
  full: { name: 'full', pieces: 100_000, mentions: 1_000_000, feeds: 500 },
  // CI runs this once so the bench never rots: every path of the full size, small enough to generate and measure
  // in well under a minute on two cores.
  small: { name: 'small', pieces: 2_000, mentions: 30_000, feeds: 50 }
}

/**
 * Ten years of work, 2016–2025. The bench's "today" is the last day of the ten years, when the office tallies
 * December and drafts the 2025下半年 report: the current month and half-year are full.
 */
export const FIRST_MONTH = '2016-01'
export const LAST_MONTH = '2025-12'
export const BENCH_NOW = '2025-12-31T02:00:00.000Z'
export const REPORT_HALF = { from: '2025-07-01', to: '2025-12-31', label: '2025H2' }
export const TALLY_MONTH = '2025-12'

export function defaultFile(size: SizeName): string {
  return join(process.cwd(), '.bench', size === 'full' ? 'desk-10y.sqlite' : 'desk-10y-small.sqlite')
}

export interface GeneratorStamp { version: number; size: SizeName; pieces: number; mentions: number; feeds: number; seconds: number }
