import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { Field, splitList } from '../components/Field'
import { BackupPanel } from '../components/BackupPanel'
import type { DeskError } from '../../../shared/contract'
import type { Profile } from '../../../shared/contract/settings'

const T = { title: '设置', profile: '医院信息', fullName: '医院全称', aliases: '简称 / 别名', departments: '科室', save: '保存', saved: '已保存' }

export function Settings({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const [fullName, setFullName] = useState(profile.fullName)
  const [aliases, setAliases] = useState(profile.aliases.join('、'))
  const [departments, setDepartments] = useState(profile.departments.join('、'))
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const errs = fieldErrors(error)
  return (
    <section className="page">
      <h1>{T.title}</h1>
      <form
        className="card"
        onSubmit={async (e) => {
          e.preventDefault()
          const r = await invoke('profile-save', { fullName, aliases: splitList(aliases), departments: splitList(departments) })
          setError(r.ok ? null : r.error)
          setSaved(r.ok)
          if (r.ok) onSaved()
        }}
      >
        <h2>{T.profile}</h2>
        <Field label={T.fullName} name="fullName" error={errs.fullName}>
          <input value={fullName} onChange={(e) => setFullName(e.target.value)} />
        </Field>
        <Field label={T.aliases} name="aliases" error={errs.aliases}>
          <input value={aliases} onChange={(e) => setAliases(e.target.value)} />
        </Field>
        <Field label={T.departments} name="departments" error={errs.departments}>
          <textarea rows={3} value={departments} onChange={(e) => setDepartments(e.target.value)} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary">{T.save}</button>
          {saved && <span className="ok-text">{T.saved}</span>}
        </div>
      </form>
      <BackupPanel />
    </section>
  )
}
