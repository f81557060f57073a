import { useState } from 'react'
import { useQuery } from '../hooks'
import { PieceForm } from '../components/PieceForm'
import { CHANNELS, CHANNEL_CODES, STATUSES, STATUS_CODES, channelLabel, statusLabel, type Channel, type Status } from '../../../shared/channels'
import type { Profile } from '../../../shared/contract/settings'

const T = { title: '台账', add: '新建记录', all: '全部', search: '搜索标题、正文、备注', total: (n: number) => `共 ${n} 条`, empty: '没有符合条件的记录。', cols: ['日期', '渠道', '标题', '状态', '科室', '作者', '媒体/平台'] }

export function Ledger({ profile, today, route, go }: { profile: Profile; today: string; route: string[]; go: (p: string) => void }) {
  const [channel, setChannel] = useState<Channel | ''>('')
  const [status, setStatus] = useState<Status | ''>('')
  const [q, setQ] = useState('')
  const list = useQuery('piece-list', { channel: channel || undefined, status: status || undefined, q: q || undefined, limit: 200 })
  const editing = route[0] && route[0] !== 'new' ? Number(route[0]) : null
  const current = useQuery('piece-get', editing !== null ? { id: editing } : null)
  const showForm = route[0] === 'new' || (editing !== null && current.data?.id === editing)

  return (
    <section className="page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <button className="primary" onClick={() => go('ledger/new')}>{T.add}</button>
      </header>
      {showForm && (
        <PieceForm
          key={route[0]}
          profile={profile}
          piece={editing !== null ? (current.data ?? undefined) : undefined}
          today={today}
          onSaved={() => {
            list.reload()
            go('ledger')
          }}
          onCancel={() => go('ledger')}
        />
      )}
      <div className="filters">
        <select aria-label="渠道" value={channel} onChange={(e) => setChannel(e.target.value as Channel | '')}>
          <option value="">渠道：{T.all}</option>
          {CHANNEL_CODES.map((c) => (
            <option key={c} value={c}>{CHANNELS[c]}</option>
          ))}
        </select>
        <select aria-label="状态" value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="">状态：{T.all}</option>
          {STATUS_CODES.map((s) => (
            <option key={s} value={s}>{STATUSES[s]}</option>
          ))}
        </select>
        <input type="search" aria-label="搜索" placeholder={T.search} value={q} onChange={(e) => setQ(e.target.value)} />
        <span className="muted">{list.data ? T.total(list.data.total) : ''}</span>
      </div>
      {list.error && <div className="form-error">{list.error.message}</div>}
      <table className="table" aria-label="台账列表">
        <thead>
          <tr>{T.cols.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {list.data?.rows.map((p) => (
            <tr key={p.id} onClick={() => go(`ledger/${p.id}`)} className="clickable">
              <td className="nowrap">{p.date}</td>
              <td className="nowrap"><span className={`chip ch-${p.channel}`}>{channelLabel(p.channel)}</span></td>
              <td className="title-cell">{p.title}</td>
              <td className="nowrap"><span className={`status st-${p.status}`}>{statusLabel(p.status)}</span></td>
              <td>{p.department}</td>
              <td>{p.author}</td>
              <td>{p.venue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data?.rows.length === 0 && <p className="empty">{T.empty}</p>}
    </section>
  )
}
