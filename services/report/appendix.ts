// The 附表 of the Word draft: every figure grouped by the section of the report it belongs to, in report order, each
// with its own unit; every quota with 达标 / 未达标; the 佐证材料; each month's sign-off. An empty 附表 is left out
// and the others are numbered as they come. Pure: the figure set and rows in, tables out (services/report/docx.ts).
import type { DocTable } from './docx'
import type { Cell, Table as RowTable } from './tables'
import type { EvidenceItem, Figure, FigureSet } from '../../shared/contract/reports'
import { channelLabel } from '../../shared/channels'
import { readQuota } from '../../shared/tally-reading'
import { QUOTA_PERIODS } from '../../shared/contract/quotas'

/** The report's sections in order, as the appendix names them. */
const SECTIONS = ['总体情况', '组织领导', '理论学习', '舆论引导', '社会文明', '民族团结', '作风建设', '舆情研判', '阵地管理', '按主题', '按科室'] as const
type SectionName = (typeof SECTIONS)[number]

const CHANNEL_SECTION: Record<string, SectionName> = { event: '社会文明', meeting: '理论学习', honor: '作风建设' }
const GROUP_SECTION: Partial<Record<Figure['group'], SectionName>> = {
  total: '总体情况', submissions: '舆论引导', newMedia: '舆论引导', inHouse: '舆论引导', print: '舆论引导', event: '社会文明',
  ethnic: '民族团结', meeting: '理论学习', honor: '作风建设', mentions: '舆情研判', accounts: '阵地管理', theme: '按主题', department: '按科室'
}

/** Which section of the report a figure belongs to (null: a quota, listed in its own 附表). */
export function figureSection(f: Figure): SectionName | null {
  if (f.group === 'quota') return null
  if (f.key === 'kind.meeting.意识形态教育会') return '组织领导'
  const channel = f.key.match(/^(?:channel|kind)\.([a-z_]+)\./)?.[1]
  if (f.group === 'channel') return (channel && CHANNEL_SECTION[channel]) || '舆论引导'
  return GROUP_SECTION[f.group] ?? '总体情况'
}

const cellText = (c: Cell): string => (c === null ? '' : typeof c === 'object' ? ('date' in c ? c.date : c.dateTime) : String(c))
/** The sign-off columns Word has room for: 月份, 签阅情况, 签阅人, 签阅日期, 签阅后变动的数字. */
const SIGNOFF_COLUMNS = [0, 1, 3, 4, 5]

export interface AppendixInput {
  set: FigureSet
  evidence: readonly EvidenceItem[]
  /** The 签阅情况 table (services/report/signoffs.ts) and the sentence saying which figures the draft uses. */
  signoffs: RowTable
  basis: string
}

export function appendixTables({ set, evidence, signoffs, basis }: AppendixInput): DocTable[] {
  // Zeros are left out here as in the draft; the workbook and the CSV keep every figure.
  const shown = set.figures.filter((f) => f.value !== 0 && figureSection(f) !== null)
  const figureRows = SECTIONS.flatMap((s) => shown.filter((f) => figureSection(f) === s).map((f) => [s, f.label, String(f.value), f.unit]))
  const quotaRows = set.quotas.map((q) => {
    const r = readQuota(q, set.period.code)
    // 达标 / 未达标 first, then why (a weekly quota can miss with more done in all: 25周中有2周不足1条)
    const verdict = r.state === 'met' ? '达标' : r.state === 'short' ? r.verdict.replace(/\s+/g, '') : '不单独考核'
    return [q.label, QUOTA_PERIODS[q.period], r.state === 'unjudged' ? `每期 ${q.perPeriod}` : String(q.target), String(q.actual), q.unit, verdict]
  })
  const evidenceRows = evidence.map((e, i) => [String(i + 1), e.fileName, e.title, channelLabel(e.channel), e.date])
  const signoffRows = signoffs.rows.map((r) => SIGNOFF_COLUMNS.map((i) => (i === 1 && r[2] !== null ? `${cellText(r[1])}（第${cellText(r[2])}版）` : cellText(r[i]))))
  const tables: (Omit<DocTable, 'heading'> & { title: string })[] = [
    { title: `${set.period.label}主要数据一览`, headers: ['板块', '统计项', '数值', '单位'], rows: figureRows, share: [2, 6, 2, 1], right: [2] },
    { title: '工作指标完成情况', headers: ['指标', '周期', '目标', '完成', '单位', '结果'], rows: quotaRows, share: [5, 1.6, 1.4, 1.4, 1.4, 4.5], right: [2, 3] },
    { title: `佐证材料清单（${evidence.length}件）`, headers: ['序号', '文件名', '台账记录', '渠道', '日期'], rows: evidenceRows, share: [1, 5, 6, 2, 2] },
    { title: '各月统计数字签阅情况', intro: basis || undefined, headers: SIGNOFF_COLUMNS.map((i) => signoffs.columns[i].header), rows: signoffRows, share: [1.6, 3, 2, 3, 5] }
  ]
  return tables.filter((t) => t.rows.length > 0).map(({ title, ...t }, i) => ({ heading: `附表${i + 1}：${title}`, ...t }))
}
