// The job runner behind every long-running handler (import, export, report drafting).
//
// A job runs in the same process as the handlers, in chunks: between chunks it awaits `job.pause()` (a
// setImmediate), so IPC calls — `job-status` polls, the officer clicking elsewhere — are answered while it works
// and the window never freezes. Jobs belong to one desk (one database), and finished ones are kept a while so a
// late poll still sees the result.
import { randomUUID } from 'node:crypto'
import type { Desk } from '../../db/open'
import type { Ctx } from '../context'
import type { JobStatus } from '../../shared/contract/jobs'
import { toErrorEnvelope, UserError } from '../errors'

export interface Job {
  /** Report progress: phase code (named by the page), items done and the total. */
  progress(phase: string, done?: number, total?: number): void
  /**
   * Let the event loop answer other calls before the next chunk — and the point where a job stops when it was
   * cancelled (取消, or the desk shutting down): it throws JobCancelled, so the work's transaction (if it is inside
   * one) rolls back and nothing is half-written. Work that writes must do so after its last pause, in one
   * transaction.
   */
  pause(): Promise<void>
  /** True once cancel was asked for: for work that must clean up (a half-written file) before it returns. */
  readonly cancelled: boolean
  /**
   * Before one long synchronous step (a big transaction): wait until a status poll has seen the phase, so the
   * page says what the officer is waiting for instead of a bar stuck at 100 %.
   */
  showPhase(): Promise<void>
}

/** For work called directly (CLI, benchmarks): reports nowhere, waits for nothing. */
export const noJob: Job = { progress: () => {}, pause: async () => {}, showPhase: async () => {}, cancelled: false }

/** Thrown at a job's next pause after it was cancelled. */
export class JobCancelled extends UserError {
  constructor() {
    super('已取消，未写入任何数据')
  }
}

interface Entry {
  status: JobStatus
  promise: Promise<JobStatus>
  finishedAt: number | null
  cancel(): void
}

const KEEP_FINISHED_MS = 30 * 60 * 1000
const MAX_KEPT = 50
const jobsByDesk = new WeakMap<Desk, Map<string, Entry>>()

function jobsOf(ctx: Ctx): Map<string, Entry> {
  let m = jobsByDesk.get(ctx.desk)
  if (!m) jobsByDesk.set(ctx.desk, (m = new Map()))
  return m
}

function forgetOld(jobs: Map<string, Entry>): void {
  const now = Date.now()
  const finished = [...jobs.entries()].filter(([, e]) => e.finishedAt !== null)
  for (const [id, e] of finished) if (now - e.finishedAt! > KEEP_FINISHED_MS) jobs.delete(id)
  const still = finished.filter(([id]) => jobs.has(id))
  for (const [id] of still.slice(0, Math.max(0, still.length - MAX_KEPT))) jobs.delete(id)
}

export const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Longer than the renderer's poll interval (renderer/src/jobs.ts), so the next poll sees the phase just set. */
const SHOW_PHASE_MS = 300

/** Start `work` as a job; returns its id at once. Whatever `work` throws becomes the job's error (Chinese for user errors). */
export function startJob<R>(ctx: Ctx, kind: string, work: (job: Job) => Promise<R>): string {
  const jobs = jobsOf(ctx)
  forgetOld(jobs)
  const id = randomUUID()
  const status: JobStatus = { id, kind, phase: 'queued', done: 0, total: 0, finished: false }
  let cancelled = false
  const job: Job = {
    progress(phase, done, total) {
      status.phase = phase
      if (total !== undefined) status.total = total
      if (done !== undefined) status.done = done
    },
    async pause() {
      await pause()
      if (cancelled) throw new JobCancelled()
    },
    showPhase: () => new Promise((resolve) => setTimeout(resolve, SHOW_PHASE_MS)),
    get cancelled() {
      return cancelled
    }
  }
  const entry: Entry = { status, finishedAt: null, promise: Promise.resolve(status), cancel: () => (cancelled = true) }
  entry.promise = (async () => {
    try {
      await job.pause() // the starting call returns before any work is done
      status.result = await work(job)
      status.phase = 'done'
    } catch (e) {
      const env = toErrorEnvelope(e)
      if (!env.ok) status.error = env.error
      status.phase = e instanceof JobCancelled ? 'cancelled' : 'failed'
    }
    status.finished = true
    entry.finishedAt = Date.now()
    return status
  })()
  jobs.set(id, entry)
  return id
}

/** A snapshot of the job, for polling. */
export function jobStatus(ctx: Ctx, id: string): JobStatus {
  const e = jobsOf(ctx).get(id)
  if (!e) throw new UserError('找不到这个后台任务，可能已过期或程序已重启，请重新操作')
  return { ...e.status }
}

/** Wait for the job to finish (the CLI and tests; the renderer polls instead). */
export function finishedJob(ctx: Ctx, id: string): Promise<JobStatus> {
  const e = jobsOf(ctx).get(id)
  if (!e) return Promise.reject(new UserError('找不到这个后台任务'))
  return e.promise.then((s) => ({ ...s }))
}

/**
 * Ask a job to stop at its next pause (取消). A job already finished is left as it is; the answer is its status as
 * of now (the poll that follows sees 'cancelled' once it has stopped).
 */
export function cancelJob(ctx: Ctx, id: string): JobStatus {
  const e = jobsOf(ctx).get(id)
  if (!e) throw new UserError('找不到这个后台任务，可能已过期或程序已重启')
  if (!e.status.finished) e.cancel()
  return { ...e.status }
}

/** Shutting down: cancel every job still running on this desk and wait until each has stopped. */
export async function cancelAllJobs(desk: Desk): Promise<void> {
  const running = [...(jobsByDesk.get(desk)?.values() ?? [])].filter((e) => !e.status.finished)
  for (const e of running) e.cancel()
  await Promise.all(running.map((e) => e.promise))
}
