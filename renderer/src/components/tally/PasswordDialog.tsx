// The signature of 签阅 and 定稿: the signed-in person sees their own name (never a box to type one) and re-enters
// their password. The password lives only in this dialog's state and is cleared after every attempt.
import { useState, type ReactNode } from 'react'
import { fieldErrors } from '../../api'
import { Field } from '../Field'
import { Dialog } from '../Overlay'
import { useDirty } from '../../unsaved'
import type { DeskError } from '../../../../shared/contract'

const T = {
  password: '登录密码（作为签名）',
  passwordHint: '输入您本人的登录密码确认；密码不会被保存',
  comment: '意见（可不填）',
  cancel: '取消',
  busy: '正在确认…'
}

export interface PasswordDialogProps {
  title: string
  /** e.g. 签阅人：王书记 */
  signer: string
  intro?: ReactNode
  confirm: string
  /** Runs the call; returns its error (shown here) or null when done. */
  onConfirm: (password: string, comment: string) => Promise<DeskError | null>
  onClose: () => void
}

export function PasswordDialog({ title, signer, intro, confirm, onConfirm, onClose }: PasswordDialogProps) {
  const [password, setPassword] = useState('')
  const [comment, setComment] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  useDirty({ password, comment })

  async function submit(): Promise<void> {
    setBusy(true)
    const e = await onConfirm(password, comment)
    setBusy(false)
    setPassword('')
    if (e) setError(e)
  }

  const errs = fieldErrors(error)
  return (
    <Dialog className="tally-dialog sign-dialog" backdropClassName="tally-backdrop" label={title} busy={busy} onClose={onClose}>
      {(close) => (
      <form aria-label={title} onSubmit={(e) => (e.preventDefault(), void submit())}>
        <header className="dialog-head"><h2>{title}</h2></header>
        {intro && <div className="small muted">{intro}</div>}
        <p className="signer-line"><strong>{signer}</strong></p>
        <Field label={T.comment} name="comment" error={errs.comment} wide>
          <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
        </Field>
        <Field label={T.password} name="password" error={errs.password} hint={T.passwordHint} wide>
          <input type="password" autoComplete="current-password" autoFocus data-autofocus value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} />
        </Field>
        {error && !errs.password && !errs.comment && <div className="form-error" role="alert">{error.message}</div>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || password === ''}>{busy ? T.busy : confirm}</button>
          <button type="button" disabled={busy} onClick={close}>{T.cancel}</button>
        </div>
      </form>
      )}
    </Dialog>
  )
}
