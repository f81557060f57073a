// 指标完成情况 in plain words — 本月 10 篇，目标 8 篇，已达标 — worded by shared/tally-reading.ts, as the report's
// figure list words it. The count opens the pieces it counted.
import { Num, type Drill } from './Figures'
import { readQuota, type QuotaState } from '../../../../shared/tally-reading'
import type { TallyView } from '../../../../shared/contract/tallies'

const T = {
  title: '指标完成情况',
  cols: ['指标', '完成情况'],
  none: '尚未设置考核指标（可在“设置”中添加）。'
}
const TONE: Record<QuotaState, string> = { met: 'ok-text', short: 'warn-text', unjudged: 'muted' }

export function QuotaTable({ view, drill }: { view: TallyView; drill: Drill }) {
  const quotas = view.set.quotas
  return (
    <section className="card figure-card quota-card" aria-label={T.title}>
      <h3>{T.title}</h3>
      {quotas.length === 0 ? (
        <p className="muted small">{T.none}</p>
      ) : (
        <table className="fig-table quota-table" aria-label={T.title}>
          <thead><tr>{T.cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {quotas.map((q) => {
              const r = readQuota(q, view.period.code)
              return (
                <tr key={q.id} data-testid="quota-line" data-state={r.state}>
                  <td>{q.label}</td>
                  <td className="quota-reading">
                    {r.span} <Num value={r.actual} period={view.period.code} fkey={`quota.${q.id}`} drill={drill} /> {r.unit}，{r.target}，<span className={`quota-verdict ${TONE[r.state]}`}>{r.verdict}</span>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </section>
  )
}
