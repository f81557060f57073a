// Export of the (filtered) ledger in the import template, so export → import gives back the same rows, with the
// 审核 column after it (补录, who decided each step, 代录) for the inspection team.
import { listPieces } from '../../db/queries/pieces'
import { searchCondition } from '../../db/queries/search'
import { pieces } from '../../db/schema'
import { pieceToRow, reviewCell } from '../../services/ledger/template'
import { latestRoundsOf } from '../../db/queries/reviews'
import { REVIEW_COLUMN } from '../../shared/contract/ledger'
import { ledgerCsv, ledgerXlsx, type LedgerRow } from '../../services/ledger/write-file'
import { channelLabel, statusLabel } from '../../shared/channels'
import { chinaDate } from '../../shared/dates'
import type { pieceFilter } from '../../shared/contract/pieces'
import type { FileFormat } from '../../shared/contract/ledger'
import type { Ctx } from '../context'
import { noJob, type Job } from '../jobs/runner'
import type { z } from 'zod'

type Filter = Omit<z.output<typeof pieceFilter>, 'offset' | 'limit'>
const PAGE = 1000

/** The phases the page names: gathering rows, then writing the file. */
export type ExportPhase = 'collecting' | 'writing'

/** A file name that says what is in it: 台账_2023-01-01至2023-06-30_微信公众号.xlsx */
export function exportFileName(f: Partial<Filter>, today: string, format: FileFormat): string {
  const parts = ['台账']
  if (f.from || f.to) parts.push(`${f.from ?? '最早'}至${f.to ?? today}`)
  else parts.push(`截至${today}`)
  if (f.channel) parts.push(channelLabel(f.channel))
  if (f.status) parts.push(statusLabel(f.status))
  if (f.department) parts.push(f.department)
  if (f.theme) parts.push(f.theme)
  if (f.q?.trim()) parts.push(`含“${f.q.trim().slice(0, 10)}”`)
  return `${parts.join('_').replace(/[\\/:*?"<>|\r\n\t]/g, '')}.${format}`
}

export async function runExport(ctx: Ctx, format: FileFormat, filter: Filter, job: Job = noJob): Promise<{ fileName: string; bytes: Buffer; rows: number }> {
  const q = filter.q?.trim()
  const match = q ? searchCondition('piece_search', pieces.id, q) : undefined
  const rows: LedgerRow[] = []
  let total = 0
  job.progress('collecting', 0, 0)
  // Paged like the ledger table, pausing between pages; the order is the table's order.
  for (let offset = 0; ; offset += PAGE) {
    const page = listPieces(ctx.desk.db, { ...filter, offset, limit: PAGE }, match ?? undefined)
    total = page.total
    const reviews = latestRoundsOf(ctx.desk.db, page.rows.map((p) => p.id))
    for (const p of page.rows) rows.push({ ...pieceToRow(p), [REVIEW_COLUMN]: reviewCell(p, reviews.get(p.id) ?? []) })
    job.progress('collecting', rows.length, total)
    if (page.rows.length < PAGE) break
    await job.pause()
  }
  job.progress('writing', 0, rows.length)
  const bytes =
    format === 'csv'
      ? ledgerCsv(rows)
      : await ledgerXlsx(rows, async (done) => {
          job.progress('writing', done, rows.length)
          await job.pause()
        })
  job.progress('writing', rows.length, rows.length)
  return { fileName: exportFileName(filter, chinaDate(ctx.now()), format), bytes, rows: rows.length }
}
