// 重复稿件: the series-* handlers. A series is a rule (shared/series.ts) and a template; its occurrences are ordinary
// pieces, made as 草稿 ahead of time — on save and by the background duty (handlers/background.ts 'series') — and
// from then on reviewed, published, counted and deleted like any other piece. Quotas and tallies count only
// carried-out statuses, so a planned occurrence never counts.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { createPiece, mustGetPiece, changePiece } from '../pieces/write'
import { strictChannelFields } from '../pieces/transitions'
import { trashPiece } from '../pieces/trash'
import { recordAudit } from '../../db/queries/audit'
import * as q from '../../db/queries/series'
import type { PieceValues } from '../../db/queries/pieces'
import { addDays, chinaDate, daysBetween } from '../../shared/dates'
import { CHANNEL_FIELDS } from '../../shared/contract/channel-fields'
import { occurrenceLabel, occurrences, ruleProblems, seriesText, type Occurrence, type RepeatRule } from '../../shared/series'
import type { Series, SeriesTemplate } from '../../shared/contract/series'
import type { Ctx } from '../context'

/**
 * How far ahead occurrences are made: 62 days — two months, so a monthly notice (专家坐诊信息, 药品价格公示) has its
 * next two drafts and a weekly 工作动态 eight or nine, time enough to write them and pass 三审 before the date.
 * A series whose next date lies further out (每季度) still gets that next one, so every running series shows its
 * next occurrence in the ledger and the calendar.
 */
export const SERIES_HORIZON_DAYS = 62

/** Title placeholders: {日期} → 3月6日, {序号} → 第N次's N. */
export function titleFor(pattern: string, o: Occurrence): string {
  return pattern.replaceAll('{日期}', occurrenceLabel(o.date)).replaceAll('{序号}', String(o.n))
}

/** The dates among a channel's own fields that move with the occurrence (展示开始/结束, 坐诊日期); 录用日期 is an outcome. */
function movingDates(t: SeriesTemplate): string[] {
  return CHANNEL_FIELDS[t.channel].filter((f) => f.where === 'extra' && f.kind === 'date' && f.key !== 'acceptedDate').map((f) => f.key)
}

/** One occurrence's piece: the template, its title, its date; channel dates keep their distance from the start. */
function occurrenceValues(r: q.SeriesRow, o: Occurrence): PieceValues {
  const t = q.templateOf(r)
  const shift = daysBetween(r.startDate, o.date)
  const extra = { ...t.extra }
  for (const k of movingDates(t)) if (typeof extra[k] === 'string' && extra[k]) extra[k] = addDays(extra[k] as string, shift)
  return { ...t, extra, title: titleFor(t.title, o), date: o.date, status: 'draft', backfill: false }
}

function audit(ctx: Ctx, action: string, id: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, actorId: ctx.user?.id ?? null, action, entity: 'series', entityId: id, changes })
}

function mustGetSeries(ctx: Ctx, id: number): q.SeriesRow {
  const r = q.getSeries(ctx.desk.db, id)
  if (!r) throw new UserError(`找不到编号为 ${id} 的重复系列`, { field: 'id' })
  return r
}

export function toSeries(ctx: Ctx, r: q.SeriesRow): Series {
  const rule = q.ruleOf(r)
  const { made, done } = q.seriesCounts(ctx.desk.db, r.id)
  const upcoming = r.stoppedAt ? [] : occurrences(rule, { after: r.generatedThrough ?? undefined, limit: 3 }).map((o) => o.date)
  return {
    id: r.id, rule, template: q.templateOf(r), text: seriesText(rule), total: occurrences(rule).length, made, done, upcoming,
    generatedThrough: r.generatedThrough, stoppedAt: r.stoppedAt, stoppedBy: r.stoppedBy, createdAt: r.createdAt, createdBy: r.createdBy
  }
}

/**
 * Make a series' occurrences up to the horizon, each once: generation only moves past `generatedThrough` (so an
 * occurrence deleted, even purged, is never made again) and a date that already has a piece is skipped.
 */
function generateFor(ctx: Ctx, r: q.SeriesRow, today: string): number[] {
  if (r.stoppedAt) return []
  const rule = q.ruleOf(r)
  const after = r.generatedThrough ?? undefined
  let due = occurrences(rule, { after, through: addDays(today, SERIES_HORIZON_DAYS) })
  if (!due.some((o) => o.date > today) && !(r.generatedThrough && r.generatedThrough > today)) {
    due = [...due, ...occurrences(rule, { after: after && after > today ? after : today, limit: 1 })]
  }
  const created: number[] = []
  for (const o of due) {
    if (q.hasOccurrence(ctx.desk.db, r.id, o.date)) continue
    const piece = createPiece(ctx, occurrenceValues(r, o), 'series-occurrence', { series: r.id, occurrence: o.date, n: o.n })
    q.markOccurrence(ctx.desk.db, piece.id, r.id, o.date)
    created.push(piece.id)
  }
  if (due.length) q.updateSeries(ctx.desk.db, r.id, { generatedThrough: due[due.length - 1].date }, { at: ctx.now().toISOString(), actor: ctx.actor })
  return created
}

function checkRule(rule: RepeatRule): void {
  const p = ruleProblems(rule)
  if (p.length) throw new UserError(p[0].message, { field: p[0].field, issues: p })
}

export const seriesHandlers = defineHandlers({
  'series-create': ({ repeat, ...v }, ctx) =>
    ctx.desk.tx(() => {
      const rule: RepeatRule = { ...repeat, start: v.date }
      checkRule(rule)
      const checked = strictChannelFields(ctx.desk.db, { ...v, status: 'draft', backfill: false })
      const { date: _d, status: _s, backfill: _b, ...template } = checked
      const at = ctx.now().toISOString()
      const row = q.insertSeries(ctx.desk.db, rule, template, { at, actor: ctx.actor })
      audit(ctx, 'series-create', row.id, { title: template.title, channel: template.channel, rule: seriesText(rule), start: rule.start })
      const created = generateFor(ctx, row, chinaDate(ctx.now()))
      return { series: toSeries(ctx, mustGetSeries(ctx, row.id)), created, first: mustGetPiece(ctx, created[0]) }
    }),
  'series-get': ({ id }, ctx) => toSeries(ctx, mustGetSeries(ctx, id)),
  'series-update-future': ({ id, fromPieceId, ...patch }, ctx) =>
    ctx.desk.tx(() => {
      const r = mustGetSeries(ctx, id)
      const from = mustGetPiece(ctx, fromPieceId)
      if (from.seriesId !== id || !from.occurrence) throw new UserError(`《${from.title}》不属于这个重复系列`, { field: 'fromPieceId' })
      const before = q.templateOf(r)
      const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, x]) => x !== undefined)) } as SeriesTemplate
      // The same checks as the form: a template that would make bad pieces is refused before anything changes, and
      // only the channel's known fields are kept (as piece-update keeps them).
      const checked = strictChannelFields(ctx.desk.db, { ...merged, date: r.startDate, status: 'draft', backfill: false })
      const next = { ...merged, extra: checked.extra, venue: checked.venue } as SeriesTemplate
      const changed = Object.keys(patch).filter((k) => JSON.stringify((patch as Record<string, unknown>)[k]) !== JSON.stringify((before as Record<string, unknown>)[k]) && (patch as Record<string, unknown>)[k] !== undefined)
      const at = ctx.now().toISOString()
      const row = q.updateSeries(ctx.desk.db, id, { template: next as unknown as Record<string, unknown> }, { at, actor: ctx.actor })
      const updated: number[] = []
      const kept: number[] = []
      const all = occurrences(q.ruleOf(row))
      for (const p of q.occurrencePieces(ctx.desk.db, id, from.occurrence)) {
        // Pieces sent for review or carried out keep what was reviewed; 编辑本条 ones keep the officer's own edit.
        if (p.status !== 'draft' || (p.seriesEdited && p.id !== from.id)) {
          kept.push(p.id)
          continue
        }
        const o = all.find((x) => x.date === p.occurrence) ?? { n: 0, date: p.occurrence }
        const v = occurrenceValues(row, o)
        const values = Object.fromEntries(changed.map((k) => [k, (v as unknown as Record<string, unknown>)[k]])) as Partial<PieceValues>
        if (changed.length) changePiece(ctx, p.id, values, 'series-update', { note: { series: id } })
        updated.push(p.id)
      }
      audit(ctx, 'series-update', id, { ...Object.fromEntries(changed.map((k) => [k, [(before as Record<string, unknown>)[k], (next as Record<string, unknown>)[k]]])), from: from.occurrence, updated: updated.length, kept: kept.length })
      return { series: toSeries(ctx, row), updated, kept }
    }),
  'series-stop': ({ id, from }, ctx) =>
    ctx.desk.tx(() => {
      const r = mustGetSeries(ctx, id)
      if (r.stoppedAt) throw new UserError('这个重复系列已经停止', { field: 'id' })
      const today = chinaDate(ctx.now())
      const since = from ?? addDays(today, 1)
      const at = ctx.now().toISOString()
      const row = q.updateSeries(ctx.desk.db, id, { stoppedAt: at, stoppedBy: ctx.actor }, { at, actor: ctx.actor })
      // Planned drafts nobody touched leave with the series (to the 回收站, restorable); everything else stays.
      const removed: number[] = []
      for (const p of q.occurrencePieces(ctx.desk.db, id, since)) {
        if (p.status !== 'draft' || p.seriesEdited) continue
        trashPiece(ctx, p.id, `停止重复：${seriesText(q.ruleOf(r))}`, true)
        removed.push(p.id)
      }
      audit(ctx, 'series-stop', id, { title: q.templateOf(r).title, from: since, removed: removed.length })
      return { series: toSeries(ctx, row), removed }
    }),
  'series-generate': (_a, ctx) =>
    ctx.desk.tx(() => {
      const today = chinaDate(ctx.now())
      return { created: q.runningSeries(ctx.desk.db).reduce((n, r) => n + generateFor(ctx, r, today).length, 0) }
    })
})
