// 舆情日报 / 周报 and 舆情专报: the handler reads the desk (db/queries/watch-reports.ts, the mention's detail and
// audit trail), the pure builders word it (services/watch/brief.ts, incident.ts), officialDocx lays it out.
// A brief reads the desk as of its cutoff — the end of the period, or now while the period runs — so the 周报 of
// a past week says what was open at the end of that week, whenever it is printed.
import { defineHandlers } from '../dispatch'
import { fieldError, UserError } from '../errors'
import { readSetting } from '../settings'
import { mentionDetail } from '../mentions'
import { listAudit } from '../../db/queries/audit'
import { evidenceOfPieces } from '../../db/queries/report-rows'
import { attentionCandidates, briefFeeds, classCounts, closingsBetween, trailsOf, type BriefMentionRow, type TrailRow } from '../../db/queries/watch-reports'
import { briefDocument, type AttentionItem, type BriefInput, type BriefMention, type ClosedItem } from '../../services/watch/brief'
import { incidentDocument } from '../../services/watch/incident'
import { fileSafe } from '../../services/watch/report-words'
import { officialDocx } from '../../services/report/docx'
import { addDays, chinaDate, chinaDayStart } from '../../shared/dates'
import { briefPeriod, previousBriefPeriod, type BriefKind } from '../../shared/watch-periods'
import { GRADES, OPEN_STATUSES, SENTIMENTS, type GradeLabel, type MentionStatus, type SentimentLabel } from '../../shared/watch'
import type { ReportFile } from '../../shared/contract/reports'
import type { WatchBrief } from '../../shared/contract/watch-reports'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

/** The 附表 lists at most this many cases needing attention (the sentence gives the full count). */
const ATTENTION_LIMIT = 100
/** Candidates read before the state at the cutoff is known (most serious first). */
const CANDIDATE_LIMIT = 2000

function profileOf(ctx: Ctx): { hospital: string; watchUnit: string } {
  const p = readSetting(ctx.desk.db, 'profile')
  if (!p?.fullName) throw new UserError('请先在“设置 › 本院信息”中填写医院名称，再生成舆情报告')
  return { hospital: p.fullName, watchUnit: p.watchUnit || '宣传科' }
}

/** The state a mention had at `cutoff`, from its trail: the last step before it, or 新 before any. */
function stateAt(trail: readonly TrailRow[], cutoff: string): { status: MentionStatus; step: TrailRow | null } {
  let step: TrailRow | null = null
  for (const e of trail) if (e.at < cutoff) step = e
  return { status: (step?.toStatus ?? 'new') as MentionStatus, step }
}

function byMention(rows: readonly TrailRow[]): Map<number, TrailRow[]> {
  const out = new Map<number, TrailRow[]>()
  for (const r of rows) out.set(r.mentionId, [...(out.get(r.mentionId) ?? []), r])
  return out
}

function asMention(r: BriefMentionRow): BriefMention {
  return {
    id: r.id, title: r.title, feedName: r.feedName, grade: r.grade as GradeLabel, sentiment: r.sentiment as SentimentLabel,
    publishedAt: r.publishedAt, fetchedAt: r.fetchedAt, day: r.day, assignee: r.assignee, escalated: !!r.escalated
  }
}

function counting(db: Db, from: string, to: string) {
  const matrix = Object.fromEntries(GRADES.map((g) => [g, Object.fromEntries(SENTIMENTS.map((s) => [s, 0]))])) as BriefInput['matrix']
  let removed = 0
  for (const c of classCounts(db, from, to)) {
    if (c.removed) removed += c.n
    else if (c.grade in matrix && c.sentiment in matrix[c.grade as GradeLabel]) matrix[c.grade as GradeLabel][c.sentiment as SentimentLabel] += c.n
  }
  const bySentiment = Object.fromEntries(SENTIMENTS.map((s) => [s, GRADES.reduce((n, g) => n + matrix[g][s], 0)])) as Record<SentimentLabel, number>
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, SENTIMENTS.reduce((n, s) => n + matrix[g][s], 0)])) as Record<GradeLabel, number>
  return { matrix, removed, bySentiment, byGrade, total: SENTIMENTS.reduce((n, s) => n + bySentiment[s], 0) }
}

export interface BriefData {
  brief: Omit<WatchBrief, 'ms'>
  hospital: string
}

/** Everything one brief says, read as of its cutoff. */
export function briefData(ctx: Ctx, code: string, kind?: BriefKind): BriefData {
  let period
  try {
    period = briefPeriod(code, kind)
  } catch (e) {
    throw fieldError('period', (e as Error).message)
  }
  const { hospital, watchUnit } = profileOf(ctx)
  const db = ctx.desk.db
  const now = ctx.now().toISOString()
  const start = chinaDayStart(period.from)
  if (start > now) throw fieldError('period', `${period.label}尚未开始，无法生成${period.name}`)
  const end = chinaDayStart(addDays(period.to, 1))
  const periodOver = end <= now
  const cutoff = periodOver ? end : now

  const c = counting(db, period.from, period.to)
  const previous = previousBriefPeriod(period)
  const previousTotal = counting(db, previous.from, previous.to).total

  const candidates = attentionCandidates(db, period.to, cutoff, CANDIDATE_LIMIT)
  const closings = closingsBetween(db, start, cutoff)
  const trails = byMention(trailsOf(db, [...new Set([...candidates.map((m) => m.id), ...closings.map((m) => m.id)])]))
  const attention: AttentionItem[] = candidates
    .map((m) => ({ ...asMention(m), status: stateAt(trails.get(m.id) ?? [], cutoff).status }))
    .filter((m) => OPEN_STATUSES.includes(m.status))

  // A mention closed (or ignored) in the period and still so at the cutoff, by its last such step.
  const closedById = new Map<number, ClosedItem>()
  const ignoredIds = new Set<number>()
  for (const e of closings) {
    const state = stateAt(trails.get(e.id) ?? [], cutoff)
    if (state.status !== e.toStatus) continue
    if (e.toStatus === 'ignored') ignoredIds.add(e.id)
    else closedById.set(e.id, { ...asMention(e), closedAt: e.at, closedBy: e.actor, note: e.note })
  }
  const danger = (m: BriefMention) => (m.grade === '重大' ? 3 : m.grade === '较大' ? 2 : m.sentiment === '负面' ? 1 : 0)
  const closed = [...closedById.values()].sort((a, b) => danger(b) - danger(a) || a.closedAt.localeCompare(b.closedAt))

  // A feed keeps only its latest state: while the period runs that is the state now; for a period past, a feed
  // still failing whose last attempt came before the cutoff had not recovered by then (a later success would have
  // cleared it). A failure since, or one that recovered, leaves no record to report.
  const watched = briefFeeds(db).filter((f) => f.enabled)
  const failing = (f: (typeof watched)[number]) => f.status === 'error' || f.status === 'failing'
  const failed = watched.filter((f) => failing(f) && (!periodOver || (f.lastFetchAt !== null && f.lastFetchAt < cutoff)))

  const input: BriefInput = {
    hospital, watchUnit, period, cutoff, periodOver,
    signDate: periodOver ? addDays(period.to, 1) : chinaDate(ctx.now()),
    counts: { total: c.total, bySentiment: c.bySentiment, byGrade: c.byGrade, removed: c.removed, previousTotal },
    matrix: c.matrix,
    previousShort: previous.short,
    attention: attention.slice(0, ATTENTION_LIMIT),
    attentionTotal: attention.length,
    closed,
    ignored: ignoredIds.size,
    feeds: { watched: watched.length, failed }
  }
  const doc = briefDocument(input)
  return {
    hospital,
    brief: {
      period, title: doc.title, fileName: `${fileSafe(`${doc.title}（${period.label}）`)}.docx`, cutoff, counts: input.counts,
      attention: attention.length, closed: closed.length, ignored: ignoredIds.size, failingFeeds: failed.length,
      paragraphs: doc.paragraphs, tables: doc.tables
    }
  }
}

function file(fileName: string, bytes: Buffer): ReportFile {
  return { fileName, base64: bytes.toString('base64'), bytes: bytes.length }
}

export async function briefDocx(ctx: Ctx, code: string, kind?: BriefKind): Promise<ReportFile> {
  const { brief, hospital } = briefData(ctx, code, kind)
  const bytes = await officialDocx({
    title: brief.title, hospital, subject: `${brief.period.label}${brief.period.name}`, paragraphs: brief.paragraphs, tables: brief.tables, now: ctx.now()
  })
  return file(brief.fileName, bytes)
}

/** The 舆情专报 of one mention (its sources, trail, recorded changes and evidence) as a Word file. */
export async function incidentDocx(ctx: Ctx, id: number): Promise<ReportFile> {
  const { hospital, watchUnit } = profileOf(ctx)
  const mention = mentionDetail(ctx, id)
  const db = ctx.desk.db
  const changes = listAudit(db, 'mention', String(id)).map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, changes: r.changes }))
  const evidence = mention.piece ? evidenceOfPieces(db, [mention.piece.id]).map((e) => ({ fileName: e.fileName, size: e.size })) : []
  const doc = incidentDocument({ hospital, watchUnit, now: ctx.now().toISOString(), mention, changes, evidence, snapshots: mention.snapshots })
  const bytes = await officialDocx({ title: doc.title, hospital, subject: `舆情专报：${mention.title}`, paragraphs: doc.paragraphs, tables: doc.tables, now: ctx.now() })
  return file(doc.fileName, bytes)
}

export const watchReportHandlers = defineHandlers({
  'watch-brief-preview': ({ period, kind }, ctx) => {
    const started = performance.now()
    const { brief } = briefData(ctx, period, kind)
    return { ...brief, ms: Math.round(performance.now() - started) }
  },
  'watch-brief-docx': ({ period, kind }, ctx) => briefDocx(ctx, period, kind),
  'watch-incident-docx': ({ id }, ctx) => incidentDocx(ctx, id)
})
