// The doors of the desk: the first administrator of a new (or pre-users) desk, sign-in, and unlock.
import { useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { Field } from '../components/Field'
import { APP_NAME } from '../strings'
import type { DeskError } from '../../../shared/contract'
import type { SessionState } from '../../../shared/contract/users'

const T = {
  firstTitle: '创建第一位管理员',
  firstLead: '工作台按“谁审核谁负责”记录每一项操作。请先创建第一位管理员（通常由宣传科负责人担任），之后由管理员在“设置 → 本机用户”中为审核人、党委书记等添加账号。',
  firstKeeps: '本工作台已有数据：原有台账、舆情和操作日志全部保留，以前的记录仍显示原来的操作人。',
  officer: '同时担任宣传干事（录入台账、处理舆情）',
  name: '姓名',
  namePh: '如：李明',
  password: '密码',
  passwordHint: '至少 8 位，不要与用户名相同，也不要用连续数字',
  again: '再次输入密码',
  mismatch: '两次输入的密码不一致',
  create: '创建并登录',
  signInTitle: '登录',
  signIn: '登录',
  lockedTitle: '工作台已锁定',
  lockedLead: (name: string) => `${name}，请输入密码解锁。`,
  unlock: '解锁',
  switchUser: '切换用户'
}

function useSubmit(onDone: (s: SessionState) => void) {
  const [error, setError] = useState<DeskError | null>(null)
  const [busy, setBusy] = useState(false)
  async function run(p: Promise<{ ok: true; value: SessionState } | { ok: false; error: DeskError }>) {
    setBusy(true)
    const r = await p
    setBusy(false)
    if (r.ok) onDone(r.value)
    else setError(r.error)
  }
  return { error, setError, busy, run }
}

function Door({ title, lead, children }: { title: string; lead?: string; children: React.ReactNode }) {
  return (
    <div className="first-run">
      <div className="card first-run-card sign-in-card">
        <div className="muted small">{APP_NAME}</div>
        <h1>{title}</h1>
        {lead && <p className="muted">{lead}</p>}
        {children}
      </div>
    </div>
  )
}

function FormError({ error, shown }: { error: DeskError | null; shown: Record<string, string> }) {
  if (!error || Object.keys(shown).length) return null
  return <div className="form-error" role="alert">{error.message}</div>
}

export function FirstAdmin({ state, onDone }: { state: SessionState; onDone: (s: SessionState) => void }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [officer, setOfficer] = useState(true)
  const { error, setError, busy, run } = useSubmit(onDone)
  const errs = fieldErrors(error)
  return (
    <Door title={T.firstTitle} lead={T.firstLead}>
      {state.hasData && <p className="notice-line">{T.firstKeeps}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (password !== again) return setError({ type: 'user', message: T.mismatch, details: { issues: [{ field: 'again', message: T.mismatch }] } })
          void run(invoke('session-setup-first-admin', { name, password, officer }))
        }}
      >
        <Field label={T.name} name="name" error={errs.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={T.namePh} autoFocus autoComplete="username" />
        </Field>
        <Field label={T.password} name="password" error={errs.password} hint={T.passwordHint}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field label={T.again} name="again" error={errs.again}>
          <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
        </Field>
        <label className="check-line">
          <input type="checkbox" checked={officer} onChange={(e) => setOfficer(e.target.checked)} /> {T.officer}
        </label>
        <FormError error={error} shown={errs} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{T.create}</button>
        </div>
      </form>
    </Door>
  )
}

export function SignIn({ onDone }: { onDone: (s: SessionState) => void }) {
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const { error, busy, run } = useSubmit(onDone)
  const errs = fieldErrors(error)
  return (
    <Door title={T.signInTitle}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run(invoke('session-sign-in', { name, password }))
        }}
      >
        <Field label={T.name} name="name" error={errs.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus autoComplete="username" />
        </Field>
        <Field label={T.password} name="password" error={errs.password}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
        </Field>
        <FormError error={error} shown={errs} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{T.signIn}</button>
        </div>
      </form>
    </Door>
  )
}

export function Unlock({ state, onDone }: { state: SessionState; onDone: (s: SessionState) => void }) {
  const [password, setPassword] = useState('')
  const { error, busy, run } = useSubmit(onDone)
  const errs = fieldErrors(error)
  return (
    <Door title={T.lockedTitle} lead={T.lockedLead(state.user?.name ?? '')}>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void run(invoke('session-unlock', { password }))
        }}
      >
        <Field label={T.password} name="password" error={errs.password}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus autoComplete="current-password" />
        </Field>
        <FormError error={error} shown={errs} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{T.unlock}</button>
          <button type="button" onClick={() => void run(invoke('session-sign-out', {}))}>{T.switchUser}</button>
        </div>
      </form>
    </Door>
  )
}
