// 操作日志 (设置 → 操作日志; the administrator and the party secretary): every action by anyone, filtered by person,
// action, entity and China day, newest first; exported to Excel; and the 完整性校验 that proves the trail unaltered.
import { useState } from 'react'
import './audit-log.css'
import { invoke } from '../api'
import { useQuery } from '../hooks'
import { runJob } from '../jobs'
import { downloadPayload } from '../files'
import { JobProgress } from '../components/JobProgress'
import { auditTime } from '../../../shared/audit-labels'
import type { DeskError } from '../../../shared/contract'
import type { AuditCheckResult, AuditFilterInput, AuditLogRow } from '../../../shared/contract/audit'
import type { JobStatus } from '../../../shared/contract/jobs'
import type { FilePayload } from '../../../shared/contract/ledger'
import { DateInput } from '../components/DateInput'

const T = {
  title: '操作日志',
  intro: '工作台中每个人的每一次操作都记录在此，只能追加，不能修改或删除；每条记录带有校验值，可随时校验是否完整。',
  actor: '人员',
  action: '操作',
  entity: '对象',
  from: '日期从',
  to: '到',
  toLabel: '到（结束日期）',
  all: '全部',
  clear: '清除筛选',
  cols: ['时间', '人员', '操作', '对象', '编号', '内容摘要'],
  count: (offset: number, shown: number, total: number) => (shown < total ? `共 ${total} 条，当前第 ${offset + 1}–${offset + shown} 条` : `共 ${total} 条`),
  prev: '上一页',
  next: '下一页',
  empty: '没有符合条件的记录。',
  loading: '正在读取操作日志…',
  export: '导出 Excel',
  exportPhases: { queued: '正在准备…', writing: '正在写入文件…' },
  verify: '完整性校验',
  verifying: '正在校验…',
  whole: (n: number) => `操作日志完整：${n} 条`,
  broken: (why: string) => `操作日志校验未通过：${why}`,
  brokenHint: '请保留现场并联系信息科；可在 设置 → 数据备份 中查看各备份记录的操作日志位置。',
  startup: (why: string) => `打开工作台时的校验发现问题：${why}`
}
const PAGE = 100

/** Where a row's record is shown, for the 编号 link. */
function recordPath(r: AuditLogRow): string | null {
  if (!/^\d+$/.test(r.entityId)) return null
  if (r.entity === 'piece') return `ledger/${r.entityId}`
  if (r.entity === 'mention') return `watch/inbox/${r.entityId}`
  return null
}

export function AuditLog({ go }: { go: (path: string) => void }) {
  const [actor, setActor] = useState('')
  const [action, setAction] = useState('')
  const [entity, setEntity] = useState('')
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [offset, setOffset] = useState(0)
  const filter: AuditFilterInput = {
    ...(actor && { actor }),
    ...(action && { action }),
    ...(entity && { entity }),
    ...(from && { from }),
    ...(to && { to })
  }
  const page = useQuery('audit-log', { filter, offset, limit: PAGE })
  const status = useQuery('audit-status', {})
  const [check, setCheck] = useState<AuditCheckResult | null>(null)
  const [checking, setChecking] = useState(false)
  const [job, setJob] = useState<JobStatus | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const anyFilter = Object.keys(filter).length > 0
  // Every filter change starts again at the newest row.
  const set = (f: (v: string) => void) => (v: string) => {
    f(v)
    setOffset(0)
  }

  async function verify(): Promise<void> {
    setChecking(true)
    setError(null)
    const r = await invoke('audit-verify', {})
    setChecking(false)
    if (!r.ok) return setError(r.error)
    setCheck(r.value)
    status.reload()
  }

  async function exportXlsx(): Promise<void> {
    setError(null)
    const s = await runJob<FilePayload>('audit-log-export-start', { filter }, setJob)
    setJob(null)
    if (s.error) return setError(s.error)
    downloadPayload(s.result!)
  }

  const v = page.data
  const facets = v?.facets
  const startupProblem = status.data && !status.data.ok && !check ? status.data.problem : null
  return (
    <section className="page audit-page">
      <header className="page-head">
        <h1>{T.title}</h1>
        <div className="actions">
          <button type="button" onClick={() => void verify()} disabled={checking}>{checking ? T.verifying : T.verify}</button>
          <button type="button" onClick={() => void exportXlsx()} disabled={job !== null || !v?.total}>{T.export}</button>
        </div>
      </header>
      <p className="muted small">{T.intro}</p>
      {startupProblem && <div className="audit-check bad" role="alert">{T.startup(startupProblem.why)}<div className="small">{T.brokenHint}</div></div>}
      {check && (
        <div className={check.ok ? 'audit-check good' : 'audit-check bad'} role="status" data-testid="audit-check">
          {check.ok ? T.whole(check.count) : T.broken(check.problem?.why ?? '')}
          {!check.ok && <div className="small">{T.brokenHint}</div>}
        </div>
      )}
      <JobProgress status={job} phases={T.exportPhases} label={T.export} />
      {error && <div className="form-error">{error.message}</div>}
      <div className="filters audit-filters">
        <select aria-label={T.actor} value={actor} onChange={(e) => set(setActor)(e.target.value)}>
          <option value="">{T.actor}：{T.all}</option>
          {(facets?.actors ?? []).map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <select aria-label={T.action} value={action} onChange={(e) => set(setAction)(e.target.value)}>
          <option value="">{T.action}：{T.all}</option>
          {(facets?.actions ?? []).map((a) => <option key={a.code} value={a.code}>{a.label}</option>)}
        </select>
        <select aria-label={T.entity} value={entity} onChange={(e) => set(setEntity)(e.target.value)}>
          <option value="">{T.entity}：{T.all}</option>
          {(facets?.entities ?? []).map((a) => <option key={a.code} value={a.code}>{a.label}</option>)}
        </select>
        <label className="date-range">
          {T.from}
          <DateInput label={T.from} value={from} max={to || undefined} onChange={set(setFrom)} />
        </label>
        <label className="date-range">
          {T.to}
          <DateInput label={T.toLabel} value={to} min={from || undefined} onChange={set(setTo)} />
        </label>
        {anyFilter && (
          <button type="button" className="link" onClick={() => { setActor(''); setAction(''); setEntity(''); setFrom(''); setTo(''); setOffset(0) }}>{T.clear}</button>
        )}
        <span className="muted" data-testid="audit-count">{v ? T.count(v.offset, v.rows.length, v.total) : ''}</span>
      </div>
      {page.error && <div className="form-error">{page.error.message}</div>}
      {!v && !page.error && <p className="loading">{T.loading}</p>}
      {v && v.total === 0 && <p className="empty">{T.empty}</p>}
      {v && v.rows.length > 0 && (
        <table className="table audit-table" aria-label={T.title}>
          <thead><tr>{T.cols.map((c) => <th key={c}>{c}</th>)}</tr></thead>
          <tbody>
            {v.rows.map((r) => {
              const path = recordPath(r)
              return (
                <tr key={r.id} data-audit-id={r.id}>
                  <td className="nowrap">{auditTime(r.at)}</td>
                  <td className="nowrap">{r.actor}</td>
                  <td className={`nowrap audit-action act-${r.action}`}>{r.actionLabel}</td>
                  <td className="nowrap">{r.entityLabel}</td>
                  <td className="nowrap">{path ? <a href={`#/${path}`} onClick={(e) => { e.preventDefault(); go(path) }}>{r.entityId}</a> : r.entityId}</td>
                  <td className="audit-summary" title={JSON.stringify(r.changes, null, 1)}>{r.summary}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {v && v.total > PAGE && (
        <div className="actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{T.prev}</button>
          <button type="button" disabled={offset + PAGE >= v.total} onClick={() => setOffset(offset + PAGE)}>{T.next}</button>
        </div>
      )}
    </section>
  )
}
