// 今日待办 on the dashboard: scheduled pieces due today (and overdue ones), pieces waiting for review, pieces
// returned by a reviewer, and deadlines near or past.
import { useQuery } from '../hooks'
import { channelLabel } from '../../../shared/channels'
import './workflow/workflow.css'

const T = {
  title: '今日待办',
  due: '今日到期的排期',
  review: '待审核',
  returned: '退回待修改',
  deadlines: '报送节点',
  none: '无',
  overdue: (d: string) => `逾期（${d}）`,
  waitingAt: (s: string) => `等待${s}`,
  daysLeft: (n: number) => (n === 0 ? '今天截止' : n > 0 ? `还有 ${n} 天` : `已逾期 ${-n} 天`),
  workdays: (n: number) => `（${n} 个工作日）`,
  dueOff: (why: string, last: string) => `截止日${why}，请于 ${last} 前完成`
}

export function TodayPanel() {
  const { data, error } = useQuery('today-list', {})
  if (error) return <div className="form-error">{error.message}</div>
  if (!data) return null
  const link = (id: number) => `#/calendar/${id}`
  return (
    <section className="today-panel" aria-label={T.title}>
      <h2>{T.title}</h2>
      <div className="today-grid">
        <section>
          <h3>{T.due}<span className={`badge${data.due.length ? ' hot' : ''}`}>{data.due.length}</span></h3>
          <ul>
            {data.due.map((p) => (
              <li key={p.id} className={p.overdue ? 'overdue' : ''}>
                <a href={link(p.id)}>{channelLabel(p.channel)} · {p.title}</a>
                {p.overdue && <div className="small">{T.overdue(p.date)}</div>}
              </li>
            ))}
            {data.due.length === 0 && <li className="muted">{T.none}</li>}
          </ul>
        </section>
        <section>
          <h3>{T.review}<span className={`badge${data.awaitingReview.length ? ' hot' : ''}`}>{data.awaitingReview.length}</span></h3>
          <ul>
            {data.awaitingReview.map((p) => (
              <li key={p.id}>
                <a href={link(p.id)}>{p.title}</a>
                <div className="muted small">{T.waitingAt(p.stepName)}</div>
              </li>
            ))}
            {data.awaitingReview.length === 0 && <li className="muted">{T.none}</li>}
          </ul>
        </section>
        <section>
          <h3>{T.returned}<span className="badge">{data.returned.length}</span></h3>
          <ul>
            {data.returned.map((p) => (
              <li key={p.id}>
                <a href={link(p.id)}>{p.title}</a>
                <div className="muted small">{p.comment}</div>
              </li>
            ))}
            {data.returned.length === 0 && <li className="muted">{T.none}</li>}
          </ul>
        </section>
        <section>
          <h3>{T.deadlines}<span className="badge">{data.deadlines.length}</span></h3>
          <ul>
            {data.deadlines.map((d) => (
              <li key={d.id} className={d.overdue ? 'overdue' : ''}>
                {d.title}
                <div className="small">{d.dueDate} · {T.daysLeft(d.daysLeft)}{d.daysLeft > 0 && d.workdaysLeft !== d.daysLeft + 1 ? T.workdays(d.workdaysLeft) : ''}</div>
                {d.dueOff && !d.overdue && <div className="small warn-text">{T.dueOff(d.dueOff.why, d.dueOff.lastWorkday)}</div>}
              </li>
            ))}
            {data.deadlines.length === 0 && <li className="muted">{T.none}</li>}
          </ul>
        </section>
      </div>
    </section>
  )
}
