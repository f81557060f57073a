// 设置 › 本机用户 (administrator): who may use this desk, in which roles, reviewers bound to their steps;
// disable, reset a password, and the idle time before the desk locks itself.
import { useState } from 'react'
import { invoke, fieldErrors } from '../../api'
import { useQuery } from '../../hooks'
import { Field } from '../Field'
import { useSession } from '../../session'
import { ALL_STEPS, ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles'
import type { DeskError } from '../../../../shared/contract'
import type { UserInfo } from '../../../../shared/contract/users'

const T = {
  title: '本机用户',
  lead: '每个人用自己的账号登录，审核、签阅、定稿都记在本人名下（谁审核谁负责）。密码只以不可逆的方式保存，管理员也看不到。',
  name: '姓名',
  me: '（本人）',
  roles: '角色',
  steps: '负责的审核步骤',
  allSteps: '全部步骤',
  state: '状态',
  active: '启用',
  disabled: '已停用',
  password: '初始密码',
  passwordHint: '至少 8 位；请本人登录后在左下角“修改密码”中改为自己的密码',
  add: '添加用户',
  edit: '修改',
  save: '保存',
  cancel: '取消',
  disable: '停用',
  enable: '启用',
  reset: '重置密码',
  newPassword: '新密码',
  resetDone: (n: string) => `已重置${n}的密码`,
  idle: '无操作自动锁定',
  idleUnit: '分钟',
  saved: '已保存',
  roleHint: { admin: '用户、审核流程、设置、越级发布', officer: '台账、舆情、佐证材料、代录', reviewer: '审核负责的步骤', secretary: '签阅月度统计、半年定稿', viewer: '只能查看' } as Record<Role, string>
}

function stepNames(chains: { chains: Record<string, string[]>; medicalStep: string } | null): string[] {
  if (!chains) return []
  return [...new Set([...Object.values(chains.chains).flat(), chains.medicalStep])]
}

function RolePicker({ roles, steps, allSteps, onChange, errs }: { roles: Role[]; steps: string[]; allSteps: string[]; onChange: (roles: Role[], steps: string[]) => void; errs: Record<string, string> }) {
  const toggle = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v])
  return (
    <>
      <Field label={T.roles} name="roles" error={errs.roles} wide>
        <span className="check-row">
          {ROLES.map((r) => (
            <label key={r} className="check-inline" title={T.roleHint[r]}>
              <input type="checkbox" checked={roles.includes(r)} onChange={() => onChange(toggle(roles, r), steps)} /> {ROLE_LABELS[r]}
            </label>
          ))}
        </span>
      </Field>
      {roles.includes('reviewer') && (
        <Field label={T.steps} name="steps" error={errs.steps} wide>
          <span className="check-row">
            <label className="check-inline">
              <input type="checkbox" checked={steps.includes(ALL_STEPS)} onChange={() => onChange(roles, toggle(steps, ALL_STEPS))} /> {T.allSteps}
            </label>
            {allSteps.map((s) => (
              <label key={s} className="check-inline">
                <input type="checkbox" checked={steps.includes(s)} disabled={steps.includes(ALL_STEPS)} onChange={() => onChange(roles, toggle(steps, s))} /> {s}
              </label>
            ))}
          </span>
        </Field>
      )}
    </>
  )
}

function AddUser({ allSteps }: { allSteps: string[] }) {
  const [name, setName] = useState('')
  const [roles, setRoles] = useState<Role[]>(['reviewer'])
  const [steps, setSteps] = useState<string[]>([])
  const [password, setPassword] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const errs = fieldErrors(error)
  return (
    <form
      className="user-add"
      aria-label={T.add}
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await invoke('user-add', { name, roles, steps, password })
        setError(r.ok ? null : r.error)
        if (r.ok) {
          setName('')
          setPassword('')
        }
      }}
    >
      <h3>{T.add}</h3>
      <div className="form-grid">
        <Field label={T.name} name="name" error={errs.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={T.password} name="password" error={errs.password} hint={T.passwordHint}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
      </div>
      <RolePicker roles={roles} steps={steps} allSteps={allSteps} errs={errs} onChange={(r, s) => (setRoles(r), setSteps(s))} />
      {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      <div className="actions">
        <button type="submit" className="primary">{T.add}</button>
      </div>
    </form>
  )
}

function UserRow({ u, me, allSteps }: { u: UserInfo; me: number; allSteps: string[] }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'reset'>('view')
  const [roles, setRoles] = useState<Role[]>(u.roles)
  const [steps, setSteps] = useState<string[]>(u.steps)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const [note, setNote] = useState('')
  const errs = fieldErrors(error)
  const done = (r: { ok: boolean; error?: DeskError }, msg = '') => {
    setError(r.ok ? null : r.error!)
    if (r.ok) {
      setMode('view')
      setNote(msg)
    }
  }
  return (
    <tr data-user={u.name} className={u.active ? '' : 'muted'}>
      <td>{u.name}{u.id === me && T.me}</td>
      <td colSpan={mode === 'view' ? 1 : 3}>
        {mode === 'view' && u.roles.map((r) => ROLE_LABELS[r]).join('、')}
        {mode === 'edit' && <RolePicker roles={roles} steps={steps} allSteps={allSteps} errs={errs} onChange={(r, s) => (setRoles(r), setSteps(s))} />}
        {mode === 'reset' && (
          <Field label={T.newPassword} name="password" error={errs.password}>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="new-password" />
          </Field>
        )}
        {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
      </td>
      {mode === 'view' && <td>{u.roles.includes('reviewer') ? u.steps.map((s) => (s === ALL_STEPS ? T.allSteps : s)).join('、') : '—'}</td>}
      {mode === 'view' && <td>{u.active ? T.active : T.disabled}</td>}
      <td className="row-actions">
        {mode === 'view' && (
          <>
            <button type="button" onClick={() => (setRoles(u.roles), setSteps(u.steps), setMode('edit'))}>{T.edit}</button>
            <button type="button" onClick={() => (setPassword(''), setMode('reset'))}>{T.reset}</button>
            {u.id !== me && <button type="button" onClick={async () => done(await invoke('user-update', { id: u.id, active: !u.active }))}>{u.active ? T.disable : T.enable}</button>}
            {note && <span className="ok-text small">{note}</span>}
          </>
        )}
        {mode === 'edit' && <button type="button" className="primary" onClick={async () => done(await invoke('user-update', { id: u.id, roles, steps }), T.saved)}>{T.save}</button>}
        {mode === 'reset' && <button type="button" className="primary" onClick={async () => done(await invoke('user-reset-password', { id: u.id, password }), T.resetDone(u.name))}>{T.save}</button>}
        {mode !== 'view' && <button type="button" onClick={() => (setError(null), setMode('view'))}>{T.cancel}</button>}
      </td>
    </tr>
  )
}

function IdleSetting({ minutes }: { minutes: number }) {
  const { refresh } = useSession()
  const [value, setValue] = useState(String(minutes))
  const [error, setError] = useState<DeskError | null>(null)
  const [saved, setSaved] = useState(false)
  return (
    <form
      className="idle-setting"
      onSubmit={async (e) => {
        e.preventDefault()
        const r = await invoke('session-idle-save', { minutes: Number(value) })
        setError(r.ok ? null : r.error)
        setSaved(r.ok)
        if (r.ok) refresh()
      }}
    >
      <Field label={T.idle} name="minutes" error={fieldErrors(error).minutes ?? (error ? error.message : undefined)}>
        <span>
          <input type="number" min={1} max={240} value={value} onChange={(e) => setValue(e.target.value)} className="narrow" /> {T.idleUnit}
        </span>
      </Field>
      <button type="submit">{T.save}</button>
      {saved && <span className="ok-text">{T.saved}</span>}
    </form>
  )
}

export function UsersSettings() {
  const { state } = useSession()
  const users = useQuery('user-list', {})
  const chains = useQuery('review-chains-get', {})
  const allSteps = stepNames(chains.data)
  return (
    <section className="card" aria-label={T.title}>
      <h2>{T.title}</h2>
      <p className="muted small">{T.lead}</p>
      <table className="table settings-table users-table">
        <thead>
          <tr><th>{T.name}</th><th>{T.roles}</th><th>{T.steps}</th><th>{T.state}</th><th /></tr>
        </thead>
        <tbody>
          {users.data?.map((u) => <UserRow key={u.id} u={u} me={state.user!.id} allSteps={allSteps} />)}
        </tbody>
      </table>
      <AddUser allSteps={allSteps} />
      <IdleSetting minutes={state.idleMinutes} />
    </section>
  )
}
