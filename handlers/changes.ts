// Which domains a piece of work changed, told by the audit rows it appended (shared/changes.ts maps them). The
// dispatcher uses it for every call; background duties (定时抓取, 自动备份, …) use it to push their changes to the
// windows, and a job's changes are reported to the poll that sees it finish.
import { auditHead, auditMarksSince } from '../db/queries/audit'
import { domainsChanged } from '../shared/changes'
import { domains, type Domain, type HandlerName } from '../shared/contract'
import type { Db } from '../db/open'

/** Where the trail stands now: pass it to `changesSince` after the work. */
export function changeMark(db: Db): number {
  return auditHead(db).id
}

/**
 * The domains changed since `mark` ([] when nothing was written), `by`'s own domain included. A trail that went
 * back (a restore swapped the file in) changed everything. Never throws: a closed or swapped connection reports nothing.
 */
export function changesSince(db: Db, mark: number, by?: HandlerName): Domain[] {
  try {
    const rows = auditMarksSince(db, mark)
    if (rows.length) return domainsChanged(rows, by)
    return changeMark(db) < mark ? (Object.keys(domains) as Domain[]) : []
  } catch {
    return []
  }
}

/** For a background duty: run the work and say what it changed, e.g. to push `{ domains }` to every window. */
export async function withChanges<T>(db: Db, work: () => Promise<T> | T): Promise<{ value: T; changed: Domain[] }> {
  const mark = changeMark(db)
  const value = await work()
  return { value, changed: changesSince(db, mark) }
}

// A job writes after its starting call has answered: the mark taken when it started is kept here, and the
// job-status poll that first sees it finished reports what it changed. Bounded, for jobs nobody polls to the end.
const MAX_JOBS = 200
const jobMarks = new Map<string, { mark: number; by: HandlerName }>()

/** A call that answered `{ jobId }` started a job: remember where the trail stood when it began. */
export function jobStarted(value: unknown, mark: number, by: HandlerName): void {
  const id = (value as { jobId?: unknown } | null)?.jobId
  if (typeof id !== 'string') return
  jobMarks.set(id, { mark, by })
  if (jobMarks.size > MAX_JOBS) jobMarks.delete(jobMarks.keys().next().value!)
}

/** A status answer of a finished job started here: what the job changed, once (later polls report nothing). */
export function jobFinished(db: Db, status: unknown): Domain[] {
  const s = status as { id?: unknown; finished?: unknown } | null
  if (!s || s.finished !== true || typeof s.id !== 'string') return []
  const started = jobMarks.get(s.id)
  if (!started) return []
  jobMarks.delete(s.id)
  return changesSince(db, started.mark, started.by)
}
