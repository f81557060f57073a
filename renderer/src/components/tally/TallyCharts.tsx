import { useMemo } from 'react'
import { EChart } from './EChart'
import { CHANNELS } from '../../../../shared/channels'
import type { TallyView } from '../../../../shared/contract/tallies'

const T = {
  trend: '各渠道月度趋势',
  trendNote: '（条数，只画有记录的渠道）',
  levels: '报送与录用（按媒体级别）',
  submitted: '报送',
  accepted: '录用',
  sentiment: '舆情情感分布',
  noMentions: '本期没有监测到舆情。',
  month: (m: string) => `${Number(m.slice(5))}月`,
  monthYear: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`
}
const LEVELS = ['国家级', '省级', '市级', '县级']
const SENTIMENT_COLORS: Record<string, string> = { 正面: '#16752f', 中性: '#9ca3af', 负面: '#c62828' }
/** A trend with more lines than this is unreadable: the rest are summed into 其他. */
const MAX_LINES = 7

export function TallyCharts({ view }: { view: TallyView }) {
  const { matrix, set } = view
  const trend = useMemo(() => {
    const rows = matrix.rows.filter((r) => r.total > 0).sort((a, b) => b.total - a.total)
    const shown = rows.slice(0, MAX_LINES)
    const rest = rows.slice(MAX_LINES)
    const series: { name: string; type: 'line'; data: number[]; symbolSize: number }[] = shown.map((r) => ({ name: CHANNELS[r.channel], type: 'line', data: r.counts, symbolSize: 6 }))
    if (rest.length) series.push({ name: '其他', type: 'line', data: matrix.months.map((_, i) => rest.reduce((a, r) => a + r.counts[i], 0)), symbolSize: 6 })
    const spansYears = matrix.months[0]?.slice(0, 4) !== matrix.months[matrix.months.length - 1]?.slice(0, 4)
    return {
      tooltip: { trigger: 'axis' },
      // a plain legend wraps onto a second line on narrow paper; a scrolling one would hide channels behind its pager
      legend: { type: 'plain', bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: matrix.months.map(spansYears ? T.monthYear : T.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series
    }
  }, [matrix])

  const levels = useMemo(() => ({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: LEVELS },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: T.submitted, type: 'bar', data: LEVELS.map((l) => set.submissions.submittedByLevel[l] ?? 0), label: { show: true, position: 'top' } },
      { name: T.accepted, type: 'bar', data: LEVELS.map((l) => set.submissions.acceptedByLevel[l] ?? 0), label: { show: true, position: 'top' } }
    ]
  }), [set])

  const sentiment = useMemo(() => ({
    tooltip: { trigger: 'item', formatter: '{b}：{c}条（{d}%）' },
    // names and counts in the legend, counts on the ring: labels outside the ring are cut short on a narrow printout
    legend: { bottom: 0, formatter: (name: string) => `${name} ${set.mentions.bySentiment[name] ?? 0}条` },
    series: [
      {
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['50%', '45%'],
        label: { position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontWeight: 'bold' },
        data: Object.entries(set.mentions.bySentiment).map(([name, value]) => ({ name, value, itemStyle: { color: SENTIMENT_COLORS[name] } }))
      }
    ]
  }), [set])

  return (
    <div className="tally-charts">
      <figure className="card chart-card wide-chart">
        <figcaption>{T.trend}<span className="muted small">{T.trendNote}</span></figcaption>
        <EChart option={trend} label={T.trend} testId="chart-trend" />
      </figure>
      <figure className="card chart-card">
        <figcaption>{T.levels}</figcaption>
        <EChart option={levels} label={T.levels} testId="chart-levels" />
      </figure>
      <figure className="card chart-card">
        <figcaption>{T.sentiment}</figcaption>
        {set.mentions.total > 0 ? <EChart option={sentiment} label={T.sentiment} testId="chart-sentiment" /> : <p className="muted chart-empty">{T.noMentions}</p>}
      </figure>
    </div>
  )
}
