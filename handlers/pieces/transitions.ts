// The workflow rules the piece handlers enforce: channel-specific fields, review chains, status transitions and
// 补录. pieces.ts calls these at its few write points, so every path that writes a piece (form, bulk change,
// import, demo) obeys the same rules.
import { UserError, fieldError } from '../errors'
import { readSetting } from '../settings'
import { closeWaiting } from '../../db/queries/reviews'
import { checkChannelFields, type FieldIssue } from '../../shared/contract/channel-fields'
import { nextStatuses, needsReview } from '../../shared/workflow'
import { statusLabel, type Channel, type Status } from '../../shared/channels'
import type { PieceValues } from '../../db/queries/pieces'
import type { Piece } from '../../shared/contract/pieces'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

/**
 * The steps a piece goes through: its channel's chain, plus the medical step (医务科) before the final step when
 * the piece carries a medical theme. A channel with no chain stays without one: the medical step joins a review,
 * it does not create one.
 */
export function chainFor(db: Db, p: { channel: Channel; themes: string[] }): string[] {
  const c = readSetting(db, 'review-chains')
  const base = c.chains[p.channel] ?? []
  if (base.length === 0 || !p.themes.some((t) => c.medicalThemes.includes(t)) || base.includes(c.medicalStep)) return [...base]
  return base.length === 1 ? [...base, c.medicalStep] : [...base.slice(0, -1), c.medicalStep, base[base.length - 1]]
}

function raise(issues: FieldIssue[]): void {
  if (!issues.length) return
  throw new UserError(issues[0].message, { field: issues[0].field, issues: issues.map((i) => ({ field: i.field, message: i.message.replace(/^[^：]+：/, '') })) })
}

/**
 * Structural check of the channel fields, for every write (import, demo, bulk): types, dates, date order.
 * Keys the channel does not define are kept as they are (an import or an older version may have written them).
 */
export function cleanChannelFields<T extends PieceValues>(v: T): T {
  const { extra, issues } = checkChannelFields(v)
  raise(issues.filter((i) => i.rule === 'format'))
  return { ...v, extra: { ...v.extra, ...extra } }
}

/**
 * The form's check (piece-create, piece-update): also the closed lists (LED 内容类别, 活动类型 …). On update only the fields the officer changed are held to the lists, so an old
 * imported record with a kind outside today's list can still be edited. Unknown extra keys are dropped.
 */
export function strictChannelFields(db: Db, values: PieceValues, changed?: Set<string>): PieceValues {
  const { extra, issues } = checkChannelFields(values, { bilingual: readSetting(db, 'bilingual-forms') })
  const relevant = changed ? issues.filter((i) => changed.has(i.field) || changed.has(i.field.replace(/^extra\./, '')) || changed.has('channel')) : issues
  raise(relevant)
  // The template's 媒体/平台 column is the kind for 宣传品 and 宣传活动, so the ledger table shows it there too.
  const venue = (values.channel === 'print' || values.channel === 'event') && values.kind ? values.kind : values.venue
  return { ...values, venue, extra }
}

const REVIEW_HINT = '请先送审；确需越级发布的，由管理员在稿件详情中使用“管理员越级发布”并填写理由'

/** May this piece move from its status to `to` by an ordinary change? Throws a Chinese error naming why not. */
export function checkTransition(db: Db, before: Piece, after: { channel: Channel; themes: string[] }, to: Status): void {
  const chain = chainFor(db, after)
  if (nextStatuses(after.channel, before.status, chain.length === 0).includes(to)) return
  const from = statusLabel(before.status)
  if (to === 'pending') throw fieldError('status', `“待审核”由送审产生，请使用“送审”`)
  if (before.status === 'pending') throw fieldError('status', `稿件正在审核中（${from}），请在审核记录中通过或退回`)
  if (needsReview(after.channel, to) && (before.status === 'draft' || before.status === 'withdrawn')) {
    throw fieldError('status', `尚未完成审核（${chain.join(' → ')}），不能直接改为“${statusLabel(to)}”。${REVIEW_HINT}`)
  }
  throw fieldError('status', `不能从“${from}”直接改为“${statusLabel(to)}”`)
}

/** After a status change: a piece that leaves review by any path closes its open round. */
export function afterStatusChange(ctx: Ctx, before: Piece, after: Piece): void {
  if (before.status === 'pending' && after.status !== 'pending') {
    closeWaiting(ctx.desk.db, after.id, ctx.now().toISOString(), `稿件已改为“${statusLabel(after.status)}”，本轮审核结束`)
  }
}

/** Fields named in a patch, for strictChannelFields on update. */
export function changedFields(before: Piece, patch: Partial<PieceValues>): Set<string> {
  const out = new Set<string>()
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'extra') {
      for (const [ek, ev] of Object.entries(v as Record<string, unknown>)) if (JSON.stringify(before.extra[ek]) !== JSON.stringify(ev)) out.add(`extra.${ek}`)
    } else if (JSON.stringify((before as unknown as Record<string, unknown>)[k]) !== JSON.stringify(v)) out.add(k)
  }
  return out
}
