// The signed-in person in the sidebar: who, which roles, and 锁定 / 切换用户 / 修改密码.
import { useEffect, useState } from 'react'
import { invoke, fieldErrors } from '../api'
import { Field } from './Field'
import { useSession } from '../session'
import { Dialog } from './Overlay'
import { openShortcutHelp } from './Shortcuts'
import { useDirty } from '../unsaved'
import { ROLE_LABELS } from '../../../shared/roles'
import type { DeskError } from '../../../shared/contract'

const T = {
  lock: '锁定',
  switchUser: '切换用户',
  password: '修改密码',
  current: '当前密码',
  next: '新密码',
  again: '再次输入新密码',
  mismatch: '两次输入的新密码不一致',
  save: '保存',
  cancel: '取消',
  changed: '密码已修改',
  shortcuts: '快捷键'
}

function PasswordDialog({ onClose }: { onClose: (changed: boolean) => void }) {
  const [current, setCurrent] = useState('')
  const [password, setPassword] = useState('')
  const [again, setAgain] = useState('')
  const [error, setError] = useState<DeskError | null>(null)
  const errs = fieldErrors(error)
  const saved = useDirty({ current, password, again })
  return (
    <Dialog className="modal password-dialog" label={T.password} onClose={() => onClose(false)}>
      {(close) => (
      <form
        aria-label={T.password}
        onSubmit={async (e) => {
          e.preventDefault()
          if (password !== again) return setError({ type: 'user', message: T.mismatch, details: { issues: [{ field: 'again', message: T.mismatch }] } })
          const r = await invoke('password-change', { current, password })
          if (r.ok) {
            saved()
            onClose(true)
          } else setError(r.error)
        }}
      >
        <h2>{T.password}</h2>
        <Field label={T.current} name="current" error={errs.current}>
          <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus autoComplete="current-password" />
        </Field>
        <Field label={T.next} name="password" error={errs.password}>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </Field>
        <Field label={T.again} name="again" error={errs.again}>
          <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
        </Field>
        {error && !Object.keys(errs).length && <div className="form-error" role="alert">{error.message}</div>}
        <div className="actions">
          <button type="submit" className="primary">{T.save}</button>
          <button type="button" onClick={close}>{T.cancel}</button>
        </div>
      </form>
      )}
    </Dialog>
  )
}

export function UserMenu() {
  const { state, refresh } = useSession()
  const [dialog, setDialog] = useState(false)
  const [note, setNote] = useState('')
  const user = state.user!
  return (
    <div className="user-menu">
      <div className="user-name" data-testid="signed-in-user">{user.name}</div>
      <div className="user-roles">{user.roles.map((r) => ROLE_LABELS[r]).join('、')}</div>
      <div className="user-actions">
        <button type="button" className="link" onClick={() => void invoke('session-lock', {}).then(refresh)}>{T.lock}</button>
        <button type="button" className="link" onClick={() => void invoke('session-sign-out', {}).then(refresh)}>{T.switchUser}</button>
        <button type="button" className="link" onClick={() => setDialog(true)}>{T.password}</button>
        <button type="button" className="link" onClick={openShortcutHelp}>{T.shortcuts}</button>
      </div>
      {note && <div className="ok-text small">{note}</div>}
      {dialog && (
        <PasswordDialog
          onClose={(changed) => {
            setDialog(false)
            setNote(changed ? T.changed : '')
          }}
        />
      )}
    </div>
  )
}

/** Lock the desk after `minutes` without a key press, click or mouse move in the window. */
export function useIdleLock(minutes: number, active: boolean, onLocked: () => void): void {
  useEffect(() => {
    if (!active) return
    let last = Date.now()
    const seen = () => (last = Date.now())
    const events = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const
    events.forEach((e) => window.addEventListener(e, seen, { passive: true }))
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) void invoke('session-lock', {}).then(onLocked)
    }, 15_000)
    return () => {
      events.forEach((e) => window.removeEventListener(e, seen))
      window.clearInterval(timer)
    }
  }, [minutes, active])
}
