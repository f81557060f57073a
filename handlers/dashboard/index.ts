import { defineHandlers } from '../dispatch'
import { countByChannel } from '../../db/queries/pieces'
import { COUNTED_STATUSES } from '../../shared/channels'
import { chinaMonth, monthRange } from '../../shared/dates'

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0)
}

export const dashboardHandlers = defineHandlers({
  'dashboard-summary': ({ month }, ctx) => {
    const m = month ?? chinaMonth(ctx.now())
    const { from, to } = monthRange(m)
    const byChannel = countByChannel(ctx.desk.db, from, to, COUNTED_STATUSES)
    const year = m.slice(0, 4)
    const first = Number(m.slice(5, 7)) <= 6
    const half = first ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year}-07-01`, to: `${year}-12-31` }
    const halfCounts = countByChannel(ctx.desk.db, half.from, half.to, COUNTED_STATUSES)
    return {
      month: m,
      byChannel,
      total: sum(byChannel),
      halfYear: { label: `${year}年${first ? '上' : '下'}半年`, ...half, byChannel: halfCounts, total: sum(halfCounts) }
    }
  }
})
