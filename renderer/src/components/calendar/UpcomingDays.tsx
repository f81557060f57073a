// 近期节点: the planning days of the next month, each with 起草 — the normal piece form, prefilled with the day's
// suggested piece (nothing is written until the officer saves it).
import { useQuery } from '../../hooks'
import { CHANNELS } from '../../../../shared/channels'
import { addDays, daysBetween } from '../../../../shared/dates'
import { draftFor, planningDayName, planningDaySpan, type PlanningDay } from '../../../../shared/planning-days'
import type { PieceDefaults } from '../PieceForm'

const T = {
  title: '近期节点',
  hint: (n: number) => `今后 ${n} 天`,
  none: '近期没有节点日',
  draft: '起草',
  draftTitle: (channel: string, title: string) => `起草${channel}：${title}`,
  today: '今天',
  inDays: (n: number) => `${n}天后`,
  running: '进行中'
}

export const UPCOMING_DAYS = 30

function when(d: PlanningDay, today: string): string {
  if (d.from <= today && d.to >= today) return d.from === today ? T.today : T.running
  return T.inDays(daysBetween(today, d.from))
}

export function UpcomingDays({ today, onDraft }: { today: string; onDraft: (defaults: PieceDefaults) => void }) {
  const q = useQuery('planning-days', { from: today, to: addDays(today, UPCOMING_DAYS) })
  const days = q.data?.days ?? []
  return (
    <aside className="cal-upcoming" aria-label={T.title}>
      <h2>{T.title} <span className="muted small">{T.hint(UPCOMING_DAYS)}</span></h2>
      {q.error && <div className="form-error">{q.error.message}</div>}
      {q.data && !days.length && <p className="muted small">{T.none}</p>}
      <ul>
        {days.map((d) => {
          const draft = draftFor(d)
          return (
            <li key={d.key} data-key={d.key}>
              <span className="what">
                <span className="kind">{d.kind}</span>
                {planningDayName(d)}
                <span className="when">{planningDaySpan(d)} · {when(d, today)}</span>
              </span>
              {draft && (
                <button type="button" className="link" title={T.draftTitle(CHANNELS[draft.channel], draft.title)} aria-label={`${T.draft} ${d.name}`} onClick={() => onDraft(draft)}>
                  {T.draft}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </aside>
  )
}
