// The question a save may need first: the handler refused with details { confirm: true, warnings } (an approval
// would be voided, a signed month touched). 确定保存 retries with confirm: true; 取消 keeps what was typed.
import type { DeskError } from '../../../../shared/contract'

const T = { title: '保存前请确认', yes: '确定保存', no: '取消' }

/** The warnings of an error that asks for confirmation, or null for an ordinary error. */
export function confirmWarnings(e: DeskError | null): string[] | null {
  const d = e?.details as { confirm?: boolean; warnings?: unknown } | undefined
  return d?.confirm === true && Array.isArray(d.warnings) ? d.warnings.map(String) : null
}

export function ConfirmSave({ warnings, busy, onYes, onNo, yes = T.yes }: { warnings: string[]; busy?: boolean; onYes: () => void; onNo: () => void; yes?: string }) {
  return (
    <div className="confirm-save" role="alertdialog" aria-label={T.title}>
      <strong>{T.title}</strong>
      <ul>
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="primary" disabled={busy} onClick={onYes}>{yes}</button>
        <button type="button" disabled={busy} onClick={onNo}>{T.no}</button>
      </div>
    </div>
  )
}
