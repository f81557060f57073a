// 代录: the officer records a decision made on paper or by word (a 签批单 signed by 院领导). The reviewer is picked
// from the users who hold the step, or typed when they are not users of the desk; the scan must already be one of
// this piece's 佐证材料 (uploaded in the panel beside). The trail will read 王院长（代录：李干事，附签批单.jpg）.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { useDirty } from '../../unsaved'
import { decidesStep } from '../../../../shared/roles'
import type { ArgsOf, DeskError } from '../../../../shared/contract'

const T = {
  title: (step: string) => `代录“${step}”的纸质或口头审批`,
  hint: '先在“佐证材料”中上传签批单扫描件，再在此选择；代录将记入审核记录、操作日志和导出的台账。',
  reviewer: '审核人',
  pickUser: '从用户中选择…',
  outside: '不是本机用户（手动填写姓名）',
  name: '审核人姓名',
  namePlaceholder: '如：王院长',
  evidence: '签批单（佐证材料）',
  pickEvidence: '请选择已上传的扫描件…',
  noEvidence: '本稿件还没有佐证材料：请先上传签批单扫描件',
  comment: '审批意见',
  commentHint: '照录签批单上的意见；退回时必填',
  approve: '代录：通过',
  reject: '代录：退回',
  cancel: '取消代录'
}

const OUTSIDE = 'outside'

export function ProxyForm({ pieceId, stepName, meId, onDone, onCancel }: { pieceId: number; stepName: string; meId: number | null; onDone: () => void; onCancel: () => void }) {
  const users = useQuery('user-list', {})
  const evidence = useQuery('evidence-list', { pieceId })
  const [who, setWho] = useState('')
  const [name, setName] = useState('')
  const [evidenceId, setEvidenceId] = useState('')
  const [comment, setComment] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const errs = fieldErrors(error)
  const saved = useDirty({ who, name, evidenceId, comment })

  const holders = (users.data ?? []).filter((u) => u.active && u.id !== meId && decidesStep(u, stepName))

  async function decide(decision: 'approve' | 'reject') {
    setBusy(true)
    // Sent as chosen, even incomplete: the handler names what is missing (no scan → 代录须附签批单…).
    const proxy = {
      ...(who === OUTSIDE || who === '' ? { reviewerName: name.trim() } : { reviewerId: Number(who) }),
      ...(evidenceId ? { evidenceId: Number(evidenceId) } : {})
    } as ArgsOf<'review-decide'>['proxy']
    const r = await invoke('review-decide', { id: pieceId, decision, comment, proxy })
    setBusy(false)
    setError(r.ok ? null : r.error)
    if (r.ok) {
      saved()
      onDone()
    }
  }

  const items = evidence.data ?? []
  return (
    <div className="proxy-form" aria-label={T.title(stepName)}>
      <strong>{T.title(stepName)}</strong>
      <p className="muted small">{T.hint}</p>
      <label className={`field${errs['proxy.reviewerId'] ? ' has-error' : ''}`} data-field="proxy.reviewerId">
        <span className="field-label">{T.reviewer}</span>
        <select value={who} onChange={(e) => setWho(e.target.value)}>
          <option value="">{T.pickUser}</option>
          {holders.map((u) => (
            <option key={u.id} value={String(u.id)}>{u.name}</option>
          ))}
          <option value={OUTSIDE}>{T.outside}</option>
        </select>
        {errs['proxy.reviewerId'] && <span className="field-error" role="alert">{errs['proxy.reviewerId']}</span>}
      </label>
      {(who === OUTSIDE || who === '') && (
        <label className={`field${errs['proxy.reviewerName'] ? ' has-error' : ''}`} data-field="proxy.reviewerName">
          <span className="field-label">{T.name}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={T.namePlaceholder} />
          {errs['proxy.reviewerName'] && <span className="field-error" role="alert">{errs['proxy.reviewerName']}</span>}
        </label>
      )}
      <label className={`field${errs['proxy.evidenceId'] ? ' has-error' : ''}`} data-field="proxy.evidenceId">
        <span className="field-label">{T.evidence}</span>
        {items.length === 0 ? (
          <span className="muted small">{T.noEvidence}</span>
        ) : (
          <select value={evidenceId} onChange={(e) => setEvidenceId(e.target.value)}>
            <option value="">{T.pickEvidence}</option>
            {items.map((e) => (
              <option key={e.id} value={String(e.id)}>{e.fileName}</option>
            ))}
          </select>
        )}
        {errs['proxy.evidenceId'] && <span className="field-error" role="alert">{errs['proxy.evidenceId']}</span>}
      </label>
      <label className={`field${errs.comment ? ' has-error' : ''}`} data-field="comment">
        <span className="field-label">{T.comment}</span>
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={T.commentHint} />
        {errs.comment && <span className="field-error" role="alert">{errs.comment}</span>}
      </label>
      {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      <div className="row">
        <button className="primary" disabled={busy} onClick={() => void decide('approve')}>{T.approve}</button>
        <button disabled={busy} onClick={() => void decide('reject')}>{T.reject}</button>
        <button className="link" disabled={busy} onClick={onCancel}>{T.cancel}</button>
      </div>
    </div>
  )
}
