// A workbook row against the record it names (by 记录标识): which fields the file speaks for, the patch that
// changes only those, and the 正文 an export continued on its 正文（续） sheet. Pure: handlers/ledger/import.ts
// fetches the record and writes the patch.
import { CHANNEL_COLUMN_SPEC, COLUMN_FIELD, type PieceValues } from './template'
import { BODY_SHEET } from './write-file'
import { cellText } from './cells'
import { restoreCell } from '../export/cells'
import { CHANNEL_FIELDS } from '../../shared/contract/channel-fields'
import { BODY_COLUMN, OTHER_COLUMN, type ChannelColumn, type LedgerColumn, type TemplateColumn } from '../../shared/contract/ledger'
import type { Piece } from '../../shared/contract/pieces'
import type { SheetRows } from './read-file'

/** Which piece field a file column fills, so an update changes only what the file says. */
export interface FileFields {
  keys: Set<keyof PieceValues>
  extraKeys: Set<string>
  other: boolean
}

export function fieldsOf(columns: LedgerColumn[]): FileFields {
  const keys = new Set<keyof PieceValues>()
  const extraKeys = new Set<string>()
  for (const c of columns) {
    if (c in COLUMN_FIELD) keys.add(COLUMN_FIELD[c as TemplateColumn])
    else if (c === BODY_COLUMN) keys.add('body')
    else if (c in CHANNEL_COLUMN_SPEC) {
      const spec = CHANNEL_COLUMN_SPEC[c as ChannelColumn]
      if (spec.where === 'column') keys.add(spec.key as keyof PieceValues)
      else extraKeys.add(spec.key)
    }
  }
  return { keys, extraKeys, other: columns.includes(OTHER_COLUMN) }
}

/** The file's row as a patch of an existing piece: only the fields the file has columns for. */
export function patchFrom(before: Piece, v: PieceValues, f: FileFields): Partial<PieceValues> {
  const patch: Partial<PieceValues> = {}
  for (const k of f.keys) (patch as Record<string, unknown>)[k] = v[k]
  if (f.extraKeys.size || f.other) {
    const own = new Set(CHANNEL_FIELDS[v.channel].map((x) => x.key))
    const extra: Record<string, unknown> = {}
    for (const [k, value] of Object.entries(before.extra)) if (!f.extraKeys.has(k) && !(f.other && !own.has(k))) extra[k] = value
    for (const [k, value] of Object.entries(v.extra)) if (f.extraKeys.has(k) || (f.other && !own.has(k))) extra[k] = value
    patch.extra = extra
  }
  return patch
}

/** 正文 beyond one cell, from the 正文（续） sheet of an exported workbook: 记录标识 → the rest of the text. */
export function bodyParts(sheets: SheetRows[]): Map<string, string> {
  const out = new Map<string, string>()
  const sheet = sheets.find((s) => s.name === BODY_SHEET)
  if (!sheet) return out
  const parts = sheet.rows.slice(1).map((r) => ({ uid: cellText(r[0] ?? null).toLowerCase(), part: Number(cellText(r[1] ?? null)), text: restoreCell(cellText(r[2] ?? null)) }))
  parts.sort((a, b) => a.part - b.part)
  for (const p of parts) if (p.uid) out.set(p.uid, (out.get(p.uid) ?? '') + p.text)
  return out
}
