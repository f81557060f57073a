// The Word draft: the paragraphs of draft.ts laid out like an official document (GB/T 9704: A4, 仿宋 三号 body,
// 黑体 section headings, 小标宋 title, fixed 28-point lines), then the appendix tables of every figure, of the
// 佐证材料 and of each month's sign-off. Each paragraph is one run, so a sentence is never split across XML elements.
import {
  AlignmentType, BorderStyle, Document, LineRuleType, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, TextRun, WidthType
} from 'docx'
import { stripControls } from '../export/cells'
import type { Cell, Table as RowTable } from './tables'
import type { DraftParagraph, EvidenceItem, Figure } from '../../shared/contract/reports'
import { FIGURE_GROUPS } from '../../shared/contract/reports'
import { channelLabel } from '../../shared/channels'

const FANGSONG = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312' }
const HEITI = { ascii: '黑体', eastAsia: '黑体', hAnsi: '黑体' }
const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体' }
const BODY_SIZE = 32 // half-points: 三号 (16pt)
const TABLE_SIZE = 21 // 五号 (10.5pt)
const LINE = { line: 560, lineRule: LineRuleType.EXACT } // 28pt
/** Text width of A4 with 28 mm + 26 mm margins, in twips. */
const TEXT_WIDTH = 11906 - 1587 - 1474

const clean = (s: string): string => stripControls(s)

function paragraph(p: DraftParagraph): Paragraph {
  switch (p.kind) {
    case 'title':
      return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 560, line: 720, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: clean(p.text), font: TITLE_FONT, size: 44 })] })
    case 'heading':
      return new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [new TextRun({ text: clean(p.text), font: HEITI, size: BODY_SIZE })] })
    case 'note':
      return new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, children: [new TextRun({ text: clean(p.text), font: FANGSONG, size: BODY_SIZE, color: '808080', italics: true })] })
    case 'sign':
      return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: 640 }, children: [new TextRun({ text: clean(p.text), font: FANGSONG, size: BODY_SIZE })] })
    default:
      return new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, children: [new TextRun({ text: clean(p.text), font: FANGSONG, size: BODY_SIZE })] })
  }
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const borders = { top: border, bottom: border, left: border, right: border }

function cell(text: string, width: number, o: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    children: [new Paragraph({ alignment: o.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text: clean(text), font: FANGSONG, size: TABLE_SIZE, bold: o.bold })] })]
  })
}

function table(headers: string[], rows: string[][], share: number[], rightAligned: number[] = []): Table {
  const total = share.reduce((a, b) => a + b, 0)
  const widths = share.map((s) => Math.floor((TEXT_WIDTH * s) / total))
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, widths[i], { bold: true })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, widths[i], { right: rightAligned.includes(i) })) }))
    ]
  })
}

function appendixHeading(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 240, after: 240 }, children: [new TextRun({ text, font: HEITI, size: BODY_SIZE })] })
}

export interface DocxInput {
  title: string
  paragraphs: DraftParagraph[]
  figures: Figure[]
  evidence: EvidenceItem[]
  periodLabel: string
  /** The 签阅情况 table (services/report/signoffs.ts) and the sentence saying which figures the draft uses. */
  signoffs?: RowTable
  basis?: string
}

const cellText = (c: Cell): string => (c === null ? '' : typeof c === 'object' ? c.date : String(c))
/** The sign-off columns Word has room for: 月份, 签阅情况, 签阅人, 签阅日期, 签阅后变动的数字. */
const SIGNOFF_COLUMNS = [0, 1, 3, 4, 5]

/** 附表3: each month of the period — 已签阅（第N版）, 签阅后有变动 or 未签阅 — after the sentence on which figures are used. */
function signoffAppendix(t: RowTable, basis: string): (Paragraph | Table)[] {
  const rows = t.rows.map((r) => SIGNOFF_COLUMNS.map((i) => (i === 1 && r[2] !== null ? `${cellText(r[1])}（第${cellText(r[2])}版）` : cellText(r[i]))))
  return [
    appendixHeading('附表3：各月统计数字签阅情况'),
    ...(basis ? [paragraph({ kind: 'body', text: basis })] : []),
    table(SIGNOFF_COLUMNS.map((i) => t.columns[i].header), rows, [1, 3, 2, 3, 6])
  ]
}

export async function reportDocx(d: DocxInput): Promise<Buffer> {
  // Zeros are left out here as in the draft; the workbook and the CSV keep every figure.
  const figureRows = d.figures.filter((f) => f.value !== 0).map((f) => [FIGURE_GROUPS[f.group], f.label, String(f.value), f.unit])
  const evidenceRows = d.evidence.map((e, i) => [String(i + 1), e.fileName, e.title, channelLabel(e.channel), e.date])
  const doc = new Document({
    creator: '宣传舆情工作台',
    title: clean(d.title),
    description: clean(`${d.periodLabel}意识形态工作总结（草稿）`),
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 } } },
        children: [
          ...d.paragraphs.map(paragraph),
          new Paragraph({ children: [new PageBreak()] }),
          appendixHeading(`附表1：${d.periodLabel}主要数据一览`),
          table(['分组', '统计项', '数值', '单位'], figureRows, [2, 6, 2, 1], [2]),
          appendixHeading(`附表2：佐证材料清单（${d.evidence.length}件）`),
          d.evidence.length
            ? table(['序号', '文件名', '台账记录', '渠道', '日期'], evidenceRows, [1, 5, 6, 2, 2])
            : paragraph({ kind: 'note', text: '（本期台账记录尚未上传佐证材料，请在台账中补充照片、截图等材料后重新生成。）' }),
          ...(d.signoffs ? signoffAppendix(d.signoffs, d.basis ?? '') : [])
        ]
      }
    ]
  })
  return Packer.toBuffer(doc)
}
