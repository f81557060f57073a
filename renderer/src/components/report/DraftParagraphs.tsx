// The draft as the Word file will read (the officer's edits applied): each paragraph can be rewritten in place
// (修改), an edited one says so (已修改) and can go back to the generated text (恢复自动生成); stock wording not
// drawn from the data asks to be checked (请核实); 规范表述 hits are marked where they are.
import { Fragment, useEffect, useState, type ReactNode } from 'react'
import { invoke } from '../../api'
import { ConfirmDialog } from '../ConfirmDialog'
import { ParagraphEditor } from './ParagraphEditor'
import { chinaDateTime } from '../../../../shared/periods'
import type { DraftParagraph, DraftProofHit } from '../../../../shared/contract/reports'

const T = {
  edit: '修改',
  editOf: (what: string) => `修改：${what}`,
  edited: '已修改',
  editedBy: (by: string, at: string) => `${by} 修改于 ${at}`,
  confirm: '请核实',
  confirmTip: '本段为通用表述，并非由台账数据生成，请按本院实际核实或修改。',
  autoChanged: '自动生成内容已更新，可恢复自动生成查看',
  reset: '恢复自动生成',
  resetTitle: '恢复自动生成？',
  resetBody: '将放弃对这一段的修改，改用根据现在的数字自动生成的文字：',
  proof: (h: DraftProofHit) => `规范表述：“${h.wrong}”应为“${h.right}”${h.note ? `（${h.note}）` : ''}`
}

/** The first words of a paragraph, to name it in buttons and lists. */
export function paragraphName(p: Pick<DraftParagraph, 'text'>): string {
  const t = p.text.replace(/\s+/g, '')
  return t.length > 16 ? `${t.slice(0, 16)}…` : t
}

export const paragraphId = (key: string): string => `para-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}`

/** The text with each hit marked (hits of one paragraph, by offset; overlapping ones are marked once). */
function marked(text: string, hits: readonly DraftProofHit[]) {
  const out: ReactNode[] = []
  let at = 0
  for (const h of [...hits].sort((a, b) => a.index - b.index)) {
    if (h.index < at || text.slice(h.index, h.index + h.wrong.length) !== h.wrong) continue
    out.push(text.slice(at, h.index))
    out.push(<mark key={h.index} className="proof-mark" title={T.proof(h)}>{h.wrong}</mark>)
    at = h.index + h.wrong.length
  }
  out.push(text.slice(at))
  return out
}

function lines(text: string) {
  return text.split('\n').map((l, i) => <Fragment key={i}>{i > 0 && <br />}{l}</Fragment>)
}

function Paragraph({ period, p, hits, canEdit, firstSign }: { period: string; p: DraftParagraph; hits: DraftProofHit[]; canEdit: boolean; firstSign: boolean }) {
  const [editing, setEditing] = useState(false)
  const [resetting, setResetting] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // Shown from the save until the preview brings the saved text back (no flash of the old one).
  const [pending, setPending] = useState<string | null>(null)
  useEffect(() => setPending(null), [p.text, p.edited])

  async function reset(): Promise<void> {
    setBusy(true)
    setError(null)
    const r = await invoke('report-edit-reset', { period, key: p.key })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    setResetting(false)
  }

  const text = pending ?? p.text
  const body = p.kind === 'title' ? lines(text) : pending === null ? marked(text, hits) : text
  const Tag = p.kind === 'title' ? 'h2' : 'p'
  const flagged = p.edited || p.confirm || hits.length > 0
  return (
    <div id={paragraphId(p.key)} tabIndex={-1} data-key={p.key} className={`para para-${p.kind}${p.edited ? ' is-edited' : ''}${p.confirm ? ' is-confirm' : ''}${firstSign ? ' first-sign' : ''}${editing ? ' is-editing' : ''}`}>
      {editing ? (
        <ParagraphEditor
          period={period}
          p={p}
          onDone={(saved) => {
            if (saved !== null && saved !== p.text) setPending(saved)
            setEditing(false)
          }}
        />
      ) : (
        // The title's break is for the page only: it is read (and named) as one line.
        <Tag className={`d-${p.kind}`} aria-label={p.kind === 'title' ? text.replace(/\n/g, '') : undefined}>{body}</Tag>
      )}
      {!editing && (canEdit || flagged) && (
        <div className={`para-tools${flagged ? ' is-flagged' : ''}`}>
          {p.edited && <span className="para-badge edited" title={p.editedBy && p.editedAt ? T.editedBy(p.editedBy, chinaDateTime(p.editedAt)) : undefined}>{T.edited}</span>}
          {p.confirm && <span className="para-badge confirm" title={T.confirmTip}>{T.confirm}</span>}
          {p.autoChanged && <span className="para-auto-changed" role="note">{T.autoChanged}</span>}
          {canEdit && <button type="button" className="link" aria-label={T.editOf(paragraphName(p))} onClick={() => setEditing(true)}>{T.edit}</button>}
          {canEdit && p.edited && <button type="button" className="link" onClick={() => setResetting(true)}>{T.reset}</button>}
        </div>
      )}
      {resetting && (
        <ConfirmDialog title={T.resetTitle} yes={T.reset} danger={false} busy={busy} error={error} onYes={() => void reset()} onNo={() => setResetting(false)}>
          <p>{T.resetBody}</p>
          <blockquote className="para-auto-quote">{p.auto}</blockquote>
        </ConfirmDialog>
      )}
    </div>
  )
}

export function DraftParagraphs({ period, paragraphs, proof, canEdit }: { period: string; paragraphs: DraftParagraph[]; proof: DraftProofHit[]; canEdit: boolean }) {
  return (
    <>
      {paragraphs.map((p, i) => (
        <Paragraph key={p.key} period={period} p={p} canEdit={canEdit} hits={proof.filter((h) => h.key === p.key)} firstSign={p.kind === 'sign' && paragraphs[i - 1]?.kind !== 'sign'} />
      ))}
    </>
  )
}
