// 设置 › 规范表述: the office's dictionary of wrong forms, their standard forms, why and where the standard form
// comes from (出处), plus (read only) the wrong forms of the hospital's own name derived from 医院信息. An office
// that saved its own copy keeps it; entries shipped later are merged in only when the officer asks, then saved
// through the same audited save.
import { memo, useCallback, useEffect, useMemo, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { useDirty } from '../../unsaved'
import type { DeskError } from '../../../../shared/contract'
import { DEFAULT_PROOF_TERMS, mergeDefaultTerms, type ProofEntry } from '../../../../shared/proofread'

const T = {
  title: '规范表述',
  lead: '送审时自动查找下列错误写法并提示规范写法（只提示，不阻止送审）。',
  filter: '筛选',
  filterHint: '输入错误写法、规范写法、说明或出处中的字词',
  count: (shown: number, all: number) => (shown === all ? `共 ${all} 条` : `显示 ${shown} 条，共 ${all} 条`),
  wrong: '错误写法',
  right: '规范写法',
  note: '说明',
  source: '出处',
  add: '添加一条',
  merge: '补充新增的默认条目',
  mergeNone: '默认条目均已在列表中',
  merged: (added: number, sourced: number) =>
    `已补充 ${added} 条默认条目（添加在列表末尾）${sourced ? `，并为 ${sourced} 条补上出处` : ''}，保存后生效。`,
  remove: '删除',
  save: '保存',
  saved: '已保存',
  names: '本院名称的常见错误写法（根据“医院信息”自动生成）',
  noNames: '暂无'
}

const blankFields = (t: ProofEntry): ProofEntry => ({ ...t, note: t.note ?? '', source: t.source ?? '' })

type Field = 'wrong' | 'right' | 'note' | 'source'

/** One entry's inputs; memoised, so typing in one row of a long list redraws only that row. */
const TermRow = memo(function TermRow({ r, i, onChange, onRemove }: { r: ProofEntry; i: number; onChange: (i: number, k: Field, v: string) => void; onRemove: (i: number) => void }) {
  const input = (k: Field, wide = false) => (
    <input aria-label={`${T[k]} ${i + 1}`} className={wide ? 'wide-input' : undefined} title={wide ? r[k] : undefined} value={r[k] ?? ''} onChange={(e) => onChange(i, k, e.target.value)} />
  )
  return (
    <tr>
      <td>{input('wrong')}</td>
      <td>{input('right')}</td>
      <td>{input('note', true)}</td>
      <td>{input('source', true)}</td>
      <td style={{ whiteSpace: 'nowrap' }}><button type="button" className="link" onClick={() => onRemove(i)}>{T.remove}</button></td>
    </tr>
  )
})

export function ProofTermsSettings() {
  const q = useQuery('proofread-terms-get', {})
  const [rows, setRows] = useState<ProofEntry[]>([])
  const [loaded, setLoaded] = useState<unknown>(null)
  const [filter, setFilter] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const [notice, setNotice] = useState('')
  const clean = useDirty(rows, loaded)
  useEffect(() => {
    if (!q.data) return
    setRows(q.data.terms.map(blankFields))
    setLoaded(q.data)
  }, [q.data])
  const edit = (next: ProofEntry[]) => (setRows(next), setSaved(false))
  const change = useCallback((i: number, k: Field, v: string) => {
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, [k]: v } : r)))
    setSaved(false)
  }, [])
  const remove = useCallback((i: number) => {
    setRows((rs) => rs.filter((_, j) => j !== i))
    setSaved(false)
  }, [])
  const missing = useMemo(() => mergeDefaultTerms(rows, DEFAULT_PROOF_TERMS), [rows])
  const shown = useMemo(() => {
    const f = filter.trim()
    return rows.map((r, i) => ({ r, i })).filter(({ r }) => !f || [r.wrong, r.right, r.note, r.source].some((x) => x?.includes(f)))
  }, [rows, filter])

  function merge() {
    edit(missing.terms.map(blankFields))
    setNotice(T.merged(missing.added, missing.sourced))
  }

  async function save() {
    const r = await invoke('proofread-terms-save', { terms: rows.filter((x) => x.wrong.trim() || x.right.trim()) })
    setError(r.ok ? null : r.error)
    setSaved(r.ok)
    if (r.ok) {
      clean()
      setNotice('')
    }
  }

  if (!q.data) return null
  const nothingToMerge = missing.added === 0 && missing.sourced === 0
  return (
    <form className="card" aria-label={T.title} onSubmit={(e) => (e.preventDefault(), void save())}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.lead}</p>
      <div className="actions">
        <label className="check">
          {T.filter}
          <input aria-label={T.filter} placeholder={T.filterHint} className="wide-input" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <span className="muted small" data-testid="proof-terms-count">{T.count(shown.length, rows.length)}</span>
      </div>
      <table className="table settings-table">
        <thead>
          <tr><th>{T.wrong}</th><th>{T.right}</th><th>{T.note}</th><th>{T.source}</th><th /></tr>
        </thead>
        <tbody>
          {shown.map(({ r, i }) => <TermRow key={i} r={r} i={i} onChange={change} onRemove={remove} />)}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" onClick={() => (edit([...rows, { wrong: '', right: '', note: '', source: '' }]), setFilter(''))}>{T.add}</button>
        <button type="button" onClick={merge} disabled={nothingToMerge} title={nothingToMerge ? T.mergeNone : undefined}>{T.merge}</button>
        <button type="submit" className="primary">{T.save}</button>
        {saved && <span className="ok-text">{T.saved}</span>}
      </div>
      {notice && <p className="muted small" role="status">{notice}</p>}
      {error && <div className="form-error" role="alert">{error.message}</div>}
      <h3>{T.names}</h3>
      <ul className="plain">
        {q.data.nameSlips.map((s) => <li key={s.wrong}><span className="strike">{s.wrong}</span> → {s.right}</li>)}
        {q.data.nameSlips.length === 0 && <li className="muted">{T.noNames}</li>}
      </ul>
    </form>
  )
}
