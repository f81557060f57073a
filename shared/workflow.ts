// The piece workflow as pure rules, shared by the handlers (which enforce them) and the renderer (which only
// offers the moves that will be accepted).
//
//   草稿 ──送审──► 待审核 ──(每一步通过)──► 已审核 ──► 已排期 ──► 已发布 / 已报送 → 已录用·未录用 / 已完成
//     ▲              │ 退回（带意见）/收回
//     └──────────────┘
// 已撤回 can be reached from anywhere and leads back to 草稿. 待审核 and 已审核 are entered only through the review
// handlers (送审, 通过), never by editing the status. A channel whose review chain is empty (by default 宣传活动,
// 会议学习, 表扬: they are recorded after the fact) may go from 草稿 straight to its done status.
import { finalStatusesFor, type Channel, type Status } from './channels'
import { addDays } from './dates'
import { holidaysText, unknownYearsText, type WorkCalendar } from './china-calendar'
import type { ReviewRow } from './contract/review'

/** Where a piece may move by an ordinary status change (piece-update, bulk change). */
export function nextStatuses(channel: Channel, from: Status, chainEmpty: boolean): Status[] {
  const finals = finalStatusesFor(channel)
  switch (from) {
    case 'draft':
      return chainEmpty ? ['approved', 'scheduled', ...finals, 'withdrawn'] : ['withdrawn']
    case 'pending':
      return ['draft', 'withdrawn']
    case 'approved':
      return ['draft', 'scheduled', ...finals, 'withdrawn']
    case 'scheduled':
      return ['draft', 'approved', ...finals, 'withdrawn']
    case 'submitted':
      return ['accepted', 'not_accepted', 'withdrawn']
    case 'accepted':
      return ['submitted', 'not_accepted', 'withdrawn']
    case 'not_accepted':
      return ['submitted', 'accepted', 'withdrawn']
    case 'published':
    case 'completed':
      return ['withdrawn']
    case 'withdrawn':
      return ['draft']
  }
}

/** Statuses that need the review chain complete before a piece may enter them (or an audited override). */
export function needsReview(channel: Channel, to: Status): boolean {
  return to === 'approved' || to === 'scheduled' || finalStatusesFor(channel).includes(to)
}

/** LED content must be sent for review at least this many working days before it goes on screen. */
export const LED_LEAD_WORKDAYS = 3

/** Working days from `today` up to the day before `start`: the days the office has to review (holidays and 调休 counted). */
export function workdaysBefore(cal: WorkCalendar, today: string, start: string): number {
  return cal.workdaysBetween(today, start)
}

/**
 * The lead-time warning for an LED piece sent for review today, or null when there is time enough. It names the
 * holidays in between, and says so when a year in between has no schedule (then only weekends are known).
 */
export function ledLeadWarning(cal: WorkCalendar, today: string, displayStart: string | undefined): string | null {
  if (!displayStart || displayStart < today) return null
  const n = workdaysBefore(cal, today, displayStart)
  const unknown = unknownYearsText(cal.unknownYears(today, displayStart))
  if (n >= LED_LEAD_WORKDAYS) return null
  const off = holidaysText(cal.holidaysIn(today, addDays(displayStart, -1)))
  const why = [off, unknown].filter(Boolean).join('；')
  return `LED屏内容须在展示开始前 ${LED_LEAD_WORKDAYS} 个工作日送审：展示开始 ${displayStart}，距今只有 ${n} 个工作日${why ? `（${why}）` : ''}，请尽快安排审核`
}

/** 初审 / 复审 / 终审 of a step, by its place in the chain. */
export function stepLevel(index: number, length: number): string {
  if (length === 1) return '审核'
  return index === 0 ? '初审' : index === length - 1 ? '终审' : '复审'
}

// ── Review bound to content (谁审核谁负责) ──────────────────────────────────────────────────────────────────────
// An approval vouches for what the reviewer saw. These are the piece's columns that make up "what was reviewed";
// editing one after a step was approved sends the piece back for review. Left out on purpose:
//   status (moved by the workflow itself), department (供稿科室: who supplied it, for the tallies), outletLevel
//   (媒体级别 belongs to the outlet, not to the text), quantity / reach / reads (figures counted or measured around
//   the event), paid (合作版面: how it is paid for), link (known only once published) and notes (备注, the office's own).
export const REVIEWED_COLUMNS = ['channel', 'title', 'date', 'author', 'venue', 'kind', 'body', 'themes'] as const

/**
 * Channel fields in `extra` that are figures or outcomes recorded after the fact (点赞, 转发, 在看, 录用日期, 笔记篇数 …),
 * so filling them in after publishing keeps the approval. Every other `extra` key is reviewed content — also keys
 * this version does not know (an import or an older version may have written them): unknown means "reviewed".
 */
export const UNREVIEWED_EXTRA = ['likes', 'shares', 'zaikan', 'acceptedDate', 'notesCount', 'reflectionsCount'] as const

/** Only a 草稿 or 已撤回 piece may change channel: a channel decides the review chain, so hopping must never skip one. */
export const CHANNEL_CHANGE_STATUSES: readonly Status[] = ['draft', 'withdrawn']

/** Statuses in which an approval of the latest round still stands (草稿 and 已撤回 have left the round behind). */
export function holdsApprovalIn(status: Status): boolean {
  return status !== 'draft' && status !== 'withdrawn'
}

/** Who decided a step, as the trail, the detail and the exports name them: 王院长（代录：李干事，附签批单.jpg） */
export function deciderLabel(r: Pick<ReviewRow, 'reviewer' | 'proxy' | 'recordedBy' | 'evidenceFile'>): string {
  if (!r.proxy) return r.reviewer
  return `${r.reviewer}（代录：${r.recordedBy}${r.evidenceFile ? `，附${r.evidenceFile}` : '，签批单已删除'}）`
}
