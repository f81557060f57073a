import Database from 'better-sqlite3'
import { cpSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { readJournal, SOURCE_MIGRATIONS } from '../../db/open'
import { finishedJob } from '../../handlers/jobs/runner'
import type { TestDesk } from '../helpers/desk'
import type { JobStatus } from '../../shared/contract/jobs'

/** Overwrite one page of a (closed) database file with junk. */
export function corruptPage(file: string, pageno: number, pageSize = 4096): void {
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (pageno - 1) * pageSize)
  closeSync(fd)
}

/** Overwrite the root page of a table with junk: even the startup check must notice. The file must be closed. */
export function corruptTable(file: string, table = 'pieces'): void {
  const db = new Database(file, { readonly: true })
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.close()
  corruptPage(file, rootpage, pageSize)
}

export const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')

export function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** A migrations folder that stops one migration short: databases it writes are "older versions". */
export function olderMigrations(dir: string): { folder: string; version: number } {
  const folder = join(dir, 'older-migrations')
  cpSync(SOURCE_MIGRATIONS, folder, { recursive: true })
  const journal = readJournal(SOURCE_MIGRATIONS)
  journal.entries.pop()
  mkdirSync(join(folder, 'meta'), { recursive: true })
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
  return { folder, version: journal.entries.length }
}

/** Start a job through the dispatcher and wait for its end. */
export async function runJob<R>(d: TestDesk, started: Promise<{ jobId: string }>): Promise<JobStatus<R>> {
  return (await finishedJob(d.ctx, (await started).jobId)) as JobStatus<R>
}

/** A clock the test moves: each backup gets its own time. */
export function movingClock(start: string): { now: () => Date; set(iso: string): void; addHours(h: number): void } {
  let t = new Date(start).getTime()
  return { now: () => new Date(t), set: (iso) => (t = new Date(iso).getTime()), addHours: (h) => (t += h * 3600_000) }
}
