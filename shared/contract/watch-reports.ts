// The 舆情 reports: 舆情日报/周报 of a period (shown in the desk's 舆情报告 tab, and as Word) and the 舆情专报 of one
// incident (a mention with all its sources), from the mention's detail. Part of the watch domain: a poll, a
// triage step or a feed's error changes them, and the tab reloads with the rest of the watch.
import { z } from 'zod'
import { spec } from './define'
import { rowId } from './fields'
import type { DocTable, DraftParagraph, ReportFile } from './reports'
import { BRIEF_KINDS, briefPeriodProblem, type BriefKind, type BriefPeriod } from '../watch-periods'
import type { GradeLabel, SentimentLabel } from '../watch'
import { ANYONE } from '../roles'

/** One table of a brief: in the desk under the paragraphs, in Word as a 附表. */
export type BriefTable = DocTable

export interface BriefCounts {
  /** Mentions of the period (by the China calendar date of publication), 移除 left out. */
  total: number
  bySentiment: Record<SentimentLabel, number>
  byGrade: Record<GradeLabel, number>
  /** 移除 (误报, 重复…) of the period: stated apart, never counted as mentions. */
  removed: number
  /** The same span just before (上期). */
  previousTotal: number
}

export interface WatchBrief {
  period: BriefPeriod
  /** The document's title on one line (南和县人民医院舆情周报). */
  title: string
  fileName: string
  /** The instant the brief reads the desk as of: the end of the period, or now while the period runs. */
  cutoff: string
  counts: BriefCounts
  /** 需关注 (负面 or 较大以上, not closed at the cutoff), 办结 in the period, 忽略 in the period, feeds failing. */
  attention: number
  closed: number
  ignored: number
  failingFeeds: number
  paragraphs: DraftParagraph[]
  tables: BriefTable[]
  /** Milliseconds the brief took. */
  ms: number
}

const kind = z.enum(BRIEF_KINDS as [BriefKind, ...BriefKind[]], { error: '报告类型须为 日报（daily）或 周报（weekly）' })

export const briefArgs = z
  .object({
    period: z.string({ error: '请选择统计区间' }).trim().min(1, { message: '请选择统计区间' }).max(40, { message: '统计区间写法无效' }),
    kind: kind.optional()
  })
  .superRefine((a, c) => {
    const problem = briefPeriodProblem(a.period, a.kind)
    if (problem) c.addIssue({ code: 'custom', path: ['period'], message: problem })
  })

export const watchReportsContract = {
  /** The brief as paragraphs and tables, for the 舆情报告 tab. Readers of the watch may read it. */
  'watch-brief-preview': spec(ANYONE, briefArgs).returns<WatchBrief>(),
  /** The same brief as a Word file (officialDocx). */
  'watch-brief-docx': spec(ANYONE, briefArgs).returns<ReportFile>(),
  /** 舆情专报 of one mention (its sources, trail and evidence) as a Word file. */
  'watch-incident-docx': spec(ANYONE, z.object({ id: rowId })).returns<ReportFile>()
}
