// 规范表述校对: each wrong form found in the piece with its suggested form. Only a warning, never a block.
import { useQuery } from '../../hooks'

const T = {
  title: '规范表述校对',
  none: '未发现需要注意的表述。',
  field: { title: '标题', body: '正文', notes: '备注' } as Record<string, string>,
  suggest: '建议写作'
}

export function ProofHits({ pieceId }: { pieceId: number }) {
  const q = useQuery('piece-proofread', { id: pieceId })
  const hits = q.data?.hits ?? []
  return (
    <div className="proof" aria-label={T.title}>
      <h3>{T.title}{hits.length > 0 && <span className="badge hot">{hits.length}</span>}</h3>
      {q.data && hits.length === 0 && <p className="muted small">{T.none}</p>}
      <ul className="hits">
        {hits.map((h) => (
          <li key={`${h.field}-${h.index}-${h.wrong}`}>
            <span className="wrong">{h.wrong}</span> → {T.suggest} <span className="right">{h.right}</span>
            <div className="where">
              {T.field[h.field]}：…{h.context}…{h.note ? `（${h.note}）` : ''}
            </div>
          </li>
        ))}
      </ul>
      {q.data?.warnings.map((w) => <p key={w} className="warn-note" role="note">{w}</p>)}
    </div>
  )
}
