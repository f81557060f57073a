// One piece in full: its form, its review (chain, actions, proofreading, rounds), its evidence and its audit
// trail. The ledger opens it for #/ledger/<id>; the calendar opens it beside the month.
import { useState } from 'react'
import { useQuery } from '../hooks'
import { PieceForm } from './PieceForm'
import { ReviewPanel } from './workflow/ReviewPanel'
import { EvidencePanel } from './workflow/EvidencePanel'
import { AuditTrail } from './workflow/AuditTrail'
import { SeriesPanel } from './workflow/SeriesPanel'
import { DeletePieceDialog } from './ledger/DeletePieceDialog'
import { useCan } from '../session'
import { channelLabel, statusLabel } from '../../../shared/channels'
import type { Profile } from '../../../shared/contract/app'
import './workflow/workflow.css'

const T = {
  loading: '正在打开…',
  close: '关闭',
  id: (n: number) => `编号 ${n}`,
  saved: '已保存',
  backfill: '补录',
  backfillHint: '补录：登记时已完成，未在工作台内送审',
  remove: '删除记录',
  removeHint: '移入回收站（可恢复）',
  label: (title: string) => `稿件详情：${title}`
}

// Every panel reads through useQuery, so a save here (or anywhere) reloads what it changed: the piece, its
// review, evidence and trail, and the ledger or calendar behind the drawer.
export function PieceDetail({ id, profile, today, onClose }: { id: number; profile: Profile; today: string; onClose: () => void }) {
  const piece = useQuery('piece-get', { id })
  const [saved, setSaved] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const can = useCan()
  /** Another step taken in the drawer: the form's 已保存 no longer describes the last thing done. */
  const acted = () => setSaved(false)

  if (piece.error) {
    return (
      <section className="piece-detail">
        <div className="form-error" role="alert">{piece.error.message}</div>
        <div className="actions"><button onClick={onClose}>{T.close}</button></div>
      </section>
    )
  }
  const p = piece.data
  if (!p || p.id !== id) return <section className="piece-detail loading">{T.loading}</section>
  // The form starts again only when the piece itself changed (a review moved its status, the calendar its
  // date), not when evidence was added, so typing in progress is kept.
  const { updatedAt: _u, updatedBy: _b, ...content } = p
  const formKey = JSON.stringify(content)
  return (
    <section className="piece-detail" aria-label={T.label(p.title)}>
      <header className="detail-head">
        <span className={`chip ch-${p.channel}`}>{channelLabel(p.channel)}</span>
        <h1>{p.title}</h1>
        <span className={`status st-${p.status}`} data-testid="detail-status">{statusLabel(p.status)}</span>
        {p.backfill && <span className="backfill-tag" title={T.backfillHint} data-testid="detail-backfill">{T.backfill}</span>}
        <span className="muted small">{T.id(p.id)}</span>
        {saved && <span className="ok-text">{T.saved}</span>}
        {can('piece-delete') && <button className="danger-button" title={T.removeHint} onClick={() => setDeleting(true)}>{T.remove}</button>}
        <button onClick={onClose}>{T.close}</button>
      </header>
      {deleting && <DeletePieceDialog id={p.id} onDone={onClose} onCancel={() => setDeleting(false)} />}
      <div className="detail-cols">
        <div>
          <PieceForm
            key={formKey}
            profile={profile}
            piece={p}
            today={today}
            onSaved={() => setSaved(true)}
            onCancel={onClose}
          />
          <EvidencePanel pieceId={p.id} onActed={acted} />
        </div>
        <div>
          {p.seriesId !== null && <SeriesPanel piece={p} />}
          <ReviewPanel piece={p} onActed={acted} />
          <AuditTrail pieceId={p.id} />
        </div>
      </div>
    </section>
  )
}
