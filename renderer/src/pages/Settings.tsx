import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { useRoute } from '../hooks'
import { Field, splitList } from '../components/Field'
import { BackupPanel } from '../components/BackupPanel'
import { ThemesSettings } from '../components/settings/ThemesSettings'
import { ReviewSettings } from '../components/settings/ReviewSettings'
import { ProofTermsSettings } from '../components/settings/ProofTermsSettings'
import { OutletsSettings } from '../components/settings/OutletsSettings'
import { AccountsSettings } from '../components/settings/AccountsSettings'
import { QuotaSettings } from '../components/settings/QuotaSettings'
import type { DeskError } from '../../../shared/contract'
import type { Profile } from '../../../shared/contract/settings'
import './settings.css'

const T = { title: '设置', profile: '医院信息', fullName: '医院全称', aliases: '简称 / 别名', departments: '科室', save: '保存', saved: '已保存' }

/** The tabs of 设置, each its own hash route (#/settings/review …) so a link can open one. */
const TABS = [
  { key: 'profile', label: '医院信息' },
  { key: 'review', label: '审核流程' },
  { key: 'terms', label: '规范表述' },
  { key: 'outlets', label: '媒体' },
  { key: 'accounts', label: '账号阵地' },
  { key: 'quotas', label: '指标与节点' },
  { key: 'backup', label: '数据备份' }
] as const
type Tab = (typeof TABS)[number]['key']

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const [fullName, setFullName] = useState(profile.fullName)
  const [aliases, setAliases] = useState(profile.aliases.join('、'))
  const [departments, setDepartments] = useState(profile.departments.join('、'))
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const errs = fieldErrors(error)
  return (
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
  )
}

export function Settings({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const [route, go] = useRoute()
  const tab: Tab = TABS.some((t) => t.key === route[1]) ? (route[1] as Tab) : 'profile'
  return (
    <section className="page settings-page">
      <h1>{T.title}</h1>
      <nav className="tabs" role="tablist" aria-label={T.title}>
        {TABS.map((t) => (
          <button key={t.key} role="tab" aria-selected={t.key === tab} className={t.key === tab ? 'tab on' : 'tab'} onClick={() => go(`settings/${t.key}`)}>
            {t.label}
          </button>
        ))}
      </nav>
      {tab === 'profile' && (
        <>
          <ProfileForm profile={profile} onSaved={onSaved} />
          <ThemesSettings />
        </>
      )}
      {tab === 'review' && <ReviewSettings />}
      {tab === 'terms' && <ProofTermsSettings />}
      {tab === 'outlets' && <OutletsSettings />}
      {tab === 'accounts' && <AccountsSettings profile={profile} />}
      {tab === 'quotas' && <QuotaSettings />}
      {tab === 'backup' && <BackupPanel />}
    </section>
  )
}
