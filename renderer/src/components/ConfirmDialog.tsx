// The question a delete asks first: what goes, named, and the one button that does it. Built on the app's Dialog
// (Overlay.tsx: focus kept inside, Esc and a click outside cancel, focus back to the button that opened it).
import { useId, type ReactNode } from 'react'
import { Dialog } from './Overlay'
import './confirm-dialog.css'

const T = { cancel: '取消', working: '正在处理…' }

export function ConfirmDialog({
  title,
  children,
  yes,
  danger = true,
  busy,
  error,
  disabled,
  onYes,
  onNo
}: {
  title: string
  children: ReactNode
  /** The button that acts, e.g. 删除, 彻底删除 (never a bare 确定). */
  yes: string
  danger?: boolean
  busy?: boolean
  error?: string | null
  disabled?: boolean
  onYes: () => void
  onNo: () => void
}) {
  const id = useId()
  return (
    <Dialog role="alertdialog" labelledBy={`${id}-t`} describedBy={`${id}-b`} className="modal confirm-dialog" busy={busy} plain onClose={onNo}>
      <h2 id={`${id}-t`}>{title}</h2>
      <div id={`${id}-b`} className="confirm-body">{children}</div>
      {error && <div className="form-error" role="alert">{error}</div>}
      <div className="actions">
        <button type="button" className={danger ? 'danger-button' : 'primary'} disabled={busy || disabled} onClick={onYes}>{busy ? T.working : yes}</button>
        <button type="button" disabled={busy} onClick={onNo}>{T.cancel}</button>
      </div>
    </Dialog>
  )
}
