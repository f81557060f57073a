import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate } from './fields'
import type { Channel, Status } from '../channels'
import { ANYONE, OFFICE } from '../roles'
import type { AddedSchedules } from '../china-calendar'
import type { NoticeItem } from '../holiday-notice'
import type { Deadline } from './quotas'
import { PLANNING_KINDS, type PlanningDay, type PlanningRule } from '../planning-days'
import { CHANNEL_CODES } from '../channels'

export interface CalendarItem {
  id: number
  channel: Channel
  title: string
  status: Status
  date: string
  /** Display window for LED pieces (start = end = date for everything else). */
  start: string
  end: string
}

export interface DueItem {
  id: number
  channel: Channel
  title: string
  date: string
}

export interface TodayList {
  today: string
  /** Scheduled for today (or earlier and still not published). */
  due: (DueItem & { overdue: boolean })[]
  /** In review, with the step that waits. */
  awaitingReview: (DueItem & { stepName: string })[]
  /** Returned by a reviewer, waiting for the author. */
  returned: (DueItem & { comment: string })[]
  /** Deadlines overdue or due within a week. */
  deadlines: Pick<Deadline, 'id' | 'title' | 'dueDate' | 'overdue' | 'daysLeft' | 'workdaysLeft' | 'dueOff'>[]
}

export interface HolidayYear {
  year: number
  source: '内置' | '本院补充'
  /** Days off and make-up working days. */
  holidays: number
  makeups: number
}

export interface HolidaySchedules {
  /** The office's own years (passed to WorkCalendar; a year here replaces the shipped one). */
  added: AddedSchedules
  years: HolidayYear[]
}

export interface HolidayNoticePreview {
  year: number
  items: NoticeItem[]
  /** The year already has a schedule (shipped or added) that this one would replace. */
  replaces: HolidayYear['source'] | null
}

const noticeInput = z.object({
  year: z.number({ error: '请填写年份' }).int().min(2000, { error: '年份须在2000–2100之间' }).max(2100, { error: '年份须在2000–2100之间' }),
  notice: z.string().trim().min(1, { error: '请粘贴国务院办公厅节假日安排通知的正文' }).max(20_000, { error: '通知正文过长（最多2万字）' })
})

export interface PlanningRules {
  rules: PlanningRule[]
  /** Nothing saved yet: the desk's defaults are in force. */
  isDefault: boolean
}

const month = z.number({ error: '请选择月份' }).int().min(1, { error: '月份须在1–12之间' }).max(12, { error: '月份须在1–12之间' })
const monthDay = z.number({ error: '请填写日' }).int().min(1, { error: '日须在1–31之间' }).max(31, { error: '日须在1–31之间' })
const spanDays = z.number().int().min(1, { error: '持续天数至少1天' }).max(31, { error: '持续天数最多31天' }).optional()

export const planningRuleInput = z.object({
  id: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1, { error: '请填写节点名称' }).max(40, { error: '节点名称最多40字' }),
  kind: z.enum(PLANNING_KINDS, { error: '请选择类别' }),
  when: z.discriminatedUnion('type', [
    z.object({ type: z.literal('date'), month, day: monthDay, days: spanDays }),
    z.object({ type: z.literal('weekday'), month, nth: z.number().int().min(-1).max(5).refine((n) => n !== 0, { error: '请选择第几个' }), weekday: z.number().int().min(0).max(6), days: spanDays }),
    z.object({ type: z.literal('lunar'), month, day: z.number().int().min(1, { error: '农历日须在初一至三十之间' }).max(30, { error: '农历日须在初一至三十之间' }) }),
    z.object({ type: z.literal('month'), month }),
    z.object({ type: z.literal('holiday'), name: z.string().trim().min(1, { error: '请填写节假日名称' }).max(20) })
  ], { error: '请选择日期规则' }),
  since: z.number({ error: '建院年份须为数字' }).int().min(1800, { error: '建院年份须在1800年以后' }).max(2100, { error: '建院年份须在2100年以前' }).optional(),
  suggest: z
    .object({
      channel: z.enum(CHANNEL_CODES, { error: '请选择渠道' }),
      title: z.string().trim().min(1, { error: '请填写建议标题' }).max(80, { error: '建议标题最多80字' }),
      kind: z.string().max(20).optional(),
      themes: z.array(z.string().trim().min(1).max(20)).max(10).optional()
    })
    .optional(),
  note: z.string().trim().max(200, { error: '说明最多200字' }).optional()
})

export const calendarContract = {
  /** China's working calendar as the desk knows it: the shipped years and those the office added. */
  'holiday-schedules': spec(ANYONE, noArgs).returns<HolidaySchedules>(),
  /** Reads a pasted notice into a year's days off and 调休 working days, writing nothing. */
  'holiday-notice-read': spec(OFFICE, noticeInput).returns<HolidayNoticePreview>(),
  'holiday-year-save': spec(OFFICE, noticeInput).returns<HolidaySchedules>(),
  'holiday-year-delete': spec(OFFICE, z.object({ year: noticeInput.shape.year })).returns<HolidaySchedules>(),
  /** 节点日 between two dates (at most about a year): holidays, 节气, health days, theme months, anniversaries. */
  'planning-days': spec(ANYONE, z.object({ from: calendarDate, to: calendarDate })).returns<{ days: PlanningDay[]; unknownYears: number[] }>(),
  /** 设置 › 节点日: the office's list (or the defaults). */
  'planning-rules': spec(ANYONE, noArgs).returns<PlanningRules>(),
  'planning-rules-save': spec(OFFICE, z.object({ rules: z.array(planningRuleInput).max(200, { error: '节点日最多200项' }) })).returns<PlanningRules>(),
  'calendar-items': spec(ANYONE, z.object({ from: calendarDate, to: calendarDate })).returns<CalendarItem[]>(),
  /** Scheduled pieces that have fallen due; each is announced with ctx.notify once per scheduled date
   *  (`announced`: by this call). */
  'schedule-due': spec(['officer', 'reviewer', 'secretary', 'admin', 'viewer', 'system'], noArgs).returns<(DueItem & { announced: boolean })[]>(),
  'today-list': spec(ANYONE, noArgs).returns<TodayList>()
}
