// 已阅: the party secretary signs a month. The figures are stored exactly as signed; when rows of that month are
// later added, edited or deleted, the tally shows 签阅后有变动 with the differences instead of silently showing
// new numbers as if they were the signed ones.
import { defineHandlers } from '../registry'
import { fieldError } from '../errors'
import { buildFigureSet, figureValues } from '../reports/figures'
import { getSignoff, pieceAuditsSince, putSignoff, signoffAuditId, type PieceAudit } from '../../db/queries/signoffs'
import { recordAudit } from '../../db/queries/audit'
import { monthPeriod } from '../../shared/periods'
import { chinaMonth } from '../../shared/dates'
import { COUNTED_STATUSES, channelLabel, statusLabel } from '../../shared/channels'
import { fieldLabel } from '../../shared/contract/fields'
import type { FigureSet } from '../../shared/contract/reports'
import type { FigureChange, RowChange, SignoffState } from '../../shared/contract/tallies'
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

/** The month's sign-off with what changed since, or null when it was never signed. */
export function signoffState(ctx: Ctx, month: string, set: FigureSet): SignoffState | null {
  const row = getSignoff(ctx.desk.db, month)
  if (!row) return null
  const { from, to } = monthPeriod(month)
  const now = signableValues(set)
  const labels = new Map(set.figures.map((f) => [f.key, f.label]))
  const figureChanges: FigureChange[] = [...new Set([...Object.keys(row.figures), ...Object.keys(now)])]
    .filter((k) => (row.figures[k] ?? 0) !== (now[k] ?? 0))
    .map((k) => ({ key: k, label: labels.get(k) ?? keyLabel(k), signed: row.figures[k] ?? 0, now: now[k] ?? 0 }))
  const rowChanges = pieceAuditsSince(ctx.desk.db, signoffAuditId(ctx.desk.db, month), from, to)
    .map((a) => rowChange(a, from, to))
    .filter((c): c is RowChange => c !== null)
  return { ...row, changed: figureChanges.length > 0 || rowChanges.length > 0, figureChanges, rowChanges }
}

export const signoffHandlers = defineHandlers({
  'tally-signoff': ({ month, signedBy, comment }, ctx) => {
    if (month >= chinaMonth(ctx.now())) throw fieldError('month', `${Number(month.slice(5))}月尚未结束，请在月底后再签阅`)
    const period = monthPeriod(month)
    return ctx.desk.tx(() => {
      const set = buildFigureSet(ctx.desk.db, period)
      const before = getSignoff(ctx.desk.db, month)
      const at = ctx.now().toISOString()
      const figures = signableValues(set)
      putSignoff(ctx.desk.db, { month, signedBy, signedAt: at, comment, figures })
      recordAudit(ctx.desk.db, {
        at, actor: ctx.actor, action: before ? 'resign' : 'signoff', entity: 'signoff', entityId: month,
        changes: { signedBy, comment, figures, ...(before ? { previous: { signedBy: before.signedBy, signedAt: before.signedAt, figures: before.figures } } : {}) }
      })
      return signoffState(ctx, month, set)!
    })
  }
})
