import { useState } from 'react'
import { useQuery } from '../../hooks'
import { GRADES, MENTION_STATUSES, MENTION_STATUS_CODES, SENTIMENTS } from '../../../../shared/watch'
import type { ArgsOf } from '../../../../shared/contract'
import { GradeBadge, Highlighted, SentimentChip, chinaTime } from './Text'

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
  openItem: (title: string) => `打开：${title}`,
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
  return (
    <div className="mention-list">
      <div className="filters mention-filters">
        <input type="search" aria-label={T.find} placeholder={T.search} value={q} onChange={(e) => setQ(e.target.value)} />
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
        <input type="date" aria-label={T.from} value={from} onChange={(e) => setFrom(e.target.value)} />
        <span className="muted">{T.till}</span>
        <input type="date" aria-label={T.to} value={to} onChange={(e) => setTo(e.target.value)} />
        <span className="muted">{list.data ? T.total(list.data.total, list.data.rows.length, list.data.totalCapped) : ''}</span>
      </div>
      {list.error && <div className="form-error">{list.error.message}</div>}
      <ul className="mentions" aria-label={T.list}>
        {list.data?.rows.map((m) => (
          <li key={m.id} className={`mention-row${m.id === selected ? ' selected' : ''} st-${m.status}`}>
            <button className="mention-open" onClick={() => onSelect(m.id)} aria-label={T.openItem(m.title)}>
              <span className="mention-badges">
                <GradeBadge grade={m.grade} manual={m.gradeManual} />
                <SentimentChip sentiment={m.sentiment} manual={m.sentimentManual} />
              </span>
              <span className="mention-main">
                <span className="mention-title"><Highlighted segments={m.titleSegments} /></span>
                <span className="mention-meta">
                  {m.feedName || T.removedFeed}
                  {m.sourceCount > 1 && <span className="chip">{T.sources(m.sourceCount)}</span>}
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
