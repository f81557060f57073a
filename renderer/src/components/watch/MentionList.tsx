import { useEffect, useRef, useState } from 'react'
import { useQuery } from '../../hooks'
import { useShortcut } from '../../keymap'
import { GRADES, MENTION_STATUSES, MENTION_STATUS_CODES, SENTIMENTS } from '../../../../shared/watch'
import type { ArgsOf } from '../../../../shared/contract'
import { GradeBadge, Highlighted, SentimentChip, chinaTime } from './Text'
import { DateInput } from '../DateInput'

const T = {
  open: '未办结',
  all: '全部状态',
  anyGrade: '全部级别',
  anySentiment: '全部情感',
  anyFeed: '全部订阅源',
  from: '开始日期',
  to: '结束日期',
  search: '搜索标题和摘要（任意长度中文）',
  total: (n: number, shown: number, capped?: boolean) => (capped ? `超过 ${n} 条，显示最新的 ${shown} 条` : n > shown ? `共 ${n} 条，显示前 ${shown} 条` : `共 ${n} 条`),
  empty: '没有符合条件的舆情。',
  emptyOpen: '没有待处理的舆情。新抓取到的相关内容会出现在这里。',
  sources: (n: number) => `${n} 个来源`,
  escalated: '已上报领导',
  removedFeed: '（订阅源已删除）',
  find: '搜索舆情',
  status: '状态',
  grade: '级别',
  sentiment: '情感',
  feed: '订阅源',
  till: '至',
  list: '舆情列表',
  openPrefix: '打开：',
  assignee: (name: string) => `责任人：${name}`
}

type Status = ArgsOf<'mention-list'>['status']

export function MentionList({ escalated, selected, onSelect }: { escalated?: boolean; selected: number | null; onSelect: (id: number) => void }) {
  const [status, setStatus] = useState<Status>(escalated ? 'all' : 'open')
  const [grade, setGrade] = useState('')
  const [sentiment, setSentiment] = useState('')
  const [feedId, setFeedId] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [q, setQ] = useState('')
  const feeds = useQuery('feed-list', {})
  const args: ArgsOf<'mention-list'> = {
    status, escalated: escalated || undefined, grade: (grade || undefined) as ArgsOf<'mention-list'>['grade'],
    sentiment: (sentiment || undefined) as ArgsOf<'mention-list'>['sentiment'], feedId: feedId ? Number(feedId) : undefined,
    from: from || undefined, to: to || undefined, q: q.trim() || undefined, limit: 200
  }
  // A change in the detail panel, a poll or another window reloads it in place, the filters kept.
  const list = useQuery('mention-list', args)
  // J / K (keymap.ts): the next or previous mention opens beside the list, its row focused.
  const rowsRef = useRef<HTMLUListElement>(null)
  const searchBox = useRef<HTMLInputElement>(null)
  // Keys can come faster than the page follows the route: each press moves on from the last one asked for.
  const cursor = useRef(selected)
  useEffect(() => void (cursor.current = selected), [selected])
  const step = (by: number): void => {
    const rows = list.data?.rows ?? []
    if (!rows.length) return
    const at = rows.findIndex((m) => m.id === cursor.current)
    const next = at < 0 ? (by > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + by))
    rowsRef.current?.querySelectorAll<HTMLButtonElement>('button.mention-open')[next]?.focus()
    if (rows[next].id === cursor.current) return
    cursor.current = rows[next].id
    onSelect(rows[next].id)
  }
  useShortcut('mention-next', () => step(1))
  useShortcut('mention-prev', () => step(-1))
  useShortcut('search', () => searchBox.current?.focus())
  return (
    <div className="mention-list">
      <div className="filters mention-filters">
        <input ref={searchBox} type="search" aria-label={T.find} placeholder={T.search} value={q} onChange={(e) => setQ(e.target.value)} />
        <select aria-label={T.status} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          <option value="open">{T.open}</option>
          <option value="all">{T.all}</option>
          {MENTION_STATUS_CODES.map((s) => <option key={s} value={s}>{MENTION_STATUSES[s]}</option>)}
        </select>
        <select aria-label={T.grade} value={grade} onChange={(e) => setGrade(e.target.value)}>
          <option value="">{T.anyGrade}</option>
          {GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
        <select aria-label={T.sentiment} value={sentiment} onChange={(e) => setSentiment(e.target.value)}>
          <option value="">{T.anySentiment}</option>
          {SENTIMENTS.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <select aria-label={T.feed} value={feedId} onChange={(e) => setFeedId(e.target.value)}>
          <option value="">{T.anyFeed}</option>
          {feeds.data?.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
        <DateInput label={T.from} value={from} onChange={setFrom} />
        <span className="muted">{T.till}</span>
        <DateInput label={T.to} value={to} onChange={setTo} />
        <span className="muted">{list.data ? T.total(list.data.total, list.data.rows.length, list.data.totalCapped) : ''}</span>
      </div>
      {list.error && <div className="form-error">{list.error.message}</div>}
      <ul ref={rowsRef} className="mentions" aria-label={T.list}>
        {list.data?.rows.map((m) => (
          <li key={m.id} className={`mention-row${m.id === selected ? ' selected' : ''} st-${m.status}`}>
            {/* named by what it shows (打开：标题, the grade, the source…), so the spoken name matches the visible one */}
            <button className="mention-open" onClick={() => onSelect(m.id)}>
              <span className="mention-badges">
                <GradeBadge grade={m.grade} manual={m.gradeManual} />
                <SentimentChip sentiment={m.sentiment} manual={m.sentimentManual} />
              </span>
              <span className="mention-main">
                {/* 打开： is spoken, not shown (a zero-size ::before): the title's own text stays just the title */}
                <span className="mention-title" data-prefix={T.openPrefix}><Highlighted segments={m.titleSegments} /></span>
                <span className="mention-meta">
                  {m.feedName || T.removedFeed}
                  {m.sourceCount > 1 && <span className="chip">{T.sources(m.sourceCount)}</span>}
                  {m.gradeReason && <span className="grade-reason">{m.gradeReason}</span>}
                  <span>{chinaTime(m.publishedAt)}</span>
                  {m.assignee && <span>{T.assignee(m.assignee)}</span>}
                  {m.escalated && <span className="flag">{T.escalated}</span>}
                </span>
              </span>
              <span className={`mstatus ms-${m.status}`}>{MENTION_STATUSES[m.status]}</span>
            </button>
          </li>
        ))}
      </ul>
      {list.data?.rows.length === 0 && <p className="empty">{status === 'open' && !q ? T.emptyOpen : T.empty}</p>}
    </div>
  )
}
