// 审核: the piece's chain, the actions its status allows and the signed-in user may take (送审; 通过 / 退回 for the
// reviewer who holds the open step; 代录 for an officer; 管理员越级发布 for an administrator; the ordinary next
// steps such as 排期 and 发布), the proofreading hits and the history of rounds.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { ProofHits } from './ProofHits'
import { ProxyForm } from './ProxyForm'
import { ReviewTrail } from './ReviewTrail'
import { useWho } from './who'
import { ConfirmSave, confirmWarnings } from './ConfirmSave'
import { offerUndo } from '../Toast'
import { STATUSES, finalStatusesFor, type Status } from '../../../../shared/channels'
import { nextStatuses, stepLevel } from '../../../../shared/workflow'
import { decidesStep, hasRole } from '../../../../shared/roles'
import type { DeskError } from '../../../../shared/contract'
import type { Piece } from '../../../../shared/contract/pieces'
import type { SubmitResult } from '../../../../shared/contract/review'

const T = {
  title: '审核',
  chain: '审核流程',
  noChain: '本渠道无需审核',
  submit: '送审',
  submitHint: '送审时自动校对规范表述，只提示，不阻止送审。',
  waiting: (s: string) => `等待：${s}`,
  notYours: (s: string) => `“${s}”须由负责该步骤的审核人登录后决定。`,
  asYou: (name: string) => `以“${name}”的身份审核`,
  proxy: '代录纸质或口头审批…',
  changed: (fields: string) => `审核通过后${fields}有变动：发布前须重新送审。`,
  resubmit2: '重新送审',
  comment: '审核意见',
  commentHint: '退回时必填，作者会看到',
  approve: '通过',
  reject: '退回',
  rejected: (step: string, who: string) => `${step}退回（${who}）：`,
  resubmit: '按意见修改后，可再次送审（开始新一轮审核）。',
  moves: '状态变更',
  moveTo: (s: string) => `改为“${s}”`,
  override: '管理员越级发布',
  overrideHint: '跳过未完成的审核步骤，须写明理由；将记入审核记录和操作日志。',
  overrideTo: '改为',
  reason: '理由',
  overrideGo: '确认越级',
  sent: (round: number) => `已送审（第 ${round} 轮）`,
  moveYes: '确定修改',
  moved: (title: string, s: string) => `已将《${title}》改为“${s}”`
}

export function ReviewPanel({ piece, onActed }: { piece: Piece; onActed: () => void }) {
  const state = useQuery('review-history', { id: piece.id })
  const chains = useQuery('review-chains-get', {})
  const who = useWho()
  const [proxying, setProxying] = useState(false)
  const [comment, setComment] = useState('')
  const [reason, setReason] = useState('')
  const [overrideTo, setOverrideTo] = useState<Status>(finalStatusesFor(piece.channel)[0])
  const [showOverride, setShowOverride] = useState(false)
  const [sent, setSent] = useState<SubmitResult | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const errs = fieldErrors(error)

  async function act(run: () => Promise<{ ok: boolean; error?: DeskError }>) {
    setBusy(true)
    const r = await run()
    setBusy(false)
    setError(r.ok ? null : (r.error ?? null))
    if (r.ok) {
      setComment('')
      setReason('')
      setShowOverride(false)
      setProxying(false)
      onActed()
    }
  }

  const submit = () =>
    act(async () => {
      const r = await invoke('review-submit', { id: piece.id })
      if (r.ok) setSent(r.value)
      return r
    })
  const decide = (decision: 'approve' | 'reject') => act(() => invoke('review-decide', { id: piece.id, decision, comment }))
  // A status change in a month the secretary signed asks first (details.confirm), like the form's save.
  const [asking, setAsking] = useState<{ status: Status; warnings: string[] } | null>(null)
  const move = (status: Status, confirm = false) =>
    act(async () => {
      setAsking(null)
      const r = await invoke('piece-set-status', { id: piece.id, status, confirm })
      const warnings = r.ok ? null : confirmWarnings(r.error)
      if (warnings) {
        setAsking({ status, warnings })
        return { ok: false }
      }
      if (r.ok) {
        const undo = r.value.undo
        offerUndo(T.moved(piece.title, STATUSES[status]), undo && (() => invoke('piece-undo', undo)))
      }
      return r
    })
  const override = () => act(() => invoke('review-override', { id: piece.id, status: overrideTo, reason }))

  const s = state.data
  const chain = s?.chain ?? []
  const chainEmpty = (chains.data?.chains[piece.channel] ?? ['?']).length === 0
  const moves = nextStatuses(piece.channel, piece.status, chainEmpty).filter((x) => x !== 'draft' && x !== 'pending' && x !== 'withdrawn')
  const canOverride = who.can('review-override') && chain.length > 0 && ['draft', 'pending', 'withdrawn'].includes(piece.status)
  const mine = !!s?.open && decidesStep(who.user, s.open.stepName)
  const officer = hasRole(who.user, 'officer')
  const changed = s?.changedSinceApproval ?? []
  const openRound = s?.open ? s.rounds.find((r) => r.round === s.open!.round) : undefined

  function stepClass(i: number): string {
    const row = openRound?.rows.find((r) => r.step === i + 1)
    if (row?.decision === 'approved') return 'step done'
    if (row && s?.open?.step === i + 1) return 'step open'
    return 'step'
  }

  return (
    <section className="card panel" aria-label={T.title}>
      <h2>{T.title}</h2>
      <div className="chain" aria-label={T.chain}>
        {chain.length === 0 && <span className="muted">{T.noChain}</span>}
        {chain.map((name, i) => (
          <span key={name} className="chain-item">
            {i > 0 && <span className="arrow">→ </span>}
            <span className={stepClass(i)} title={stepLevel(i, chain.length)}>{name}</span>
          </span>
        ))}
      </div>

      {s?.rejection && (
        <div className="rejection" role="note">
          <strong>{T.rejected(s.rejection.stepName, s.rejection.reviewer)}</strong>
          {s.rejection.comment}
          <div className="small">{T.resubmit}</div>
        </div>
      )}

      <div className="review-actions">
        {piece.status === 'draft' && who.can('review-submit') && (
          <div className="row">
            <button className="primary" disabled={busy} onClick={() => void submit()}>{T.submit}</button>
            <span className="muted small">{T.submitHint}</span>
          </div>
        )}
        {changed.length > 0 && (piece.status === 'approved' || piece.status === 'scheduled') && (
          <div className="warn-note" role="note">
            {T.changed(changed.join('、'))}{' '}
            {who.can('review-submit') && <button disabled={busy} onClick={() => void submit()}>{T.resubmit2}</button>}
          </div>
        )}
        {piece.status === 'pending' && s?.open && (
          <>
            <div className="muted">{T.waiting(s.open.stepName)}</div>
            {mine ? (
              <>
                <div className="muted small">{T.asYou(who.user!.name)}</div>
                <label className={`field${errs.comment ? ' has-error' : ''}`} data-field="comment">
                  <span className="field-label">{T.comment}</span>
                  <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={T.commentHint} />
                  {errs.comment && <span className="field-error" role="alert">{errs.comment}</span>}
                </label>
                <div className="row">
                  <button className="primary" disabled={busy} onClick={() => void decide('approve')}>{T.approve}</button>
                  <button disabled={busy} onClick={() => void decide('reject')}>{T.reject}</button>
                </div>
              </>
            ) : (
              <div className="muted small">{T.notYours(s.open.stepName)}</div>
            )}
            {officer && !proxying && (
              <div className="row">
                <button className="link" onClick={() => setProxying(true)}>{T.proxy}</button>
              </div>
            )}
            {officer && proxying && (
              <ProxyForm
                pieceId={piece.id}
                stepName={s.open.stepName}
                meId={who.user?.id ?? null}
                onCancel={() => setProxying(false)}
                onDone={() => {
                  setProxying(false)
                  onActed()
                }}
              />
            )}
          </>
        )}
        {moves.length > 0 && piece.status !== 'pending' && who.can('piece-update') && (
          <div className="row" aria-label={T.moves}>
            {moves.map((m) => (
              <button key={m} disabled={busy} onClick={() => void move(m)}>{T.moveTo(STATUSES[m])}</button>
            ))}
          </div>
        )}
        {asking && <ConfirmSave warnings={asking.warnings} busy={busy} yes={T.moveYes} onYes={() => void move(asking.status, true)} onNo={() => setAsking(null)} />}
        {canOverride && !showOverride && (
          <div className="row">
            <button className="link" onClick={() => setShowOverride(true)}>{T.override}…</button>
          </div>
        )}
        {canOverride && showOverride && (
          <div className="override">
            <p className="muted small">{T.overrideHint}</p>
            <div className="row">
              <label>
                {T.overrideTo}{' '}
                <select aria-label={T.overrideTo} value={overrideTo} onChange={(e) => setOverrideTo(e.target.value as Status)}>
                  {(['approved', 'scheduled', ...finalStatusesFor(piece.channel)] as Status[]).map((x) => (
                    <option key={x} value={x}>{STATUSES[x]}</option>
                  ))}
                </select>
              </label>
            </div>
            <label className={`field${errs.reason ? ' has-error' : ''}`} data-field="reason">
              <span className="field-label">{T.reason}</span>
              <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              {errs.reason && <span className="field-error" role="alert">{errs.reason}</span>}
            </label>
            <div className="row">
              <button className="primary" disabled={busy} onClick={() => void override()}>{T.overrideGo}</button>
            </div>
          </div>
        )}
        {error && !errs.comment && !errs.reason && <div className="form-error" role="alert">{error.message}</div>}
      </div>

      {sent && piece.status === 'pending' && s?.open?.round === sent.round && <p className="ok-text" role="status">{T.sent(sent.round)}</p>}
      <ProofHits pieceId={piece.id} />

      <ReviewTrail state={s} />
    </section>
  )
}
