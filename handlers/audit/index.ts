// 操作日志: the whole trail for the administrator and the party secretary, its export, and the proof that it is
// unaltered (db/audit-chain.ts). The per-record trail of the detail panes (audit-list) is open to everyone.
import { defineHandlers } from '../dispatch'
import { startJob } from '../jobs/runner'
import { auditFacets, auditHead, countAudit, listAudit, pageAudit } from '../../db/queries/audit'
import { recordAnchor, verifyAuditChain, type ChainCheck } from '../../db/audit-chain'
import { auditActionLabel, auditEntityLabel } from '../../shared/audit-labels'
import type { AuditCheckResult } from '../../shared/contract/audit'
import type { Ctx } from '../context'
import { runAuditExport } from './export'
import { toLogRow, toQueryFilter } from './rows'

/** The check's outcome as the contract says it; the desk remembers a problem so every window can warn. */
function outcome(ctx: Ctx, r: ChainCheck, count: number): AuditCheckResult {
  ctx.desk.auditProblem = r.ok ? null : r.problem
  return { ok: r.ok, count, head: auditHead(ctx.desk.db), problem: r.ok ? null : r.problem }
}

export const auditHandlers = defineHandlers({
  'audit-list': ({ entity, entityId }, ctx) => listAudit(ctx.desk.db, entity, entityId),

  'audit-log': ({ filter, offset, limit }, ctx) => {
    const { rows, total } = pageAudit(ctx.desk.db, toQueryFilter(filter), offset, limit)
    const f = auditFacets(ctx.desk.db)
    return {
      rows: rows.map(toLogRow),
      total,
      offset,
      limit,
      facets: {
        actors: f.actors,
        actions: f.actions.map((code) => ({ code, label: auditActionLabel(code) })),
        entities: f.entities.map((code) => ({ code, label: auditEntityLabel(code) }))
      }
    }
  },

  'audit-log-export-start': ({ filter }, ctx) => ({
    jobId: startJob(ctx, 'audit-export', (job) => runAuditExport(ctx, toQueryFilter(filter), filter, job))
  }),

  // Rows since the last verified head only, which then moves on: cheap however often the app asks. A problem
  // found stays until it is gone (the anchor never passes a row that does not verify).
  'audit-status': (_a, ctx) => {
    const r = verifyAuditChain(ctx.desk.sqlite, { from: 'anchor' })
    if (r.ok && r.count > 0) recordAnchor(ctx.desk.sqlite, { id: r.headId, hash: r.head }, ctx.now())
    return outcome(ctx, r, countAudit(ctx.desk.db))
  },

  'audit-verify': (_a, ctx) => {
    const r = verifyAuditChain(ctx.desk.sqlite, { from: 'start' })
    if (r.ok) recordAnchor(ctx.desk.sqlite, { id: r.headId, hash: r.head }, ctx.now())
    return outcome(ctx, r, r.count)
  }
})
