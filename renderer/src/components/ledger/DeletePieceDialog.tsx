// 删除 a ledger record: the dialog names what goes (title, channel, date, its evidence files and review steps), asks
// for the reason and, for a month the secretary signed, says so before anything happens. The record goes to the
// 回收站; the toast after it offers 撤销 (恢复) at once.
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { ConfirmDialog } from '../ConfirmDialog'
import { offerUndo } from '../Toast'
import { confirmWarnings } from '../workflow/ConfirmSave'
import { channelLabel, statusLabel } from '../../../../shared/channels'

const T = {
  title: '删除这条记录？',
  yes: '删除',
  lead: '删除后，这条记录将移入台账的“回收站”，不再出现在台账、日程、统计和报告中；在回收站中可以恢复。',
  name: '标题',
  channel: '渠道',
  date: '日期',
  status: '状态',
  evidence: '佐证材料',
  reviews: '审核记录',
  noEvidence: '无',
  files: (n: number) => `${n} 个文件：`,
  steps: (n: number) => (n ? `${n} 条（随记录一起移入回收站）` : '无'),
  reason: '删除原因（必填）',
  reasonHint: '如：重复登记、登记错误、活动取消',
  loading: '正在读取…',
  done: (title: string) => `已将《${title}》移入回收站`
}

export function DeletePieceDialog({ id, onDone, onCancel }: { id: number; onDone: () => void; onCancel: () => void }) {
  const what = useQuery('piece-delete-check', { id })
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [asked, setAsked] = useState<string[] | null>(null)
  const w = what.data
  const warnings = asked ?? w?.warnings ?? []

  async function remove(): Promise<void> {
    if (!w) return
    setBusy(true)
    const r = await invoke('piece-delete', { id, reason, confirm: warnings.length > 0 })
    setBusy(false)
    if (r.ok) {
      offerUndo(T.done(w.title), () => invoke('piece-restore', { id, confirm: true }))
      return onDone()
    }
    // Signed meanwhile: the question grows by the new month and is asked again.
    const more = confirmWarnings(r.error)
    if (more) return setAsked(more)
    setError(r.error.message)
  }

  return (
    <ConfirmDialog title={T.title} yes={T.yes} busy={busy} disabled={!w || reason.trim().length < 2} error={error ?? what.error?.message} onYes={() => void remove()} onNo={onCancel}>
      {!w ? (
        <p className="muted">{T.loading}</p>
      ) : (
        <>
          <p>{T.lead}</p>
          <dl>
            <dt>{T.name}</dt>
            <dd data-testid="delete-title">《{w.title}》</dd>
            <dt>{T.channel}</dt>
            <dd>{channelLabel(w.channel)}</dd>
            <dt>{T.date}</dt>
            <dd>{w.date}</dd>
            <dt>{T.status}</dt>
            <dd>{statusLabel(w.status)}</dd>
            <dt>{T.evidence}</dt>
            <dd>{w.evidence.length ? <>{T.files(w.evidence.length)}{w.evidence.join('、')}</> : T.noEvidence}</dd>
            <dt>{T.reviews}</dt>
            <dd>{T.steps(w.reviews)}</dd>
          </dl>
          {warnings.length > 0 && (
            <ul className="warn-list" role="note">
              {warnings.map((x) => <li key={x}>{x}</li>)}
            </ul>
          )}
          <label className="field">
            <span className="field-label">{T.reason}</span>
            <textarea rows={2} value={reason} placeholder={T.reasonHint} onChange={(e) => setReason(e.target.value)} data-autofocus />
          </label>
        </>
      )}
    </ConfirmDialog>
  )
}
