// Save and delete of the small settings tables (outlets, accounts, quotas, deadlines): each write in one
// transaction with its audit row, and a Chinese message when the row has gone meanwhile.
import { UserError } from './errors'
import { recordAudit, diff } from '../db/queries/audit'
import type { Db } from '../db/open'
import type { Ctx } from './context'

interface Table<Row extends { id: number }, Input> {
  entity: string
  /** What the officer calls one row, for messages: 媒体, 账号, 指标, 节点. */
  what: string
  get: (db: Db, id: number) => Row | null
  save: (db: Db, v: Input & { id?: number }) => Row
  remove: (db: Db, id: number) => void
}

function mustFind<Row>(t: { what: string }, row: Row | null, id: number): Row {
  if (!row) throw new UserError(`找不到编号为 ${id} 的${t.what}，可能已被删除`, { field: 'id' })
  return row
}

function audit(ctx: Ctx, action: string, entity: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity, entityId: id, changes })
}

export function saveAudited<Row extends { id: number }, Input>(ctx: Ctx, t: Table<Row, Input>, v: Input & { id?: number }, action?: string): Row {
  return ctx.desk.tx(() => {
    const before = v.id ? mustFind(t, t.get(ctx.desk.db, v.id), v.id) : null
    const row = t.save(ctx.desk.db, v)
    audit(ctx, action ?? (before ? 'update' : 'create'), t.entity, row.id, before ? diff({ ...before }, { ...row }) : { ...row })
    return row
  })
}

export function deleteAudited<Row extends { id: number }, Input>(ctx: Ctx, t: Table<Row, Input>, id: number, note: (row: Row) => Record<string, unknown> = () => ({})): { id: number } {
  return ctx.desk.tx(() => {
    const before = mustFind(t, t.get(ctx.desk.db, id), id)
    t.remove(ctx.desk.db, id)
    audit(ctx, 'delete', t.entity, id, { ...before, ...note(before) })
    return { id }
  })
}

/**
 * 撤销 of a delete: the row comes back under its own id with exactly the values its delete recorded, audited as
 * 'restore'. Refused when the latest record of the row is not that delete (restored already, or never deleted).
 */
export function restoreAudited<Row extends { id: number }, Input>(ctx: Ctx, t: Table<Row, Input>, id: number, put: (db: Db, row: Record<string, unknown>) => Row): Row {
  return ctx.desk.tx(() => {
    const last = ctx.desk.sqlite
      .prepare('SELECT action, changes FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1')
      .get(t.entity, String(id)) as { action: string; changes: string } | undefined
    if (!last || last.action !== 'delete' || t.get(ctx.desk.db, id)) throw new UserError(`编号为 ${id} 的${t.what}没有可撤销的删除`, { field: 'id' })
    const row = put(ctx.desk.db, { ...(JSON.parse(last.changes) as Record<string, unknown>), id })
    audit(ctx, 'restore', t.entity, id, { ...row })
    return row
  })
}

/** The row or a Chinese "not found" error. */
export function findOr<Row extends { id: number }, Input>(ctx: Ctx, t: Table<Row, Input>, id: number): Row {
  return mustFind(t, t.get(ctx.desk.db, id), id)
}
