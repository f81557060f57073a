// The half-year (or any period's) 意识形态工作总结 as data and as files: the preview, the Word draft, the
// workbook, the CSV, the JSON and every 定稿 are rendered from the same figure set (buildFigureSet) and the same
// month-by-month sign-off states, so no two can disagree.
import { buildFigureSet } from './figures'
import { monthStates } from './month-states'
import { noJob, type Job } from '../jobs/runner'
import { readSetting } from '../settings'
import { evidenceOfPieces, titlesByIds } from '../../db/queries/report-rows'
import { draftReport, draftTitle } from '../../services/report/draft'
import type { DraftDetails } from '../../services/report/draft-input'
import { draftFacts } from './draft-facts'
import { draftProof } from './proof'
import { applyEdits } from '../../services/report/edits'
import { editsOf } from '../../db/queries/report-edits'
import { officialDocx } from '../../services/report/docx'
import { appendixTables } from '../../services/report/appendix'
import { tableCsv } from '../../services/report/files'
import { figureTable } from '../../services/report/tables'
import { reportWorkbook } from './workbook'
import { basisText, signoffTable } from '../../services/report/signoffs'
import { parsePeriod } from '../../shared/periods'
import { chinaDate } from '../../shared/dates'
import type { FigureSet, ReportFile, ReportFormat } from '../../shared/contract/reports'
import type { ReportData } from './report-data'
import type { Ctx } from '../context'
import type { Db } from '../../db/open'

export type { ReportData } from './report-data'

const idsOf = (set: FigureSet, key: string): number[] => set.figures.find((f) => f.key === key)?.ids ?? []

/** The titles the draft's sentences quote, fetched by the ids behind the figures. */
function draftDetails(db: Db, set: FigureSet): DraftDetails {
  const bilingual = titlesByIds(db, idsOf(set, 'ethnic.bilingual'), 200)
  const forms = readSetting(db, 'bilingual-forms')
  return {
    provincialAccepted: titlesByIds(db, idsOf(set, 'submissions.acceptedProvincialUp'), 10),
    selfMadeVideos: titlesByIds(db, idsOf(set, 'kind.tv.自制'), 10).map((t) => t.title.replace(/^《(.*)》$/, '$1')),
    events: titlesByIds(db, idsOf(set, 'channel.event.count'), 10).map((t) => t.title),
    ethnicEvents: titlesByIds(db, idsOf(set, 'ethnic.events'), 10).map((t) => t.title),
    // Only the forms that counted (设置 › 双语形式): a piece may also name wording that is not one.
    languages: [...new Set(bilingual.flatMap((t) => t.languages))].filter((l) => forms.includes(l))
  }
}

/** The figures whose rows the draft quotes (titles, languages) or lists (evidence). */
const DRAFT_IDS = ['pieces.total', 'submissions.acceptedProvincialUp', 'kind.tv.自制', 'channel.event.count', 'ethnic.events', 'ethnic.bilingual']

/** Figures, the draft's paragraphs and the evidence list of one period; `allIds` attaches every figure's rows. */
export function reportData(ctx: Ctx, periodCode: string, allIds = false): ReportData {
  const period = parsePeriod(periodCode)
  const db = ctx.desk.db
  const set = buildFigureSet(db, period, { ids: allIds || DRAFT_IDS })
  const signoffs = monthStates(ctx, period)
  const facts = draftFacts(db, period, signoffs)
  const draft = draftReport({ set, details: draftDetails(db, set), facts, wording: readSetting(db, 'report.settings').wording, short: period.short })
  const paragraphs = applyEdits(draft, editsOf(db, period.code)) // the officer's edits (报告 › 修改), in every file
  const evidence = evidenceOfPieces(db, idsOf(set, 'pieces.total'))
  const withYear = period.from.slice(0, 4) !== period.to.slice(0, 4)
  return { period, set, paragraphs, evidence, signoffs, basis: basisText(chinaDate(ctx.now()), signoffs, withYear), withYear }
}

const MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  json: 'application/json'
}

export function reportFileName(d: ReportData, format: ReportFormat): string {
  const base = format === 'docx' ? draftTitle(d.set) : `${d.set.hospital}${d.period.label}宣传舆情统计`
  return `${base.replace(/[\\/:*?"<>|\r\n\t]/g, '')}.${format}`
}

/** The file of one period in one format. Progress: figures → rows → writing. */
export async function renderReport(ctx: Ctx, periodCode: string, format: ReportFormat, job: Job = noJob): Promise<ReportFile & { mime: string }> {
  job.progress('figures')
  // Word quotes a few figures' rows; the workbook, CSV and JSON carry every figure's ids.
  const d = reportData(ctx, periodCode, format !== 'docx')
  await job.pause()
  let bytes: Buffer
  if (format === 'docx') {
    job.progress('writing')
    bytes = await officialDocx({
      title: draftTitle(d.set),
      hospital: d.set.hospital,
      subject: `${d.period.label}意识形态工作总结`,
      paragraphs: d.paragraphs,
      tables: appendixTables({ set: d.set, evidence: d.evidence, signoffs: signoffTable(d.signoffs, d.withYear), basis: d.basis }),
      now: ctx.now()
    })
  } else if (format === 'csv') {
    bytes = tableCsv(figureTable(d.set.figures, d.period.label))
  } else if (format === 'json') {
    bytes = Buffer.from(JSON.stringify({ ...d.set, evidence: d.evidence, signoffs: d.signoffs, basis: d.basis, generatedAt: ctx.now().toISOString() }, null, 2), 'utf8')
  } else {
    bytes = await reportWorkbook(ctx, d, job)
  }
  // proofreading runs on the Word draft as it is saved: the hits travel with the file (the page and the CLI say them)
  const proof = format === 'docx' ? { proof: draftProof(ctx.desk.db, d.paragraphs) } : {}
  return { fileName: reportFileName(d, format), base64: bytes.toString('base64'), bytes: bytes.length, mime: MIME[format], ...proof }
}

