import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate, rowId, shortText } from './fields'
import { CHANNEL_CODES, OUTLET_LEVELS, type Channel } from '../channels'
import { ANYONE, OFFICE } from '../roles'

export const QUOTA_PERIODS = { week: '每周', month: '每月', half: '每半年' } as const
export type QuotaPeriod = keyof typeof QUOTA_PERIODS

export const quotaInput = z
  .object({
    id: rowId.optional(),
    label: shortText(60).min(1, { message: '请填写指标名称' }),
    channel: z.enum(CHANNEL_CODES, { error: '渠道无效' }).nullable().default(null),
    /** Count only pieces at this outlet level or above (省级 = 省级以上). */
    minLevel: z.enum(OUTLET_LEVELS, { error: '级别须为 国家级/省级/市级/县级' }).nullable().default(null),
    /** Count only 已录用 (accepted), not everything sent. */
    onlyAccepted: z.boolean().default(false),
    period: z.enum(['week', 'month', 'half'], { error: '请选择周期：每周/每月/每半年' }),
    target: z.number({ error: '目标须为数字' }).int({ message: '目标须为整数' }).min(1, { message: '目标至少为 1' }).max(100000, { message: '目标太大' })
  })
  .refine((q) => q.channel !== null || q.minLevel !== null, { message: '请选择渠道或媒体级别', path: ['channel'] })

export interface Quota {
  id: number
  label: string
  channel: Channel | null
  minLevel: string | null
  onlyAccepted: boolean
  period: QuotaPeriod
  target: number
}

export interface PeriodProgress {
  from: string
  to: string
  actual: number
  met: boolean
  /** The period runs past the range asked for (e.g. the week a half-year starts in): shown, not judged. */
  partial: boolean
  /** A week with no working day (春节 2026-02-16 to 22): the holiday's name; shown, not judged. */
  off: string | null
}

/** One quota over a range: the totals (target is per period × whole periods) and each period. */
export interface QuotaProgress {
  id: number
  label: string
  period: QuotaPeriod
  /** Required in the range: the per-period target times the number of whole periods. */
  target: number
  actual: number
  /** Every whole period in the range reached its target. */
  met: boolean
  /** Pieces counted, for drill-down. */
  ids: number[]
  perPeriod: number
  /** What it counts in: its channel's unit (篇, 条, 次…), 篇 for a quota on outlet level alone (quotaUnit). */
  unit: string
  periods: PeriodProgress[]
}

/** The period containing today, with the one before it (missed ones show red on the dashboard). */
export interface CurrentQuota {
  id: number
  label: string
  period: QuotaPeriod
  target: number
  from: string
  to: string
  actual: number
  met: boolean
  /** The current period is a week with no working day: the holiday's name (not judged). */
  off: string | null
  previous: { from: string; to: string; actual: number; met: boolean; off: string | null }
}

export const deadlineInput = z.object({
  id: rowId.optional(),
  title: shortText(100).min(1, { message: '请填写节点名称' }),
  dueDate: calendarDate,
  notes: shortText(500).default('')
})
export interface Deadline {
  id: number
  title: string
  dueDate: string
  doneAt: string | null
  notes: string
  overdue: boolean
  /** Days from today to the due date (negative when past). */
  daysLeft: number
  /** Working days from today to the due date, both counted when working (0 when past): 国庆 leaves few. */
  workdaysLeft: number
  /** The due date is a day off: why (国庆节放假, 周末) and the last working day before it. */
  dueOff: { why: string; lastWorkday: string } | null
}

export const quotasContract = {
  'quota-list': spec(ANYONE, noArgs).returns<Quota[]>(),
  'quota-save': spec(OFFICE, quotaInput).returns<Quota>(),
  'quota-delete': spec(OFFICE, z.object({ id: rowId })).returns<{ id: number }>(),
  /** 撤销 of quota-delete: the quota back under its own id, as it was. */
  'quota-restore': spec(OFFICE, z.object({ id: rowId })).returns<Quota>(),
  'quota-progress': spec(ANYONE, z.object({ from: calendarDate, to: calendarDate })).returns<QuotaProgress[]>(),
  'quota-current': spec(ANYONE, noArgs).returns<CurrentQuota[]>(),
  'deadline-list': spec(ANYONE, noArgs).returns<Deadline[]>(),
  'deadline-save': spec(OFFICE, deadlineInput).returns<Deadline>(),
  'deadline-done': spec(OFFICE, z.object({ id: rowId, done: z.boolean() })).returns<Deadline>(),
  'deadline-delete': spec(OFFICE, z.object({ id: rowId })).returns<{ id: number }>(),
  /** 撤销 of deadline-delete. */
  'deadline-restore': spec(OFFICE, z.object({ id: rowId })).returns<Deadline>()
}
