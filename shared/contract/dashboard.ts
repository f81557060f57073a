import { z } from 'zod'
import { spec } from './define'
import { monthString } from './fields'
import type { Channel } from '../channels'
import { ANYONE } from '../roles'

export interface DashboardSummary {
  month: string
  /** Carried-out pieces this month, per channel. */
  byChannel: Partial<Record<Channel, number>>
  total: number
  /** Carried-out pieces in the half-year containing the month. */
  halfYear: { label: string; from: string; to: string; byChannel: Partial<Record<Channel, number>>; total: number }
}

export const dashboardContract = {
  'dashboard-summary': spec(ANYONE, z.object({ month: monthString.optional() }).default({})).returns<DashboardSummary>()
}
