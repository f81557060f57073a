// The period's workbook (宣传舆情统计.xlsx): 汇总, 签阅情况, one sheet per channel with rows, 舆情 and 佐证材料 — from
// the same ReportData as the Word draft, the CSV and the JSON. Each sheet prints on A4 one page wide with its title
// and header; the sheets a secretary counts by hand (媒体投稿, 工作动态报送, 舆情) say how they reconcile with 汇总.
import { noJob, type Job } from '../jobs/runner'
import { mentionsByIds, piecesByIds } from '../../db/queries/report-rows'
import { tablesXlsx } from '../../services/report/files'
import {
  evidenceTable, figureTable, mentionNote, mentionTable, pieceTable, sheetTitle, submissionNote, summaryNote, type Column, type Table
} from '../../services/report/tables'
import { signoffTable } from '../../services/report/signoffs'
import { chinaDate } from '../../shared/dates'
import { CHANNEL_CODES, SUBMISSION_CHANNELS, channelLabel } from '../../shared/channels'
import type { FigureSet } from '../../shared/contract/reports'
import type { ReportData } from './report-data'
import type { Ctx } from '../context'

const idsOf = (set: FigureSet, key: string): number[] => set.figures.find((f) => f.key === key)?.ids ?? []

/** 签阅情况 as the workbook prints it: the signing day a real date (Word writes it in words), the changes wrapped. */
function signoffSheet(d: ReportData): Table {
  const t = signoffTable(d.signoffs, d.withYear)
  const layout: Record<string, Partial<Column>> = {
    月份: { width: 8 }, 签阅情况: { width: 20 }, 版本: { kind: 'number', width: 6 }, 签阅人: { width: 10 }, 签阅日期: { kind: 'date', width: 11 },
    签阅后变动的数字: { kind: 'wrap', width: 36 }, 签阅后修改的台账记录: { kind: 'number', width: 8 }
  }
  const at = t.columns.findIndex((c) => c.header === '签阅日期')
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c, ...layout[c.header] })),
    rows: t.rows.map((r, i) => {
      const signedAt = d.signoffs[i].signedAt
      return r.map((c, j) => (j === at && signedAt ? { date: chinaDate(new Date(signedAt)) } : c))
    })
  }
}

export async function reportWorkbook(ctx: Ctx, d: ReportData, job: Job = noJob): Promise<Buffer> {
  job.progress('rows')
  const db = ctx.desk.db
  const pieces = piecesByIds(db, idsOf(d.set, 'pieces.total'))
  const mentions = mentionsByIds(db, idsOf(d.set, 'mentions.total'))
  const total = pieces.length + mentions.length + d.evidence.length + d.set.figures.length
  job.progress('writing', 0, total)
  await job.pause()

  const channels = CHANNEL_CODES.filter((c) => d.set.byChannel[c].count > 0)
  const byChannel = new Map(channels.map((c) => [c, pieces.filter((p) => p.channel === c)]))
  const submissionSheets = channels.filter((c) => SUBMISSION_CHANNELS.includes(c)).map(channelLabel)
  // 佐证材料 points at each file's record by its 序号 on the record's channel sheet.
  const serial = new Map<number, number>()
  for (const rows of byChannel.values()) rows.forEach((p, i) => serial.set(p.id, i + 1))

  const sheets: Table[] = [
    { ...figureTable(d.set.figures), note: summaryNote(d.set.figures) },
    signoffSheet(d),
    ...channels.map((c) => {
      const rows = byChannel.get(c)!
      return pieceTable(channelLabel(c), rows, SUBMISSION_CHANNELS.includes(c) ? submissionNote(c, rows, d.set.figures, submissionSheets) : undefined)
    }),
    { ...mentionTable(mentions), note: mentionNote(d.set.figures) || undefined },
    evidenceTable(d.evidence, (id) => serial.get(id) ?? null)
  ]
  const title = sheetTitle(`${d.set.hospital}${d.period.label}宣传舆情统计`, d.period, ctx.now())
  const bytes = await tablesXlsx(sheets, {
    title,
    pause: async (done) => {
      job.progress('writing', done, total)
      await job.pause()
    }
  })
  job.progress('writing', total, total)
  return bytes
}
