import { useState } from 'react'
import './job-progress.css'
import { invoke } from '../api'
import type { JobStatus } from '../../../shared/contract/jobs'

const T = { cancel: '取消', cancelling: '正在取消…' }

/**
 * A progress bar for a background job, with 取消: the job stops at its next step and writes nothing (an import
 * rolls back whole). `phases` names each phase code in the page's own wording.
 */
export function JobProgress({ status, phases, label }: { status: JobStatus | null; phases: Record<string, string>; label: string }) {
  const [asked, setAsked] = useState<string | null>(null)
  if (!status || status.finished) return null
  const known = status.total > 0
  const pct = known ? Math.min(100, Math.round((status.done / status.total) * 100)) : undefined
  const text = phases[status.phase] ?? phases.queued ?? ''
  const cancelling = asked === status.id
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-text">
        {text}
        {known ? `（${status.done} / ${status.total}）` : ''}
      </div>
      <progress aria-label={label} max={100} value={pct} />
      {status.id && (
        <button
          type="button"
          className="link"
          disabled={cancelling}
          onClick={() => {
            setAsked(status.id)
            void invoke('job-cancel', { id: status.id })
          }}
        >
          {cancelling ? T.cancelling : T.cancel}
        </button>
      )}
    </div>
  )
}
