// The ledger workbook's columns: which header feeds which field, how a row becomes a piece, and how a piece becomes
// a row again. Export → import must give back the same pieces (every field a report counts), and export → import →
// export the same cells; an old 13-column file still reads as it always did.
import {
  BODY_COLUMN, CHANNEL_COLUMNS, CHANNEL_COLUMN_KEY, LEDGER_COLUMNS, OTHER_COLUMN, REQUIRED_COLUMNS, UID_COLUMN,
  type ChannelColumn, type LedgerColumn, type TemplateColumn
} from '../../shared/contract/ledger'
import { pieceFields, type Piece } from '../../shared/contract/pieces'
import { deciderLabel } from '../../shared/workflow'
import type { ReviewRow } from '../../shared/contract/review'
import { channelLabel, finalStatusesFor, statusLabel, CHANNELS, type Channel, type Status } from '../../shared/channels'
import { restoreCell } from '../export/cells'
import { CHANNEL_FIELDS, EVENT_KINDS, PRINT_KINDS, checkChannelFields, type FieldKind } from '../../shared/contract/channel-fields'
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
const FIELD_COLUMN = new Map<string, LedgerColumn>([...Object.entries(COLUMN_FIELD).map(([c, f]) => [f as string, c as LedgerColumn] as const), ['body', BODY_COLUMN]])

/** The comparable form of a header: no spaces, half-width slash and brackets, no "*" or "（必填）" marks. */
export function normalizeHeader(h: string): string {
  return h
    .replace(/[\s\u3000]+/g, '')
    .replace(/[／\\]/g, '/')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\(必填\)|\*+$/g, '')
}

const TEMPLATE_BY_NORMAL = new Map<string, LedgerColumn>(LEDGER_COLUMNS.map((c) => [normalizeHeader(c), c]))

export type HeaderMapping = Record<string, LedgerColumn | ''>

export interface ResolvedColumns {
  /** Template column → index of the file column feeding it. */
  index: Partial<Record<LedgerColumn, number>>
  /** Every non-empty file header → the template column it feeds ('' = ignored). */
  mapping: HeaderMapping
  remembered: string[]
  missing: LedgerColumn[]
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
    let target: LedgerColumn | '' = ''
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
  column: LedgerColumn
  message: string
}

/** How a channel column reads and writes: which piece field, of what kind, on which channels. */
export interface ChannelColumnSpec {
  key: string
  where: 'column' | 'extra'
  kind: FieldKind
  channels: Set<Channel>
}
/** Words a yes/no column is written with: [yes, no]; a blank cell is "not said" (or no, for 合作版面). */
const BOOL_WORDS: Partial<Record<ChannelColumn, readonly [string, string]>> = { '原创/转载': ['原创', '转载'], 合作版面: ['是', '否'] }
const YES = new Set(['是', 'true', '1', 'yes', 'y', '√'])
const NO = new Set(['否', 'false', '0', 'no', 'n', '×'])
const TEMPLATE_KEYS = new Set<string>(Object.values(COLUMN_FIELD))

/** Built from CHANNEL_FIELDS, so a field added there is exported and imported, or the module refuses to load. */
export const CHANNEL_COLUMN_SPEC: Record<ChannelColumn, ChannelColumnSpec> = (() => {
  const byKey = new Map<string, ChannelColumnSpec>()
  for (const [channel, fields] of Object.entries(CHANNEL_FIELDS) as [Channel, (typeof CHANNEL_FIELDS)[Channel]][]) {
    for (const f of fields) {
      if (TEMPLATE_KEYS.has(f.key)) continue
      const spec = byKey.get(f.key) ?? { key: f.key, where: f.where, kind: f.kind, channels: new Set<Channel>() }
      spec.channels.add(channel)
      byKey.set(f.key, spec)
    }
  }
  const out = {} as Record<ChannelColumn, ChannelColumnSpec>
  for (const c of CHANNEL_COLUMNS) {
    const spec = byKey.get(CHANNEL_COLUMN_KEY[c])
    if (!spec) throw new Error(`ledger column ${c}: no channel has the field ${CHANNEL_COLUMN_KEY[c]}`)
    out[c] = spec
    byKey.delete(spec.key)
  }
  if (byKey.size) throw new Error(`channel fields without a ledger column: ${[...byKey.keys()].join(', ')}`)
  return out
})()

/** What a row needs to know besides its cells. */
export interface RowRules {
  /** The channel's status rule (handlers/pieces), passed in so this file stays free of the database. */
  allowed: (c: Channel) => Status[]
  /** The bilingual forms 语言 may name (设置 › 双语形式). */
  languages: readonly string[]
  date1904?: boolean
}

export interface CheckedRow {
  values: PieceValues | null
  /** 记录标识 as written ('' = a new record). */
  uid: string
  issues: RowIssue[]
}

/**
 * One row → the piece it describes, or every reason it cannot be one. `has` says whether the file has the column
 * at all: a 13-column file says nothing about 类别, so 宣传品/宣传活动 take their kind from 媒体/平台 as they always did.
 */
export function checkRow(get: (c: LedgerColumn) => CellValue, has: (c: LedgerColumn) => boolean, rules: RowRules): CheckedRow {
  const issues: RowIssue[] = []
  const say = (column: LedgerColumn, message: string): void => void issues.push({ column, message })
  const text = (c: LedgerColumn): string => restoreCell(cellText(get(c)))
  const raw: Record<string, unknown> = {}

  const d = parseDateCell(get('日期'), rules.date1904)
  if ('error' in d) say('日期', d.error)
  else raw.date = d.date

  const channelText = text('渠道')
  const channel = channelFromName(channelText)
  if (!channelText) say('渠道', '请填写渠道')
  else if (!channel) say('渠道', `没有“${channelText}”这个渠道，可填：${Object.values(CHANNELS).join('、')}`)
  else raw.channel = channel

  const statusText = text('状态')
  if (channel) {
    const status = statusText ? statusFromName(statusText) : finalStatusesFor(channel)[0]
    const ok = rules.allowed(channel)
    if (!status) say('状态', `没有“${statusText}”这个状态，${channelLabel(channel)}可填：${ok.map(statusLabel).join('、')}`)
    else if (!ok.includes(status)) say('状态', `${channelLabel(channel)}不能使用“${statusLabel(status)}”状态，可填：${ok.map(statusLabel).join('、')}`)
    else raw.status = status
  }

  for (const c of ['数量', '覆盖人次'] as const) {
    const n = parseCountCell(get(c))
    if ('error' in n) say(c, n.error)
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
  raw.body = text(BODY_COLUMN)

  const extra: Record<string, unknown> = {}
  const other = text(OTHER_COLUMN)
  if (other) {
    try {
      const parsed: unknown = JSON.parse(other)
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error()
      Object.assign(extra, parsed)
    } catch {
      say(OTHER_COLUMN, '内容不是工作台导出的格式（应为 {"字段": 值}），请保留导出时的内容或清空')
    }
  }
  for (const c of CHANNEL_COLUMNS) {
    const spec = CHANNEL_COLUMN_SPEC[c]
    const cell = get(c)
    if (cellText(cell) === '') continue
    if (spec.where === 'extra' && channel && !spec.channels.has(channel)) {
      say(c, `${channelLabel(channel)}没有“${c}”这一项，请清空这一格或改正渠道`)
      continue
    }
    const value = readChannelCell(c, spec, cell, rules, say)
    if (value === undefined) continue
    if (spec.where === 'extra') extra[spec.key] = value
    else raw[spec.key] = value
  }
  raw.extra = extra

  const uid = text(UID_COLUMN).toLowerCase()
  if (uid && !/^[0-9a-f]{16}$/.test(uid)) say(UID_COLUMN, '格式不对：这一列由工作台导出时填写，请勿修改；新增的行请留空')

  const parsed = pieceFields.safeParse(raw)
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const column = FIELD_COLUMN.get(String(i.path[0]))
      // Fields already reported above (or not from the sheet) are not reported twice.
      if (!column || issues.some((x) => x.column === column)) continue
      say(column, column === '主题' && i.path.length > 1 ? `主题“${String((raw.themes as string[])[Number(i.path[1])] ?? '')}”${i.message}` : i.message)
    }
  }
  if (parsed.success) {
    for (const issue of checkChannelFields(parsed.data, { bilingual: rules.languages }).issues) {
      // The closed lists an import holds to are the office's own (双语形式); a kind outside today's list is history.
      if (issue.rule !== 'format' && issue.field !== 'extra.languages') continue
      const column = columnOfField(issue.field)
      if (!issues.some((x) => x.column === column)) say(column, issue.message.replace(/^[^：]+：/, ''))
    }
  }
  if (issues.length || !parsed.success) return { values: null, uid, issues }
  return { values: has('类别') ? parsed.data : withKind(parsed.data), uid, issues }
}

function readChannelCell(c: ChannelColumn, spec: ChannelColumnSpec, cell: CellValue, rules: RowRules, say: (c: LedgerColumn, m: string) => void): unknown {
  const s = restoreCell(cellText(cell))
  switch (spec.kind) {
    case 'count': {
      const n = parseCountCell(cell)
      if ('error' in n) return void say(c, n.error)
      return n.value ?? undefined
    }
    case 'date': {
      const d = parseDateCell(cell, rules.date1904)
      if ('error' in d) return void say(c, d.error)
      return d.date
    }
    case 'bool': {
      const [yes, no] = BOOL_WORDS[c] ?? ['是', '否']
      const w = s.replace(/[（(].*$/, '').toLowerCase()
      if (w === yes || YES.has(w)) return true
      if (w === no || NO.has(w)) return false
      return void say(c, `请填“${yes}”或“${no}”（或留空）`)
    }
    case 'list':
      return splitThemes(s)
    default:
      return s
  }
}

/** The column an issue of checkChannelFields names ('extra.displayEnd' → 展示结束). */
function columnOfField(field: string): LedgerColumn {
  const key = field.replace(/^extra\./, '')
  return FIELD_COLUMN.get(key) ?? CHANNEL_COLUMNS.find((c) => CHANNEL_COLUMN_KEY[c] === key) ?? OTHER_COLUMN
}

/** 媒体/平台 is the kind for 宣传品 and 宣传活动: fill the piece's kind too, so its form shows it. */
const KIND_FROM_VENUE: Partial<Record<Channel, readonly string[]>> = { print: PRINT_KINDS, event: EVENT_KINDS }
function withKind(v: PieceValues): PieceValues {
  const kinds = KIND_FROM_VENUE[v.channel]
  return kinds && v.kind === null && kinds.includes(v.venue) ? { ...v, kind: v.venue } : v
}

export type LedgerCells = Record<LedgerColumn, string | number | null>

/**
 * A piece as a ledger row: every field it holds, so export → import gives back the same piece. Dates stay
 * 'YYYY-MM-DD' strings (the xlsx writer turns them into Excel dates).
 */
export function pieceToRow(p: Omit<Piece, 'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'>): LedgerCells {
  const row = {
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
    备注: p.notes,
    [BODY_COLUMN]: p.body,
    [UID_COLUMN]: p.uid
  } as LedgerCells
  const own = new Set<string>()
  for (const c of CHANNEL_COLUMNS) {
    const spec = CHANNEL_COLUMN_SPEC[c]
    const value = spec.where === 'column' ? (p as unknown as Record<string, unknown>)[spec.key] : p.extra[spec.key]
    if (spec.where === 'extra' && !spec.channels.has(p.channel)) {
      row[c] = null
      continue
    }
    own.add(spec.key)
    row[c] = channelCell(c, spec, value)
  }
  const rest = Object.entries(p.extra).filter(([k]) => !own.has(k))
  row[OTHER_COLUMN] = rest.length ? JSON.stringify(Object.fromEntries(rest)) : ''
  return row
}

function channelCell(c: ChannelColumn, spec: ChannelColumnSpec, v: unknown): string | number | null {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null
  if (spec.kind === 'bool') {
    const [yes, no] = BOOL_WORDS[c] ?? ['是', '否']
    const truth = v === true || v === 'true' || v === 1
    // 合作版面 is a yes/no column of the piece: "no" is the blank cell.
    return truth ? yes : spec.where === 'column' ? null : no
  }
  if (Array.isArray(v)) return v.join('、')
  if (typeof v === 'number') return v
  return String(v)
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
