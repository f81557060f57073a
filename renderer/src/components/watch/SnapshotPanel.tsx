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
  htmlLabel: '原始网页 SHA-256',
  copy: '复制完整值',
  copied: '已复制',
  text: '存证正文',
  noText: '（网页中没有读到正文）',
  download: '下载原始网页',
  failed: (at: string, why: string) => `存证失败（${at}）：${why}`,
  pngLabel: '页面截图 SHA-256',
  pdfLabel: '整页 PDF SHA-256',
  png: '下载页面截图（PNG）',
  pdf: '下载页面 PDF',
  show: '查看页面截图',
  loading: '正在读取截图…',
  pngAlt: '存证时的页面首屏截图（由存证的原始网页排版，未运行脚本、未联网）',
  noPage: '未生成页面图像（此存证早于页面图像功能）',
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
  async function downloadPage(snapshotId: number, format: 'png' | 'pdf') {
    const r = await invoke('mention-snapshot-page', { id: m.id, snapshotId, format })
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
            {T.htmlLabel}：<code title={latest.htmlSha256} aria-label={`${T.hash} ${latest.htmlSha256}`}>{short(latest.htmlSha256)}</code>
            <button type="button" className="link" onClick={() => void copy(latest.id, latest.htmlSha256)}>{copied === latest.id ? T.copied : T.copy}</button>
            <button type="button" className="link" onClick={() => void download(latest.id)}>{T.download}</button>
          </div>
          <PageImageLine m={m} s={latest} onDownload={(format) => void downloadPage(latest.id, format)} onError={setError} />
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

type Snapshot = MentionDetail['snapshots'][number]

/** 页面图像: the PNG's and the PDF's SHA-256 with their downloads, the first screen on request; or why there is none. */
function PageImageLine({ m, s, onDownload, onError }: { m: MentionDetail; s: Snapshot; onDownload: (format: 'png' | 'pdf') => void; onError: (e: string) => void }) {
  const [src, setSrc] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  useEffect(() => setSrc(null), [s.id])
  // the note names the page image itself (页面图像只在桌面程序中生成… / 页面图像未能生成…)
  if (!s.pagePngSha256 || !s.pagePdfSha256) return <div className="snapshot-page muted small">{s.pageNote ?? T.noPage}</div>

  async function show(open: boolean) {
    if (!open || src || loading) return
    setLoading(true)
    const r = await invoke('mention-snapshot-page', { id: m.id, snapshotId: s.id, format: 'png' })
    setLoading(false)
    if (!r.ok) return onError(r.error.message)
    setSrc(`data:image/png;base64,${r.value.base64}`)
  }
  return (
    <div className="snapshot-page">
      <div className="snapshot-hash">
        {T.pngLabel}：<code title={s.pagePngSha256} aria-label={`PNG ${T.hash} ${s.pagePngSha256}`}>{short(s.pagePngSha256)}</code>
        <button type="button" className="link" onClick={() => onDownload('png')}>{T.png}</button>
      </div>
      <div className="snapshot-hash">
        {T.pdfLabel}：<code title={s.pagePdfSha256} aria-label={`PDF ${T.hash} ${s.pagePdfSha256}`}>{short(s.pagePdfSha256)}</code>
        <button type="button" className="link" onClick={() => onDownload('pdf')}>{T.pdf}</button>
      </div>
      <details onToggle={(e) => void show((e.target as HTMLDetailsElement).open)}>
        <summary>{T.show}</summary>
        {src ? <img className="snapshot-png" src={src} alt={T.pngAlt} /> : <p className="muted small">{T.loading}</p>}
      </details>
    </div>
  )
}
