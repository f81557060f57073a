// 重复稿件: a piece that repeats (shared/series.ts is the rule). Its occurrences are ordinary pieces, created as 草稿
// ahead of time; 编辑本条 is an ordinary piece-update, 编辑此后全部 and 停止重复 are here.
import { z } from 'zod'
import { spec } from './define'
import { calendarDate, patchOf, rowId } from './fields'
import { pieceFields, type Piece } from './pieces'
import { FREQS, type Freq, type RepeatRule } from '../series'
import { ANYONE, OFFICER, SYSTEM } from '../roles'

/** The rule as the form sends it; its start is the piece's 日期. Checked as a whole by ruleProblems (named fields). */
export const repeatRule = z.object({
  freq: z.enum(Object.keys(FREQS) as [Freq, ...Freq[]], { error: '请选择重复方式（每周/每月/每季度）' }),
  interval: z.number({ error: '间隔须为数字' }).int({ message: '间隔须为整数' }).default(1),
  weekday: z.number({ error: '星期须为数字' }).int().nullable().default(null),
  monthDay: z.number({ error: '每月日期须为数字' }).int({ message: '每月日期须为整数' }).nullable().default(null),
  until: calendarDate.nullable().default(null),
  count: z.number({ error: '次数须为数字' }).int({ message: '次数须为整数' }).nullable().default(null)
})
export type RepeatInput = z.input<typeof repeatRule>

/** What every occurrence starts from: the piece's fields but its date, status and 补录. */
export const templateFields = pieceFields.omit({ date: true, status: true, backfill: true })
export type SeriesTemplate = z.output<typeof templateFields>

export interface Series {
  id: number
  rule: RepeatRule
  template: SeriesTemplate
  /** 每周一，共8次 */
  text: string
  /** Occurrences of the rule in all; made so far (the 回收站's too); carried out (counted statuses). */
  total: number
  made: number
  done: number
  /** The next dates not yet made (a few), for the detail's preview. */
  upcoming: string[]
  generatedThrough: string | null
  stoppedAt: string | null
  stoppedBy: string | null
  createdAt: string
  createdBy: string
}

export const seriesContract = {
  /** 重复: the piece and its rule; the occurrences up to the horizon are created as 草稿 at once. */
  'series-create': spec(OFFICER, pieceFields.omit({ status: true, backfill: true }).extend({ repeat: repeatRule })).returns<{ series: Series; created: number[]; first: Piece }>(),
  'series-get': spec(ANYONE, z.object({ id: rowId })).returns<Series>(),
  /**
   * 编辑此后全部: the template changes, and so does every occurrence from `fromPieceId`'s on that is still a 草稿 the
   * officer did not edit alone (送审/已发布 pieces and 编辑本条 ones are left as they are, and listed).
   */
  'series-update-future': spec(OFFICER, patchOf(templateFields).omit({ channel: true }).extend({ id: rowId, fromPieceId: rowId })).returns<{ series: Series; updated: number[]; kept: number[] }>(),
  /** 停止重复: no more occurrences; the planned 草稿 after `from` (default today) that nobody edited go to the 回收站. */
  'series-stop': spec(OFFICER, z.object({ id: rowId, from: calendarDate.optional() })).returns<{ series: Series; removed: number[] }>(),
  /** The background duty (and a manual 立即生成): every running series' occurrences up to the horizon. */
  'series-generate': spec(['officer', 'admin', SYSTEM], z.object({}).strict().optional().default({})).returns<{ created: number }>()
}
