// 未使用的修改: edits kept for paragraphs the draft no longer has (the section's figures are now zero, so it is
// left out). They are not used in any file, but never silently lost: shown here to copy from, and deletable.
import { useState } from 'react'
import { invoke } from '../../api'
import { ConfirmDialog } from '../ConfirmDialog'
import { chinaDateTime } from '../../../../shared/periods'
import type { ReportEdit } from '../../../../shared/contract/reports'

const T = {
  title: (n: number) => `未使用的修改（${n} 条）`,
  intro: '以下修改对应的段落已不在本期草稿中（如该部分的数字现为零，草稿不再生成这一段），下载的文件不会使用。如仍需要，请复制文字改到其他段落，再删除。',
  by: (e: ReportEdit) => `${e.editedBy} 修改于 ${chinaDateTime(e.editedAt)}`,
  remove: '删除',
  removeTitle: '删除这条修改？',
  removeBody: '将删除以下为已不在草稿中的段落所写的文字（操作日志中仍有记录）：'
}

export function UnusedEdits({ period, edits, canEdit }: { period: string; edits: ReportEdit[]; canEdit: boolean }) {
  const [asking, setAsking] = useState<ReportEdit | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  if (edits.length === 0) return null

  async function remove(e: ReportEdit): Promise<void> {
    setBusy(true)
    setError(null)
    const r = await invoke('report-edit-reset', { period, key: e.key })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    setAsking(null)
  }

  return (
    <section className="card unused-edits" aria-label={T.title(edits.length)}>
      <h3>{T.title(edits.length)}</h3>
      <p className="muted small">{T.intro}</p>
      <ul>
        {edits.map((e) => (
          <li key={e.key}>
            <blockquote>{e.text}</blockquote>
            <div className="muted small">
              {T.by(e)}
              {canEdit && <> · <button type="button" className="link" onClick={() => setAsking(e)}>{T.remove}</button></>}
            </div>
          </li>
        ))}
      </ul>
      {asking && (
        <ConfirmDialog title={T.removeTitle} yes={T.remove} busy={busy} error={error} onYes={() => void remove(asking)} onNo={() => setAsking(null)}>
          <p>{T.removeBody}</p>
          <blockquote>{asking.text}</blockquote>
        </ConfirmDialog>
      )}
    </section>
  )
}
