// The ledger's spreadsheet template: which header feeds which field, how a row becomes a piece, and how a piece
// becomes a row again (export → import must give back the same rows).
import { TEMPLATE_COLUMNS, REQUIRED_COLUMNS, type TemplateColumn } from '../../shared/contract/ledger'
import { pieceFields, type Piece } from '../../shared/contract/pieces'
import { deciderLabel } from '../../shared/workflow'
import type { ReviewRow } from '../../shared/contract/review'
import { channelLabel, finalStatusesFor, statusLabel, CHANNELS, type Channel, type Status } from '../../shared/channels'
import { restoreCell } from '../export/cells'
import { EVENT_KINDS, PRINT_KINDS } from '../../shared/contract/channel-fields'
import { cellText, channelFromName, columnLetter, parseCountCell, parseDateCell, splitThemes, statusFromName, type CellValue } from './cells'
import type { z } from 'zod'

export type PieceValues = z.output<typeof pieceFields>

/** Which piece field each template column fills. */
export const COLUMN_FIELD: Record<TemplateColumn, keyof PieceValues> = {
  日期: 'date',
  渠道: 'channel',
  标题: 'title',
  状态: 'status',
  科室: 'department',
  作者: 'author',
  '媒体/平台': 'venue',
  媒体级别: 'outletLevel',
  数量: 'quantity',
  覆盖人次: 'reach',
  主题: 'themes',
  链接: 'link',
  备注: 'notes'
}
const FIELD_COLUMN = new Map(Object.entries(COLUMN_FIELD).map(([c, f]) => [f as string, c as TemplateColumn]))

/** The comparable form of a header: no spaces, half-width slash, no "*" or "（必填）" marks. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000]+/g, '')
    .replace(/[／\\]/g, '/')
    .replace(/[（(]必填[)）]|\*+$/g, '')
}

const TEMPLATE_BY_NORMAL = new Map(TEMPLATE_COLUMNS.map((c) => [normalizeHeader(c), c]))

export type HeaderMapping = Record<string, TemplateColumn | ''>

export interface ResolvedColumns {
  /** Template column → index of the file column feeding it. */
  index: Partial<Record<TemplateColumn, number>>
  /** Every non-empty file header → the template column it feeds ('' = ignored). */
  mapping: HeaderMapping
  remembered: string[]
  missing: TemplateColumn[]
  problems: string[]
}

/**
 * Decide which file column feeds which template column. The officer's choice for this import wins, then the
 * mapping remembered from an earlier import, then the template's own header names. Unknown headers are ignored.
 */
export function resolveColumns(headers: string[], chosen: HeaderMapping, remembered: HeaderMapping): ResolvedColumns {
  const chosenN = new Map(Object.entries(chosen).map(([h, c]) => [normalizeHeader(h), c]))
  const rememberedN = new Map(Object.entries(remembered).map(([h, c]) => [normalizeHeader(h), c]))
  const out: ResolvedColumns = { index: {}, mapping: {}, remembered: [], missing: [], problems: [] }
  headers.forEach((raw, i) => {
    const header = raw.trim()
    if (!header) return
    const n = normalizeHeader(header)
    let target: TemplateColumn | '' = ''
    if (chosenN.has(n)) target = chosenN.get(n)!
    else if (rememberedN.has(n)) {
      target = rememberedN.get(n)!
      out.remembered.push(header)
    } else target = TEMPLATE_BY_NORMAL.get(n) ?? ''
    if (header in out.mapping) {
      out.problems.push(`表头“${header}”出现了不止一次（${columnLetter(i)} 列），只读取第一次出现的那一列`)
      return
    }
    out.mapping[header] = target
    if (!target) return
    const taken = out.index[target]
    if (taken !== undefined) {
      out.problems.push(`${columnLetter(taken)} 列“${headers[taken].trim()}”和 ${columnLetter(i)} 列“${header}”都对应“${target}”，请把其中一列设为“不导入”`)
      return
    }
    out.index[target] = i
  })
  out.missing = REQUIRED_COLUMNS.filter((c) => out.index[c] === undefined)
  return out
}

/** Row index of the header: the first of the first rows naming at least two template columns (a title row may sit above). */
export function findHeaderRow(rows: CellValue[][], chosen: HeaderMapping, remembered: HeaderMapping): number {
  const limit = Math.min(rows.length, 10)
  for (let r = 0; r < limit; r++) {
    const cols = resolveColumns(rows[r].map(cellText), chosen, remembered)
    if (Object.keys(cols.index).length >= 2) return r
  }
  return 0
}

export interface RowIssue {
  column: TemplateColumn
  message: string
}

/**
 * One row → the piece it describes, or every reason it cannot be one. `allowed` is the channel's status rule
 * (handlers/pieces), passed in so this file stays free of the database.
 */
export function checkRow(
  get: (c: TemplateColumn) => CellValue,
  allowed: (c: Channel) => Status[],
  date1904 = false
): { values: PieceValues | null; issues: RowIssue[] } {
  const issues: RowIssue[] = []
  const text = (c: TemplateColumn): string => restoreCell(cellText(get(c)))
  const raw: Record<string, unknown> = {}

  const d = parseDateCell(get('日期'), date1904)
  if ('error' in d) issues.push({ column: '日期', message: d.error })
  else raw.date = d.date

  const channelText = text('渠道')
  const channel = channelFromName(channelText)
  if (!channelText) issues.push({ column: '渠道', message: '请填写渠道' })
  else if (!channel) issues.push({ column: '渠道', message: `没有“${channelText}”这个渠道，可填：${Object.values(CHANNELS).join('、')}` })
  else raw.channel = channel

  const statusText = text('状态')
  if (channel) {
    const status = statusText ? statusFromName(statusText) : finalStatusesFor(channel)[0]
    const ok = allowed(channel)
    if (!status) issues.push({ column: '状态', message: `没有“${statusText}”这个状态，${channelLabel(channel)}可填：${ok.map(statusLabel).join('、')}` })
    else if (!ok.includes(status)) issues.push({ column: '状态', message: `${channelLabel(channel)}不能使用“${statusLabel(status)}”状态，可填：${ok.map(statusLabel).join('、')}` })
    else raw.status = status
  }

  for (const c of ['数量', '覆盖人次'] as const) {
    const n = parseCountCell(get(c))
    if ('error' in n) issues.push({ column: c, message: n.error })
    else raw[COLUMN_FIELD[c]] = n.value
  }

  raw.title = text('标题')
  raw.department = text('科室')
  raw.author = text('作者')
  raw.venue = text('媒体/平台')
  raw.outletLevel = text('媒体级别') || null
  raw.themes = splitThemes(text('主题'))
  raw.link = text('链接')
  raw.notes = text('备注')

  const parsed = pieceFields.safeParse(raw)
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const column = FIELD_COLUMN.get(String(i.path[0]))
      // Fields already reported above (or not from the sheet) are not reported twice.
      if (!column || issues.some((x) => x.column === column)) continue
      issues.push({ column, message: column === '主题' && i.path.length > 1 ? `主题“${String((raw.themes as string[])[Number(i.path[1])] ?? '')}”${i.message}` : i.message })
    }
  }
  if (issues.length || !parsed.success) return { values: null, issues }
  return { values: withKind(parsed.data), issues }
}

/** 媒体/平台 is the kind for 宣传品 and 宣传活动: fill the piece's kind too, so its form shows it. */
const KIND_FROM_VENUE: Partial<Record<Channel, readonly string[]>> = { print: PRINT_KINDS, event: EVENT_KINDS }
function withKind(v: PieceValues): PieceValues {
  const kinds = KIND_FROM_VENUE[v.channel]
  return kinds && v.kind === null && kinds.includes(v.venue) ? { ...v, kind: v.venue } : v
}

/** A piece as a template row; the date stays a 'YYYY-MM-DD' string (the xlsx writer turns it into an Excel date). */
export function pieceToRow(p: Piece): Record<TemplateColumn, string | number | null> {
  return {
    日期: p.date,
    渠道: channelLabel(p.channel),
    标题: p.title,
    状态: statusLabel(p.status),
    科室: p.department,
    作者: p.author,
    '媒体/平台': p.venue,
    媒体级别: p.outletLevel ?? '',
    数量: p.quantity,
    覆盖人次: p.reach,
    主题: p.themes.join('、'),
    链接: p.link,
    备注: p.notes
  }
}

const DECIDED: Partial<Record<ReviewRow['decision'], string>> = { approved: '通过', rejected: '退回', override: '越级', waiting: '待审' }

/**
 * The export's 审核 cell: 补录 first when it is one, then each step of the latest round that was decided or is
 * waiting — 宣传科初审：张宣通过；分管院领导终审：王院长（代录：李干事，附签批单.jpg）通过.
 */
export function reviewCell(p: Pick<Piece, 'backfill'>, latestRound: readonly ReviewRow[]): string {
  const parts = p.backfill ? ['补录'] : []
  for (const r of latestRound) {
    const word = r.step > 0 ? DECIDED[r.decision] : undefined
    if (!word) continue
    if (r.decision === 'waiting') parts.push(`${r.stepName}：${word}`)
    else if (r.decision === 'override') parts.push(`${r.stepName}：${r.reviewer}（理由：${r.comment}）`)
    else parts.push(`${r.stepName}：${deciderLabel(r)}${word}`)
  }
  return parts.join('；')
}

/**
 * The remembered mapping after the officer's choice for this import: only headers that differ from the
 * template's own names are worth remembering; choosing the template's meaning again forgets the entry.
 */
export function rememberMapping(remembered: HeaderMapping, chosen: HeaderMapping): HeaderMapping {
  const out: HeaderMapping = { ...remembered }
  for (const [header, column] of Object.entries(chosen)) {
    const n = normalizeHeader(header)
    if (!n) continue
    if (column === (TEMPLATE_BY_NORMAL.get(n) ?? '')) delete out[n]
    else out[n] = column
  }
  return out
}
