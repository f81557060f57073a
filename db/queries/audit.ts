import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../open'
import { auditLog } from '../schema'
import { appendAudit, headOf, type AuditHead } from '../audit-chain'
import { prepared } from '../prepared'

export interface AuditInput {
  at: string
  actor: string
  /** The signed-in user's id; left null for the desk's own duties and where the caller does not pass it. */
  actorId?: number | null
  action: 'create' | 'update' | 'delete' | string
  entity: string
  entityId: string | number
  changes: Record<string, unknown>
}

/** Call inside the same transaction as the write it records: the row is chained onto the head (db/audit-chain.ts). */
export function recordAudit(db: Db, e: AuditInput): void {
  appendAudit(db.$client, e)
}

/** The newest row's id and hash ({0, ''} for an empty trail): sign-offs, 定稿 and backups keep it. */
export function auditHead(db: Db): AuditHead {
  return headOf(db.$client)
}

/**
 * Whether anyone but the desk's own duties (系统（自动备份）…, which run from the first start) has recorded work:
 * a new desk whose only rows are its first automatic backups has no data to keep.
 */
export function hasRecordedWork(db: Db): boolean {
  return prepared(db.$client, "SELECT 1 FROM audit_log WHERE actor NOT LIKE '系统（%' LIMIT 1").get() !== undefined
}

/**
 * What the rows after `afterId` wrote, one line per entity (and per key for settings rows): how the dispatcher
 * tells which domains a call changed (shared/changes.ts). A range on the primary key, so a read costs one seek.
 */
export function auditMarksSince(db: Db, afterId: number): { entity: string; entityId: string }[] {
  return prepared(
    db.$client,
    "SELECT DISTINCT entity, CASE WHEN entity = 'settings' THEN entity_id ELSE '' END AS entityId FROM audit_log WHERE id > ?"
  ).all(afterId) as { entity: string; entityId: string }[]
}

export function listAudit(db: Db, entity: string, entityId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId))).orderBy(asc(auditLog.id)).all()
}

export interface AuditFilter {
  actor?: string
  action?: string
  entity?: string
  entityId?: string
  /** ISO instants (UTC): at >= since and at < until. */
  since?: string
  until?: string
}

export interface AuditRow {
  id: number
  at: string
  actor: string
  actorId: number | null
  action: string
  entity: string
  entityId: string
  changes: string
  hash: string | null
}

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  const add = (cond: string, v: unknown) => {
    parts.push(cond)
    params.push(v)
  }
  if (f.actor) add('actor = ?', f.actor)
  if (f.action) add('action = ?', f.action)
  if (f.entity) add('entity = ?', f.entity)
  if (f.entityId) add('entity_id = ?', f.entityId)
  if (f.since) add('at >= ?', f.since)
  if (f.until) add('at < ?', f.until)
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

const ROW = 'id, at, actor, actor_id AS actorId, action, entity, entity_id AS entityId, changes, hash'

/** The trail newest first, filtered, one page; `changes` stays the stored JSON text. */
export function pageAudit(db: Db, f: AuditFilter, offset: number, limit: number): { rows: AuditRow[]; total: number } {
  const w = where(f)
  const s = db.$client
  const rows = prepared(s, `SELECT ${ROW} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT ? OFFSET ?`).all(...w.params, limit, offset) as AuditRow[]
  const total = (prepared(s, `SELECT COUNT(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n
  return { rows, total }
}

/** Every matching row newest first, in pages of `size` (the export): never all of a big trail in one array. */
export function* auditPages(db: Db, f: AuditFilter, size: number): Generator<AuditRow[]> {
  const w = where(f)
  const cond = w.sql ? `${w.sql} AND id < ?` : 'WHERE id < ?'
  const st = prepared(db.$client, `SELECT ${ROW} FROM audit_log ${cond} ORDER BY id DESC LIMIT ?`)
  let before = Number.MAX_SAFE_INTEGER
  for (;;) {
    const rows = st.all(...w.params, before, size) as AuditRow[]
    if (rows.length) yield rows
    if (rows.length < size) return
    before = rows[rows.length - 1].id
  }
}

interface Facets {
  lastId: number
  actors: Set<string>
  actions: Set<string>
  entities: Set<string>
}
const facetCache = new WeakMap<Db, Facets>()

/**
 * The people, actions and entities that occur in the trail, for the filters. The trail only grows, so each
 * connection reads the whole of it once and afterwards only the rows added since (a ten-year trail: 500,000 rows).
 */
export function auditFacets(db: Db): { actors: string[]; actions: string[]; entities: string[] } {
  let f = facetCache.get(db)
  if (!f) facetCache.set(db, (f = { lastId: 0, actors: new Set(), actions: new Set(), entities: new Set() }))
  const s = db.$client
  const head = (prepared(s, 'SELECT coalesce(max(id), 0) AS m FROM audit_log').get() as { m: number }).m
  if (head > f.lastId) {
    for (const [col, set] of [['actor', f.actors], ['action', f.actions], ['entity', f.entities]] as const) {
      for (const r of prepared(s, `SELECT DISTINCT ${col} AS v FROM audit_log WHERE id > ?`).all(f.lastId) as { v: string }[]) set.add(r.v)
    }
    f.lastId = head
  }
  const sorted = (set: Set<string>) => [...set].sort()
  return { actors: sorted(f.actors), actions: sorted(f.actions), entities: sorted(f.entities) }
}

export function countAudit(db: Db): number {
  return (prepared(db.$client, 'SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n
}

/** The fields that differ between two versions of a record, as {field: [before, after]}. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {}
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k] ?? null, after[k] ?? null]
  }
  return out
}
