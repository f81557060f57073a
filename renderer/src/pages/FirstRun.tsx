import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { Field, splitList } from '../components/Field'
import type { DeskError } from '../../../shared/contract'

const T = {
  title: '欢迎使用宣传舆情工作台',
  lead: '先告诉工作台本院的名称。名称和简称用于舆情监测（识别提及本院的报道）和报告抬头。',
  fullName: '医院全称',
  fullNameHint: '如：南和县人民医院',
  aliases: '简称 / 别名',
  aliasesHint: '用顿号或逗号分隔，如：南和县医院、县医院',
  departments: '科室',
  departmentsHint: '用顿号或逗号分隔，可稍后在“设置”中修改',
  start: '开始使用',
  demo: '载入演示数据体验',
  demoHint: '演示数据为南和县人民医院 2023 年上半年的宣传工作，可用来熟悉各项功能。'
}

export function FirstRun({ onDone }: { onDone: () => void }) {
  const [fullName, setFullName] = useState('')
  const [aliases, setAliases] = useState('')
  const [departments, setDepartments] = useState('党办、宣传科、医务科、护理部')
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  const errs = fieldErrors(error)

  async function save() {
    setBusy(true)
    const r = await invoke('profile-save', { fullName, aliases: splitList(aliases), departments: splitList(departments) })
    setBusy(false)
    if (r.ok) onDone()
    else setError(r.error)
  }
  async function demo() {
    setBusy(true)
    const r = await invoke('demo-seed', {})
    setBusy(false)
    if (r.ok) onDone()
    else setError(r.error)
  }

  return (
    <div className="first-run">
      <div className="card first-run-card">
        <h1>{T.title}</h1>
        <p className="muted">{T.lead}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void save()
          }}
        >
          <Field label={T.fullName} name="fullName" error={errs.fullName}>
            <input value={fullName} onChange={(e) => setFullName(e.target.value)} placeholder={T.fullNameHint} autoFocus />
          </Field>
          <Field label={T.aliases} name="aliases" error={errs.aliases ?? errs['aliases.0']} hint={T.aliasesHint}>
            <input value={aliases} onChange={(e) => setAliases(e.target.value)} />
          </Field>
          <Field label={T.departments} name="departments" hint={T.departmentsHint}>
            <input value={departments} onChange={(e) => setDepartments(e.target.value)} />
          </Field>
          {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{T.start}</button>
            <button type="button" onClick={demo} disabled={busy}>{T.demo}</button>
          </div>
          <p className="muted small">{T.demoHint}</p>
        </form>
      </div>
    </div>
  )
}
