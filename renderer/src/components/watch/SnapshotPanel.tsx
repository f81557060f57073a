// 存证 in the mention's detail: 已存证 with the China time and the SHA-256 (abbreviated, the full value copied on
// request), the article's extracted text as text, 下载原始网页 as a file (never rendered), and a failure in Chinese
// with 重试. The page's HTML never reaches this view.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { downloadPayload } from '../../files'
import type { MentionDetail } from '../../../../shared/contract/mentions'
import { chinaTime } from './Text'
import './snapshot-panel.css'

const T = {
  label: '网页存证',
  take: '存证',
  again: '再次存证',
  taking: '正在存证…',
  retry: '重试',
  done: (at: string) => `已存证（${at}）`,
  by: (who: string) => `存证人：${who}`,
  hash: 'SHA-256',
  copy: '复制完整值',
  copied: '已复制',
  text: '存证正文',
  noText: '（网页中没有读到正文）',
  download: '下载原始网页',
  failed: (at: string, why: string) => `存证失败（${at}）：${why}`,
  none: '尚未存证：原文如被删除将无法复核',
  noLink: '此舆情没有原文链接，无法存证'
}

const short = (h: string) => `${h.slice(0, 12)}…`

export function SnapshotPanel({ m, canTake, onTaken }: { m: MentionDetail; canTake: boolean; onTaken: (d: MentionDetail) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [copied, setCopied] = useState<number | null>(null)
  useEffect(() => (setError(null), setCopied(null)), [m.id])
  const latest = m.snapshots[0]

  async function take() {
    setBusy(true)
    setError(null)
    const r = await invoke('mention-snapshot', { id: m.id })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    onTaken(r.value)
  }
  async function download(snapshotId: number) {
    const r = await invoke('mention-snapshot-html', { id: m.id, snapshotId })
    if (!r.ok) return setError(r.error.message)
    downloadPayload(r.value)
  }
  async function copy(id: number, hash: string) {
    try {
      await navigator.clipboard.writeText(hash)
      setCopied(id)
    } catch {
      setError(`无法写入剪贴板，请手动选择：${hash}`)
    }
  }

  const failure = error ?? (m.snapshotFailure && (!latest || m.snapshotFailure.at > latest.fetchedAt) ? T.failed(chinaTime(m.snapshotFailure.at), m.snapshotFailure.message) : null)
  return (
    <section className="snapshot-panel" aria-label={T.label}>
      <h3>{T.label}</h3>
      {latest ? (
        <div className="snapshot" role="status">
          <strong className="snapshot-done">{T.done(chinaTime(latest.fetchedAt))}</strong>
          <span className="muted small">{T.by(latest.actor)}</span>
          <div className="snapshot-hash">
            {T.hash}：<code title={latest.htmlSha256} aria-label={`${T.hash} ${latest.htmlSha256}`}>{short(latest.htmlSha256)}</code>
            <button type="button" className="link" onClick={() => void copy(latest.id, latest.htmlSha256)}>{copied === latest.id ? T.copied : T.copy}</button>
            <button type="button" className="link" onClick={() => void download(latest.id)}>{T.download}</button>
          </div>
          <details>
            <summary>{T.text}{latest.title ? `：${latest.title}` : ''}</summary>
            <div className="snapshot-text" aria-label={T.text}>{latest.text || T.noText}</div>
          </details>
        </div>
      ) : !failure && <p className="muted small">{m.link ? T.none : T.noLink}</p>}
      {failure && <div className="form-error" role="alert">{failure}</div>}
      {canTake && m.link && (
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void take()}>
          {busy ? T.taking : failure ? T.retry : latest ? T.again : T.take}
        </button>
      )}
    </section>
  )
}
