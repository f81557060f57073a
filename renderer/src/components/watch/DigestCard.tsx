import { useState } from 'react'
import { useQuery } from '../../hooks'
import { GradeBadge, SentimentChip } from './Text'

const T = {
  label: '今日简报',
  title: (d: string) => `今日简报（${d}）`,
  line: (total: number, negative: number, held: number) => `今天新增舆情 ${total} 条，其中负面 ${negative} 条${held ? `；静默时段暂存的较大/重大提醒 ${held} 条` : ''}`,
  show: '展开',
  hide: '收起',
  held: '静默时段内的较大/重大舆情',
  rest: '其余新增'
}

/** The in-app daily digest: everything that arrived today, with what quiet hours held back listed first. */
export function DigestCard({ onOpen }: { onOpen: (id: number) => void }) {
  const q = useQuery('watch-digest', {})
  const [open, setOpen] = useState(false)
  const d = q.data
  if (!d || d.total === 0) return null
  const item = (m: (typeof d.rest)[number]) => (
    <li key={m.id}>
      <GradeBadge grade={m.grade} /> <SentimentChip sentiment={m.sentiment} />{' '}
      <button className="link" onClick={() => onOpen(m.id)}>{m.title}</button> <span className="muted small">{m.feedName}</span>
    </li>
  )
  return (
    <section className="card digest" aria-label={T.label}>
      <div className="digest-head">
        <strong>{T.title(d.date)}</strong>
        <span>{T.line(d.total, d.negative, d.held.length)}</span>
        <button className="link" onClick={() => setOpen(!open)}>{open ? T.hide : T.show}</button>
      </div>
      {open && (
        <>
          {d.held.length > 0 && <><h3>{T.held}</h3><ul>{d.held.map(item)}</ul></>}
          {d.rest.length > 0 && <><h3>{T.rest}</h3><ul>{d.rest.map(item)}</ul></>}
        </>
      )}
    </section>
  )
}
