import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { Field, splitList } from './Field'
import { CHANNELS, CHANNEL_CODES, STATUSES, finalStatusesFor, type Channel, type Status } from '../../../shared/channels'
import type { DeskError } from '../../../shared/contract'
import type { Piece } from '../../../shared/contract/pieces'
import type { Profile } from '../../../shared/contract/settings'

const T = {
  newTitle: '新建台账记录',
  editTitle: '编辑台账记录',
  channel: '渠道',
  title: '标题',
  date: '日期',
  dateHint: '发布、播放、报送或举办的日期',
  status: '状态',
  department: '科室',
  author: '作者',
  venue: '媒体/平台',
  themes: '主题',
  themesHint: '用顿号分隔，如：民族团结、健康科普',
  notes: '备注',
  save: '保存',
  cancel: '取消',
  saving: '正在保存…'
}

function statusesFor(channel: Channel): Status[] {
  return ['draft', 'pending', 'approved', 'scheduled', ...finalStatusesFor(channel), 'withdrawn']
}

export function PieceForm({ profile, piece, today, onSaved, onCancel }: { profile: Profile; piece?: Piece; today: string; onSaved: (p: Piece) => void; onCancel: () => void }) {
  const [channel, setChannel] = useState<Channel>(piece?.channel ?? 'wechat')
  const [title, setTitle] = useState(piece?.title ?? '')
  const [date, setDate] = useState(piece?.date ?? today)
  const [status, setStatus] = useState<Status>(piece?.status ?? 'published')
  const [department, setDepartment] = useState(piece?.department ?? '')
  const [author, setAuthor] = useState(piece?.author ?? '')
  const [venue, setVenue] = useState(piece?.venue ?? '')
  const [themes, setThemes] = useState((piece?.themes ?? []).join('、'))
  const [notes, setNotes] = useState(piece?.notes ?? '')
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const errs = fieldErrors(error)

  async function save() {
    setBusy(true)
    const fields = { channel, title, date, status, department, author, venue, themes: splitList(themes), notes }
    const r = piece ? await invoke('piece-update', { id: piece.id, ...fields }) : await invoke('piece-create', fields)
    setBusy(false)
    if (r.ok) onSaved(r.value)
    else setError(r.error)
  }

  const statuses = statusesFor(channel)
  return (
    <form
      className="card piece-form"
      aria-label={piece ? T.editTitle : T.newTitle}
      onSubmit={(e) => {
        e.preventDefault()
        void save()
      }}
    >
      <h2>{piece ? T.editTitle : T.newTitle}</h2>
      <div className="grid">
        <Field label={T.channel} name="channel" error={errs.channel}>
          <select
            value={channel}
            onChange={(e) => {
              const c = e.target.value as Channel
              setChannel(c)
              if (!statusesFor(c).includes(status)) setStatus(finalStatusesFor(c)[0])
            }}
          >
            {CHANNEL_CODES.map((c) => (
              <option key={c} value={c}>{CHANNELS[c]}</option>
            ))}
          </select>
        </Field>
        <Field label={T.status} name="status" error={errs.status}>
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {statuses.map((s) => (
              <option key={s} value={s}>{STATUSES[s]}</option>
            ))}
          </select>
        </Field>
        <Field label={T.title} name="title" error={errs.title} wide>
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="如：我院召开医德医风建设推进会" />
        </Field>
        <Field label={T.date} name="date" error={errs.date} hint={T.dateHint}>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field label={T.department} name="department" error={errs.department}>
          <input list="departments" value={department} onChange={(e) => setDepartment(e.target.value)} />
          <datalist id="departments">
            {profile.departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </Field>
        <Field label={T.author} name="author" error={errs.author}>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} />
        </Field>
        <Field label={T.venue} name="venue" error={errs.venue}>
          <input value={venue} onChange={(e) => setVenue(e.target.value)} />
        </Field>
        <Field label={T.themes} name="themes" error={errs.themes} hint={T.themesHint} wide>
          <input value={themes} onChange={(e) => setThemes(e.target.value)} />
        </Field>
        <Field label={T.notes} name="notes" error={errs.notes} wide>
          <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </div>
      {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? T.saving : T.save}</button>
        <button type="button" onClick={onCancel}>{T.cancel}</button>
      </div>
    </form>
  )
}
