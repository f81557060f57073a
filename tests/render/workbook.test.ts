// The demo half-year's workbook printed through LibreOffice (DESK_RENDER=1): before the page setup it came to ~95
// pages with columns cut across pages; now each sheet prints one page wide.
//
// How a split is caught: the page header names each page's sheet (at its right), and the header row repeats on
// every page (print titles). A sheet whose columns ran over two pages would print pages without its first column
// and pages without its last, so every page must show both the sheet's first header and its last one (read from the
// header row down: the title and the note above it do not count). How small the print is: the page header's
// heading is the same text on every page, so its printed width against a one-column sheet printed at 100 % is the
// page's scale.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { canRender, renderToPdf, type Rendered } from '../helpers/render'
import { loadWorkbook, readSheet } from '../helpers/workbook'
import { renderReport } from '../../handlers/reports/render'
import { tablesXlsx } from '../../services/report/files'

const HEADING = '南和县人民医院2023年上半年宣传舆情统计'
/** LibreOffice here has no Calibri (the workbook's default font) and measures columns in a wider stand-in, so it
 *  prints smaller than Excel does; the figures below are LibreOffice's. */
const MIN_SCALE = 0.6

let d: TestDesk
let printed: Rendered
let headers: Map<string, string[]>
let pages: string[]

/** Each page's text (pdftotext -layout), and the printed width of a word on each page. */
function pdfPages(pdf: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
  expect(r.status, r.stderr).toBe(0)
  return r.stdout.split('\f').slice(0, -1)
}
function wordWidths(pdf: string, word: string): number[] {
  const r = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })
  return r.stdout.split('<page ').slice(1).map((page) => {
    const m = new RegExp(`<word xMin="([\\d.]+)" yMin="[\\d.]+" xMax="([\\d.]+)" yMax="[\\d.]+">${word}</word>`).exec(page)
    return m ? Number(m[2]) - Number(m[1]) : NaN
  })
}

describe.runIf(canRender())('the workbook printed', () => {
  beforeAll(async () => {
    d = freshDesk()
    await d.call('demo-seed', {})
    const bytes = Buffer.from((await renderReport(d.ctx, '2023H1', 'xlsx')).base64, 'base64')
    const wb = await loadWorkbook(bytes)
    headers = new Map(wb.worksheets.map((ws) => [ws.name, readSheet(ws).header]))
    printed = renderToPdf('workbook-2023H1.xlsx', bytes, { png: true })
    pages = pdfPages(printed.pdf)
  }, 120_000)
  afterAll(() => d?.close())

  it('prints far fewer pages than before, each one of a known sheet, every sheet in order', () => {
    console.log(`2023H1 workbook: ${printed.pages} pages (was ~95); PNGs: ${printed.pngs.length}`)
    expect(pages).toHaveLength(printed.pages)
    expect(printed.pages).toBeLessThan(45)
    const sheetOf = pages.map((p) => p.split('\n').find((l) => l.trim())!.trim().split(/\s+/).at(-1)!)
    expect([...new Set(sheetOf)]).toEqual([...headers.keys()])
  })

  it('never cuts a sheet’s columns across pages: every page shows its sheet’s first and last header', () => {
    const cut: string[] = []
    pages.forEach((page, i) => {
      const lines = page.split('\n')
      const sheet = lines.find((l) => l.trim())!.trim().split(/\s+/).at(-1)!
      const h = headers.get(sheet)!
      const from = lines.findIndex((l) => l.includes(h[0]))
      // The last header may wrap in its cell: its end is on the header row's last line, below the first header's.
      const last = h.at(-1)!.slice(-2)
      if (from < 0 || !lines.slice(from).join('\n').includes(last)) cut.push(`第${i + 1}页（${sheet}）缺少“${from < 0 ? h[0] : h.at(-1)}”列`)
    })
    expect(cut).toEqual([])
  })

  it('prints every sheet at 60 % or more', async () => {
    const one = await tablesXlsx([{ name: '校准', columns: [{ header: '序号', width: 10 }], rows: [[1]] }], { title: { heading: HEADING, subtitle: '' } })
    const full = wordWidths(renderToPdf('workbook-scale-100.xlsx', one).pdf, HEADING)[0]
    const widths = wordWidths(printed.pdf, HEADING)
    const scales = new Map<string, number>()
    pages.forEach((page, i) => {
      const sheet = page.split('\n').find((l) => l.trim())!.trim().split(/\s+/).at(-1)!
      if (!scales.has(sheet)) scales.set(sheet, Math.round((widths[i] / full) * 100) / 100)
    })
    console.log(`scale per sheet: ${[...scales].map(([s, x]) => `${s} ${Math.round(x * 100)}%`).join('，')}`)
    expect(scales.size).toBe(headers.size)
    for (const [sheet, scale] of scales) expect(scale, sheet).toBeGreaterThanOrEqual(MIN_SCALE)
  })
})
