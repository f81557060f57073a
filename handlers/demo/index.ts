import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { seeded } from '../../services/random'
import { createPiece } from '../pieces/write'
import { backfillNote, isBackfill } from '../pieces/create'
import { pieceFields } from '../../shared/contract/pieces'
import { appHandlers } from '../app'
import { demoPieces, DEMO_DEPARTMENTS } from './pieces'
import { seedWatchDemo } from './watch'
import { seedLedgerDemo } from './ledger'
import { sql } from 'drizzle-orm'
import type { Ctx } from '../context'

export const DEMO_SEED = 20230630

/** Writes the demo half-year through the same code paths the officer's actions use. */
export function seedDemo(ctx: Ctx): { pieces: number; mentions: number } {
  return ctx.desk.tx(() => {
    const existing = ctx.desk.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM pieces`).n
    if (existing > 0) throw new UserError('数据库中已有台账记录，演示数据只能载入到空白的工作台中')
    appHandlers['profile-save']({ fullName: '南和县人民医院', aliases: ['南和县医院', '南和人民医院'], departments: DEMO_DEPARTMENTS, level: '县级', watchUnit: '网络信息管理中心', commission: '县卫健局' }, ctx)
    const r = seeded(DEMO_SEED)
    const rows = demoPieces(r)
    // The demo half-year is work already done: every piece past 待审核 is 补录, as an import would be.
    for (const p of rows) {
      const v = pieceFields.parse(p)
      const backfill = isBackfill({ ...v, backfill: true })
      createPiece(ctx, { ...v, backfill }, 'seed-demo', backfill ? { backfill: backfillNote(v.status, [], '演示数据，登记为') } : {})
    }
    const mentions = seedWatchDemo(ctx, DEMO_SEED + 4)
    const workflow = seedLedgerDemo(ctx)
    return { pieces: rows.length + workflow.pieces, mentions }
  })
}

export const demoHandlers = defineHandlers({
  'demo-seed': (_a, ctx) => seedDemo(ctx)
})
