import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate } from './fields'
import type { Channel, Status } from '../channels'
import { ANYONE, OFFICE } from '../roles'
import type { AddedSchedules } from '../china-calendar'
import type { NoticeItem } from '../holiday-notice'
import type { Deadline } from './quotas'

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

export const calendarContract = {
  /** China's working calendar as the desk knows it: the shipped years and those the office added. */
  'holiday-schedules': spec(ANYONE, noArgs).returns<HolidaySchedules>(),
  /** Reads a pasted notice into a year's days off and 调休 working days, writing nothing. */
  'holiday-notice-read': spec(OFFICE, noticeInput).returns<HolidayNoticePreview>(),
  'holiday-year-save': spec(OFFICE, noticeInput).returns<HolidaySchedules>(),
  'holiday-year-delete': spec(OFFICE, z.object({ year: noticeInput.shape.year })).returns<HolidaySchedules>(),
  'calendar-items': spec(ANYONE, z.object({ from: calendarDate, to: calendarDate })).returns<CalendarItem[]>(),
  /** Scheduled pieces that have fallen due; each is announced with ctx.notify once per scheduled date
   *  (`announced`: by this call). */
  'schedule-due': spec(['officer', 'reviewer', 'secretary', 'admin', 'viewer', 'system'], noArgs).returns<(DueItem & { announced: boolean })[]>(),
  'today-list': spec(ANYONE, noArgs).returns<TodayList>()
}
