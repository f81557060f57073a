// The audit trail proves itself: each audit_log row carries SHA-256 over its own content and the previous row's
// hash, and ids run without gaps. Triggers (migration 0005) refuse UPDATE and DELETE; anyone who drops them and
// edits, deletes or reorders rows breaks the chain at that row, and `verifyAuditChain` names it.
//
// A hash chain has no secret: someone with the file can still append forged rows or recompute the whole chain.
// What catches a rewrite is a head kept elsewhere — in every sign-off, 定稿 and backup (checked here for the
// sign-offs and 定稿 inside the file) — and the anchor of the last verification.
import * as crypto from 'node:crypto'
import type Database from 'better-sqlite3'
import { prepared } from './prepared'

export const GENESIS = ''
/** Who the trail names for the chain's own entries (sealing the rows of an older desk). */
export const CHAIN_ACTOR = '系统'

export interface AuditHead {
  id: number
  hash: string
}
export interface AuditProblem {
  /** The first row that does not verify (0: the check itself could not run). */
  id: number
  why: string
}
export type ChainCheck = { ok: true; count: number; headId: number; head: string } | { ok: false; count: number; problem: AuditProblem }

export interface AuditRowInput {
  at: string
  actor: string
  actorId?: number | null
  action: string
  entity: string
  entityId: string | number
  changes: Record<string, unknown>
}

const COLS = 'id, at, actor, actor_id, action, entity, entity_id, changes, prev_hash, hash'
/** A row as `COLS` in raw mode: the first eight are hashed, in this order, with the previous hash in front. */
type Row = [number, string, string, number | null, string, string, string, string, string | null, string | null]
const PAGE = 5000

/** SHA-256 hex over the canonical JSON [prevHash, id, at, actor, actorId, action, entity, entityId, changesText]. */
export function rowHash(prev: string, id: number, at: string, actor: string, actorId: number | null, action: string, entity: string, entityId: string, changes: string): string {
  return sha256(JSON.stringify([prev, id, at, actor, actorId, action, entity, entityId, changes]))
}
// The one-shot crypto.hash (Node ≥ 20.12) is twice as fast as a Hash object per row: the full verify hashes every row.
const sha256: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex')
const hashOfRow = (prev: string, r: Row): string => rowHash(prev, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])

const chained = new WeakSet<Database.Database>()
/** Whether this file has the chain columns (a desk migrated by an older migrations folder has not). */
export function hasChain(sqlite: Database.Database): boolean {
  if (chained.has(sqlite)) return true
  const cols = sqlite.prepare('PRAGMA table_info(audit_log)').all() as { name: string }[]
  if (!cols.some((c) => c.name === 'hash')) return false // not cached: a migration may add it on this connection
  chained.add(sqlite)
  return true
}

export function headOf(sqlite: Database.Database): AuditHead {
  const r = prepared(sqlite, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined
  return { id: r?.id ?? 0, hash: r?.hash ?? GENESIS }
}

function insertRow(sqlite: Database.Database, e: AuditRowInput): AuditHead {
  const head = prepared(sqlite, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string | null } | undefined
  // Past the largest id ever given, not just the largest present: a tail row deleted (triggers dropped) then
  // leaves a gap the next verify reports, instead of being silently replaced.
  const seq = prepared(sqlite, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined
  const id = Math.max(head?.id ?? 0, seq?.seq ?? 0) + 1
  const prev = head?.hash ?? GENESIS
  const changes = JSON.stringify(e.changes)
  const entityId = String(e.entityId)
  const actorId = e.actorId ?? null
  const hash = rowHash(prev, id, e.at, e.actor, actorId, e.action, e.entity, entityId, changes)
  prepared(sqlite, `INSERT INTO audit_log (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, e.at, e.actor, actorId, e.action, e.entity, entityId, changes, prev, hash)
  return { id, hash }
}

/**
 * Append one row, chained onto the head. Call inside the writer's transaction (desk.tx is IMMEDIATE, so another
 * process cannot read the same head and insert between); alone, it makes its own.
 */
export function appendAudit(sqlite: Database.Database, e: AuditRowInput): AuditHead {
  if (!hasChain(sqlite)) {
    const r = prepared(sqlite, 'INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.at, e.actor, e.action, e.entity, String(e.entityId), JSON.stringify(e.changes))
    return { id: Number(r.lastInsertRowid), hash: GENESIS }
  }
  const write = (): AuditHead => {
    if (firstUnsealed(sqlite)) sealAuditChain(sqlite)
    return insertRow(sqlite, e)
  }
  return sqlite.inTransaction ? write() : sqlite.transaction(write).immediate()
}

/** The oldest row has no hash: rows written before this version, not yet sealed. One indexed read. */
function firstUnsealed(sqlite: Database.Database): boolean {
  const r = prepared(sqlite, 'SELECT hash FROM audit_log ORDER BY id LIMIT 1').get() as { hash: string | null } | undefined
  return r !== undefined && r.hash === null
}

/**
 * Hash the rows an older version wrote (all without hash, in id order) and append one `audit-seal` row saying
 * how many there were and which ids were already missing then — those gaps predate the chain and cannot be
 * vouched for, but they are on the record and the verify accepts exactly them. A row without hash AFTER hashed
 * rows is not sealed: it was written around the desk, and the verify reports it. Returns the rows sealed.
 */
export function sealAuditChain(sqlite: Database.Database, now: Date = new Date()): number {
  if (!hasChain(sqlite) || !firstUnsealed(sqlite)) return 0
  return sqlite.transaction(() => {
    if (!firstUnsealed(sqlite)) return 0 // another process sealed it meanwhile
    if (prepared(sqlite, 'SELECT 1 FROM audit_log WHERE hash IS NOT NULL LIMIT 1').get()) return 0
    const page = prepared(sqlite, `SELECT ${COLS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${PAGE}`).raw(true)
    const set = prepared(sqlite, 'UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?')
    const missing: [number, number][] = []
    let prev = GENESIS
    let last = 0
    let sealed = 0
    for (;;) {
      const rows = page.all(last) as Row[]
      for (const r of rows) {
        if (r[0] !== last + 1) missing.push([last + 1, r[0] - 1])
        const hash = hashOfRow(prev, r)
        set.run(prev, hash, r[0])
        prev = hash
        last = r[0]
        sealed++
      }
      if (rows.length < PAGE) break
    }
    const seq = prepared(sqlite, "SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined
    if (seq && seq.seq > last) missing.push([last + 1, seq.seq])
    insertRow(sqlite, { at: now.toISOString(), actor: CHAIN_ACTOR, action: 'audit-seal', entity: 'audit_log', entityId: '', changes: { sealed, lastId: last, missing } })
    return sealed
  }).immediate()
}

/** Gaps an `audit-seal` row put on the record (before the seal row's own id). Read only when a gap is met. */
function sealedGaps(sqlite: Database.Database): { before: number; from: number; to: number }[] {
  const rows = prepared(sqlite, "SELECT id, changes FROM audit_log WHERE action = 'audit-seal' AND entity = 'audit_log' ORDER BY id").all() as { id: number; changes: string }[]
  return rows.flatMap((r) => {
    try {
      const m = (JSON.parse(r.changes) as { missing?: unknown }).missing
      return Array.isArray(m) ? m.map(([from, to]: [number, number]) => ({ before: r.id, from, to })) : []
    } catch {
      return []
    }
  })
}

const missingWords = (from: number, to: number): string => (from === to ? `第 ${from} 条` : `第 ${from}–${to} 条`)

interface Anchor extends AuditHead {
  verifiedAt: string
}
export function readAnchor(sqlite: Database.Database): Anchor | null {
  const r = prepared(sqlite, 'SELECT last_id AS id, last_hash AS hash, verified_at AS verifiedAt FROM audit_verified WHERE id = 1').get() as Anchor | undefined
  return r ?? null
}

/** Remember how far the chain was proven; never moves back (two processes may verify at once). */
export function recordAnchor(sqlite: Database.Database, head: AuditHead, now: Date = new Date()): void {
  if (head.id === 0) return
  prepared(
    sqlite,
    `INSERT INTO audit_verified (id, last_id, last_hash, verified_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash, verified_at = excluded.verified_at
     WHERE excluded.last_id >= audit_verified.last_id`
  ).run(head.id, head.hash, now.toISOString())
}

const fail = (count: number, id: number, why: string): ChainCheck => ({ ok: false, count, problem: { id, why } })

/** Walk rows after `afterId` in id order, each chained onto `prev`. `anchor`: also prove that row kept its hash. */
function walk(sqlite: Database.Database, afterId: number, prev: string, anchor: AuditHead | null): ChainCheck {
  const page = prepared(sqlite, `SELECT ${COLS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ${PAGE}`).raw(true)
  let gaps: ReturnType<typeof sealedGaps> | null = null
  let last = afterId
  let count = 0
  for (;;) {
    const rows = page.all(last) as Row[]
    for (const r of rows) {
      const id = r[0]
      if (id !== last + 1) {
        gaps ??= sealedGaps(sqlite)
        const from = last + 1
        if (!gaps.some((g) => g.from === from && g.to === id - 1 && id <= g.before)) return fail(count, id, `第 ${id} 条之前缺少${missingWords(from, id - 1)}（可能被删除）`)
      }
      if (r[9] === null) return fail(count, id, `第 ${id} 条：没有校验值（不是由工作台写入的）`)
      if (r[8] !== prev) return fail(count, id, `第 ${id} 条：前一条校验值不符（顺序被改动或前一条被删除）`)
      if (hashOfRow(prev, r) !== r[9]) return fail(count, id, `第 ${id} 条：内容与其校验值不符（可能被改动）`)
      if (anchor && id === anchor.id && r[9] !== anchor.hash) return fail(count, id, `第 ${id} 条：与上次校验时的校验值不符（日志可能被整体改写）`)
      prev = r[9]
      last = id
      count++
    }
    if (rows.length < PAGE) break
  }
  if (anchor && anchor.id > last) return fail(count, anchor.id, `第 ${anchor.id} 条（上次校验时的最后一条）已不存在（可能被删除）`)
  return { ok: true, count, headId: last, head: prev }
}

const monthWords = (m: string): string => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`
const periodWords = (p: string): string => (/^\d{4}H[12]$/.test(p) ? `${p.slice(0, 4)}年${p.endsWith('1') ? '上' : '下'}半年` : p)

/** Heads stored by sign-offs and 定稿 (tables of migration 0005): rows they name must still hold that hash. */
function storedHeads(sqlite: Database.Database): { id: number; hash: string; what: string }[] {
  const sign = prepared(sqlite, "SELECT audit_head_id AS id, audit_head AS hash, month, version FROM signoff_versions WHERE audit_head_id > 0 AND audit_head != ''").all() as { id: number; hash: string; month: string; version: number }[]
  const finals = prepared(sqlite, "SELECT audit_head_id AS id, audit_head AS hash, period, version FROM halfyear_finals WHERE audit_head_id > 0 AND audit_head != ''").all() as { id: number; hash: string; period: string; version: number }[]
  return [
    ...sign.map((s) => ({ id: s.id, hash: s.hash, what: `${monthWords(s.month)}签阅（第 ${s.version} 版）` })),
    ...finals.map((f) => ({ id: f.id, hash: f.hash, what: `${periodWords(f.period)}定稿（第 ${f.version} 版）` }))
  ].sort((a, b) => a.id - b.id)
}

/**
 * Prove the chain. `from: 'anchor'` (startup): only the rows after the last verified head, which must itself be
 * unchanged. `from: 'start'` (audit verify): every row from the first, and the anchor too. Both check the heads
 * kept by sign-offs and 定稿. Returns the first row that does not verify, in Chinese.
 */
export function verifyAuditChain(sqlite: Database.Database, o: { from: 'anchor' | 'start' }): ChainCheck {
  if (!hasChain(sqlite)) return { ok: true, count: 0, headId: 0, head: GENESIS }
  const anchor = readAnchor(sqlite)
  let r: ChainCheck
  if (o.from === 'anchor' && anchor) {
    const row = prepared(sqlite, 'SELECT hash FROM audit_log WHERE id = ?').get(anchor.id) as { hash: string | null } | undefined
    if (!row) return fail(0, anchor.id, `第 ${anchor.id} 条（上次校验时的最后一条）已不存在（可能被删除）`)
    if (row.hash !== anchor.hash) return fail(0, anchor.id, `第 ${anchor.id} 条：与上次校验时的校验值不符（可能被改动）`)
    r = walk(sqlite, anchor.id, anchor.hash, null)
  } else {
    r = walk(sqlite, 0, GENESIS, anchor)
  }
  if (!r.ok) return r
  const at = prepared(sqlite, 'SELECT hash FROM audit_log WHERE id = ?')
  for (const h of storedHeads(sqlite)) {
    const row = at.get(h.id) as { hash: string | null } | undefined
    if (!row) return fail(r.count, h.id, `第 ${h.id} 条已不存在，而${h.what}时记录过它（可能被删除）`)
    if (row.hash !== h.hash) return fail(r.count, h.id, `第 ${h.id} 条：与${h.what}时记录的校验值不符（日志可能被改写）`)
  }
  return r
}

/**
 * At open (after migrating): seal an older desk's rows, verify what was added since the last verified head and
 * remember the new head. Never throws: a broken chain must not keep the desk closed — it is returned, for the
 * app to warn about.
 */
export function openAuditChain(sqlite: Database.Database, now: Date = new Date()): AuditProblem | null {
  try {
    if (!hasChain(sqlite)) return null
    sealAuditChain(sqlite, now)
    const r = verifyAuditChain(sqlite, { from: 'anchor' })
    if (!r.ok) return r.problem
    if (r.count > 0) recordAnchor(sqlite, { id: r.headId, hash: r.head }, now) // nothing new: no write at open
    return null
  } catch (e) {
    return { id: 0, why: `操作日志校验没有完成（${e instanceof Error ? e.message : String(e)}）` }
  }
}
