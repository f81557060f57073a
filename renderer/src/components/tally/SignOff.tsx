// 已阅: the signed-in secretary signs the month with their password; every signing is a new version, listed here.
// Afterwards any change to the month's rows is shown, never hidden. Others see the state, not the button.
import { useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { PasswordDialog } from './PasswordDialog'
import type { SignoffState, TallyView } from '../../../../shared/contract/tallies'
import { chinaDateTime } from '../../../../shared/periods'

const T = {
  title: '书记签阅',
  intro: (label: string) => `核对${label}的统计数字后签阅（已阅）。签阅时的数字会原样保存；此后该月台账如有增删改，这里会提示变动。`,
  signer: (name: string) => `签阅人：${name}`,
  sign: '签阅（已阅）',
  resign: (next: number) => `重新签阅（第 ${next} 版）`,
  confirm: '确认签阅',
  dialogIntro: (label: string) => `签阅${label}的统计数字。签阅时的数字与操作日志的当前位置一并保存为新的一版，此前的版本均保留。`,
  signed: '已阅',
  version: (n: number) => `第 ${n} 版`,
  onlySecretary: '签阅须由党委书记本人登录后进行。',
  history: '签阅记录',
  historyLine: (n: number, who: string, day: string) => `第 ${n} 版，${who} ${day} 签阅`,
  differs: '与上一版不同：',
  sameAsBefore: '数字与上一版相同',
  at: (s: string) => chinaDateTime(s),
  changed: '签阅后有变动',
  changedIntro: '以下数字或记录在签阅后发生了变化，页面显示的是现在的数字；签阅时的数字仍原样保存。',
  changes: '签阅后变动',
  figures: (label: string) => `${label}的数字`,
  rows: (label: string) => `${label}的记录`,
  comment: (c: string) => `意见：${c}`,
  figureCols: ['统计项', '签阅时', '现在', '差额'],
  rowCols: ['操作', '台账记录', '日期', '修改内容', '时间', '操作人'],
  actions: { create: '新增', update: '修改', delete: '删除' } as Record<string, string>,
  noFigureChange: '统计数字没有变化（只改了不影响统计的内容）。',
  notMonth: '签阅按月进行：请在上方选择一个月份。',
  paperLine: '签阅人：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日　　意见：＿＿＿＿＿＿＿＿＿＿＿＿'
}

/** 签阅后有变动 (or, for a 定稿, 定稿后有变动): the figures then and now, and the ledger rows changed since. */
export function Changes({ s, badge = T.changed, intro = T.changedIntro, then = T.figureCols[1], label = T.changes }: { s: Pick<SignoffState, 'figureChanges' | 'rowChanges'>; badge?: string; intro?: string; then?: string; label?: string }) {
  const cols = [T.figureCols[0], then, ...T.figureCols.slice(2)]
  return (
    <div className="signoff-changes" role="alert">
      <strong className="changed-badge">{badge}</strong>
      <p className="small">{intro}</p>
      {s.figureChanges.length > 0 ? (
        <table className="fig-table compact" aria-label={T.figures(label)}>
          <thead><tr>{cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
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
        <table className="fig-table compact" aria-label={T.rows(label)}>
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

function History({ s }: { s: SignoffState }) {
  return (
    <div className="signoff-history">
      <strong className="small">{T.history}（{s.versions.length}）</strong>
      <ol aria-label={T.history}>
        {[...s.versions].reverse().map((v) => (
          <li key={v.version}>
            {T.historyLine(v.version, v.signedBy, chinaDateTime(v.signedAt).slice(0, 10))}
            {v.comment && <span className="signed-comment">{T.comment(v.comment)}</span>}
            {v.version > 1 && (
              <div className="small muted">
                {v.differs.length ? `${T.differs}${v.differs.map((c) => `${c.label} ${c.before}→${c.after}`).join('、')}` : T.sameAsBefore}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}

export function SignOff({ view }: { view: TallyView }) {
  const s = view.signoff
  const session = useQuery('session-state', {})
  const [open, setOpen] = useState(false)
  if (view.period.kind !== 'month') return <section className="card signoff no-print"><h3>{T.title}</h3><p className="muted">{T.notMonth}</p></section>
  const user = session.data?.user ?? null
  const canSign = !!user && !!session.data?.allowed.includes('tally-signoff')

  async function sign(password: string, comment: string) {
    const r = await invoke('tally-signoff', { month: view.period.code, password, comment })
    if (!r.ok) return r.error
    setOpen(false)
    return null
  }

  return (
    <section className={`card signoff${s?.changed ? ' is-changed' : s ? ' is-signed' : ''}`} aria-label={T.title} data-testid="signoff">
      <h3>{T.title}</h3>
      {!s && <p className="muted small no-print">{T.intro(view.period.label)}</p>}
      {!s && <p className="print-only">{T.paperLine}</p>}
      {s && (
        <p className="signed-line">
          <span className="signed-badge">✓ {T.signed}</span> {T.version(s.version)} · {s.signedBy} · {T.at(s.signedAt)}
          {s.comment ? <span className="signed-comment">{T.comment(s.comment)}</span> : null}
        </p>
      )}
      {s?.changed && <Changes s={s} />}
      {s && <History s={s} />}
      {canSign ? (
        <button type="button" className={`no-print${s ? '' : ' primary'}`} onClick={() => setOpen(true)}>{s ? T.resign(s.version + 1) : T.sign}</button>
      ) : (
        !s && session.data && <p className="muted small no-print">{T.onlySecretary}</p>
      )}
      {open && user && (
        <PasswordDialog title={`${T.title}：${view.period.label}`} signer={T.signer(user.name)} intro={T.dialogIntro(view.period.label)} confirm={T.confirm} onConfirm={sign} onClose={() => setOpen(false)} />
      )}
    </section>
  )
}
