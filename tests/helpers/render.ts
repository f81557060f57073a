// What the office prints: a .docx or .xlsx through LibreOffice headless to PDF, its page count, and PNG pages to
// look at. Each conversion gets its own LibreOffice profile, so test files converting at once do not collide.
// Used only by tests/render (run once, not per time zone: scripts/test.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'

export const SCREENSHOTS = join(process.cwd(), 'test-results', 'render')

export const canRender = (): boolean => spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0

export interface Rendered {
  pdf: string
  pages: number
  /** PNG files of the pages, in order (only when asked for). */
  pngs: string[]
}

/** Write `bytes` as `name` under test-results/render, convert it to PDF, count the pages, optionally draw them. */
export function renderToPdf(name: string, bytes: Buffer, o: { png?: boolean; dpi?: number } = {}): Rendered {
  mkdirSync(SCREENSHOTS, { recursive: true })
  const file = join(SCREENSHOTS, name)
  writeFileSync(file, bytes)
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'))
  try {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', SCREENSHOTS, file], { encoding: 'utf8', timeout: 180_000 })
    const pdf = join(SCREENSHOTS, `${basename(name, extname(name))}.pdf`)
    if (r.status !== 0 || !existsSync(pdf)) throw new Error(`LibreOffice 转换失败：${r.stderr || r.stdout}`)
    const pages = pdfPages(pdf)
    const pngs: string[] = []
    if (o.png) {
      const prefix = join(SCREENSHOTS, basename(name, extname(name)))
      const stale = (f: string) => f.startsWith(`${basename(prefix)}-`) && f.endsWith('.png')
      for (const f of readdirSync(SCREENSHOTS).filter(stale)) rmSync(join(SCREENSHOTS, f)) // an earlier, longer render's pages
      const p = spawnSync('pdftoppm', ['-png', '-r', String(o.dpi ?? 60), pdf, prefix], { encoding: 'utf8', timeout: 180_000 })
      if (p.status !== 0) throw new Error(`pdftoppm 失败：${p.stderr}`)
      const stem = basename(prefix)
      pngs.push(...readdirSync(SCREENSHOTS).filter((f) => f.startsWith(`${stem}-`) && f.endsWith('.png')).sort().map((f) => join(SCREENSHOTS, f)))
    }
    return { pdf, pages, pngs }
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
}

/** Pages of a PDF: pdfinfo when present, else the /Type /Page objects. */
export function pdfPages(pdf: string): number {
  const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const m = info.status === 0 ? info.stdout.match(/^Pages:\s+(\d+)/m) : null
  if (m) return Number(m[1])
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length
}
