// 合并到… / 拆分为单独事件: the officer's corrections to the clustering, each asked once in a ConfirmDialog.
// The answer opens the event the officer ends up looking at (the kept one after a merge, the new one after a split).
import { useState } from 'react'
import { invoke } from '../../api'
import { ConfirmDialog } from '../ConfirmDialog'
import { useQuery } from '../../hooks'
import { chinaTime } from './Text'
import type { MentionDetail, MentionSource, MergeCandidate } from '../../../../shared/contract/mentions'

const T = {
  merge: '合并到…',
  mergeInto: '合并到事件',
  choose: '请选择要并入的事件',
  byNumber: '按编号指定…',
  number: '事件编号',
  candidate: (c: MergeCandidate) => `#${c.id} ${c.title}（${c.sourceCount} 个来源 · ${c.grade} · ${chinaTime(c.publishedAt).slice(5)}${c.similarity > 0 ? ` · 相似 ${Math.round(c.similarity * 100)}%` : ''}）`,
  none: '前后 7 天内没有其他事件，可按编号指定',
  mergeTitle: '合并事件',
  mergeYes: '确认合并',
  mergeAsk: (n: number, id: number, title: string) => `本事件的 ${n} 个来源将并入事件 #${id}“${title}”，本事件标为已移除（理由：合并到事件 #${id}），处置以该事件为准。`,
  split: '拆分为单独事件',
  splitTitle: '拆分来源',
  splitYes: '确认拆分',
  splitAsk: (title: string) => `来源“${title}”将成为一个单独的事件（状态：新），级别按各自的来源重新计算。`,
  badId: '请选择要并入的事件，或填写事件编号（数字）'
}

export function MergeButton({ m, onDone }: { m: MentionDetail; onDone: (d: MentionDetail) => void }) {
  const candidates = useQuery('mention-merge-candidates', { id: m.id })
  const [picked, setPicked] = useState('')
  const [typed, setTyped] = useState('')
  const byNumber = picked === 'number' || (candidates.data !== null && candidates.data.length === 0)
  const target = byNumber ? typed : picked
  const [asking, setAsking] = useState<MentionDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function ask() {
    const intoId = Number(target)
    if (!Number.isInteger(intoId) || intoId <= 0) return setError(T.badId)
    const r = await invoke('mention-get', { id: intoId })
    if (!r.ok) return setError(r.error.message)
    setError(null)
    setAsking(r.value)
  }
  async function merge(into: MentionDetail) {
    setBusy(true)
    const r = await invoke('mention-merge', { id: m.id, intoId: into.id })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    setAsking(null)
    onDone(r.value)
  }
  return (
    <div className="detail-row merge-row">
      <label>
        {T.mergeInto}
        <select aria-label={T.mergeInto} value={byNumber ? 'number' : picked} onChange={(e) => setPicked(e.target.value)}>
          <option value="">{T.choose}</option>
          {(candidates.data ?? []).map((c) => <option key={c.id} value={String(c.id)}>{T.candidate(c)}</option>)}
          <option value="number">{T.byNumber}</option>
        </select>
      </label>
      {byNumber && <input aria-label={T.number} placeholder={T.number} inputMode="numeric" size={6} value={typed} onChange={(e) => setTyped(e.target.value.trim())} />}
      {candidates.data?.length === 0 && <span className="muted small">{T.none}</span>}
      <button onClick={() => void ask()}>{T.merge}</button>
      {error && !asking && <span className="form-error" role="alert">{error}</span>}
      {asking && (
        <ConfirmDialog title={T.mergeTitle} yes={T.mergeYes} danger={false} busy={busy} error={error} onYes={() => void merge(asking)} onNo={() => setAsking(null)}>
          <p>{T.mergeAsk(m.sources.length, asking.id, asking.title)}</p>
        </ConfirmDialog>
      )}
    </div>
  )
}

export function SplitButton({ m, source, onDone }: { m: MentionDetail; source: MentionSource; onDone: (d: MentionDetail) => void }) {
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  async function split() {
    setBusy(true)
    const r = await invoke('mention-split', { id: m.id, sourceId: source.id })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    setAsking(false)
    onDone(r.value)
  }
  return (
    <>
      <button className="link" aria-label={`${T.split}：${source.title}`} onClick={() => (setError(null), setAsking(true))}>{T.split}</button>
      {asking && (
        <ConfirmDialog title={T.splitTitle} yes={T.splitYes} danger={false} busy={busy} error={error} onYes={() => void split()} onNo={() => setAsking(false)}>
          <p>{T.splitAsk(source.title)}</p>
        </ConfirmDialog>
      )}
    </>
  )
}
