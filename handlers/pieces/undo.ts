// 撤销: the one undo of the desk's piece changes. An action that may be undone (a status change, a calendar drag, a
// bulk edit) runs inside `undoable`, which answers the audit rows it wrote as the token; piece-undo reads those
// rows back — the trail is the record of what changed, so the renderer holds no values of its own — and writes
// each piece's previous values through the ordinary write path (changePiece: audit row, search entry, review
// round), audited as 'undo'. It refuses, naming the record, when the piece changed again since.
import { UserError } from '../errors'
import { auditHead } from '../../db/queries/audit'
import { prepared } from '../../db/prepared'
import { getPiece, getTrashed, type PieceValues } from '../../db/queries/pieces'
import { statusLabel, type Status } from '../../shared/channels'
import { chinaClock } from '../../shared/dates'
import { changePiece } from './write'
import type { UndoToken } from '../../shared/contract/pieces'
import type { Ctx } from '../context'
import type { AuditEntry } from '../../shared/contract/audit'

/** The actions 撤销 reverts, and the only fields they may have changed. */
const UNDOABLE = new Set(['update', 'reschedule', 'bulk-status', 'stats-import'])
const FIELDS = new Set(['status', 'date', 'extra', 'reads'])
const MAX_NAMED = 10

/** An audit row as stored: its changes still JSON text. */
type AuditRow = Omit<AuditEntry, 'changes'> & { changes: string }

const ROW = 'id, at, actor, action, entity, entity_id AS entityId, changes'

function rowsAfter(ctx: Ctx, afterId: number): AuditRow[] {
  return prepared(ctx.desk.sqlite, `SELECT ${ROW} FROM audit_log WHERE id > ? ORDER BY id`).all(afterId) as AuditRow[]
}

function rowById(ctx: Ctx, id: number): AuditRow | undefined {
  return prepared(ctx.desk.sqlite, `SELECT ${ROW} FROM audit_log WHERE id = ?`).get(id) as AuditRow | undefined
}

/** The newest audit row of a piece after `id`, if any: the piece changed again (an edit, a review step, evidence). */
function laterRow(ctx: Ctx, pieceId: string, id: number): AuditRow | undefined {
  return prepared(ctx.desk.sqlite, `SELECT ${ROW} FROM audit_log WHERE entity = 'piece' AND entity_id = ? AND id > ? ORDER BY id DESC LIMIT 1`).get(pieceId, id) as
    | AuditRow
    | undefined
}

function parse(changes: string): Record<string, [unknown, unknown]> {
  try {
    return JSON.parse(changes) as Record<string, [unknown, unknown]>
  } catch {
    return {}
  }
}

/** Whether a row is a change 撤销 can revert: one of the actions above, touching only status / date / extra. */
function revertible(r: AuditRow): boolean {
  if (r.entity !== 'piece' || !UNDOABLE.has(r.action)) return false
  const keys = Object.keys(parse(r.changes))
  return keys.length > 0 && keys.every((k) => FIELDS.has(k))
}

/**
 * Run a write in one transaction and answer with it the token that undoes it — null when it wrote nothing, or
 * anything 撤销 cannot take back exactly (a review round reopened, a field beyond status and date).
 */
export function undoable<T>(ctx: Ctx, run: () => T): { value: T; undo: UndoToken | null } {
  return ctx.desk.tx(() => {
    const head = auditHead(ctx.desk.db).id
    const value = run()
    const rows = rowsAfter(ctx, head)
    const undo = rows.length > 0 && rows.every(revertible) ? { audit: rows.map((r) => r.id) } : null
    return { value, undo }
  })
}

/** Revert every change of the token, or none: each piece back to the values it had before that change. */
export function undoChanges(ctx: Ctx, token: UndoToken): { reverted: number } {
  return ctx.desk.tx(() => {
    const problems: string[] = []
    const plans: { row: AuditRow; pieceId: number; patch: Partial<PieceValues> }[] = []
    for (const id of [...new Set(token.audit)].sort((a, b) => a - b)) {
      const row = rowById(ctx, id)
      if (!row || !revertible(row)) throw new UserError('这项修改不能撤销', { field: 'audit' })
      if (row.actor !== ctx.actor) throw new UserError(`只能撤销您本人的修改（这项修改由${row.actor}所做）`, { field: 'audit' })
      const pieceId = Number(row.entityId)
      const piece = getPiece(ctx.desk.db, pieceId)
      const title = piece?.title ?? getTrashed(ctx.desk.db, pieceId)?.piece.title
      if (!piece) {
        problems.push(title ? `《${title}》已删除（在回收站中）` : `编号 ${pieceId} 的记录已被彻底删除`)
        continue
      }
      const later = laterRow(ctx, row.entityId, row.id)
      const diff = parse(row.changes)
      const now = piece as unknown as Record<string, unknown>
      const moved = Object.entries(diff).some(([k, [, after]]) => JSON.stringify(now[k] ?? null) !== JSON.stringify(after ?? null))
      if (later || moved) {
        problems.push(`《${title}》在此之后又被修改过${later ? `（${later.actor}，${chinaClock(later.at, 'M月d日 HH:mm')}）` : ''}`)
        continue
      }
      const before = diff.status?.[0] as Status | undefined
      // Leaving 待审核 closed the open round: going back would leave a piece in review with no step waiting.
      if (before === 'pending') {
        problems.push(`《${title}》原为“${statusLabel('pending')}”，修改时本轮审核已结束，请重新送审`)
        continue
      }
      const patch = Object.fromEntries(Object.entries(diff).map(([k, [b]]) => [k, b])) as Partial<PieceValues>
      plans.push({ row, pieceId, patch })
    }
    if (problems.length) {
      const more = problems.length > MAX_NAMED ? `\n……另有 ${problems.length - MAX_NAMED} 条` : ''
      throw new UserError(`无法撤销：${problems.length === 1 ? problems[0] : `\n${problems.slice(0, MAX_NAMED).join('\n')}${more}`}。如需改回，请在详情中修改`, { field: 'audit', pieces: problems.length })
    }
    // `workflow`: the piece goes back to the state it held a moment ago, which the rules accepted then and which
    // nothing has changed since (checked above) — a move such as 已发布 → 已排期 the status menu never offers.
    for (const p of plans) changePiece(ctx, p.pieceId, p.patch, 'undo', { workflow: true, note: { undoOf: p.row.id, undid: p.row.action } })
    return { reverted: plans.length }
  })
}
