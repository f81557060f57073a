// Rows as tables: the columns (in the office's words) every export of rows uses — the drill-down list's file,
// the workbook's sheets and the CSV. Cells here are plain values; the writers make text safe.
import { channelLabel, statusLabel } from '../../shared/channels'
import { chinaDateTime } from '../../shared/periods'
import { mentionStatusLabel } from '../../shared/watch'
import { FIGURE_GROUPS, type EvidenceItem, type Figure } from '../../shared/contract/reports'
import type { DrillAccount, DrillMention, DrillPiece } from '../../shared/contract/tallies'

/** A cell: text, a number, a calendar date ('YYYY-MM-DD', written as a real date) or empty. */
export type Cell = string | number | { date: string } | null

export interface Table {
  name: string
  columns: { header: string; width: number }[]
  rows: Cell[][]
}

const day = (d: string | null | undefined): Cell => (d ? { date: d.slice(0, 10) } : null)

export function pieceTable(name: string, rows: readonly DrillPiece[]): Table {
  return {
    name,
    columns: [
      { header: '编号', width: 8 }, { header: '日期', width: 12 }, { header: '渠道', width: 14 }, { header: '标题', width: 48 },
      { header: '状态', width: 10 }, { header: '科室', width: 12 }, { header: '媒体/平台', width: 18 }, { header: '媒体级别', width: 10 },
      { header: '类别', width: 12 }, { header: '数量', width: 10 }, { header: '覆盖人次', width: 10 }, { header: '阅读量', width: 10 },
      { header: '佐证材料', width: 30 }
    ],
    rows: rows.map((p) => [
      p.id, day(p.date), channelLabel(p.channel), p.title, statusLabel(p.status), p.department, p.venue, p.outletLevel,
      p.kind, p.quantity, p.reach, p.reads, p.evidence.join('；')
    ])
  }
}

export function mentionTable(rows: readonly DrillMention[]): Table {
  return {
    name: '舆情',
    columns: [
      { header: '编号', width: 8 }, { header: '日期', width: 12 }, { header: '标题', width: 48 }, { header: '情感', width: 8 },
      { header: '等级', width: 8 }, { header: '状态', width: 10 }, { header: '办结时间', width: 18 }, { header: '链接', width: 40 }
    ],
    rows: rows.map((m) => [m.id, day(m.day), m.title, m.sentiment, m.grade, mentionStatusLabel(m.status), chinaDateTime(m.closedAt) || null, m.link])
  }
}

export function accountTable(rows: readonly DrillAccount[]): Table {
  return {
    name: '账号阵地',
    columns: [{ header: '编号', width: 8 }, { header: '平台', width: 10 }, { header: '名称', width: 30 }, { header: '科室', width: 12 }, { header: '责任人', width: 12 }, { header: '状态', width: 8 }],
    rows: rows.map((a) => [a.id, a.platform, a.name, a.department, a.owner, a.status])
  }
}

export function evidenceTable(rows: readonly EvidenceItem[]): Table {
  return {
    name: '佐证材料',
    columns: [{ header: '序号', width: 6 }, { header: '文件名', width: 40 }, { header: '台账编号', width: 10 }, { header: '台账记录', width: 48 }, { header: '渠道', width: 14 }, { header: '日期', width: 12 }, { header: '大小（KB）', width: 10 }],
    rows: rows.map((e, i) => [i + 1, e.fileName, e.pieceId, e.title, channelLabel(e.channel), day(e.date), Math.max(1, Math.round(e.size / 1024))])
  }
}

/** Every figure: the summary sheet, the CSV and the Word appendix. */
export function figureTable(figures: readonly Figure[], periodLabel: string): Table {
  return {
    name: '汇总',
    columns: [{ header: '统计区间', width: 16 }, { header: '分组', width: 12 }, { header: '统计项', width: 36 }, { header: '数值', width: 12 }, { header: '单位', width: 8 }, { header: '明细条数', width: 10 }, { header: '键', width: 36 }],
    rows: figures.map((f) => [periodLabel, FIGURE_GROUPS[f.group], f.label, f.value, f.unit, f.ids ? f.ids.length : null, f.key])
  }
}
