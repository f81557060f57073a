// Word files laid out as official documents (GB/T 9704-2012): A4 with the standard margins, 方正小标宋 二号 title
// (broken into lines where the paragraph says so), 仿宋_GB2312 三号 body on fixed 28-point lines, 一级标题 in 黑体,
// 二级标题 （一） in 楷体_GB2312, no italics, a blank line before the signature block, page numbers `— 1 —` in
// 宋体 四号 at the outer side of the footer (odd pages right, even pages left), and document properties naming the
// hospital. Every Word file of the desk goes through officialDocx: the half-year summary and the 舆情 briefs.
// Each paragraph is one run (or a lead run and a body run), so a sentence is never split across XML elements.
import {
  AlignmentType, BorderStyle, CommentRangeEnd, CommentRangeStart, CommentReference, Document, Footer, LineRuleType, Packer, PageBreak,
  PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType
} from 'docx'
import { stripControls } from '../export/cells'
import type { DocTable, DraftParagraph } from '../../shared/contract/reports'

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name })
const FANGSONG = font('仿宋_GB2312')
const HEITI = font('黑体')
const KAITI = font('楷体_GB2312')
const SONGTI = font('宋体')
const TITLE_FONT = font('方正小标宋简体')
const BODY_SIZE = 32 // half-points: 三号 (16pt)
const TITLE_SIZE = 44 // 二号 (22pt)
const PAGE_NUMBER_SIZE = 28 // 四号 (14pt)
const TABLE_SIZE = 24 // 小四 (12pt)
const LINE = { line: 560, lineRule: LineRuleType.EXACT } // 28pt: 22 lines of 28 characters
const INDENT = 640 // two characters of 三号
/** Text width of A4 with 28 mm + 26 mm margins, in twips. */
const TEXT_WIDTH = 11906 - 1587 - 1474

const clean = (s: string): string => stripControls(s)

/** A second-level heading run in at the start of a paragraph: （一）通过媒体宣传。 */
const LEAD = /^（[一二三四五六七八九十]+）[^。：]{1,24}[。：]/

export type { DocTable } from '../../shared/contract/reports'

export interface OfficialDoc {
  /** Document properties: title, and the hospital as the author. */
  title: string
  hospital: string
  subject: string
  paragraphs: DraftParagraph[]
  /** 附表 after a page break; empty blocks without `empty` text are left out, and so is the page break. */
  tables?: DocTable[]
  /** Shown as the author of the comments on paragraphs to confirm. */
  commentAuthor?: string
  /** When the comments were written (the handler's clock). */
  now?: Date
}

interface Comments {
  list: { id: number; author: string; date?: Date; children: Paragraph[] }[]
  author: string
  now?: Date
}

const CONFIRM_NOTE = '请核实：本段为通用表述，并非由台账数据生成，请按本院实际修改或删除。'

function run(text: string, o: { font?: ReturnType<typeof font>; size?: number; bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text: clean(text), font: o.font ?? FANGSONG, size: o.size ?? BODY_SIZE, bold: o.bold, color: o.color })
}

/** A body paragraph's runs: a run-in （一） heading in 楷体, then 仿宋; a paragraph to confirm carries a comment. */
function bodyRuns(p: DraftParagraph, comments: Comments): (TextRun | CommentRangeStart | CommentRangeEnd)[] {
  const lead = p.text.match(LEAD)?.[0] ?? ''
  const runs: TextRun[] = [...(lead ? [run(lead, { font: KAITI })] : []), run(p.text.slice(lead.length))]
  if (!p.confirm) return runs
  const id = comments.list.length
  comments.list.push({ id, author: comments.author, date: comments.now, children: [new Paragraph({ children: [new TextRun(CONFIRM_NOTE)] })] })
  return [new CommentRangeStart(id), ...runs, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })]
}

function paragraph(p: DraftParagraph, comments: Comments): Paragraph[] {
  switch (p.kind) {
    case 'title':
      // A title too long for one line is broken on purpose (单位 / 期间+文种): the draft puts '\n' where.
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 560, line: 700, lineRule: LineRuleType.EXACT },
          children: p.text.split('\n').map((line, i) => new TextRun({ text: clean(line), font: TITLE_FONT, size: TITLE_SIZE, break: i > 0 ? 1 : undefined }))
        })
      ]
    case 'heading':
      return [new Paragraph({ spacing: LINE, indent: { firstLine: INDENT }, keepNext: true, children: [run(p.text, { font: HEITI })] })]
    case 'note':
      return [new Paragraph({ spacing: LINE, indent: { firstLine: INDENT }, children: [run(p.text, { color: '595959' })] })]
    case 'sign':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: INDENT * 2 }, keepNext: true, children: [run(p.text)] })]
    default:
      return [new Paragraph({ spacing: LINE, indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED, children: bodyRuns(p, comments) })]
  }
}

/** The signature block follows one blank line (GB/T 9704 7.3.5). */
function withSignature(ps: DraftParagraph[], comments: Comments): Paragraph[] {
  const out: Paragraph[] = []
  ps.forEach((p, i) => {
    if (p.kind === 'sign' && ps[i - 1]?.kind !== 'sign') out.push(new Paragraph({ spacing: LINE, children: [run('')] }))
    out.push(...paragraph(p, comments))
  })
  return out
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const borders = { top: border, bottom: border, left: border, right: border }

function cell(text: string, width: number, o: { bold?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    children: [new Paragraph({ alignment: o.right ? AlignmentType.RIGHT : o.bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { size: TABLE_SIZE, bold: o.bold })] })]
  })
}

function table(t: DocTable): Table {
  const total = t.share.reduce((a, b) => a + b, 0)
  const widths = t.share.map((s) => Math.floor((TEXT_WIDTH * s) / total))
  const right = t.right ?? []
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.headers.map((h, i) => cell(h, widths[i], { bold: true })) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((x, i) => cell(x, widths[i], { right: right.includes(i) })) }))
    ]
  })
}

function appendix(t: DocTable, comments: Comments): (Paragraph | Table)[] {
  const heading = new Paragraph({ spacing: { before: 240, after: 240 }, keepNext: true, children: [run(t.heading, { font: HEITI })] })
  const intro = t.intro ? paragraph({ kind: 'body', key: 'intro', text: t.intro }, comments) : []
  if (t.rows.length) return [heading, ...intro, table(t)]
  return [heading, ...intro, ...paragraph({ kind: 'note', key: 'empty', text: t.empty ?? '' }, comments)]
}

/** `— 1 —` in 宋体 四号, one character in from the outer edge. */
function pageNumberFooter(alignment: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: alignment === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONGTI, size: PAGE_NUMBER_SIZE })]
      })
    ]
  })
}

export async function officialDocx(d: OfficialDoc): Promise<Buffer> {
  const comments: Comments = { list: [], author: d.commentAuthor ?? '宣传舆情工作台', now: d.now }
  const body = withSignature(d.paragraphs, comments)
  const tables = (d.tables ?? []).filter((t) => t.rows.length > 0 || t.empty)
  const appendixChildren = tables.flatMap((t) => appendix(t, comments))
  const doc = new Document({
    creator: clean(d.hospital),
    lastModifiedBy: clean(d.hospital),
    title: clean(d.title.replace(/\n/g, '')),
    subject: clean(d.subject),
    description: clean(`${d.hospital} ${d.subject}`),
    keywords: clean(d.hospital),
    evenAndOddHeaderAndFooters: true,
    comments: { children: comments.list },
    styles: { default: { document: { run: { font: FANGSONG, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1247 } } },
        footers: { default: pageNumberFooter(AlignmentType.RIGHT), even: pageNumberFooter(AlignmentType.LEFT) },
        children: [...body, ...(appendixChildren.length ? [new Paragraph({ children: [new PageBreak()] }), ...appendixChildren] : [])]
      }
    ]
  })
  return Packer.toBuffer(doc)
}
