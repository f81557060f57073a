// 指标与节点 on the dashboard: each quota's progress in its current period (red when the previous period was
// missed) and the deadlines, overdue ones in red.
import { useQuery } from '../hooks'
import { QUOTA_PERIODS } from '../../../shared/contract/quotas'
import './workflow/workflow.css'

const T = {
  title: '指标与节点',
  period: { week: '本周', month: '本月', half: '本半年' } as Record<string, string>,
  of: (a: number, t: number) => `${a} / ${t}`,
  met: '已完成',
  previousMissed: (a: number, t: number) => `上一周期未完成（${a}/${t}）`,
  previousMet: '上一周期已完成',
  off: (why: string) => `${why}周，不考核`,
  previousOff: (why: string) => `上一周期为${why}周，不考核`,
  dueOff: (why: string, last: string) => `（截止日${why}，请于 ${last} 前完成）`,
  none: '尚未设置指标，可在“设置 › 指标与节点”中添加。',
  done: '已完成',
  overdue: '已逾期',
  due: (date: string) => `${date.slice(5).replace('-', '月')}日`
}

export function QuotaPanel() {
  const quotas = useQuery('quota-current', {})
  const deadlines = useQuery('deadline-list', {})
  if (quotas.error) return <div className="form-error">{quotas.error.message}</div>
  if (!quotas.data) return null
  return (
    <section className="quota-panel" aria-label={T.title}>
      <h2>{T.title}</h2>
      {quotas.data.length === 0 && <p className="muted">{T.none}</p>}
      <div className="quotas">
        {quotas.data.map((q) => {
          const pct = Math.min(100, Math.round((q.actual / q.target) * 100))
          return (
            <div key={q.id} className="quota" data-testid="quota">
              <div className="quota-label">{q.label}</div>
              <div className={`bar${q.met ? ' met' : ''}`} role="progressbar" aria-label={q.label} aria-valuenow={q.actual} aria-valuemin={0} aria-valuemax={q.target}>
                <span className={`w-${Math.round(pct / 5) * 5}`} />
              </div>
              <div className="quota-sub">
                <span>{T.period[q.period] ?? QUOTA_PERIODS[q.period]} {T.of(q.actual, q.target)}{q.met ? ` · ${T.met}` : q.off ? ` · ${T.off(q.off)}` : ''}</span>
                <span className={q.previous.met ? '' : 'overdue'}>{q.previous.off ? T.previousOff(q.previous.off) : q.previous.met ? T.previousMet : T.previousMissed(q.previous.actual, q.target)}</span>
              </div>
            </div>
          )
        })}
      </div>
      <ul className="deadlines">
        {(deadlines.data ?? []).map((d) => (
          <li key={d.id} className={d.doneAt ? 'done' : d.overdue ? 'overdue' : ''}>
            {T.due(d.dueDate)} {d.title}
            {d.doneAt ? ` · ${T.done}` : d.overdue ? ` · ${T.overdue}` : ''}
            {!d.doneAt && !d.overdue && d.dueOff ? T.dueOff(d.dueOff.why, d.dueOff.lastWorkday) : ''}
          </li>
        ))}
      </ul>
    </section>
  )
}
