// 操作记录: every change to the piece, who made it and when — what the inspection team asks for.
import { useQuery } from '../../hooks'
import { ACTION_LABELS, changeSummary, when } from './labels'
import { auditActionLabel } from '../../../../shared/audit-labels'

const T = { title: '操作记录', none: '暂无记录。' }

export function AuditTrail({ pieceId }: { pieceId: number }) {
  const log = useQuery('audit-list', { entity: 'piece', entityId: String(pieceId) })
  const rows = [...(log.data ?? [])].reverse()
  return (
    <section className="card panel" aria-label={T.title}>
      <h2>{T.title}</h2>
      {log.data && rows.length === 0 && <p className="muted small">{T.none}</p>}
      <ol className="audit">
        {rows.map((e) => (
          <li key={e.id}>
            <div className="when">{when(e.at)} · {e.actor}</div>
            <div className="what">
              <strong>{ACTION_LABELS[e.action] ?? auditActionLabel(e.action)}</strong> {changeSummary(e.action, e.changes)}
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
