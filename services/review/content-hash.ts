// What an approval vouches for, as a SHA-256 (reviews.content_hash): a canonical JSON of the reviewed fields of
// a piece (shared/workflow.ts REVIEWED_COLUMNS, its reviewed channel fields) and the sorted sha256 of its
// attachments (佐证材料 — the 签批单 of a 代录, the pictures of a post). Pure: the handler fetches, this computes.
import { createHash } from 'node:crypto'
import { REVIEWED_COLUMNS, UNREVIEWED_EXTRA } from '../../shared/workflow'
import { channelFieldLabel } from '../../shared/contract/channel-fields'
import { FIELD_LABELS } from '../../shared/contract/fields'
import type { Channel } from '../../shared/channels'
import type { Piece } from '../../shared/contract/pieces'

export type ContentSource = Pick<Piece, (typeof REVIEWED_COLUMNS)[number] | 'extra'>

/** Field key → value: 'title', 'themes', 'extra.displayStart', 'evidence' … Absent and empty are the same. */
export function reviewedContent(p: ContentSource, evidenceShas: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of REVIEWED_COLUMNS) out[k] = k === 'themes' ? [...new Set(p.themes)].sort() : (p[k] ?? null)
  for (const [k, v] of Object.entries(p.extra ?? {})) {
    if ((UNREVIEWED_EXTRA as readonly string[]).includes(k) || v === undefined || v === null || v === '') continue
    if (Array.isArray(v) && v.length === 0) continue
    out[`extra.${k}`] = v
  }
  out.evidence = [...evidenceShas].sort()
  return out
}

/** JSON with object keys sorted at every depth, so the same content always gives the same bytes. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex')

export function contentHash(content: Record<string, unknown>): string {
  return sha256(canonicalJson(content))
}

/**
 * A short hash per field, kept in the approval's audit row: later, the desk can say *which* fields differ from
 * what was approved (标题已修改) without keeping a copy of the text.
 */
export function fieldHashes(content: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(content).map(([k, v]) => [k, sha256(canonicalJson(v)).slice(0, 16)]))
}

/** Keys whose value differs between two field-hash maps (a key on one side only differs too). */
export function changedKeys(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]).sort(byFieldOrder)
}

const ORDER = [...REVIEWED_COLUMNS, 'extra', 'evidence']
function byFieldOrder(a: string, b: string): number {
  const rank = (k: string) => ORDER.indexOf(k.startsWith('extra.') ? 'extra' : k)
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** A field key as the officer reads it on this channel: 标题, 正文, 展示开始, 附件 … */
export function contentFieldLabel(channel: Channel, key: string): string {
  if (key === 'evidence') return '附件'
  if (key === 'channel') return '渠道'
  const k = key.replace(/^extra\./, '')
  const named = channelFieldLabel(channel, k)
  return named !== k ? named : (FIELD_LABELS[k] ?? k)
}

/** 标题、正文 */
export function fieldList(channel: Channel, keys: readonly string[]): string {
  return [...new Set(keys.map((k) => contentFieldLabel(channel, k)))].join('、')
}
