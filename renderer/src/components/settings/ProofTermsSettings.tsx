// 设置 › 规范表述: the office's dictionary of wrong forms and their standard forms, plus (read only) the wrong
// forms of the hospital's own name derived from 医院信息.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import type { DeskError } from '../../../../shared/contract'
import type { ProofEntry } from '../../../../shared/proofread'

const T = {
  title: '规范表述',
  lead: '送审时自动查找下列错误写法并提示规范写法（只提示，不阻止送审）。',
  wrong: '错误写法',
  right: '规范写法',
  note: '说明',
  add: '添加一条',
  remove: '删除',
  save: '保存',
  saved: '已保存',
  names: '本院名称的常见错误写法（根据“医院信息”自动生成）',
  noNames: '暂无'
}

export function ProofTermsSettings() {
  const q = useQuery('proofread-terms-get', {})
  const [rows, setRows] = useState<ProofEntry[]>([])
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (q.data) setRows(q.data.terms.map((t) => ({ ...t, note: t.note ?? '' })))
  }, [q.data])
  const set = (i: number, k: keyof ProofEntry, v: string) => setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)))

  async function save() {
    const r = await invoke('proofread-terms-save', { terms: rows.filter((x) => x.wrong.trim() || x.right.trim()) })
    setError(r.ok ? null : r.error)
    setSaved(r.ok)
  }

  if (!q.data) return null
  return (
    <form className="card" aria-label={T.title} onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.lead}</p>
      <table className="table settings-table">
        <thead>
          <tr><th>{T.wrong}</th><th>{T.right}</th><th>{T.note}</th><th /></tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td><input aria-label={`${T.wrong} ${i + 1}`} value={r.wrong} onChange={(e) => set(i, 'wrong', e.target.value)} /></td>
              <td><input aria-label={`${T.right} ${i + 1}`} value={r.right} onChange={(e) => set(i, 'right', e.target.value)} /></td>
              <td><input aria-label={`${T.note} ${i + 1}`} className="wide-input" value={r.note ?? ''} onChange={(e) => set(i, 'note', e.target.value)} /></td>
              <td><button type="button" className="link" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{T.remove}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => setRows([...rows, { wrong: '', right: '', note: '' }])}>{T.add}</button>
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <h3>{T.names}</h3>
      <ul className="plain">
        {q.data.nameSlips.map((s) => <li key={s.wrong}><span className="strike">{s.wrong}</span> → {s.right}</li>)}
        {q.data.nameSlips.length === 0 && <li className="muted">{T.noNames}</li>}
      </ul>
    </form>
  )
}
