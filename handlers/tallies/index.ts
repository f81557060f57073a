// 统计: the secretary's tally of a month, quarter, half-year or any range — the figure set with 环比 and 同比,
// the channel × month matrix, the month's sign-off, and the rows behind any number (drill-down and its file).
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { startJob } from '../jobs/runner'
import { buildFigureSet, periodValues } from '../reports/figures'
import { signoffHandlers, signoffState } from './signoff'
import { monthlyChannelCounts } from '../../db/queries/figures'
import { accountsByIds, mentionsByIds, piecesByIds, type Page } from '../../db/queries/report-rows'
import { accountTable, mentionTable, pieceTable, sheetTitle, type Table } from '../../services/report/tables'
import { readProfile } from '../app'
import { tablesXlsx, tableCsv } from '../../services/report/files'
import { monthsOf, parsePeriod, previousPeriod, samePeriodLastYear, type Period } from '../../shared/periods'
import { addMonths, monthRange } from '../../shared/dates'
import { CHANNEL_CODES, type Channel } from '../../shared/channels'
import type { DrillResult, TallyMatrix } from '../../shared/contract/tallies'
import type { FilePayload } from '../../shared/contract/ledger'
import type { Ctx } from '../context'
import type { Db } from '../../db/open'

/** A single month is too short for a trend: its matrix shows the six months up to it. */
const MONTH_CONTEXT = 6

export function tallyMatrix(db: Db, period: Period): TallyMatrix {
  const single = period.kind === 'month'
  const first = single ? addMonths(period.to.slice(0, 7), 1 - MONTH_CONTEXT) : period.from.slice(0, 7)
  const range = single ? { from: monthRange(first).from, to: period.to } : period
  const months = monthsOf(range)
  const counts = monthlyChannelCounts(db, range.from, range.to)
  const cell = new Map(counts.map((c) => [`${c.channel}|${c.month}`, c.n]))
  const rows = CHANNEL_CODES.map((channel: Channel) => {
    const row = months.map((m) => cell.get(`${channel}|${m}`) ?? 0)
    return { channel, counts: row, total: row.reduce((a, b) => a + b, 0) }
  })
  const totals = months.map((_, i) => rows.reduce((a, r) => a + r.counts[i], 0))
  return {
    from: range.from,
    to: range.to,
    months,
    note: single ? `近${MONTH_CONTEXT}个月（至${period.label}）` : period.from.slice(8) !== '01' || period.to !== monthRange(period.to.slice(0, 7)).to ? '首尾月份只计区间内的日期' : null,
    rows,
    totals,
    total: totals.reduce((a, b) => a + b, 0)
  }
}

/** The rows behind one figure of one period (a page of them, or all for a file). */
export function drill(ctx: Ctx, periodCode: string, key: string, page?: Page): DrillResult {
  const period = parsePeriod(periodCode)
  const set = buildFigureSet(ctx.desk.db, period, { ids: [key] })
  const f = set.figures.find((x) => x.key === key)
  const empty: DrillResult = { figure: { key, label: key, value: 0, unit: '' }, period, entity: 'piece', total: 0, pieces: [], mentions: [], accounts: [] }
  if (!f) return empty
  const ids = f.ids ?? []
  const db = ctx.desk.db
  // A quota's figure label carries its verdict (目标 8 篇，已达标); its rows are titled, and filed, by its name.
  const label = f.group === 'quota' ? set.quotas.find((q) => `quota.${q.id}` === key)?.label ?? f.label : f.label
  return {
    figure: { key, label, value: f.value, unit: f.unit },
    period,
    entity: f.entity,
    total: ids.length,
    pieces: f.entity === 'piece' ? piecesByIds(db, ids, page) : [],
    mentions: f.entity === 'mention' ? mentionsByIds(db, ids, page) : [],
    accounts: f.entity === 'account' ? accountsByIds(db, ids, page) : []
  }
}

function drillTable(d: DrillResult): Table {
  const name = d.figure.label.replace(/[·（）()]/g, '')
  if (d.entity === 'mention') return { ...mentionTable(d.mentions), name }
  if (d.entity === 'account') return { ...accountTable(d.accounts), name }
  return pieceTable(name, d.pieces)
}

export function drillFileName(d: DrillResult, format: 'xlsx' | 'csv'): string {
  return `${d.period.label}_${d.figure.label}_明细.${format}`.replace(/[\\/:*?"<>|\r\n\t]/g, '')
}

const tallyHandlers = defineHandlers({
  'tally-get': ({ period: code }, ctx) => {
    const period = parsePeriod(code)
    const previous = previousPeriod(period)
    const lastYear = samePeriodLastYear(period)
    const db = ctx.desk.db
    const set = buildFigureSet(db, period)
    return {
      period,
      previous,
      lastYear,
      set,
      previousValues: periodValues(db, previous),
      lastYearValues: periodValues(db, lastYear),
      matrix: tallyMatrix(db, period),
      signoff: period.kind === 'month' ? signoffState(ctx, period.code, set) : null
    }
  },
  'tally-rows': ({ period, key, offset, limit }, ctx) => drill(ctx, period, key, { offset, limit }),
  'tally-rows-export-start': ({ period, key, format }, ctx) => {
    parsePeriod(period)
    return {
      jobId: startJob(ctx, 'tally-rows', async (job): Promise<FilePayload & { rows: number }> => {
        job.progress('collecting')
        const d = drill(ctx, period, key)
        if (d.total === 0) throw new UserError('这一项没有明细记录，无需导出')
        const table = drillTable(d)
        job.progress('writing', 0, d.total)
        await job.pause()
        const title = sheetTitle(`${readProfile(ctx.desk.db)?.fullName ?? ''}${d.period.label}统计明细`, d.period, ctx.now(), [`共${d.total}条`])
        const bytes = format === 'csv' ? tableCsv(table) : await tablesXlsx([table], {
          title,
          pause: async (done) => {
            job.progress('writing', done, d.total)
            await job.pause()
          }
        })
        return { fileName: drillFileName(d, format), base64: bytes.toString('base64'), rows: d.total }
      })
    }
  }
})

export const talliesHandlers = [tallyHandlers, signoffHandlers]
