// Between a piece and the form's inputs: every channel field is edited as a string (or a boolean for checkboxes)
// and turned back into the column or `extra` value the handlers expect.
import { CHANNEL_FIELDS, type ChannelField } from '../../../../shared/contract/channel-fields'
import type { Channel, OutletLevel } from '../../../../shared/channels'
import type { Piece } from '../../../../shared/contract/pieces'
import { splitList } from '../Field'

export type Inputs = Record<string, string | boolean>
const COLUMNS = ['venue', 'outletLevel', 'kind', 'quantity', 'reach', 'reads', 'paid'] as const

function toInput(f: ChannelField, v: unknown): string | boolean {
  if (f.kind === 'bool') return f.where === 'column' ? v === true : v === true ? 'true' : v === false ? 'false' : ''
  if (f.kind === 'list') return Array.isArray(v) ? v.join('、') : ''
  return v === null || v === undefined ? '' : String(v)
}

/** The inputs of every channel's fields, from a piece (or empty): switching channel keeps what was typed. */
export function inputsOf(piece?: Piece): Inputs {
  const out: Inputs = {}
  for (const fields of Object.values(CHANNEL_FIELDS)) {
    for (const f of fields) {
      const v = piece ? (f.where === 'extra' ? piece.extra[f.key] : (piece as unknown as Record<string, unknown>)[f.key]) : undefined
      out[f.key] = toInput(f, v)
    }
  }
  return out
}

function fromInput(f: ChannelField, v: string | boolean): unknown {
  if (f.kind === 'bool') return f.where === 'column' ? v === true : v === 'true' ? true : v === 'false' ? false : undefined
  const s = String(v).trim()
  if (f.kind === 'count') return s === '' ? null : Number(s)
  if (f.kind === 'list') return splitList(s)
  return s === '' ? (f.where === 'column' && f.key !== 'venue' ? null : '') : s
}

/** The column values and `extra` of this channel; columns the channel does not use are cleared. */
export function channelPayload(channel: Channel, inputs: Inputs) {
  const cols: Record<string, unknown> = { venue: '', outletLevel: null, kind: null, quantity: null, reach: null, reads: null, paid: false }
  const extra: Record<string, unknown> = {}
  for (const f of CHANNEL_FIELDS[channel]) {
    const v = fromInput(f, inputs[f.key] ?? '')
    if (f.where === 'column' && (COLUMNS as readonly string[]).includes(f.key)) cols[f.key] = v
    else if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) extra[f.key] = v
  }
  return { ...cols, extra } as {
    venue: string
    outletLevel: OutletLevel | null
    kind: string | null
    quantity: number | null
    reach: number | null
    reads: number | null
    paid: boolean
    extra: Record<string, unknown>
  }
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown =>
    Array.isArray(v) ? [...v].map(norm).sort() : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v ?? null
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b))
}

/**
 * Only the fields the officer changed: an edit must not send back a status (or anything else) the piece had when
 * the form opened, since a review action may have moved it meanwhile.
 */
export function changedOnly<F extends Record<string, unknown>>(piece: Piece, fields: F): Partial<F> {
  const out: Partial<F> = {}
  for (const [k, v] of Object.entries(fields) as [keyof F & string, unknown][]) {
    if (!same((piece as unknown as Record<string, unknown>)[k], v)) out[k] = v as F[typeof k]
  }
  return out
}
