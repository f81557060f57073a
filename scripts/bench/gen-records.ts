// The officer's and the secretary's part of ten years: every negative mention assessed, handled and closed
// (the triage trail the report's 办结率 and 办结用时 read), and every finished month signed (已阅).
import type { Ctx } from '../../handlers/context'
import { triage } from '../../handlers/mentions'
import { signMonth } from '../../handlers/tallies/signoff'
import { addMonths } from '../../shared/dates'
import type { Random } from '../../services/random'
import type { Clock } from './clock'

const HOUR = 3600_000
const CLOSING_NOTES = [
  '已联系当事患者家属沟通，取得谅解', '经医务科核实为不实信息，已在评论区说明', '已转相关科室整改并回复网友',
  '已报分管院领导，按医疗纠纷程序处理', '信息已过时，持续关注无新进展'
]
const OFFICERS = ['张宣', '李明', '王芳']

/** Negative mentions older than `openSince` go 研判 → 处置中 → 已办结 within hours to days of being picked up. */
export function triageNegatives(ctx: Ctx, r: Random, openSince: string): number {
  const rows = ctx.desk.sqlite
    .prepare("SELECT id, fetched_at AS fetchedAt FROM mentions WHERE sentiment = '负面' AND day < ? ORDER BY id")
    .all(openSince) as { id: number; fetchedAt: string }[]
  for (let i = 0; i < rows.length; i += 2000) {
    ctx.desk.tx(() => {
      for (const m of rows.slice(i, i + 2000)) {
        const actor = r.pick(OFFICERS)
        let t = Date.parse(m.fetchedAt) + r.int(1, 6) * HOUR
        triage(ctx, m.id, 'assessing', '', { at: new Date(t).toISOString(), actor })
        t += r.int(1, 8) * HOUR
        triage(ctx, m.id, 'handling', '已转相关科室核实', { at: new Date(t).toISOString(), actor })
        t += r.int(2, 96) * HOUR
        triage(ctx, m.id, 'closed', r.pick(CLOSING_NOTES), { at: new Date(t).toISOString(), actor })
      }
    })
  }
  return rows.length
}

/** The party secretary signs each month a few days after it ends, up to (not including) `lastOpen`. */
export function signMonths(ctx: Ctx, clock: Clock, first: string, lastOpen: string): number {
  let n = 0
  for (let m = first; m < lastOpen; m = addMonths(m, 1), n++) {
    clock.set(`${addMonths(m, 1)}-05T16:00:00+08:00`)
    // Straight to the signing itself: the generated secretary has no password to prove.
    signMonth(ctx, m, '', { id: null, name: '刘建国' })
  }
  return n
}
