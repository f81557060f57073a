// One period's report as computed once (handlers/reports/render.ts reportData): what the preview, the Word draft,
// the workbook (handlers/reports/workbook.ts), the CSV, the JSON and every 定稿 are rendered from.
import type { DraftParagraph, EvidenceItem, FigureSet, MonthSignoff } from '../../shared/contract/reports'
import type { Period } from '../../shared/periods'

export interface ReportData {
  period: Period
  set: FigureSet
  paragraphs: DraftParagraph[]
  evidence: EvidenceItem[]
  signoffs: MonthSignoff[]
  /** Which figures it uses: today's, with the months' signed versions. */
  basis: string
  /** Months are named with their year (a period across a new year). */
  withYear: boolean
}
