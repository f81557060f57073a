// Rows as tables: the columns (in the office's words) every export of rows uses — the drill-down list's file,
// the workbook's sheets and the CSV. Cells here are plain values; the writers make text safe and lay out the page.
// Printed sheets number their rows (序号) instead of showing database ids: the JSON export keeps the ids.
import { CHANNEL_FIELDS, DATE_MEANING, type ChannelField } from '../../shared/contract/channel-fields'
import { COUNTED_STATUSES, SUBMISSION_CHANNELS, channelLabel, statusLabel, type Channel } from '../../shared/channels'
import { chinaDateTime, type Period } from '../../shared/periods'
import { chineseDate } from './numbers'
import { mentionStatusLabel } from '../../shared/watch'
import { FIGURE_GROUPS, type EvidenceItem, type Figure } from '../../shared/contract/reports'
import type { DrillAccount, DrillMention, DrillPiece } from '../../shared/contract/tallies'

/**
 * A cell: text, a number, a calendar date ('YYYY-MM-DD'), a China wall-clock time ('YYYY-MM-DD HH:mm') — both
 * written as real Excel values — or empty.
 */
export type Cell = string | number | { date: string } | { dateTime: string } | null

/** How a column is laid out: text wraps in `wrap` columns; dates and numbers get their number formats. */
export type ColumnKind = 'text' | 'wrap' | 'number' | 'date' | 'dateTime'

export interface Column {
  header: string
  /** In Excel's character widths; the printed sheet is scaled to one page wide. */
  width: number
  kind?: ColumnKind
}

export interface Table {
  name: string
  columns: Column[]
  rows: Cell[][]
  /** A sentence printed between the title and the header (how the sheet reconciles with 汇总). */
  note?: string
}

/** What every sheet of one workbook says above its header. */
export interface SheetTitle {
  /** 南和县人民医院2023年上半年宣传舆情统计: each sheet's title adds its own name. */
  heading: string
  /** The line under it: 统计区间… 生成时间… */
  subtitle: string
}

/** 统计区间：2023年上半年（2023年1月1日至2023年6月30日）　生成时间：2023-06-15 10:00 — `at` is the handler's clock. */
export function sheetTitle(heading: string, period: Pick<Period, 'kind' | 'label' | 'from' | 'to'>, at: Date, extra: string[] = []): SheetTitle {
  const range = period.kind === 'range' ? '' : `（${chineseDate(period.from)}至${chineseDate(period.to)}）`
  return { heading, subtitle: [`统计区间：${period.label}${range}`, ...extra, `生成时间：${chinaDateTime(at.toISOString())}`].join('　　') }
}

/** A cell as plain text (CSV, Word): dates as written, times as China's wall clock. */
export function cellText(c: Cell): string {
  if (c === null) return ''
  if (typeof c === 'number') return String(c)
  if (typeof c === 'object') return 'date' in c ? c.date : c.dateTime
  return c
}

const day = (d: string | null | undefined): Cell => (d ? { date: d.slice(0, 10) } : null)
const clock = (iso: string | null): Cell => (iso ? { dateTime: chinaDateTime(iso) } : null)
const serial = (i: number): Cell => i + 1

/** 合作版面 is printed "是" (and left blank otherwise), so the flagged rows stand out for a hand count. */
const yes = (b: boolean): Cell => (b ? '是' : null)

type PieceKey = 'venue' | 'outletLevel' | 'kind' | 'quantity' | 'reach' | 'reads' | 'paid'
const PIECE_COLUMNS: Record<PieceKey, Omit<Column, 'header'> & { cell: (p: DrillPiece) => Cell }> = {
  venue: { width: 16, kind: 'wrap', cell: (p) => p.venue || null },
  outletLevel: { width: 8, cell: (p) => p.outletLevel },
  kind: { width: 10, cell: (p) => p.kind },
  quantity: { width: 8, kind: 'number', cell: (p) => p.quantity },
  reach: { width: 8, kind: 'number', cell: (p) => p.reach },
  reads: { width: 8, kind: 'number', cell: (p) => p.reads },
  paid: { width: 8, cell: (p) => yes(p.paid) }
}
/** A field chosen from a list (内容类别, 会议类型…) is as wide as its longest choice, so each fits on one line. */
function choiceWidth(f: ChannelField): number | undefined {
  const choices = f.options ?? (Array.isArray(f.suggest) ? (f.suggest as readonly string[]) : [])
  return choices.length && f.kind !== 'bool' ? Math.min(16, Math.max(8, Math.ceil(Math.max(...choices.map((c) => c.length)) * 1.9 + 1.5))) : undefined
}

/** The columns of a list that mixes channels, in the generic words. */
const MIXED_LABELS: Record<PieceKey, string> = { venue: '媒体/平台', outletLevel: '媒体级别', kind: '类别', quantity: '数量', reach: '覆盖人次', reads: '阅读量', paid: '合作版面' }

/**
 * Pieces as a sheet. A list of one channel (each channel's sheet of the workbook, most drill-downs) has that
 * channel's columns in the form's own words (投稿媒体, 屏幕位置, 播放量…); a list across channels has the generic
 * ones. 合作版面 shows wherever a row can be one; 佐证材料 wherever a row has any.
 */
export function pieceTable(name: string, rows: readonly DrillPiece[], note?: string): Table {
  const channel = rows.length > 0 && rows.every((p) => p.channel === rows[0].channel) ? (rows[0].channel as Channel) : null
  const anyPaid = rows.some((p) => p.paid)
  const fields: { key: PieceKey; label: string; width?: number }[] = channel
    ? CHANNEL_FIELDS[channel].filter((f) => f.where === 'column' && f.key in PIECE_COLUMNS).map((f) => ({ key: f.key as PieceKey, label: f.label, width: choiceWidth(f) }))
    : (Object.keys(MIXED_LABELS) as PieceKey[]).filter((key) => key !== 'paid').map((key) => ({ key, label: MIXED_LABELS[key] }))
  if (anyPaid && !fields.some((f) => f.key === 'paid')) fields.push({ key: 'paid', label: MIXED_LABELS.paid })
  // 已发布 on every post says nothing; the submission channels' 已报送 / 已录用 / 未录用 is what is counted.
  const withStatus = !channel || SUBMISSION_CHANNELS.includes(channel) || new Set(rows.map((p) => p.status)).size > 1
  const columns: (Column & { cell: (p: DrillPiece, i: number) => Cell })[] = [
    { header: '序号', width: 5, kind: 'number', cell: (_p, i) => serial(i) },
    { header: channel ? DATE_MEANING[channel] : '日期', width: 11, kind: 'date', cell: (p) => day(p.date) },
    ...(channel ? [] : [{ header: '渠道', width: 12, cell: (p: DrillPiece) => channelLabel(p.channel) }]),
    { header: '标题', width: channel ? 36 : 30, kind: 'wrap', cell: (p) => p.title },
    ...fields.map((f) => ({ header: f.label, width: f.width ?? PIECE_COLUMNS[f.key].width, kind: PIECE_COLUMNS[f.key].kind, cell: PIECE_COLUMNS[f.key].cell })),
    ...(withStatus ? [{ header: '状态', width: 8, cell: (p: DrillPiece) => statusLabel(p.status) }] : []),
    { header: '科室', width: 11, cell: (p) => p.department || null },
    // The files themselves are listed on their own sheet; a list without any leaves the column out.
    ...(rows.some((p) => p.evidence.length) ? [{ header: '佐证材料', width: 16, kind: 'wrap' as const, cell: (p: DrillPiece) => p.evidence.join('；') || null }] : [])
  ]
  return {
    name,
    columns: columns.map(({ header, width, kind }) => ({ header, width, kind })),
    rows: rows.map((p, i) => columns.map((c) => c.cell(p, i))),
    note
  }
}

export function mentionTable(rows: readonly DrillMention[]): Table {
  return {
    name: '舆情',
    columns: [
      { header: '序号', width: 5, kind: 'number' }, { header: '发布日期', width: 11, kind: 'date' }, { header: '标题', width: 40, kind: 'wrap' },
      { header: '情感', width: 6 }, { header: '等级', width: 6 }, { header: '状态', width: 8 }, { header: '办结时间', width: 16, kind: 'dateTime' },
      { header: '链接', width: 30, kind: 'wrap' }
    ],
    rows: rows.map((m, i) => [serial(i), day(m.day), m.title, m.sentiment, m.grade, mentionStatusLabel(m.status), clock(m.closedAt), m.link || null])
  }
}

export function accountTable(rows: readonly DrillAccount[]): Table {
  return {
    name: '账号阵地',
    columns: [
      { header: '序号', width: 5, kind: 'number' }, { header: '平台', width: 10 }, { header: '名称', width: 34, kind: 'wrap' },
      { header: '科室', width: 12 }, { header: '责任人', width: 12 }, { header: '状态', width: 8 }
    ],
    rows: rows.map((a, i) => [serial(i), a.platform, a.name, a.department || null, a.owner || null, a.status])
  }
}

/**
 * 佐证材料. `rowOf` gives the 序号 of the file's record on its channel's sheet (渠道 names the sheet), so a file
 * is found beside its record without database ids.
 */
export function evidenceTable(rows: readonly EvidenceItem[], rowOf: (pieceId: number) => number | null = () => null): Table {
  return {
    name: '佐证材料',
    columns: [
      { header: '序号', width: 5, kind: 'number' }, { header: '文件名', width: 24, kind: 'wrap' }, { header: '台账记录', width: 30, kind: 'wrap' },
      { header: '渠道', width: 12 }, { header: '所在表序号', width: 8, kind: 'number' }, { header: '日期', width: 11, kind: 'date' },
      { header: '大小（KB）', width: 8, kind: 'number' }
    ],
    rows: rows.map((e, i) => [serial(i), e.fileName, e.title, channelLabel(e.channel), rowOf(e.pieceId), day(e.date), Math.max(1, Math.round(e.size / 1024))])
  }
}

/**
 * Every figure: the 汇总 sheet and the CSV. The keys stay in the JSON export. The workbook names the period in
 * each sheet's title; a CSV has no title, so given `periodLabel` it starts every row with 统计区间.
 */
export function figureTable(figures: readonly Figure[], periodLabel?: string): Table {
  const period: Column[] = periodLabel === undefined ? [] : [{ header: '统计区间', width: 14 }]
  return {
    name: '汇总',
    columns: [
      ...period, { header: '分组', width: 12 }, { header: '统计项', width: 44, kind: 'wrap' }, { header: '数值', width: 10, kind: 'number' },
      { header: '单位', width: 6 }, { header: '明细条数', width: 9, kind: 'number' }
    ],
    rows: figures.map((f) => [...(periodLabel === undefined ? [] : [periodLabel]), FIGURE_GROUPS[f.group], f.label, f.value, f.unit, f.ids ? f.ids.length : null])
  }
}

const quote = (s: string): string => `“${s}”`
/** A figure of the set, or undefined when nothing stood behind it (the set leaves such figures out). */
const figure = (figures: readonly Figure[], key: string): Figure | undefined => figures.find((f) => f.key === key)

/** How 汇总 reads the detail sheets: only carried-out records are listed, and paid placements count apart. */
export function summaryNote(figures: readonly Figure[]): string {
  const counted = COUNTED_STATUSES.map(statusLabel).join('、')
  const paid = figure(figures, 'submissions.paid')
  return `各明细表只列入计入统计的记录（状态为${counted}，回收站中的除外）；“明细条数”为该项依据的记录条数。` +
    (paid ? `合作版面（付费刊登）不计入报送与录用，另列为${quote(paid.label)}。` : '')
}

/**
 * The note on a submission channel's sheet (媒体投稿, 工作动态报送): which of its rows 汇总 counts, and where. Counts
 * come from the figure set; a hand count of the sheet's rows not marked 合作版面 gives the same numbers.
 */
export function submissionNote(channel: Channel, rows: readonly DrillPiece[], figures: readonly Figure[], sheets: readonly string[]): string {
  const paid = rows.filter((p) => p.paid).length
  const submitted = figure(figures, `submissions.${channel}.submitted`)
  const accepted = figure(figures, `submissions.${channel}.accepted`)
  const others = sheets.filter((s) => s !== channelLabel(channel)).map(quote)
  const where = others.length ? `本表与${others.join('、')}表` : '本表'
  const totals = ['submissions.submitted', 'submissions.accepted', 'submissions.acceptedProvincialUp'].flatMap((k) => figure(figures, k) ?? []).map((f) => quote(f.label))
  return [
    paid ? `合作版面（付费刊登）${paid}篇在“合作版面”列标“是”，不计入报送与录用${submitted ? '；' : '。'}` : '',
    submitted
      ? `${paid ? '其余' : '本表'}${submitted.value}篇即汇总的${quote(submitted.label)}，其中` +
        (accepted ? `状态为${statusLabel('accepted')}的${accepted.value}篇即${quote(accepted.label)}。` : `没有${statusLabel('accepted')}的。`)
      : '',
    totals.length ? `汇总的${totals.join('')}及各级别的数字，是${where}中${figure(figures, 'submissions.paid') ? '合作版面以外的' : ''}记录合计。` : ''
  ].join('')
}

/** The note on the 舆情 sheet: what 已办结 counts, and what is not listed. */
export function mentionNote(figures: readonly Figure[]): string {
  const closed = figure(figures, 'mentions.closed')
  const removed = figure(figures, 'mentions.removed')
  return (closed ? `汇总的${quote(closed.label)}只计统计区间结束前办结的（见“办结时间”）。` : '') +
    (removed?.value ? `${quote(removed.label)}的${removed.value}条不列入本表。` : '')
}
