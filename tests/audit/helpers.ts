import type Database from 'better-sqlite3'
import type { TestDesk } from '../helpers/desk'

/** Lift the append-only triggers, as someone with an SQLite tool could: the tamper tests start from here. */
export function dropTriggers(sqlite: Database.Database): void {
  sqlite.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete')
}

/** n pieces through the handler: each writes one audit row. */
export async function pieces(d: TestDesk, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await d.call('piece-create', { channel: 'wechat', title: `推文${i + 1}`, date: '2023-06-01', status: 'draft' })
}

export const headId = (sqlite: Database.Database): number => (sqlite.prepare('SELECT max(id) AS m FROM audit_log').get() as { m: number }).m
