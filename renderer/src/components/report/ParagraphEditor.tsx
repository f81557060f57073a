// One paragraph of the draft rewritten in place: 保存 (Ctrl+Enter) keeps it for the period, 取消 (Esc) asks
// 放弃修改？ first when something was typed (unsaved.ts), as every form of the desk does.
import { useEffect, useRef, useState } from 'react'
import { invoke } from '../../api'
import { askDiscard, useDirty } from '../../unsaved'
import { EDIT_MAX, type DraftParagraph } from '../../../../shared/contract/reports'

const T = {
  label: '修改段落',
  save: '保存',
  saving: '正在保存…',
  cancel: '取消',
  keys: 'Ctrl+Enter 保存 · Esc 取消',
  count: (n: number) => `${n} / ${EDIT_MAX} 字`,
  oneLine: '每段为一个自然段，换行会被合并。',
  titleLines: '标题可用换行分为两行（单位 / 期间和文种）。',
  auto: '查看自动生成的文字',
  empty: '段落内容不能为空；如要恢复自动生成的文字，请点“恢复自动生成”。'
}

function fit(el: HTMLTextAreaElement | null): void {
  if (!el) return
  el.style.height = 'auto'
  el.style.height = `${el.scrollHeight + 2}px`
}

export function ParagraphEditor({ period, p, onDone }: { period: string; p: DraftParagraph; onDone: (saved: string | null) => void }) {
  const [text, setText] = useState(p.text)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const saved = useDirty(text)
  const area = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    const el = area.current!
    fit(el)
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [])

  const length = text.trim().length
  const tooLong = length > EDIT_MAX

  async function save(): Promise<void> {
    if (busy) return
    if (text === p.text) return onDone(null)
    if (length === 0) return setError(T.empty)
    setBusy(true)
    setError(null)
    const r = await invoke('report-edit-save', { period, key: p.key, text })
    setBusy(false)
    if (!r.ok) return setError(r.error.message)
    saved()
    onDone(text.trim())
  }

  function cancel(): void {
    if (busy) return
    if (text === p.text) return onDone(null)
    void askDiscard().then((discard) => {
      if (discard) onDone(null)
    })
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>): void {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      cancel()
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void save()
    }
  }

  const hintId = `edit-hint-${p.key}`
  return (
    <div className="para-editor">
      <textarea
        ref={area}
        aria-label={T.label}
        aria-describedby={hintId}
        aria-invalid={!!error || tooLong}
        className={`d-edit d-edit-${p.kind}`}
        value={text}
        disabled={busy}
        onChange={(e) => {
          setText(e.target.value)
          fit(e.target)
        }}
        onKeyDown={onKeyDown}
      />
      <div className="para-editor-bar">
        <span id={hintId} className="muted small">{T.keys} · {p.kind === 'title' ? T.titleLines : T.oneLine}</span>
        <span className={`small ${tooLong ? 'field-error' : 'muted'}`}>{T.count(length)}</span>
        <button type="button" className="primary" disabled={busy || length === 0 || tooLong} onClick={() => void save()}>{busy ? T.saving : T.save}</button>
        <button type="button" disabled={busy} onClick={cancel}>{T.cancel}</button>
      </div>
      {p.edited && p.auto !== undefined && (
        <details className="para-auto">
          <summary>{T.auto}</summary>
          <p>{p.auto}</p>
        </details>
      )}
      {error && <div className="form-error" role="alert">{error}</div>}
    </div>
  )
}
