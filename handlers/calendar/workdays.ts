// 节假日安排: China's working calendar as this desk knows it — the shipped years, and the years the office adds from
// the State Council's notice (each autumn, before the library knows the next year). Every working-day rule reads it here.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { readSetting, saveSetting, writeState } from '../settings'
import { SHIPPED_YEARS, WorkCalendar, shippedSchedule, type YearSchedule } from '../../shared/china-calendar'
import { readHolidayNotice } from '../../shared/holiday-notice'
import type { HolidaySchedules, HolidayYear } from '../../shared/contract/calendar'
import { ledLeadWarning } from '../../shared/workflow'
import { chinaDate } from '../../shared/dates'
import { displayWindow } from '../../shared/contract/channel-fields'
import type { Piece } from '../../shared/contract/pieces'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

export function workCalendar(db: Db): WorkCalendar {
  return new WorkCalendar(readSetting(db, 'holiday-schedules'))
}

/**
 * The LED lead-time warning for a piece as of today, on 展示开始 or on 日期 when no window is given. It matters while
 * the request is being made (草稿, 待审核), not for a piece already reviewed or shown.
 */
export function leadWarning(ctx: Ctx, piece: Piece): string | null {
  if (piece.channel !== 'led' || (piece.status !== 'draft' && piece.status !== 'pending')) return null
  return ledLeadWarning(workCalendar(ctx.desk.db), chinaDate(ctx.now()), displayWindow(piece).start)
}

/** The month from which next year's missing schedule is announced: the State Council publishes it in the autumn. */
const NEXT_YEAR_FROM_MONTH = 11

/**
 * Announces, once per year, a year the desk has no schedule for: this year, or next year from November. Until it is
 * added, working days are weekends only and the lead times and deadlines may be wrong.
 */
export function remindMissingSchedule(ctx: Ctx): number[] {
  const today = chinaDate(ctx.now())
  const year = Number(today.slice(0, 4))
  const cal = workCalendar(ctx.desk.db)
  const wanted = [year, ...(Number(today.slice(5, 7)) >= NEXT_YEAR_FROM_MONTH ? [year + 1] : [])].filter((y) => !cal.hasSchedule(y))
  const told = readSetting(ctx.desk.db, 'holiday-schedule-reminded').years
  const fresh = wanted.filter((y) => !told.includes(y))
  for (const y of fresh) {
    ctx.notify({
      kind: 'due',
      title: `${y}年节假日安排尚未录入`,
      body: `国务院办公厅一般在每年秋季公布下一年的放假调休安排。公布后请在“设置 › 节假日安排”中粘贴通知正文；录入前，${y}年的工作日按周末计算，LED送审提前量和报送节点的提醒可能不准。`,
      href: '#/settings/holidays'
    })
  }
  if (fresh.length) writeState(ctx.desk.db, 'holiday-schedule-reminded', { years: [...told, ...fresh] }, ctx.now().toISOString())
  return fresh
}

function yearOf(year: number, s: YearSchedule, source: HolidayYear['source']): HolidayYear {
  return { year, source, holidays: Object.keys(s.holidays).length, makeups: Object.keys(s.workdays).length }
}

function schedules(db: Db): HolidaySchedules {
  const added = readSetting(db, 'holiday-schedules')
  const years = new Map<number, HolidayYear>()
  for (const y of SHIPPED_YEARS) years.set(y, yearOf(y, shippedSchedule(y)!, '内置'))
  for (const [y, s] of Object.entries(added)) years.set(Number(y), yearOf(Number(y), s, '本院补充'))
  return { added, years: [...years.values()].sort((a, b) => b.year - a.year) }
}

function read(year: number, notice: string) {
  const r = readHolidayNotice(notice, year)
  if ('error' in r) throw new UserError(r.error, { field: 'notice' })
  return r
}

function replaces(db: Db, year: number): HolidayYear['source'] | null {
  if (readSetting(db, 'holiday-schedules')[String(year)]) return '本院补充'
  return shippedSchedule(year) ? '内置' : null
}

export const workdaysHandlers = defineHandlers({
  'holiday-schedules': (_a, ctx) => schedules(ctx.desk.db),
  'holiday-notice-read': ({ year, notice }, ctx) => ({ year, items: read(year, notice).items, replaces: replaces(ctx.desk.db, year) }),
  'holiday-year-save': ({ year, notice }, ctx: Ctx) => {
    const { schedule } = read(year, notice)
    const added = readSetting(ctx.desk.db, 'holiday-schedules')
    saveSetting(ctx, 'holiday-schedules', { ...added, [String(year)]: { ...schedule, notice } })
    return schedules(ctx.desk.db)
  },
  'holiday-year-delete': ({ year }, ctx: Ctx) => {
    const added = { ...readSetting(ctx.desk.db, 'holiday-schedules') }
    if (!added[String(year)]) throw new UserError(`${year}年没有本院补充的节假日安排`, { field: 'year' })
    delete added[String(year)]
    saveSetting(ctx, 'holiday-schedules', added)
    return schedules(ctx.desk.db)
  }
})
