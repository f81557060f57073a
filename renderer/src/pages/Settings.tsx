import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { useRoute } from '../hooks'
import { leaveIfAllowed, useDirty } from '../unsaved'
import { Field, splitList } from '../components/Field'
import { BackupPanel } from '../components/BackupPanel'
import { WordListSettings } from '../components/settings/WordListSettings'
import { ReviewSettings } from '../components/settings/ReviewSettings'
import { ProofTermsSettings } from '../components/settings/ProofTermsSettings'
import { OutletsSettings } from '../components/settings/OutletsSettings'
import { AccountsSettings } from '../components/settings/AccountsSettings'
import { QuotaSettings } from '../components/settings/QuotaSettings'
import { UsersSettings } from '../components/settings/UsersSettings'
import { PlanningDaysSettings } from '../components/settings/PlanningDaysSettings'
import { HolidaySettings } from '../components/settings/HolidaySettings'
import { useCan } from '../session'
import type { HandlerName } from '../../../shared/contract'
import type { DeskError } from '../../../shared/contract'
import { HOSPITAL_LEVELS, defaultCommission, type HospitalLevel, type Profile } from '../../../shared/contract/app'
import './settings.css'

const T = {
  title: '设置', profile: '医院信息', fullName: '医院全称', aliases: '简称 / 别名', departments: '科室', save: '保存', saved: '已保存', nothing: '当前账号没有可修改的设置。',
  facts: '本院信息（写入意识形态工作总结）',
  factsHint: '总结开头的“党中央和省、市、县委”、上级卫生健康部门的名称和负责舆情监测的部门按这里填写。',
  level: '医院级别', watchUnit: '负责网络舆情监测的部门', commission: '上级卫生健康部门（现名）',
  commissionHint: (d: string) => `留空则按级别写作“${d}”；“卫计局/卫生计生委”已于2018年更名，不能再用。`
}

/**
 * The tabs of 设置, each its own hash route (#/settings/review …) so a link can open one; a tab shows only to
 * someone who may save it (the handlers refuse anyone else anyway).
 */
const TABS = [
  { key: 'profile', label: '医院信息', needs: 'profile-save' },
  { key: 'users', label: '本机用户', needs: 'user-add' },
  { key: 'review', label: '审核流程', needs: 'review-chains-save' },
  { key: 'terms', label: '规范表述', needs: 'proofread-terms-save' },
  { key: 'outlets', label: '媒体', needs: 'outlet-save' },
  { key: 'accounts', label: '账号阵地', needs: 'account-save' },
  { key: 'quotas', label: '指标与节点', needs: 'quota-save' },
  { key: 'planning', label: '节点日', needs: 'planning-rules-save' },
  { key: 'holidays', label: '节假日安排', needs: 'holiday-year-save' },
  { key: 'backup', label: '数据备份', needs: 'backup-create' }
] as const satisfies readonly { key: string; label: string; needs: HandlerName }[]
type Tab = (typeof TABS)[number]['key']

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: () => void }) {
  const [fullName, setFullName] = useState(profile.fullName)
  const [aliases, setAliases] = useState(profile.aliases.join('、'))
  const [departments, setDepartments] = useState(profile.departments.join('、'))
  const [level, setLevel] = useState<HospitalLevel>(profile.level ?? '县级')
  const [watchUnit, setWatchUnit] = useState(profile.watchUnit ?? '宣传科')
  const [commission, setCommission] = useState(profile.commission ?? '')
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  const errs = fieldErrors(error)
  const clean = useDirty({ fullName, aliases, departments, level, watchUnit, commission })
  return (
    <form
      className="card"
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await invoke('profile-save', { fullName, aliases: splitList(aliases), departments: splitList(departments), level, watchUnit, commission })
        setError(r.ok ? null : r.error)
        setSaved(r.ok)
        if (r.ok) {
          clean()
          onSaved()
        }
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
      <h3>{T.facts}</h3>
      <p className="muted small">{T.factsHint}</p>
      <Field label={T.level} name="level" error={errs.level}>
        <select value={level} onChange={(e) => setLevel(e.target.value as HospitalLevel)}>
          {HOSPITAL_LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </Field>
      <Field label={T.watchUnit} name="watchUnit" error={errs.watchUnit}>
        <input value={watchUnit} onChange={(e) => setWatchUnit(e.target.value)} placeholder="如 宣传科、网络信息管理中心" />
      </Field>
      <Field label={T.commission} name="commission" error={errs.commission} hint={T.commissionHint(defaultCommission(level))}>
        <input value={commission} onChange={(e) => setCommission(e.target.value)} placeholder={defaultCommission(level)} />
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
  const can = useCan()
  const tabs = TABS.filter((t) => can(t.needs))
  const tab: Tab | undefined = tabs.find((t) => t.key === route[1])?.key ?? tabs[0]?.key
  return (
    <section className="page settings-page">
      <h1>{T.title}</h1>
      <nav className="tabs" role="tablist" aria-label={T.title}>
        {tabs.map((t) => (
          <button key={t.key} role="tab" aria-selected={t.key === tab} className={t.key === tab ? 'tab on' : 'tab'} onClick={() => leaveIfAllowed(() => go(`settings/${t.key}`))}>
            {t.label}
          </button>
        ))}
      </nav>
      {tab === 'profile' && (
        <>
          <ProfileForm profile={profile} onSaved={onSaved} />
          <WordListSettings which="themes" />
          <WordListSettings which="languages" />
        </>
      )}
      {!tab && <p className="muted">{T.nothing}</p>}
      {tab === 'users' && <UsersSettings />}
      {tab === 'review' && <ReviewSettings />}
      {tab === 'terms' && <ProofTermsSettings />}
      {tab === 'outlets' && <OutletsSettings />}
      {tab === 'accounts' && <AccountsSettings profile={profile} />}
      {tab === 'quotas' && <QuotaSettings />}
      {tab === 'planning' && <PlanningDaysSettings />}
      {tab === 'holidays' && <HolidaySettings />}
      {tab === 'backup' && <BackupPanel />}
    </section>
  )
}
