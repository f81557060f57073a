// Which column of an export is which: the header row (the back office puts a title and the statistics period
// above the table), the platform it came from, and each header's field — the officer's choice first, then the
// mapping confirmed for a file with these very headers, then the alias table. Then the rows as plain values, each
// bad cell named by row and column. Pure.
import { createHash } from 'node:crypto'
import { PLATFORM_ALIASES } from './aliases'
import { normalizeHeader } from '../ledger/template'
import { cellText, columnLetter, parseCountCell, parseDateCell, type CellValue } from '../ledger/cells'
import {
  STAT_PLATFORMS, statFieldLabel, platformCounts,
  type StatCount, type StatField, type StatPlatform, type StatRowBase, type StatRowError
} from '../../shared/contract/ledger-stats'

export type StatMapping = Record<string, StatField | ''>

/** How many of the first rows may sit above the header (title, 统计时间, a blank line …). */
const HEADER_SCAN = 15
const NO_FIGURE = /^[-－—–]{1,2}$/
/** A 合计/总计 line at the foot of some exports: not a post. */
const TOTAL_ROW = /^(合计|总计|汇总|total)$/i

/** The fields a platform's file can fill, in the dialog's order. */
export function platformFields(p: StatPlatform): StatField[] {
  return ['title', 'date', ...platformCounts(p)]
}

/** Each field → the header it is suggested from: the best-ranked alias the header row has. */
export function suggestMapping(headers: string[], p: StatPlatform): StatMapping {
  const normal = headers.map((h) => normalizeHeader(h.trim()))
  const out: StatMapping = {}
  for (const h of headers) if (h.trim()) out[h.trim()] = ''
  for (const field of platformFields(p)) {
    for (const alias of PLATFORM_ALIASES[p][field] ?? []) {
      const i = normal.indexOf(normalizeHeader(alias))
      if (i >= 0 && out[headers[i].trim()] === '') {
        out[headers[i].trim()] = field
        break
      }
    }
  }
  return out
}

const mappedCount = (m: StatMapping): number => Object.values(m).filter(Boolean).length
const canMatch = (m: StatMapping): boolean => {
  const v = Object.values(m)
  return v.includes('title') && v.includes('date')
}

/** The header's place and the platform it reads best as (the officer's platform, when named). */
export function findHeader(rows: CellValue[][], platform?: StatPlatform): { headerRow: number; platform: StatPlatform; score: number } {
  let best = { headerRow: 0, platform: platform ?? ('wechat' as StatPlatform), score: -1 }
  for (let r = 0; r < Math.min(rows.length, HEADER_SCAN); r++) {
    const headers = rows[r].map(cellText)
    for (const p of platform ? [platform] : STAT_PLATFORMS) {
      const m = suggestMapping(headers, p)
      const score = (canMatch(m) ? 100 : 0) + mappedCount(m)
      if (score > best.score) best = { headerRow: r, platform: p, score }
    }
    if (best.score >= 100 && best.headerRow === r) break // the first row that names 标题 and 日期 is the header
  }
  return best
}

/** Which headers a file has, whatever their order or spacing: the key its confirmed mapping is remembered by. */
export function headerSignature(p: StatPlatform, headers: string[]): string {
  const names = [...new Set(headers.map((h) => normalizeHeader(h.trim())).filter(Boolean))].sort()
  return `${p}:${createHash('sha256').update(names.join('\u0001')).digest('hex').slice(0, 16)}`
}

/** The officer's choice over the remembered mapping over the suggestion; fields the platform lacks are not read. */
export function resolveMapping(headers: string[], p: StatPlatform, chosen: StatMapping, remembered: StatMapping | undefined): StatMapping {
  const allowed = new Set<string>(platformFields(p))
  const base = remembered ? Object.fromEntries(headers.filter((h) => h.trim()).map((h) => [h.trim(), remembered[normalizeHeader(h.trim())] ?? ''])) : suggestMapping(headers, p)
  const out: StatMapping = {}
  for (const [h, f] of Object.entries(base)) out[h] = h in chosen ? chosen[h] : f
  for (const h of Object.keys(out)) if (out[h] && !allowed.has(out[h])) out[h] = ''
  return out
}

/** A confirmed mapping as remembered: by normalized header, so 发表时间 and “发表时间 ” are one. */
export function mappingToRemember(m: StatMapping): StatMapping {
  return Object.fromEntries(Object.entries(m).map(([h, f]) => [normalizeHeader(h), f]))
}

export interface ReadRows {
  rows: StatRowBase[]
  errors: StatRowError[]
  missing: StatField[]
  problems: string[]
  count: number
}

/** The data rows below the header as plain values; a bad date or figure is an error naming its row and column. */
export function readRows(sheetRows: CellValue[][], headerRow: number, headers: string[], mapping: StatMapping, p: StatPlatform, date1904: boolean): ReadRows {
  const index: Partial<Record<StatField, number>> = {}
  const problems: string[] = []
  headers.forEach((raw, i) => {
    const f = mapping[raw.trim()]
    if (!f) return
    if (index[f] !== undefined) {
      problems.push(`${columnLetter(index[f]!)} 列“${headers[index[f]!].trim()}”和 ${columnLetter(i)} 列“${raw.trim()}”都对应“${statFieldLabel(p, f)}”，请把其中一列设为“不导入”`)
      return
    }
    index[f] = i
  })
  const counts = platformCounts(p).filter((c) => index[c] !== undefined)
  const missing: StatField[] = (['title', 'date'] as const).filter((f) => index[f] === undefined)
  if (counts.length === 0) missing.push(...platformCounts(p))
  const out: ReadRows = { rows: [], errors: [], missing, problems, count: 0 }
  if (missing.length) return out
  const name = (i: number) => ({ column: headers[i].trim(), letter: columnLetter(i) })
  for (let r = headerRow + 1; r < sheetRows.length; r++) {
    const cells = sheetRows[r] ?? []
    if (cells.every((v) => cellText(v) === '')) continue
    const row = r + 1
    const title = cellText(cells[index.title!] ?? null)
    const dateCell = cells[index.date!] ?? null
    if (TOTAL_ROW.test(title.replace(/\s/g, '')) && cellText(dateCell) === '') continue
    out.count++
    const bad = out.errors.length
    if (!title) out.errors.push({ row, ...name(index.title!), message: '标题为空，无法与台账对应' })
    const d = parseDateCell(dateCell, date1904)
    if ('error' in d) out.errors.push({ row, ...name(index.date!), message: d.error })
    const values: Partial<Record<StatCount, number>> = {}
    for (const c of counts) {
      const cell = cells[index[c]!] ?? null
      // The back office prints “-” where it has no figure (a post too new, a field it did not count then).
      const v = NO_FIGURE.test(cellText(cell)) ? { value: null } : parseCountCell(cell)
      if ('error' in v) out.errors.push({ row, ...name(index[c]!), message: `${statFieldLabel(p, c)}：${v.error}` })
      else if (v.value !== null) values[c] = v.value
    }
    if (out.errors.length === bad && 'date' in d) out.rows.push({ row, title, date: d.date, counts: values })
  }
  return out
}
