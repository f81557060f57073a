// The bench's two outputs: a table for a person, one JSON object for a script.
import { cpus, totalmem } from 'node:os'
import Database from 'better-sqlite3'
import { metricJson, targetText, type Metric } from './measure'

export const METRIC_KEYS = [
  'report_halfyear', 'tally_month', 'search_2char', 'search_4char', 'feed_pipeline', 'mention_insert', 'cold_open',
  'peak_rss_mb', 'ledger_first_page', 'main_loop_delay', 'main_loop_max'
] as const
export type MetricKey = (typeof METRIC_KEYS)[number]

export function machine(): Record<string, string | number> {
  const db = new Database(':memory:')
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v
  db.close()
  return {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, ramGb: Math.round(totalmem() / 2 ** 30),
    node: process.version, sqlite, platform: `${process.platform} ${process.arch}`
  }
}

const fmt = (m: Metric, x: number): string => (m.unit === 'items/s' ? `${Math.round(x)}` : m.unit === 'MB' ? x.toFixed(0) : x.toFixed(1))

export function table(metrics: Partial<Record<MetricKey, Metric>>): string {
  const rows = [['指标', '项目', '中位数', '最小', '最大', '基线中位数', '比值', '目标', '结果']]
  for (const key of METRIC_KEYS) {
    const m = metrics[key]
    if (!m) continue
    rows.push([
      key, m.label, `${fmt(m, m.median)} ${m.unit}`, fmt(m, m.min), fmt(m, m.max),
      m.floor ? `${fmt(m, m.floor.median)} ${m.unit}` : '—', m.ratio !== undefined ? `${m.ratio.toFixed(2)}×` : '—',
      targetText(m.target, m.unit),
      m.ok ? '达标' : '未达标'
    ])
  }
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c]))))
  const line = (r: string[]) => r.map((cell, c) => cell + ' '.repeat(widths[c] - width(cell))).join('  ')
  const notes = METRIC_KEYS.filter((k) => metrics[k]?.note || metrics[k]?.floor).map((k) => {
    const m = metrics[k]!
    return `  ${k}: ${[m.note, m.floor ? `基线：${m.floor.label}` : ''].filter(Boolean).join('；')}`
  })
  return [line(rows[0]), ...rows.slice(1).map(line), '', '说明：', ...notes].join('\n')
}

export function json(metrics: Partial<Record<MetricKey, Metric>>, meta: Record<string, unknown>): string {
  const out: Record<string, unknown> = {}
  for (const key of METRIC_KEYS) if (metrics[key]) out[key] = metricJson(metrics[key]!)
  out.meta = meta
  return JSON.stringify(out, null, 2)
}
