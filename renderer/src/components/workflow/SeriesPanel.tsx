// 系列: a piece that is one occurrence of a repeating series — the rule in words, how many were made and carried
// out, the next dates, and 编辑本条 / 编辑此后全部 / 停止重复. 编辑本条 is the piece's own form beside this panel.
import { useState } from 'react'
import { useQuery } from '../../hooks'
import { invoke, fieldErrors } from '../../api'
import { useCan } from '../../session'
import { useDirty } from '../../unsaved'
import { Field, splitList } from '../Field'
import { ConfirmDialog } from '../ConfirmDialog'
import { occurrenceLabel } from '../../../../shared/series'
import { addDays, chinaClock } from '../../../../shared/dates'
import type { DeskError } from '../../../../shared/contract'
import type { Piece } from '../../../../shared/contract/pieces'
import type { Series } from '../../../../shared/contract/series'
import '../ledger/repeat-fields.css'

const T = {
  head: (text: string) => `系列：${text}`,
  counts: (s: Series) => `已生成 ${s.made} 条，已完成 ${s.done} 条`,
  upcoming: '之后：',
  stopped: (at: string, by: string) => `已于 ${chinaClock(at, 'yyyy-MM-dd')} 由${by}停止重复`,
  editOne: '编辑本条',
  editOneHint: '只改这一条：在左侧表单中修改并保存，此后“编辑此后全部”不再覆盖它',
  editAll: '编辑此后全部',
  stop: '停止重复',
  stopTitle: '停止重复？',
  stopBody: (s: Series) => `“${s.text}”将不再生成新的稿件；本条之后尚未改动的草稿移入回收站（可恢复），本条和此前的稿件、已送审、已发布和单独修改过的稿件都保留。`,
  stopYes: '停止重复',
  allTitle: '编辑此后全部',
  allHint: '修改系列模板，并更新本条及之后仍为草稿、未单独修改过的稿件；已送审或已发布的不会改动。',
  title: '标题',
  titleHint: '可写 {日期}、{序号}，如：工作动态（{日期}）',
  department: '科室',
  author: '作者',
  themes: '主题',
  notes: '备注',
  save: '保存到此后全部',
  cancel: '取消',
  saving: '正在保存…',
  done: (u: number, k: number) => `已更新 ${u} 条${k ? `，${k} 条未改动（已送审、已发布或单独修改过）` : ''}`,
  stoppedDone: (n: number) => `已停止重复${n ? `，${n} 条未开始的草稿已移入回收站` : ''}`
}

function FutureForm({ series, piece, onDone, onCancel }: { series: Series; piece: Piece; onDone: (msg: string) => void; onCancel: () => void }) {
  const t = series.template
  const [title, setTitle] = useState(t.title)
  const [department, setDepartment] = useState(t.department)
  const [author, setAuthor] = useState(t.author)
  const [themes, setThemes] = useState(t.themes.join('、'))
  const [notes, setNotes] = useState(t.notes)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const saved = useDirty({ title, department, author, themes, notes })
  const errs = fieldErrors(error)
  async function save() {
    setBusy(true)
    const r = await invoke('series-update-future', { id: series.id, fromPieceId: piece.id, title, department, author, themes: splitList(themes), notes })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    saved()
    onDone(T.done(r.value.updated.length, r.value.kept.length))
  }
  return (
    <form className="series-edit" aria-label={T.allTitle} onSubmit={(e) => { e.preventDefault(); void save() }}>
      <h3>{T.allTitle}</h3>
      <p className="muted small">{T.allHint}</p>
      <Field label={T.title} name="title" error={errs.title} hint={T.titleHint}>
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </Field>
      <div className="grid">
        <Field label={T.department} name="department" error={errs.department}><input value={department} onChange={(e) => setDepartment(e.target.value)} /></Field>
        <Field label={T.author} name="author" error={errs.author}><input value={author} onChange={(e) => setAuthor(e.target.value)} /></Field>
        <Field label={T.themes} name="themes" error={errs.themes}><input value={themes} onChange={(e) => setThemes(e.target.value)} /></Field>
      </div>
      <Field label={T.notes} name="notes" error={errs.notes}><textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} /></Field>
      {error && !errs.title && !errs.department && !errs.author && !errs.themes && !errs.notes && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? T.saving : T.save}</button>
        <button type="button" onClick={onCancel}>{T.cancel}</button>
      </div>
    </form>
  )
}

export function SeriesPanel({ piece }: { piece: Piece }) {
  const series = useQuery('series-get', piece.seriesId ? { id: piece.seriesId } : null)
  const can = useCan()
  const [editing, setEditing] = useState(false)
  const [stopping, setStopping] = useState(false)
  const [busy, setBusy] = useState(false)
  const [stopError, setStopError] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const s = series.data
  if (!piece.seriesId || !s) return null
  const editOne = () => {
    setMessage(T.editOneHint)
    document.querySelector<HTMLInputElement>('.piece-detail .piece-form [data-field="title"] input')?.focus()
  }
  async function stop() {
    setBusy(true)
    // From this occurrence's detail: this one stays, the untouched drafts after it go.
    const r = await invoke('series-stop', { id: s!.id, from: addDays(piece.occurrence ?? piece.date, 1) })
    setBusy(false)
    if (!r.ok) return setStopError(r.error.message)
    setStopping(false)
    setMessage(T.stoppedDone(r.value.removed.length))
  }
  return (
    <section className="card series-panel" aria-label={T.head(s.text)} data-testid="series-panel">
      <div className="series-line">
        <strong>{T.head(s.text)}</strong>
        <span className="muted small">{T.counts(s)}</span>
      </div>
      {s.stoppedAt ? (
        <p className="muted small">{T.stopped(s.stoppedAt, s.stoppedBy ?? '')}</p>
      ) : (
        s.upcoming.length > 0 && <p className="muted small">{T.upcoming}{s.upcoming.map(occurrenceLabel).join('、')}</p>
      )}
      {message && <p className="ok-text small" role="status">{message}</p>}
      {can('series-update-future') && !editing && (
        <div className="actions">
          <button type="button" onClick={editOne}>{T.editOne}</button>
          {!s.stoppedAt && <button type="button" onClick={() => { setMessage(null); setEditing(true) }}>{T.editAll}</button>}
          {!s.stoppedAt && <button type="button" className="danger-button" onClick={() => setStopping(true)}>{T.stop}</button>}
        </div>
      )}
      {editing && <FutureForm series={s} piece={piece} onCancel={() => setEditing(false)} onDone={(m) => { setEditing(false); setMessage(m) }} />}
      {stopping && (
        <ConfirmDialog title={T.stopTitle} yes={T.stopYes} busy={busy} error={stopError} onYes={() => void stop()} onNo={() => { setStopping(false); setStopError(null) }}>
          {T.stopBody(s)}
        </ConfirmDialog>
      )}
    </section>
  )
}
