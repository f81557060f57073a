import { useState } from 'react'
import { useQuery } from '../../hooks'
import { channelLabel } from '../../../../shared/channels'
import type { MentionDetail } from '../../../../shared/contract/mentions'

const T = {
  label: '回应稿件',
  hint: '关联台账中回应这条舆情的稿件（如情况说明、澄清推文）',
  search: '输入稿件标题关键词或编号',
  link: '关联',
  unlink: '解除关联',
  none: '没有找到稿件'
}

/** The ledger piece that answered a mention: shown when linked, otherwise searched for by title or number. */
export function PieceLink({ piece, busy, onLink }: { piece: MentionDetail['piece']; busy: boolean; onLink: (pieceId: number | null) => void }) {
  const [q, setQ] = useState('')
  const text = q.trim()
  const byId = /^\d+$/.test(text) ? Number(text) : null
  const found = useQuery('piece-list', text && byId === null ? { q: text, limit: 6 } : null)
  const one = useQuery('piece-get', byId !== null ? { id: byId } : null)
  const options = byId !== null ? (one.data ? [one.data] : []) : (found.data?.rows ?? [])
  if (piece) {
    return (
      <div className="piece-link">
        <span className="field-label">{T.label}</span>
        <span className="linked-piece">
          #{piece.id} {piece.title}（{channelLabel(piece.channel)}，{piece.date}）
          <button className="link" disabled={busy} onClick={() => onLink(null)}>{T.unlink}</button>
        </span>
      </div>
    )
  }
  return (
    <div className="piece-link">
      <span className="field-label">{T.label}</span>
      <input type="search" aria-label={T.label} placeholder={T.search} value={q} onChange={(e) => setQ(e.target.value)} />
      <span className="field-hint">{T.hint}</span>
      {text && (
        <ul className="piece-options">
          {options.map((p) => (
            <li key={p.id}>
              <span>#{p.id} {p.title}（{channelLabel(p.channel)}，{p.date}）</span>
              <button disabled={busy} onClick={() => { setQ(''); onLink(p.id) }}>{T.link}</button>
            </li>
          ))}
          {options.length === 0 && !found.loading && !one.loading && <li className="muted">{T.none}</li>}
        </ul>
      )}
    </div>
  )
}
