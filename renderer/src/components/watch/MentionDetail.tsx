import { useEffect, useRef, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { GRADES, MENTION_STATUSES, SENTIMENTS, TRIAGE_ACTIONS } from '../../../../shared/watch'
import type { DeskError, Envelope } from '../../../../shared/contract'
import { REMOVE_REASONS, type MentionDetail as Detail } from '../../../../shared/contract/mentions'
import { GradeBadge, Highlighted, SafeLink, SentimentChip, chinaTime } from './Text'
import { PieceLink } from './PieceLink'
import { IncidentButton } from './IncidentButton'
import { SnapshotPanel } from './SnapshotPanel'
import { MergeButton, SplitButton } from './EventActions'
import './mention-detail.css'

const T = {
  loading: '正在打开…',
  label: '舆情详情',
  close: '关闭',
  original: '打开原文',
  noLink: '（无原文链接）',
  published: '发布时间',
  fetched: '抓取时间',
  feed: '来源',
  rules: '命中规则',
  cues: '情感依据',
  noCues: '无',
  sentiment: '情感',
  grade: '级别',
  manual: '（人工更正，不会被自动覆盖）',
  gradeReason: '定级依据',
  triage: '研判处置',
  status: '当前状态',
  note: '处置说明',
  notePlaceholder: '写明做了什么，如：已转医务科核实；办结时写明处置结果',
  assignee: '责任人',
  assigneeState: '责任人保存状态',
  saveAssignee: '保存',
  unsaved: '未保存',
  saving: '正在保存…',
  saved: '已保存',
  saveFailed: (why: string) => `未保存：${why}`,
  escalate: '上报领导（列入“领导关注”）',
  sources: (n: number) => `全部来源（${n}）`,
  events: '处置记录',
  noEvents: '尚未处置',
  remove: '移除此舆情…',
  removeTitle: '移除舆情',
  removeIntro: '移除后此条不再出现在收件箱和各项统计中，但记录、处置过程和移除理由都会保留（可在“已移除”中查看），统计与报告按“移除（误报等）”单独计数；同一内容以后不会再收录。',
  reason: '移除理由',
  reasonMore: '补充说明',
  reasonPlaceholder: '如：同名诊所的报道',
  confirmRemove: '确认移除',
  cancel: '取消',
  removed: (by: string, at: string) => `已移除（${by}，${at}）`,
  removedReason: '理由：'
}

/** 误报 / 重复 / 与本院无关 with optional words; 其他 must say what. */
function reasonText(kind: string, more: string): string {
  const m = more.trim()
  if (kind === '其他' || !kind) return m
  return m ? `${kind}：${m}` : kind
}

function RemoveForm({ id, onRemoved, onCancel }: { id: number; onRemoved: (d: Detail) => void; onCancel: () => void }) {
  const [kind, setKind] = useState<string>(REMOVE_REASONS[0])
  const [more, setMore] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  async function remove() {
    setBusy(true)
    const r = await invoke('mention-remove', { id, reason: reasonText(kind, more) })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    onRemoved(r.value)
  }
  return (
    <form className="remove-form" role="dialog" aria-label={T.removeTitle} onSubmit={(e) => (e.preventDefault(), void remove())}>
      <h3>{T.removeTitle}</h3>
      <p className="small muted">{T.removeIntro}</p>
      <fieldset className="reasons" aria-label={T.reason}>
        <legend className="field-label">{T.reason}</legend>
        {REMOVE_REASONS.map((r) => (
          <label key={r} className="radio"><input type="radio" name="reason" value={r} checked={kind === r} onChange={() => setKind(r)} />{r}</label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field-label">{T.reasonMore}</span>
        <input aria-label={T.reasonMore} value={more} maxLength={180} placeholder={T.reasonPlaceholder} onChange={(e) => setMore(e.target.value)} />
      </label>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="danger" disabled={busy}>{T.confirmRemove}</button>
        <button type="button" onClick={onCancel}>{T.cancel}</button>
      </div>
    </form>
  )
}

/** The newest step of a mention's trail (0 for none): a later answer never has an older one. */
const lastStep = (d: Detail): number => d.events.reduce((max, e) => Math.max(max, e.id), 0)

export function MentionDetail({ id, onClose, onOpen }: { id: number; onClose: () => void; onOpen?: (id: number) => void }) {
  const q = useQuery('mention-get', { id })
  const session = useQuery('session-state', {})
  const canRemove = !!session.data?.allowed.includes('mention-remove')
  const canSnapshot = !!session.data?.allowed.includes('mention-snapshot')
  const canMerge = !!session.data?.allowed.includes('mention-merge')
  const [m, setShown] = useState<Detail | null>(null)
  const shownRef = useRef<Detail | null>(null)
  const setM = (d: Detail) => {
    shownRef.current = d
    setShown(d)
  }
  // After a merge or a split the officer looks at the event they end up with (the kept one, the new one): its route.
  const moved = (d: Detail) => {
    setM(d)
    if (d.id !== id) onOpen?.(d.id)
  }
  const [note, setNote] = useState('')
  const [assignee, setAssignee] = useState('')
  // The 责任人 field says where its text stands: typed (未保存), on its way, saved, or refused — never saved when not.
  const [assigneeSave, setAssigneeSave] = useState<'idle' | 'saving' | 'saved' | DeskError>('idle')
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const [confirming, setConfirming] = useState(false)
  // The mention loads again after every change to it (here, in another window, a poll); an assignee being
  // typed is kept unless the saved one changed.
  const loaded = useRef<Detail | null>(null)
  // An answer that arrives after the officer opened another mention must not replace that one on screen.
  const shownId = useRef(id)
  shownId.current = id
  const savingAssignee = useRef<Promise<void> | null>(null)
  useEffect(() => {
    const d = q.data
    if (!d) return
    // A reload begun before the step just taken here can answer after that step's own answer: it must not put
    // the panel back a step (研判中 again, and Y/B pressing the buttons of a state that is gone). The trail only
    // grows, so an answer with an older last step is stale.
    if (shownRef.current?.id === d.id && lastStep(d) < lastStep(shownRef.current)) return
    const prev = loaded.current
    loaded.current = d
    setM(d)
    setAssignee((typed) => (prev?.id === d.id && prev.assignee === d.assignee ? typed : d.assignee))
  }, [q.data])
  useEffect(() => {
    setNote('')
    setError(null)
    setConfirming(false)
    setAssigneeSave('idle')
  }, [id])

  if (q.error) return <aside className="mention-detail card"><div className="form-error">{q.error.message}</div></aside>
  if (!m || m.id !== id) return <aside className="mention-detail card loading">{T.loading}</aside>

  const assigneeDirty = assignee.trim() !== m.assignee

  /** Shows a saved answer; the field takes the saved name if its text is what was sent. */
  function show(d: Detail, sentAssignee?: string) {
    if (d.id !== shownId.current) return
    setM(d)
    if (sentAssignee !== undefined && sentAssignee.trim() === d.assignee) {
      setAssignee((typed) => (typed === sentAssignee ? d.assignee : typed))
      setAssigneeSave('saved')
    }
  }

  /** Runs one change; the panel shows the handler's answer, the lists reload by themselves. */
  async function act(run: () => Promise<Envelope<Detail>>, clearNote = false, sentAssignee?: string) {
    setBusy(true)
    const r = await run()
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setError(null)
    show(r.value, sentAssignee)
    if (clearNote) setNote('')
  }

  /**
   * A step carries a 责任人 typed but not yet saved, in the same transaction (the handler writes nothing for the
   * name it already has). Clicking the button has just left the field, so its own save goes first and its answer
   * is shown before the step's.
   */
  function step(to: Detail['status']) {
    const sent = assigneeDirty ? assignee : undefined
    void act(async () => {
      await savingAssignee.current
      return invoke('mention-triage', { id, step: to, note, ...(sent === undefined ? {} : { assignee: sent }) })
    }, true, sent)
  }

  /** The 责任人 on its own, the moment the field is left (or Enter). */
  function saveAssignee() {
    if (!assigneeDirty || assigneeSave === 'saving') return
    const sent = assignee
    setAssigneeSave('saving')
    savingAssignee.current = invoke('mention-assign', { id, assignee: sent }).then((r) => {
      savingAssignee.current = null
      if (id !== shownId.current) return
      if (!r.ok) return setAssigneeSave(r.error)
      show(r.value, sent)
      // Typed on while it was saving: still unsaved, and the next blur saves the rest.
      if (sent.trim() !== r.value.assignee) setAssigneeSave('idle')
    })
  }

  const assigneeState = assigneeSave === 'saving' ? { cls: 'saving', text: T.saving }
    : typeof assigneeSave === 'object' ? { cls: 'failed', text: T.saveFailed(assigneeSave.message) }
    : assigneeDirty ? { cls: 'unsaved', text: T.unsaved }
    : assigneeSave === 'saved' ? { cls: 'saved', text: T.saved }
    : null

  return (
    <aside className="mention-detail card" aria-label={T.label}>
      <header className="detail-head">
        <span className="mention-badges">
          <GradeBadge grade={m.grade} manual={m.gradeManual} />
          <SentimentChip sentiment={m.sentiment} manual={m.sentimentManual} />
          <span className={`mstatus ms-${m.status}`}>{MENTION_STATUSES[m.status]}</span>
        </span>
        <button className="link" onClick={onClose}>{T.close}</button>
      </header>
      <h2 className="detail-title"><Highlighted segments={m.titleSegments} /></h2>
      <p className="detail-link">{m.link ? <SafeLink href={m.link}>{T.original}</SafeLink> : <span className="muted">{T.noLink}</span>}</p>
      <IncidentButton id={m.id} />
      {m.snippet && <p className="detail-snippet"><Highlighted segments={m.snippetSegments} /></p>}
      <dl className="detail-meta">
        <dt>{T.feed}</dt><dd>{m.feedName || '—'}</dd>
        <dt>{T.published}</dt><dd>{chinaTime(m.publishedAt)}</dd>
        <dt>{T.fetched}</dt><dd>{chinaTime(m.fetchedAt)}</dd>
        <dt>{T.rules}</dt><dd>{m.matches.map((x) => `${x.ruleName}：${x.terms.join('、')}`).join('；')}</dd>
        <dt>{T.cues}</dt><dd>{m.sentimentCues.length ? m.sentimentCues.join('、') : T.noCues}</dd>
      </dl>
      <SnapshotPanel m={m} canTake={canSnapshot && !m.removed} onTaken={(d) => show(d)} />

      <div className="detail-row">
        <label>
          {T.sentiment}
          <select aria-label={T.sentiment} value={m.sentiment} disabled={busy || !!m.removed} onChange={(e) => act(() => invoke('mention-correct', { id, sentiment: e.target.value as Detail['sentiment'] }))}>
            {SENTIMENTS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          {T.grade}
          <select aria-label={T.grade} value={m.grade} disabled={busy || !!m.removed} onChange={(e) => act(() => invoke('mention-correct', { id, grade: e.target.value as Detail['grade'] }))}>
            {GRADES.map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </label>
        {(m.sentimentManual || m.gradeManual) && <span className="muted small">{T.manual}</span>}
      </div>
      {m.gradeReason && <p className="small grade-reason"><span className="muted">{T.gradeReason}：</span>{m.gradeReason}</p>}

      {m.removed && (
        <div className="removed-note" role="status">
          <strong>{T.removed(m.removed.by, chinaTime(m.removed.at))}</strong>
          <div>{T.removedReason}{m.removed.reason}</div>
        </div>
      )}

      {!m.removed && <section className="triage" aria-label={T.triage}>
        <h3>{T.triage}</h3>
        <label className="field">
          <span className="field-label">{T.note}</span>
          <textarea aria-label={T.note} rows={2} value={note} placeholder={T.notePlaceholder} onChange={(e) => setNote(e.target.value)} />
        </label>
        <div className="actions">
          {m.nextSteps.map((s) => (
            <button key={s} className={s === 'ignored' ? '' : 'primary'} disabled={busy} onClick={() => step(s)}>
              {TRIAGE_ACTIONS[s]}
            </button>
          ))}
        </div>
        {error && <div className="form-error" role="alert">{error.message}</div>}
        <div className="detail-row assignee-row">
          <label>
            {T.assignee}
            <input
              aria-label={T.assignee}
              value={assignee}
              maxLength={20}
              className={assigneeDirty ? 'unsaved' : ''}
              onChange={(e) => {
                setAssignee(e.target.value)
                if (assigneeSave !== 'saving') setAssigneeSave('idle')
              }}
              onBlur={saveAssignee}
              onKeyDown={(e) => {
                if (e.key === 'Enter') saveAssignee()
              }}
            />
          </label>
          {assigneeDirty && assigneeSave !== 'saving' && <button onClick={saveAssignee}>{T.saveAssignee}</button>}
          {assigneeState && <span className={`save-state ss-${assigneeState.cls}`} role="status" aria-label={T.assigneeState}>{assigneeState.text}</span>}
        </div>
        <label className="check">
          <input type="checkbox" checked={m.escalated} disabled={busy} onChange={(e) => act(() => invoke('mention-escalate', { id, escalated: e.target.checked, note: '' }))} />
          {T.escalate}
        </label>
        <PieceLink piece={m.piece} busy={busy} onLink={(pieceId) => act(() => invoke('mention-link-piece', { id, pieceId }))} />
      </section>}

      <section>
        <h3>{T.events}</h3>
        {m.events.length === 0 ? <p className="muted">{T.noEvents}</p> : (
          <ol className="trail" aria-label={T.events}>
            {m.events.map((e) => (
              <li key={e.id}>
                <span className="trail-when">{chinaTime(e.at)}</span> {e.actor}：{MENTION_STATUSES[e.fromStatus]} → <strong>{MENTION_STATUSES[e.toStatus]}</strong>
                {e.note && <div className="trail-note">{e.note}</div>}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section>
        <h3>{T.sources(m.sources.length)}</h3>
        <ul className="sources">
          {m.sources.map((s) => (
            <li key={s.id}>
              <span className="muted">{s.feedName || '—'} · {chinaTime(s.publishedAt)}</span>
              <div><SafeLink href={s.link}>{s.title}</SafeLink></div>
              {canMerge && !m.removed && m.sources.length > 1 && <SplitButton m={m} source={s} onDone={moved} />}
            </li>
          ))}
        </ul>
        {canMerge && !m.removed && <MergeButton m={m} onDone={moved} />}
      </section>

      {!m.removed && canRemove && (
        <footer className="actions">
          {confirming ? (
            <RemoveForm id={id} onCancel={() => setConfirming(false)} onRemoved={(d) => (setConfirming(false), setM(d))} />
          ) : <button className="link danger-text" onClick={() => setConfirming(true)}>{T.remove}</button>}
        </footer>
      )}
    </aside>
  )
}
