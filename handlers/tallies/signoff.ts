// 已阅: the party secretary signs a month with their password. Each signing is a new version (none is ever
// overwritten) holding the figures exactly as signed and the audit chain head; when rows of that month are later
// added, edited or deleted, the tally shows 签阅后有变动 with the differences instead of silently showing new
// numbers as if they were the signed ones.
import { defineHandlers } from '../dispatch'
import { UserError, fieldError } from '../errors'
import { buildFigureSet, figureValues } from '../reports/figures'
import { proveOwnPassword } from '../users/session'
import {
  getSignoff, nextSignoffVersion, pieceAuditsSince, putSignoff, signoffAuditId, signoffHistory, type PieceAudit, type SignoffRow
} from '../../db/queries/signoffs'
import { auditHead, recordAudit } from '../../db/queries/audit'
import { monthPeriod } from '../../shared/periods'
import { chinaMonth } from '../../shared/dates'
import { COUNTED_STATUSES, channelLabel, statusLabel } from '../../shared/channels'
import { fieldLabel } from '../../shared/contract/fields'
import type { FigureSet } from '../../shared/contract/reports'
import type { FigureChange, RowChange, SignoffState, SignoffVersion } from '../../shared/contract/tallies'
import type { Ctx } from '../context'

/** Accounts and quota settings are not rows of the month: they are shown but not part of what is signed. */
const UNSIGNED_GROUPS = new Set(['accounts', 'quota'])

export function signableValues(set: FigureSet): Record<string, number> {
  return figureValues({ ...set, figures: set.figures.filter((f) => !UNSIGNED_GROUPS.has(f.group)) })
}

/** A readable name for a figure key that no longer has rows (so no label this time). */
export function keyLabel(key: string): string {
  const [head, a, b] = key.split('.')
  if (head === 'channel') return b === 'count' ? channelLabel(a) : `${channelLabel(a)}·${b}`
  if (head === 'kind') return `${channelLabel(a)}·${key.split('.').slice(2).join('.')}`
  if (head === 'theme') return `主题·${key.slice(6)}`
  if (head === 'department') return `科室·${key.slice(11)}`
  if (head === 'outlet') return `报送·${key.slice(7)}`
  return key
}

const counted = (s: unknown): boolean => typeof s === 'string' && (COUNTED_STATUSES as readonly string[]).includes(s)
const pair = (v: unknown): [unknown, unknown] | null => (Array.isArray(v) && v.length === 2 ? (v as [unknown, unknown]) : null)

const SHOWN_VALUES = new Set(['date', 'status', 'channel', 'title', 'department', 'venue', 'outletLevel', 'kind', 'quantity', 'reach', 'reads', 'paid'])

/** 日期：2023-05-03 → 2023-04-28 (long text fields are named only). */
function fieldChange(key: string, [before, after]: [unknown, unknown]): string {
  if (!SHOWN_VALUES.has(key)) return fieldLabel([key])
  const show = (v: unknown): string =>
    v === null || v === undefined || v === '' ? '（空）' : key === 'status' ? statusLabel(String(v)) : key === 'channel' ? channelLabel(String(v)) : key === 'paid' ? (v ? '是' : '否') : String(v)
  return `${fieldLabel([key])}：${show(before)} → ${show(after)}`
}

/** An audit row as a change the secretary reads; null when it cannot affect the tally (a draft, say). */
function rowChange(a: PieceAudit, from: string, to: string): RowChange | null {
  let changes: Record<string, unknown>
  try {
    changes = JSON.parse(a.changes) as Record<string, unknown>
  } catch {
    changes = {}
  }
  // Creates (create, import, seed-demo…) record the whole piece, updates a {field: [before, after]} diff.
  const whole = typeof changes.channel === 'string' && typeof changes.title === 'string' && typeof changes.date === 'string'
  const action = a.action === 'delete' ? 'delete' : whole ? 'create' : 'update'
  if (action === 'update') {
    const st = pair(changes.status)
    if (st ? !counted(st[0]) && !counted(st[1]) : a.status !== null && !counted(a.status)) return null
  } else if (!counted(changes.status)) return null
  const title = a.title ?? (typeof changes.title === 'string' ? changes.title : (pair(changes.title)?.[1] as string | undefined)) ?? ''
  const dates = [a.date, typeof changes.date === 'string' ? changes.date : null, ...(pair(changes.date) ?? [])].filter((d): d is string => typeof d === 'string')
  const date = dates.find((d) => d >= from && d <= to) ?? dates[0] ?? ''
  const fields = action === 'update' ? Object.entries(changes).flatMap(([k, v]) => (pair(v) ? [fieldChange(k, pair(v)!)] : [])) : []
  return { action, pieceId: a.pieceId, title, date, at: a.at, actor: a.actor, fields }
}

/** The figures that differ between two stored sets (signed then, now), labelled for the secretary. */
export function figureDiff(then: Record<string, number>, now: Record<string, number>, labels: Map<string, string>): FigureChange[] {
  return [...new Set([...Object.keys(then), ...Object.keys(now)])]
    .filter((k) => (then[k] ?? 0) !== (now[k] ?? 0))
    .map((k) => ({ key: k, label: labels.get(k) ?? keyLabel(k), signed: then[k] ?? 0, now: now[k] ?? 0 }))
}

/** Ledger rows of [from, to] added, edited or deleted after the audit row `sinceId`, as the secretary reads them. */
export function changesSince(ctx: Ctx, sinceId: number, from: string, to: string): RowChange[] {
  return pieceAuditsSince(ctx.desk.db, sinceId, from, to)
    .map((a) => rowChange(a, from, to))
    .filter((c): c is RowChange => c !== null)
}

function versionOf(v: SignoffRow, previous: SignoffRow | undefined, labels: Map<string, string>): SignoffVersion {
  const differs = previous ? figureDiff(previous.figures, v.figures, labels).map((c) => ({ key: c.key, label: c.label, before: c.signed, after: c.now })) : []
  return { version: v.version, signedBy: v.signedBy, signedAt: v.signedAt, comment: v.comment, auditHeadId: v.auditHeadId, differs }
}

/** The month's latest sign-off, its versions, and what changed since; null when it was never signed. */
export function signoffState(ctx: Ctx, month: string, set: FigureSet): SignoffState | null {
  const history = signoffHistory(ctx.desk.db, month)
  const row = history.at(-1)
  if (!row) return null
  const { from, to } = monthPeriod(month)
  const labels = new Map(set.figures.map((f) => [f.key, f.label]))
  const figureChanges = figureDiff(row.figures, signableValues(set), labels)
  // The head stored with the signature; sign-offs from before it was stored (0) fall back to their audit row.
  const since = row.auditHeadId > 0 ? row.auditHeadId : signoffAuditId(ctx.desk.db, month)
  const rowChanges = changesSince(ctx, since, from, to)
  return {
    month, version: row.version, signedBy: row.signedBy, signedById: row.signedById, signedAt: row.signedAt, comment: row.comment,
    figures: row.figures, auditHeadId: row.auditHeadId, auditHead: row.auditHead,
    versions: history.map((v, i) => versionOf(v, history[i - 1], labels)),
    changed: figureChanges.length > 0 || rowChanges.length > 0, figureChanges, rowChanges
  }
}

function mustHaveEnded(ctx: Ctx, month: string): void {
  if (month >= chinaMonth(ctx.now())) throw fieldError('month', `${Number(month.slice(5))}月尚未结束，请在月底后再签阅`)
}

/**
 * Stores a new sign-off version of the month as `signer` (the handler proves the password first; the benchmark
 * signs its generated months directly). The audit row is written first, so the head stored with the version is
 * the signature's own row: the chain then covers who signed which figures.
 */
export function signMonth(ctx: Ctx, month: string, comment: string, signer: { id: number | null; name: string }): SignoffState {
  mustHaveEnded(ctx, month)
  return ctx.desk.tx(() => {
    const db = ctx.desk.db
    const set = buildFigureSet(db, monthPeriod(month))
    const before = getSignoff(db, month)
    const version = nextSignoffVersion(db, month)
    const at = ctx.now().toISOString()
    const figures = signableValues(set)
    const labels = new Map(set.figures.map((f) => [f.key, f.label]))
    recordAudit(db, {
      at, actor: ctx.actor, actorId: signer.id, action: before ? 'resign' : 'signoff', entity: 'signoff', entityId: month,
      changes: {
        version, signedBy: signer.name, comment, figures,
        ...(before ? { previous: { version: before.version, signedBy: before.signedBy, signedAt: before.signedAt }, differs: Object.fromEntries(figureDiff(before.figures, figures, labels).map((c) => [c.key, [c.signed, c.now]])) } : {})
      }
    })
    const head = auditHead(db)
    putSignoff(db, { month, version, signedBy: signer.name, signedById: signer.id, signedAt: at, comment, figures, auditHeadId: head.id, auditHead: head.hash })
    return signoffState(ctx, month, set)!
  })
}

export const signoffHandlers = defineHandlers({
  'tally-signoff': async ({ month, password, comment }, ctx) => {
    mustHaveEnded(ctx, month) // before asking for the password: nothing to sign yet
    if (!ctx.user) throw new UserError('请先登录')
    // The signature: the signed-in secretary re-enters their password (a wrong one is a field error on 密码,
    // counted and audited by provePassword without the password itself).
    await proveOwnPassword(ctx, password)
    return signMonth(ctx, month, comment, { id: ctx.user.id, name: ctx.user.name })
  }
})
