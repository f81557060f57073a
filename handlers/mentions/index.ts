// The mention inbox: list, detail, corrections (kept), triage 新 → 研判 → 处置中 → 已办结 / 忽略, assignee,
// 上报领导, link to the ledger piece that answered it, and 移除 with a reason (the mention stays, with its trail,
// out of the inbox and every count; its dedup keys stay as tombstones).
import { defineHandlers } from '../dispatch'
import { fieldError, UserError } from '../errors'
import { recordAudit } from '../../db/queries/audit'
import { queryExpression } from '../../services/text/search-tokens'
import {
  REMOVED, getMention, insertMentionEvent, insertSplitMention, listMentions, mentionConditions, mentionEventsOf, mentionSourcesOf, moveSource,
  moveSources, pieceBrief, removeMention, searchMentions, sourceRow, updateMention, type MentionRecord
} from '../../db/queries/mentions'
import { mentionWriter } from '../../db/queries/mention-writer'
import { snapshotFailureOf, snapshotsOf } from '../../db/queries/snapshots'
import { snapshotFile, snapshotPageFile, takeSnapshot } from './snapshot'
import { mergeCandidates } from './merge-candidates'
import { highlight } from '../../services/watch/matcher'
import { gradeEvent } from '../../services/watch/sentiment'
import { dedupKeys } from '../../services/watch/dedup'
import { regrade } from '../feeds/ingest'
import { ensureProfileRule } from '../watch/rules'
import { chinaDate } from '../../shared/dates'
import {
  TRIAGE_STEPS, dangerScore, mentionStatusLabel, safeWebLink, type GradeLabel, type MentionStatus, type SentimentLabel
} from '../../shared/watch'
import type { MentionDetail, MentionRow } from '../../shared/contract/mentions'
import type { Ctx } from '../context'

function termsOf(m: MentionRecord): string[] {
  return [...new Set(m.matches.flatMap((x) => x.terms))]
}

function toRow(m: MentionRecord): MentionRow {
  return {
    id: m.id, title: m.title, titleSegments: highlight(m.title, termsOf(m)), link: safeWebLink(m.link), snippet: m.snippet,
    publishedAt: m.publishedAt, fetchedAt: m.fetchedAt, day: m.day, feedId: m.feedId, feedName: m.feedName, matches: m.matches,
    sentiment: m.sentiment as SentimentLabel, sentimentManual: m.sentimentManual, grade: m.grade as GradeLabel, gradeManual: m.gradeManual, gradeReason: m.gradeReason,
    status: m.status as MentionStatus, assignee: m.assignee, escalated: m.escalated, pieceId: m.pieceId, sourceCount: m.sourceCount
  }
}

function mustGet(ctx: Ctx, id: number): MentionRecord {
  const m = getMention(ctx.desk.db, id)
  if (!m) throw new UserError(`找不到编号为 ${id} 的舆情，可能已被删除`, { field: 'id' })
  return m
}

/** A removed mention is kept as the record of a judgement (误报…), not worked on any more. */
function mustBeActive(ctx: Ctx, id: number): MentionRecord {
  const m = mustGet(ctx, id)
  if (m.status === REMOVED) {
    const when = m.removedAt ? `已于${chinaDate(new Date(m.removedAt))}` : '已'
    throw new UserError(`此舆情${when}由${m.removedBy ?? '他人'}移除（理由：${m.removedReason ?? ''}），不能再处置或修改`, { field: 'id' })
  }
  return m
}

export function mentionDetail(ctx: Ctx, id: number): MentionDetail {
  const m = mustGet(ctx, id)
  const db = ctx.desk.db
  return {
    ...toRow(m),
    snippetSegments: highlight(m.snippet, termsOf(m)),
    sentimentCues: m.sentimentCues,
    closedAt: m.closedAt,
    removed: m.status === REMOVED ? { at: m.removedAt ?? m.updatedAt, by: m.removedBy ?? '', reason: m.removedReason ?? '' } : null,
    sources: mentionSourcesOf(db, id).map((s) => ({ ...s, link: safeWebLink(s.link) })),
    events: mentionEventsOf(db, id).map((e) => ({ ...e, fromStatus: e.fromStatus as MentionStatus, toStatus: e.toStatus as MentionStatus })),
    piece: m.pieceId ? (pieceBrief(db, m.pieceId) ?? null) : null,
    nextSteps: [...TRIAGE_STEPS[m.status as MentionStatus]],
    snapshots: snapshotsOf(db, id),
    snapshotFailure: snapshotFailureOf(db, id) ?? null
  }
}

/**
 * One triage step with its trail row (who, when, note). `stamp` lets the demo write a past half-year's
 * trail; the officer's actions use the context's clock and actor.
 */
export function triage(ctx: Ctx, id: number, step: MentionStatus, note: string, stamp?: { at: string; actor: string }): void {
  const m = mustBeActive(ctx, id)
  const from = m.status as MentionStatus
  if (!TRIAGE_STEPS[from].includes(step)) {
    const allowed = TRIAGE_STEPS[from].map((s) => `“${mentionStatusLabel(s)}”`).join('或')
    throw fieldError('step', `“${mentionStatusLabel(from)}”状态不能直接改为“${mentionStatusLabel(step)}”，只能改为${allowed}`)
  }
  if (step === 'closed' && !note.trim()) throw fieldError('note', '办结时请写明处置结果（如：已联系患者家属沟通解决）')
  const at = stamp?.at ?? ctx.now().toISOString()
  const actor = stamp?.actor ?? ctx.actor
  updateMention(ctx.desk.db, id, { status: step, closedAt: step === 'closed' ? at : null, updatedAt: at })
  insertMentionEvent(ctx.desk.db, { mentionId: id, at, actor, fromStatus: from, toStatus: step, note: note.trim() })
  recordAudit(ctx.desk.db, { at, actor, action: 'update', entity: 'mention', entityId: id, changes: { status: [from, step], note: note.trim() } })
}

function audit(ctx: Ctx, id: number, changes: Record<string, unknown>): string {
  const at = ctx.now().toISOString()
  recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'update', entity: 'mention', entityId: id, changes })
  return at
}

/** Sets the 责任人 with its audit row; the name it already has writes nothing (a blur after a step saved it). */
function assign(ctx: Ctx, m: MentionRecord, assignee: string): void {
  const name = assignee.trim()
  if (name === m.assignee) return
  const at = audit(ctx, m.id, { assignee: [m.assignee, name] })
  updateMention(ctx.desk.db, m.id, { assignee: name, updatedAt: at })
}

export const mentionsHandlers = defineHandlers({
  'mention-snapshot': async ({ id }, ctx) => {
    mustGet(ctx, id)
    const r = await takeSnapshot(ctx, id, ctx.actor)
    if (!r.ok) throw new UserError(`存证失败：${r.message}`, { field: 'snapshot' })
    return mentionDetail(ctx, id)
  },
  'mention-snapshot-html': ({ id, snapshotId }, ctx) => {
    const f = snapshotFile(ctx, id, snapshotId)
    if (!f) throw new UserError(`找不到舆情 ${id} 的第 ${snapshotId} 号存证`, { field: 'snapshotId' })
    return f
  },
  'mention-snapshot-page': ({ id, snapshotId, format }, ctx) => {
    const f = snapshotPageFile(ctx, id, snapshotId, format)
    if (!f) throw new UserError(`舆情 ${id} 的第 ${snapshotId} 号存证没有页面${format === 'png' ? '截图' : ' PDF'}`, { field: 'snapshotId' })
    return f
  },
  'mention-list': ({ offset, limit, q, ...f }, ctx) => {
    ensureProfileRule(ctx)
    const text = q?.trim()
    if (!text) {
      const { rows, total } = listMentions(ctx.desk.db, mentionConditions(f), offset, limit)
      return { rows: rows.map(toRow), total }
    }
    const expr = queryExpression(text)
    // A query with nothing searchable (only punctuation) finds nothing rather than everything.
    if (!expr) return { rows: [], total: 0 }
    const { rows, total, capped } = searchMentions(ctx.desk.db, expr, mentionConditions(f), offset, limit)
    return { rows: rows.map(toRow), total, ...(capped ? { totalCapped: true } : {}) }
  },
  'mention-get': ({ id }, ctx) => mentionDetail(ctx, id),
  'mention-triage': ({ id, step, note, assignee }, ctx) =>
    ctx.desk.tx(() => {
      // One transaction: a refused step (办结 without its note) leaves the 责任人 unsaved too, and says so.
      if (assignee !== undefined) assign(ctx, mustBeActive(ctx, id), assignee)
      triage(ctx, id, step, note)
      return mentionDetail(ctx, id)
    }),
  'mention-correct': ({ id, sentiment, grade }, ctx) =>
    ctx.desk.tx(() => {
      if (!sentiment && !grade) throw fieldError('sentiment', '请选择要更正的情感或级别')
      const m = mustBeActive(ctx, id)
      const s = sentiment ?? (m.sentiment as SentimentLabel)
      // A corrected sentiment re-derives an automatic grade; a grade set by hand is never recomputed.
      let g = grade ?? (m.grade as GradeLabel)
      let reason = grade ? '人工更正' : m.gradeReason
      if (!grade && !m.gradeManual) {
        const w = mentionWriter(ctx.desk.sqlite)
        const auto = gradeEvent({ sentiment: s, maxWeight: w.sourceWeights(id).maxWeight, sources: w.sourceTimes(id) })
        g = auto.grade
        reason = auto.reason
      }
      const at = audit(ctx, id, { sentiment: [m.sentiment, s], grade: [m.grade, g] })
      updateMention(ctx.desk.db, id, {
        sentiment: s, grade: g, gradeReason: reason, score: dangerScore(s, g), updatedAt: at,
        ...(sentiment ? { sentimentManual: true } : {}), ...(grade ? { gradeManual: true } : {})
      })
      return mentionDetail(ctx, id)
    }),
  'mention-assign': ({ id, assignee }, ctx) =>
    ctx.desk.tx(() => {
      assign(ctx, mustBeActive(ctx, id), assignee)
      return mentionDetail(ctx, id)
    }),
  'mention-escalate': ({ id, escalated, note }, ctx) =>
    ctx.desk.tx(() => {
      const m = mustBeActive(ctx, id)
      const at = audit(ctx, id, { escalated: [m.escalated, escalated], note })
      updateMention(ctx.desk.db, id, { escalated, updatedAt: at })
      return mentionDetail(ctx, id)
    }),
  'mention-link-piece': ({ id, pieceId }, ctx) =>
    ctx.desk.tx(() => {
      const m = mustBeActive(ctx, id)
      if (pieceId !== null && !pieceBrief(ctx.desk.db, pieceId)) throw fieldError('pieceId', `台账中没有编号为 ${pieceId} 的记录`)
      const at = audit(ctx, id, { pieceId: [m.pieceId, pieceId] })
      updateMention(ctx.desk.db, id, { pieceId, updatedAt: at })
      return mentionDetail(ctx, id)
    }),
  'mention-merge-candidates': ({ id }, ctx) => mergeCandidates(ctx, id),
  'mention-merge': ({ id, intoId }, ctx) =>
    ctx.desk.tx(() => {
      if (id === intoId) throw fieldError('intoId', '不能把事件合并到它自己')
      const from = mustBeActive(ctx, id)
      const into = mustBeActive(ctx, intoId)
      const at = ctx.now().toISOString()
      moveSources(ctx.desk.db, id, intoId)
      // The merged row stays as the record of the merge (its trail, who and when), out of the inbox and every count.
      const note = `合并到事件 #${intoId}`
      removeMention(ctx.desk.db, id, { at, by: ctx.actor, reason: note })
      updateMention(ctx.desk.db, id, { sourceCount: 0 })
      insertMentionEvent(ctx.desk.db, { mentionId: id, at, actor: ctx.actor, fromStatus: from.status as MentionStatus, toStatus: REMOVED, note })
      insertMentionEvent(ctx.desk.db, { mentionId: intoId, at, actor: ctx.actor, fromStatus: into.status as MentionStatus, toStatus: into.status as MentionStatus, note: `并入事件 #${id}（${from.title}）` })
      regrade(mentionWriter(ctx.desk.sqlite), intoId, at)
      recordAudit(ctx.desk.db, {
        at, actor: ctx.actor, actorId: ctx.user?.id, action: 'merge', entity: 'mention', entityId: intoId,
        changes: { merged: id, title: from.title, sources: [into.sourceCount, into.sourceCount + from.sourceCount] }
      })
      return mentionDetail(ctx, intoId)
    }),
  'mention-split': ({ id, sourceId }, ctx) =>
    ctx.desk.tx(() => {
      const m = mustBeActive(ctx, id)
      const src = sourceRow(ctx.desk.db, id, sourceId)
      if (!src) throw fieldError('sourceId', `事件 #${id} 中没有编号为 ${sourceId} 的来源`)
      const all = mentionSourcesOf(ctx.desk.db, id)
      if (all.length < 2) throw fieldError('sourceId', '事件只有这一个来源，无需拆分')
      const at = ctx.now().toISOString()
      const snippet = src.snippet || (src.link === m.link ? m.snippet : '')
      const newId = insertSplitMention(ctx.desk.db, {
        title: src.title, link: src.link, snippet, publishedAt: src.publishedAt, fetchedAt: src.fetchedAt, day: chinaDate(new Date(src.publishedAt)),
        feedId: src.feedId, matches: m.matches, sentiment: m.sentiment, sentimentCues: m.sentimentCues, updatedAt: at
      })
      const keys = dedupKeys({ guid: src.guid, link: src.link, title: src.title, text: snippet.replace(/…$/, ''), feedId: src.feedId ?? 0 })
      moveSource(ctx.desk.db, sourceId, keys, id, newId)
      // The event keeps its own headline: when the split source was it, the next earliest source takes its place.
      if (src.link === m.link && src.title === m.title) {
        const next = mentionSourcesOf(ctx.desk.db, id)[0]
        const nextRow = sourceRow(ctx.desk.db, id, next.id)!
        updateMention(ctx.desk.db, id, { title: next.title, link: next.link, snippet: nextRow.snippet || m.snippet, publishedAt: next.publishedAt, feedId: next.feedId })
      }
      const w = mentionWriter(ctx.desk.sqlite)
      regrade(w, id, at)
      regrade(w, newId, at)
      insertMentionEvent(ctx.desk.db, { mentionId: id, at, actor: ctx.actor, fromStatus: m.status as MentionStatus, toStatus: m.status as MentionStatus, note: `拆出来源“${src.title}”为事件 #${newId}` })
      insertMentionEvent(ctx.desk.db, { mentionId: newId, at, actor: ctx.actor, fromStatus: 'new', toStatus: 'new', note: `从事件 #${id} 拆分而来` })
      recordAudit(ctx.desk.db, {
        at, actor: ctx.actor, actorId: ctx.user?.id, action: 'split', entity: 'mention', entityId: id,
        changes: { sourceId, title: src.title, link: src.link, newMention: newId }
      })
      return mentionDetail(ctx, newId)
    }),
  'mention-remove': ({ id, reason }, ctx) =>
    ctx.desk.tx(() => {
      const m = mustBeActive(ctx, id)
      const at = ctx.now().toISOString()
      removeMention(ctx.desk.db, id, { at, by: ctx.actor, reason })
      // The triage trail shows the removal like any other step, with the reason as its note.
      insertMentionEvent(ctx.desk.db, { mentionId: id, at, actor: ctx.actor, fromStatus: m.status as MentionStatus, toStatus: REMOVED, note: reason })
      recordAudit(ctx.desk.db, {
        at, actor: ctx.actor, actorId: ctx.user?.id, action: 'remove', entity: 'mention', entityId: id,
        changes: { title: m.title, link: m.link, status: [m.status, REMOVED], sentiment: m.sentiment, grade: m.grade, reason }
      })
      return mentionDetail(ctx, id)
    })
})
