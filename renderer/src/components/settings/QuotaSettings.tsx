// 设置 › 指标与节点: targets per channel or outlet level per week / month / half-year, and dated deadlines.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { Field } from '../Field'
import { DateInput } from '../DateInput'
import { ConfirmDialog } from '../ConfirmDialog'
import { offerUndo } from '../Toast'
import { CHANNELS, CHANNEL_CODES, OUTLET_LEVELS, channelLabel, type Channel, type OutletLevel } from '../../../../shared/channels'
import { QUOTA_PERIODS, type Deadline, type Quota, type QuotaPeriod } from '../../../../shared/contract/quotas'
import type { DeskError } from '../../../../shared/contract'

const T = {
  quotas: '工作指标',
  quotasLead: '如：工作动态信息每周至少 1 条、公众号每月至少 8 篇、省级以上媒体录用每半年至少 5 篇。只统计已发布、已报送、已录用、已完成的记录，合作版面不计。',
  label: '指标名称',
  channel: '渠道',
  anyChannel: '不限渠道',
  minLevel: '媒体级别（及以上）',
  anyLevel: '不限级别',
  onlyAccepted: '只计已录用',
  period: '周期',
  target: '目标数',
  add: '添加指标',
  remove: '删除',
  deadlines: '报送节点',
  deadlinesLead: '上级要求的报送截止日期，逾期未完成的在工作台标红。',
  title: '节点名称',
  dueDate: '截止日期',
  notes: '说明',
  addDeadline: '添加节点',
  done: '已完成',
  overdue: '已逾期',
  removeQuota: '删除这项指标？',
  removeDeadline: '删除这个报送节点？',
  removeLead: '删除后可在提示条上点“撤销”找回。',
  quotaLine: (label: string, rule: string, period: string, target: number) => `“${label}”（${rule ? `${rule}，` : ''}${period} ≥ ${target}）`,
  deadlineLine: (title: string, due: string) => `“${title}”（截止 ${due}）`,
  removedQuota: (label: string) => `已删除指标“${label}”`,
  removedDeadline: (title: string) => `已删除报送节点“${title}”`,
  rule: (c: string | null, l: string | null, accepted: boolean) => [c ? channelLabel(c) : '', l ? `${l}以上` : '', accepted ? '已录用' : ''].filter(Boolean).join(' · ')
}

type QuotaDraft = { label: string; channel: Channel | ''; minLevel: OutletLevel | ''; onlyAccepted: boolean; period: QuotaPeriod; target: string }
const blankQuota: QuotaDraft = { label: '', channel: '', minLevel: '', onlyAccepted: false, period: 'month', target: '1' }

export function QuotaSettings() {
  const quotas = useQuery('quota-list', {})
  const deadlines = useQuery('deadline-list', {})
  const [q, setQ] = useState<QuotaDraft>(blankQuota)
  const [dl, setDl] = useState({ title: '', dueDate: '', notes: '' })
  const [qError, setQError] = useState<DeskError | null>(null)
  const [dError, setDError] = useState<DeskError | null>(null)
  const qErrs = fieldErrors(qError)
  const dErrs = fieldErrors(dError)

  async function addQuota() {
    const r = await invoke('quota-save', { label: q.label, channel: q.channel || null, minLevel: q.minLevel || null, onlyAccepted: q.onlyAccepted, period: q.period, target: Number(q.target) })
    setQError(r.ok ? null : r.error)
    if (r.ok) setQ(blankQuota)
  }
  async function addDeadline() {
    const r = await invoke('deadline-save', dl)
    setDError(r.ok ? null : r.error)
    if (r.ok) setDl({ title: '', dueDate: '', notes: '' })
  }
  const toggle = (d: Deadline) => invoke('deadline-done', { id: d.id, done: !d.doneAt })
  // 删除 asks first, naming the item; afterwards the toast offers 撤销 (the row back under its own id).
  const [removing, setRemoving] = useState<{ kind: 'quota'; row: Quota } | { kind: 'deadline'; row: Deadline } | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  async function remove(): Promise<void> {
    if (!removing) return
    const { id } = removing.row
    const r = removing.kind === 'quota' ? await invoke('quota-delete', { id }) : await invoke('deadline-delete', { id })
    if (!r.ok) return setRemoveError(r.error.message)
    if (removing.kind === 'quota') offerUndo(T.removedQuota(removing.row.label), () => invoke('quota-restore', { id }))
    else offerUndo(T.removedDeadline(removing.row.title), () => invoke('deadline-restore', { id }))
    setRemoving(null)
  }
  const ask = (r: NonNullable<typeof removing>) => {
    setRemoveError(null)
    setRemoving(r)
  }

  return (
    <>
      <section className="card" aria-label={T.quotas}>
        <h2>{T.quotas}</h2>
        <p className="muted small">{T.quotasLead}</p>
        <form className="inline-form" aria-label={T.add} onSubmit={(e) => (e.preventDefault(), void addQuota())}>
          <Field label={T.label} name="label" error={qErrs.label}>
            <input value={q.label} onChange={(e) => setQ({ ...q, label: e.target.value })} />
          </Field>
          <Field label={T.channel} name="channel" error={qErrs.channel}>
            <select value={q.channel} onChange={(e) => setQ({ ...q, channel: e.target.value as Channel | '' })}>
              <option value="">{T.anyChannel}</option>
              {CHANNEL_CODES.map((c) => <option key={c} value={c}>{CHANNELS[c]}</option>)}
            </select>
          </Field>
          <Field label={T.minLevel} name="minLevel" error={qErrs.minLevel}>
            <select value={q.minLevel} onChange={(e) => setQ({ ...q, minLevel: e.target.value as OutletLevel | '' })}>
              <option value="">{T.anyLevel}</option>
              {OUTLET_LEVELS.map((l) => <option key={l}>{l}</option>)}
            </select>
          </Field>
          <Field label={T.period} name="period" error={qErrs.period}>
            <select value={q.period} onChange={(e) => setQ({ ...q, period: e.target.value as QuotaPeriod })}>
              {(Object.keys(QUOTA_PERIODS) as QuotaPeriod[]).map((p) => <option key={p} value={p}>{QUOTA_PERIODS[p]}</option>)}
            </select>
          </Field>
          <Field label={T.target} name="target" error={qErrs.target}>
            <input type="number" min={1} value={q.target} onChange={(e) => setQ({ ...q, target: e.target.value })} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={q.onlyAccepted} onChange={(e) => setQ({ ...q, onlyAccepted: e.target.checked })} />
            {T.onlyAccepted}
          </label>
          <div className="actions"><button type="submit" className="primary">{T.add}</button></div>
        </form>
        <table className="table settings-table">
          <thead><tr><th>{T.label}</th><th>{T.channel}</th><th>{T.period}</th><th>{T.target}</th><th /></tr></thead>
          <tbody>
            {(quotas.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>{x.label}</td>
                <td>{T.rule(x.channel, x.minLevel, x.onlyAccepted)}</td>
                <td>{QUOTA_PERIODS[x.period]}</td>
                <td>≥ {x.target}</td>
                <td><button className="link" aria-label={`${T.remove}指标“${x.label}”`} onClick={() => ask({ kind: 'quota', row: x })}>{T.remove}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label={T.deadlines}>
        <h2>{T.deadlines}</h2>
        <p className="muted small">{T.deadlinesLead}</p>
        <form className="inline-form" aria-label={T.addDeadline} onSubmit={(e) => (e.preventDefault(), void addDeadline())}>
          <Field label={T.title} name="title" error={dErrs.title}>
            <input value={dl.title} onChange={(e) => setDl({ ...dl, title: e.target.value })} />
          </Field>
          <Field label={T.dueDate} name="dueDate" error={dErrs.dueDate}>
            <DateInput label={T.dueDate} value={dl.dueDate} onChange={(d) => setDl({ ...dl, dueDate: d })} />
          </Field>
          <Field label={T.notes} name="notes" error={dErrs.notes}>
            <input value={dl.notes} onChange={(e) => setDl({ ...dl, notes: e.target.value })} />
          </Field>
          <div className="actions"><button type="submit" className="primary">{T.addDeadline}</button></div>
        </form>
        <table className="table settings-table">
          <thead><tr><th>{T.dueDate}</th><th>{T.title}</th><th>{T.notes}</th><th>{T.done}</th><th /></tr></thead>
          <tbody>
            {(deadlines.data ?? []).map((d) => (
              <tr key={d.id} className={d.overdue ? 'overdue' : ''}>
                <td className="nowrap">{d.dueDate}{d.overdue ? `（${T.overdue}）` : ''}</td>
                <td>{d.title}</td>
                <td>{d.notes}</td>
                <td><input type="checkbox" aria-label={`${d.title}${T.done}`} checked={!!d.doneAt} onChange={() => void toggle(d)} /></td>
                <td><button className="link" aria-label={`${T.remove}节点“${d.title}”`} onClick={() => ask({ kind: 'deadline', row: d })}>{T.remove}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {removing && (
        <ConfirmDialog title={removing.kind === 'quota' ? T.removeQuota : T.removeDeadline} yes={T.remove} error={removeError} onYes={() => void remove()} onNo={() => setRemoving(null)}>
          <p>
            {removing.kind === 'quota'
              ? T.quotaLine(removing.row.label, T.rule(removing.row.channel, removing.row.minLevel, removing.row.onlyAccepted), QUOTA_PERIODS[removing.row.period], removing.row.target)
              : T.deadlineLine(removing.row.title, removing.row.dueDate)}
          </p>
          <p className="muted">{T.removeLead}</p>
        </ConfirmDialog>
      )}
    </>
  )
}
