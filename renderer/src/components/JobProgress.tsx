import './job-progress.css'
import type { JobStatus } from '../../../shared/contract/jobs'

/** A progress bar for a background job. `phases` names each phase code in the page's own wording. */
export function JobProgress({ status, phases, label }: { status: JobStatus | null; phases: Record<string, string>; label: string }) {
  if (!status || status.finished) return null
  const known = status.total > 0
  const pct = known ? Math.min(100, Math.round((status.done / status.total) * 100)) : undefined
  const text = phases[status.phase] ?? phases.queued ?? ''
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-text">
        {text}
        {known ? `（${status.done} / ${status.total}）` : ''}
      </div>
      <progress aria-label={label} max={100} value={pct} />
    </div>
  )
}
