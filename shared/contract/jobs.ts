import { z } from 'zod'
import { spec, type DeskError } from './define'
import { ANYONE } from '../roles'

/**
 * Long work (import, export, reports) runs as a job: the starting handler returns its id at once, the work
 * proceeds in chunks, and the renderer polls `job-status` to draw a progress bar. `phase` is a code the page
 * names in its own wording ('cancelled' once 取消 stopped it); `result` is what the starting handler documents.
 */
export interface JobStatus<R = unknown> {
  id: string
  kind: string
  phase: string
  done: number
  total: number
  finished: boolean
  result?: R
  error?: DeskError
}

export interface JobStarted {
  jobId: string
}

const jobId = z.object({ id: z.string().min(1).max(64) })

export const jobsContract = {
  'job-status': spec(ANYONE, jobId).returns<JobStatus>(),
  /** 取消: the job stops at its next step, rolling back what it had not committed (an import writes nothing). */
  'job-cancel': spec(ANYONE, jobId).returns<JobStatus>()
}
