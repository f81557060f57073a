import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { FEED_STATUSES, FEED_WEIGHTS } from '../../../../shared/watch'
import type { DeskError } from '../../../../shared/contract'
import type { Feed, PollReport } from '../../../../shared/contract/feeds'
import { FeedForm } from './FeedForm'
import { chinaTime } from './Text'

const SILENT = '静默'
const SILENT_HINT = '多日没有新条目，而其他订阅源仍在更新：可能地址失效或改版，请检查'
const T = {
  pollNow: '立即抓取',
  polling: '正在抓取…',
  result: '抓取结果',
  list: '订阅源列表',
  add: '添加订阅源',
  importOpml: '导入 OPML',
  exportOpml: '导出 OPML',
  cols: ['名称', '状态', '上次抓取', '上次有新条目', '间隔', '最近的错误', ''],
  every: (m: number) => (m < 60 ? `${m} 分钟` : `${m / 60} 小时`),
  disabled: '已停用',
  enable: '启用',
  disable: '停用',
  edit: '编辑',
  remove: '删除',
  confirm: '确认删除',
  empty: '还没有订阅源。点“添加订阅源”，填入 RSS 地址并试抓取。',
  imported: (added: number, skipped: number) => `已导入 ${added} 个订阅源${skipped ? `，跳过 ${skipped} 个` : ''}`,
  mentions: (n: number) => `${n} 条舆情`
}

export function FeedsTab() {
  const feeds = useQuery('feed-list', {})
  const [editing, setEditing] = useState<Feed | 'new' | null>(null)
  const [report, setReport] = useState<PollReport | null>(null)
  const [notice, setNotice] = useState<string[]>([])
  const [error, setError] = useState<DeskError | null>(null)
  const [polling, setPolling] = useState(false)
  const [confirmId, setConfirmId] = useState<number | null>(null)

  async function pollNow() {
    setPolling(true)
    const r = await invoke('watch-poll-now', {})
    setPolling(false)
    if (!r.ok) return setError(r.error)
    setError(null)
    setReport(r.value)
    // New mentions reload the lists by themselves; a poll that brought none leaves no trace in the audit trail,
    // yet every feed's fetch time and status moved, so this table asks again.
    feeds.reload()
  }

  async function run<V>(p: Promise<{ ok: true; value: V } | { ok: false; error: DeskError }>) {
    const r = await p
    if (!r.ok) setError(r.error)
    else setError(null)
    return r
  }

  async function importFile(file: File) {
    const r = await run(invoke('feed-import-opml', { opml: await file.text() }))
    if (r.ok) setNotice([T.imported(r.value.added, r.value.skipped.length), ...r.value.skipped.map((s) => `${s.name || s.url}：${s.reason}`)])
  }

  async function exportFile() {
    const r = await run(invoke('feed-export-opml', {}))
    if (!r.ok) return
    const href = URL.createObjectURL(new Blob([r.value.text], { type: 'text/x-opml;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = href
    a.download = '订阅源.opml'
    a.click()
    URL.revokeObjectURL(href)
  }

  return (
    <div className="feeds-tab">
      <div className="toolbar">
        <button className="primary" onClick={pollNow} disabled={polling}>{polling ? T.polling : T.pollNow}</button>
        <button onClick={() => setEditing('new')}>{T.add}</button>
        <label className="button-like">
          {T.importOpml}
          <input type="file" accept=".opml,.xml,text/xml" className="visually-hidden" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f) }} />
        </label>
        <button onClick={exportFile}>{T.exportOpml}</button>
      </div>
      {report && (
        <div className="card poll-report" role="status" aria-label={T.result}>
          {/* The sentence comes with the report (services/feeds/poll-summary.ts): the CLI prints the same words. */}
          <strong>{report.summary}</strong>
          <ul>{report.results.map((r) => <li key={r.feedId} className={`po-${r.outcome}`}>{r.name}：{r.message}</li>)}</ul>
        </div>
      )}
      {notice.length > 0 && <div className="card" role="status">{notice.map((n, i) => <div key={i}>{n}</div>)}</div>}
      {error && <div className="form-error" role="alert">{error.message}</div>}
      {editing && (
        <FeedForm
          key={editing === 'new' ? 'new' : editing.id}
          feed={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
      {feeds.data && feeds.data.length > 0 && (
        <table className="table feeds" aria-label={T.list}>
          <thead><tr>{T.cols.map((c, i) => <th key={i}>{c}</th>)}</tr></thead>
          <tbody>
            {feeds.data?.map((f) => (
              <tr key={f.id} className={f.enabled ? '' : 'disabled'}>
                <td>
                  <div className="feed-name">{f.name}</div>
                  <div className="muted small">{[f.category, FEED_WEIGHTS[f.weight], T.mentions(f.mentionCount)].filter(Boolean).join(' · ')}</div>
                  <div className="muted small feed-url" title={f.url}>{f.url}</div>
                </td>
                <td className="nowrap">
                  {f.enabled ? <span className={`fstatus fs-${f.failing ? 'failing' : f.status}`}>{f.failing ? FEED_STATUSES.failing : FEED_STATUSES[f.status]}</span> : <span className="muted">{T.disabled}</span>}
                  {f.enabled && f.silent && <span className="fstatus fs-silent" title={SILENT_HINT}>{SILENT}</span>}
                </td>
                <td className="nowrap">{chinaTime(f.lastFetchAt)}</td>
                <td className="nowrap">{chinaTime(f.lastNewAt)}</td>
                <td className="nowrap">{T.every(f.intervalMin)}</td>
                <td className={f.failing ? 'error-cell failing' : 'error-cell'}>{f.lastError ?? ''}</td>
                <td className="nowrap">
                  <span className="row-actions">
                    <button className="link" onClick={() => run(invoke('feed-set-enabled', { id: f.id, enabled: !f.enabled }))}>{f.enabled ? T.disable : T.enable}</button>
                    <button className="link" onClick={() => setEditing(f)}>{T.edit}</button>
                    {confirmId === f.id
                      ? <button className="link danger-text" onClick={() => { setConfirmId(null); void run(invoke('feed-delete', { id: f.id })) }}>{T.confirm}</button>
                      : <button className="link" onClick={() => setConfirmId(f.id)}>{T.remove}</button>}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {feeds.data?.length === 0 && <p className="empty">{T.empty}</p>}
    </div>
  )
}
