// Timing and the shape of one bench figure. Every measurement is run once to warm up (statements prepared,
// pages cached) and then RUNS times; we keep the median, which two busy cores disturb far less than the mean.

export const RUNS = 5

export interface Sample { median: number; min: number; max: number; runs: number[] }

export function summarize(values: number[]): Sample {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values }
}

/** Milliseconds of `fn` over `runs` runs after `warmup` untimed runs. `setup` runs before each, untimed. */
export async function timeIt(
  fn: (i: number) => unknown | Promise<unknown>,
  o: { runs?: number; warmup?: number; setup?: (i: number) => unknown; teardown?: (i: number) => unknown } = {}
): Promise<Sample> {
  const runs = o.runs ?? RUNS
  const warmup = o.warmup ?? 1
  const values: number[] = []
  for (let i = 0; i < warmup + runs; i++) {
    await o.setup?.(i)
    const t0 = performance.now()
    await fn(i)
    const ms = performance.now() - t0
    await o.teardown?.(i)
    if (i >= warmup) values.push(ms)
  }
  return summarize(values)
}

/**
 * Ours and its floor, run in turns (ours first on even rounds, the floor first on odd ones) so that a burst of load
 * from another process lands on both rather than skewing the ratio; round 0 warms both up.
 */
export async function timePair(ours: () => unknown, floor: () => unknown, runs = RUNS): Promise<{ ours: Sample; floor: Sample }> {
  const a: number[] = []
  const b: number[] = []
  const once = async (fn: () => unknown): Promise<number> => {
    const t0 = performance.now()
    await fn()
    return performance.now() - t0
  }
  for (let i = 0; i <= runs; i++) {
    let x: number
    let y: number
    if (i % 2 === 0) {
      x = await once(ours)
      y = await once(floor)
    } else {
      y = await once(floor)
      x = await once(ours)
    }
    if (i > 0) {
      a.push(x)
      b.push(y)
    }
  }
  return { ours: summarize(a), floor: summarize(b) }
}

/** How a figure is judged: at most `value` ms/MB, at most `value` × floor, or at least `value` × floor. */
export type Target =
  | { kind: 'max'; value: number }
  | { kind: 'max-ratio'; value: number }
  | { kind: 'min-ratio'; value: number }

export interface Metric {
  label: string
  unit: 'ms' | 'MB' | 'items/s'
  median: number
  min: number
  max: number
  floor?: { label: string; median: number; min: number; max: number }
  /** median / floor median (for a rate, our rate over the floor's rate). */
  ratio?: number
  target: Target
  ok: boolean
  /** What was measured, in a few words (sizes, hit counts), for the table. */
  note?: string
  /** Supporting figures (stages, scroll checks) that go into the JSON as they are. */
  extra?: Record<string, number>
}

export function metric(
  label: string, unit: Metric['unit'], s: Sample, target: Target,
  extra: { floor?: Sample & { label: string }; note?: string; extra?: Record<string, number> } = {}
): Metric {
  const m: Metric = { label, unit, median: s.median, min: s.min, max: s.max, target, ok: false, note: extra.note, extra: extra.extra }
  if (extra.floor) {
    const f = extra.floor
    m.floor = { label: f.label, median: f.median, min: f.min, max: f.max }
    m.ratio = s.median / f.median
  }
  m.ok = target.kind === 'max' ? s.median <= target.value
    : target.kind === 'max-ratio' ? (m.ratio ?? Infinity) <= target.value
    : (m.ratio ?? 0) >= target.value
  return m
}

export function targetText(t: Target, unit = ''): string {
  return t.kind === 'max' ? `≤ ${t.value}${unit ? ` ${unit}` : ''}` : t.kind === 'max-ratio' ? `≤ ${t.value}× 基线` : `≥ ${t.value}× 基线`
}

const round = (x: number): number => (x >= 100 ? Math.round(x) : Math.round(x * 100) / 100)

/** The metric as JSON: rounded numbers, no per-run lists. */
export function metricJson(m: Metric): Record<string, unknown> {
  const out: Record<string, unknown> = { median: round(m.median), min: round(m.min), max: round(m.max), unit: m.unit }
  if (m.floor) {
    out.floor_median = round(m.floor.median)
    out.floor = m.floor.label
    out.ratio = Math.round((m.ratio ?? 0) * 1000) / 1000
  }
  out.target = targetText(m.target, m.unit)
  out.ok = m.ok
  for (const [k, v] of Object.entries(m.extra ?? {})) out[k] = round(v)
  if (m.note) out.note = m.note
  return out
}
