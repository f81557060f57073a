import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate } from './fields'
import type { Channel, Status } from '../channels'
import { ANYONE } from '../roles'

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
  deadlines: { id: number; title: string; dueDate: string; overdue: boolean; daysLeft: number }[]
}

export const calendarContract = {
  'calendar-items': spec(ANYONE, z.object({ from: calendarDate, to: calendarDate })).returns<CalendarItem[]>(),
  /** Scheduled pieces that have fallen due; each is announced with ctx.notify once per scheduled date
   *  (`announced`: by this call). */
  'schedule-due': spec(['officer', 'reviewer', 'secretary', 'admin', 'viewer', 'system'], noArgs).returns<(DueItem & { announced: boolean })[]>(),
  'today-list': spec(ANYONE, noArgs).returns<TodayList>()
}
