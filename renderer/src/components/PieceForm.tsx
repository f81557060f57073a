import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { useQuery } from '../hooks'
import { useDirty } from '../unsaved'
import { Field, splitList } from './Field'
import { DateInput } from './DateInput'
import { ChannelFields } from './workflow/ChannelFields'
import { changedOnly, channelPayload, inputsOf, type Inputs } from './workflow/piece-values'
import { CHANNELS, CHANNEL_CODES, STATUSES, finalStatusesFor, type Channel, type Status } from '../../../shared/channels'
import { CHANNEL_FIELDS, DATE_MEANING } from '../../../shared/contract/channel-fields'
import { CHANNEL_CHANGE_STATUSES, nextStatuses } from '../../../shared/workflow'
import { ConfirmSave, confirmWarnings } from './workflow/ConfirmSave'
import { RepeatFields, newRepeat, repeatPayload, type RepeatDraft } from './ledger/RepeatFields'
import type { DeskError } from '../../../shared/contract'
import type { Piece } from '../../../shared/contract/pieces'
import type { Profile } from '../../../shared/contract/app'
import './workflow/workflow.css'

const T = {
  newTitle: '新建台账记录',
  editTitle: '编辑台账记录',
  channel: '渠道',
  title: '标题',
  titlePlaceholder: '如：我院召开医德医风建设推进会',
  date: '日期',
  status: '状态',
  statusNewHint: '新记录先保存为草稿，送审通过后再发布',
  statusNewHintNoChain: '本渠道无需审核，已办完的可直接选完成状态',
  statusBackfillHint: '补录：选工作实际所处的状态，记录将标为“补录”',
  statusEditHint: '送审、通过、退回请用审核操作',
  backfillChoice: '补录已完成的工作',
  backfillHint: '登记早已做完、未在工作台内审核的工作（如纸质审批的旧稿）',
  channelLocked: '只有草稿或已撤回的记录可以更改渠道',
  department: '科室',
  author: '作者',
  themes: '主题',
  themesHint: '用顿号分隔，如：民族团结、健康科普',
  link: '链接',
  body: '正文',
  bodyHint: '可粘贴全文：用于检索和规范表述校对',
  notes: '备注',
  channelSection: (c: string) => `${c} · 专项信息`,
  backfillMark: '（补录）',
  save: '保存',
  cancel: '取消',
  saving: '正在保存…'
}

const COMMON_FIELDS = ['channel', 'date', 'status', 'backfill', 'title', 'department', 'author', 'themes', 'link', 'body', 'notes', 'freq', 'weekday', 'monthDay', 'until', 'count']

/**
 * What a new piece's status should be: on a channel with a review chain, 草稿 (补录 is an explicit choice, then
 * the work is recorded as done); on a channel without one, planned work is a draft and past work is done.
 */
function defaultStatus(channel: Channel, date: string, today: string, chainEmpty: boolean, backfill: boolean): Status {
  if (!chainEmpty) return backfill ? finalStatusesFor(channel)[0] : 'draft'
  return date > today ? 'draft' : finalStatusesFor(channel)[0]
}

function statusChoices(channel: Channel, piece: Piece | undefined, chainEmpty: boolean, backfill: boolean): Status[] {
  if (!piece) {
    if (!chainEmpty && !backfill) return ['draft']
    return [...(backfill ? [] : (['draft'] as Status[])), 'approved', 'scheduled', ...finalStatusesFor(channel), 'withdrawn']
  }
  const from = piece.channel === channel ? piece.status : 'draft'
  return [...new Set([piece.status, ...nextStatuses(channel, from, chainEmpty).filter((s) => s !== 'pending')])]
}

/** A new piece's prefill (a 近期节点's suggested piece): nothing is written until the officer saves. */
export interface PieceDefaults {
  channel: Channel
  title: string
  date: string
  themes: string[]
  inputs: Record<string, string>
}

export function PieceForm({ profile, piece, today, onSaved, onCancel, defaultDate, defaults }: { profile: Profile; piece?: Piece; today: string; onSaved: (p: Piece) => void; onCancel: () => void; defaultDate?: string; defaults?: PieceDefaults }) {
  const [channel, setChannel] = useState<Channel>(piece?.channel ?? defaults?.channel ?? 'wechat')
  const [title, setTitle] = useState(piece?.title ?? defaults?.title ?? '')
  const [date, setDate] = useState(piece?.date ?? defaults?.date ?? defaultDate ?? today)
  // A new piece's status follows its date until the officer picks one.
  const [status, setStatus] = useState<Status | null>(piece?.status ?? null)
  const [department, setDepartment] = useState(piece?.department ?? '')
  const [author, setAuthor] = useState(piece?.author ?? '')
  const [themes, setThemes] = useState((piece?.themes ?? defaults?.themes ?? []).join('、'))
  const [link, setLink] = useState(piece?.link ?? '')
  const [body, setBody] = useState(piece?.body ?? '')
  const [notes, setNotes] = useState(piece?.notes ?? '')
  const [inputs, setInputs] = useState<Inputs>(() => ({ ...inputsOf(piece), ...(piece ? {} : defaults?.inputs) }))
  const [backfill, setBackfill] = useState(false)
  // 重复 (a new piece only): saved as a series whose occurrences are drafts (shared/series.ts).
  const [repeat, setRepeat] = useState<RepeatDraft>(() => newRepeat(piece?.date ?? defaultDate ?? today))
  // The handler's question before saving (an approval would be voided, a signed month touched).
  const [asking, setAsking] = useState<string[] | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const chains = useQuery('review-chains-get', {})
  const themeList = useQuery('theme-list', {})
  const errs = fieldErrors(error)
  // Typing not yet saved: closing the drawer or leaving the page asks 放弃修改？ first.
  const saved = useDirty({ channel, title, date, status, department, author, themes, link, body, notes, inputs, backfill, repeat })

  const chainEmpty = (chains.data?.chains[channel] ?? ['?']).length === 0
  // A repeating piece's occurrences are planned work: each starts as a 草稿.
  const repeating = !piece && !backfill && repeat.freq !== 'none'
  const choices = repeating ? (['draft'] as Status[]) : statusChoices(channel, piece, chainEmpty, backfill)
  const current = status ?? defaultStatus(channel, date, today, chainEmpty, backfill)
  const channelLocked = !!piece && !CHANNEL_CHANGE_STATUSES.includes(piece.status)
  const shown = choices.includes(current) ? current : choices[0]
  const shownFields = new Set([...COMMON_FIELDS, ...CHANNEL_FIELDS[channel].map((f) => (f.where === 'extra' ? `extra.${f.key}` : f.key))])

  async function save(confirm = false) {
    setBusy(true)
    setAsking(null)
    const fields = { channel, title, date, status: shown, department, author, themes: splitList(themes), link, body, notes, ...channelPayload(channel, inputs) }
    const rule = repeating ? repeatPayload(repeat) : null
    const { status: _s, ...template } = fields
    const r = piece
      ? await invoke('piece-update', { id: piece.id, ...changedOnly(piece, fields), confirm })
      : rule
        ? await invoke('series-create', { ...template, repeat: rule }).then((s) => (s.ok ? { ...s, value: s.value.first } : s))
        : await invoke('piece-create', { ...fields, backfill })
    setBusy(false)
    if (r.ok) {
      saved()
      return onSaved(r.value)
    }
    const warnings = confirmWarnings(r.error)
    if (warnings) setAsking(warnings)
    else setError(r.error)
  }

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
          <select value={channel} disabled={channelLocked} title={channelLocked ? T.channelLocked : undefined} onChange={(e) => setChannel(e.target.value as Channel)}>
            {CHANNEL_CODES.map((c) => (
              <option key={c} value={c}>{CHANNELS[c]}</option>
            ))}
          </select>
        </Field>
        <Field label={T.date} name="date" error={errs.date} hint={DATE_MEANING[channel]}>
          <DateInput label={T.date} value={date} onChange={setDate} />
        </Field>
        <Field label={T.status} name="status" error={errs.status} hint={piece ? T.statusEditHint : backfill ? T.statusBackfillHint : chainEmpty ? T.statusNewHintNoChain : T.statusNewHint}>
          <select value={shown} onChange={(e) => setStatus(e.target.value as Status)}>
            {choices.map((s) => (
              <option key={s} value={s}>{STATUSES[s]}{backfill && s !== 'draft' ? T.backfillMark : ''}</option>
            ))}
          </select>
        </Field>
        {!piece && (
          <label className="check backfill-choice" data-field="backfill" title={T.backfillHint}>
            <input
              type="checkbox"
              checked={backfill}
              onChange={(e) => {
                setBackfill(e.target.checked)
                setStatus(null) // the status follows the choice again
              }}
            />
            {T.backfillChoice}
            <span className="muted small">{T.backfillHint}</span>
          </label>
        )}
        <Field label={T.title} name="title" error={errs.title} wide>
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={T.titlePlaceholder} />
        </Field>
        <Field label={T.department} name="department" error={errs.department}>
          <input list="pf-departments" value={department} onChange={(e) => setDepartment(e.target.value)} />
          <datalist id="pf-departments">
            {profile.departments.map((d) => (
              <option key={d} value={d} />
            ))}
          </datalist>
        </Field>
        <Field label={T.author} name="author" error={errs.author}>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} />
        </Field>
        <Field label={T.themes} name="themes" error={errs.themes} hint={T.themesHint}>
          <input list="pf-themes" value={themes} onChange={(e) => setThemes(e.target.value)} />
          <datalist id="pf-themes">
            {(themeList.data ?? []).map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </Field>
      </div>
      {!piece && !backfill && <RepeatFields value={repeat} onChange={setRepeat} start={date} errors={errs} />}
      <fieldset className="channel-fields">
        <legend>{T.channelSection(CHANNELS[channel])}</legend>
        <ChannelFields channel={channel} date={date} inputs={inputs} setInputs={setInputs} errors={errs} profile={profile} today={today} />
      </fieldset>
      <div className="grid">
        <Field label={T.link} name="link" error={errs.link} wide>
          <input value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
        </Field>
        <Field label={T.body} name="body" error={errs.body} hint={T.bodyHint} wide>
          <textarea rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </Field>
        <Field label={T.notes} name="notes" error={errs.notes} wide>
          <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
      </div>
      {error && !Object.keys(errs).some((f) => shownFields.has(f)) && <div className="form-error" role="alert">{error.message}</div>}
      {asking && <ConfirmSave warnings={asking} busy={busy} onYes={() => void save(true)} onNo={() => setAsking(null)} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? T.saving : T.save}</button>
        <button type="button" onClick={onCancel}>{T.cancel}</button>
      </div>
    </form>
  )
}
