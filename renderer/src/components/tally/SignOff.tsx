// 已阅: the secretary signs the month; afterwards any change to the month's rows is shown, never hidden.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { Field } from '../Field'
import type { DeskError } from '../../../../shared/contract'
import type { SignoffState, TallyView } from '../../../../shared/contract/tallies'
import { chinaDateTime } from '../../../../shared/periods'

const T = {
  title: '书记签阅',
  intro: (label: string) => `核对${label}的统计数字后签阅（已阅）。签阅时的数字会原样保存；此后该月台账如有增删改，这里会提示变动。`,
  name: '签阅人',
  namePlaceholder: '如：王书记',
  comment: '意见（可不填）',
  sign: '签阅（已阅）',
  resign: '重新签阅',
  signing: '正在签阅…',
  signed: '已阅',
  at: (s: string) => chinaDateTime(s),
  changed: '签阅后有变动',
  changedIntro: '以下数字或记录在签阅后发生了变化，页面显示的是现在的数字；签阅时的数字仍原样保存。',
  figureCols: ['统计项', '签阅时', '现在', '差额'],
  rowCols: ['操作', '台账记录', '日期', '修改内容', '时间', '操作人'],
  actions: { create: '新增', update: '修改', delete: '删除' } as Record<string, string>,
  noFigureChange: '统计数字没有变化（只改了不影响统计的内容）。',
  cancel: '取消',
  notMonth: '签阅按月进行：请在上方选择一个月份。',
  paperLine: '签阅人：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日　　意见：＿＿＿＿＿＿＿＿＿＿＿＿'
}

function Changes({ s }: { s: SignoffState }) {
  return (
    <div className="signoff-changes" role="alert">
      <strong className="changed-badge">{T.changed}</strong>
      <p className="small">{T.changedIntro}</p>
      {s.figureChanges.length > 0 ? (
        <table className="fig-table compact" aria-label="签阅后变动的数字">
          <thead><tr>{T.figureCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {s.figureChanges.map((c) => (
              <tr key={c.key}><td>{c.label}</td><td className="n">{c.signed}</td><td className="n">{c.now}</td><td className="n">{c.now - c.signed > 0 ? `+${Math.round((c.now - c.signed) * 10) / 10}` : Math.round((c.now - c.signed) * 10) / 10}</td></tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="small">{T.noFigureChange}</p>
      )}
      {s.rowChanges.length > 0 && (
        <table className="fig-table compact" aria-label="签阅后变动的记录">
          <thead><tr>{T.rowCols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {s.rowChanges.map((r, i) => (
              <tr key={`${r.pieceId}-${i}`}>
                <td>{T.actions[r.action]}</td>
                <td>{r.action === 'delete' ? r.title : <a href={`#/ledger/${r.pieceId}`}>{r.title}</a>}</td>
                <td className="nowrap">{r.date}</td>
                <td>{r.fields.join('；')}</td>
                <td className="nowrap">{chinaDateTime(r.at)}</td>
                <td>{r.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

export function SignOff({ view, onSigned }: { view: TallyView; onSigned: () => void }) {
  const s = view.signoff
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(s?.signedBy ?? '')
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  if (view.period.kind !== 'month') return <section className="card signoff no-print"><h3>{T.title}</h3><p className="muted">{T.notMonth}</p></section>

  async function sign(): Promise<void> {
    setBusy(true)
    const r = await invoke('tally-signoff', { month: view.period.code, signedBy: name, comment })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    setError(null)
    setOpen(false)
    onSigned()
  }

  const errs = fieldErrors(error)
  const form = (
    <form className="signoff-form no-print" aria-label={T.title} onSubmit={(e) => (e.preventDefault(), void sign())}>
      <Field label={T.name} name="signedBy" error={errs.signedBy}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={T.namePlaceholder} maxLength={40} />
      </Field>
      <Field label={T.comment} name="comment" error={errs.comment} wide>
        <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? T.signing : s ? T.resign : T.sign}</button>
        {s && <button type="button" onClick={() => setOpen(false)}>{T.cancel}</button>}
      </div>
      {error && !errs.signedBy && !errs.comment && <div className="form-error">{error.message}</div>}
    </form>
  )

  return (
    <section className={`card signoff${s?.changed ? ' is-changed' : s ? ' is-signed' : ''}`} aria-label={T.title} data-testid="signoff">
      <h3>{T.title}</h3>
      {!s && <p className="muted small no-print">{T.intro(view.period.label)}</p>}
      {!s && <p className="print-only">{T.paperLine}</p>}
      {s && (
        <p className="signed-line">
          <span className="signed-badge">✓ {T.signed}</span> {s.signedBy} · {T.at(s.signedAt)}
          {s.comment ? <span className="signed-comment">意见：{s.comment}</span> : null}
        </p>
      )}
      {s?.changed && <Changes s={s} />}
      {(!s || open) && form}
      {s && !open && <button type="button" className="no-print" onClick={() => setOpen(true)}>{T.resign}</button>}
    </section>
  )
}
