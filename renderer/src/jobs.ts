// Following a background job (import, export, report): start it, poll job-status, report each snapshot.
import { invoke } from './api'
import type { DeskError, HandlerName } from '../../shared/contract'
import type { JobStatus } from '../../shared/contract/jobs'

const POLL_MS = 150

/**
 * Run a job-starting handler and follow it to the end. Resolves with the final status; a refused start or a
 * failed job resolves with `error` set (never throws), so the page shows it like any other user error.
 */
export async function runJob<R>(name: HandlerName, args: unknown, onStatus: (s: JobStatus<R>) => void): Promise<JobStatus<R>> {
  const started = await invoke(name, args as never)
  if (!started.ok) return failed(started.error)
  const { jobId } = started.value as { jobId: string }
  for (;;) {
    const r = await invoke('job-status', { id: jobId })
    if (!r.ok) return failed(r.error)
    const s = r.value as JobStatus<R>
    onStatus(s)
    if (s.finished) return s
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function failed<R>(error: DeskError): JobStatus<R> {
  return { id: '', kind: '', phase: 'failed', done: 0, total: 0, finished: true, error }
}
