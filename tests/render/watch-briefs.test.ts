// The demo desk's 舆情周报 for the week of the 医闹 incident and the 医闹 舆情专报, printed through LibreOffice
// (test-results/render/watch-weekly-*.png, watch-incident-*.png): A4 pages numbered — N —, the sections in order.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { freshDesk } from '../helpers/desk'
import { canRender, renderToPdf } from '../helpers/render'

function printed(name: string, base64: string) {
  const r = renderToPdf(name, Buffer.from(base64, 'base64'), { png: true, dpi: 80 })
  const text = spawnSync('pdftotext', ['-layout', r.pdf, '-'], { encoding: 'utf8' }).stdout
  const pages = text.split('\f').filter((p) => p.trim())
  expect(r.pngs).toHaveLength(r.pages)
  pages.forEach((p, i) => expect(p.replace(/ /g, '')).toContain(`—${i + 1}—`))
  const flat = text.replace(/\s+/g, '')
  return { pages: r.pages, at: (s: string) => flat.indexOf(s), flat }
}

const ascending = (xs: number[]) => xs.every((x, i) => x >= 0 && (i === 0 || x > xs[i - 1]))

describe.runIf(canRender())('the 舆情 reports, printed', () => {
  it('prints the 周报 of 5–11 June 2023 and the 医闹 专报 on a few numbered A4 pages', async () => {
    const d = freshDesk()
    try {
      await d.call('demo-seed', {})
      const weekly = await d.call('watch-brief-docx', { period: '2023-06-11', kind: 'weekly' })
      const w = printed('watch-weekly.docx', weekly.base64)
      console.log(`舆情周报（2023年6月5日至6月11日）: ${w.pages} pages`)
      expect(w.pages).toBeGreaterThanOrEqual(2)
      expect(w.pages).toBeLessThanOrEqual(4)
      expect(ascending(['舆情周报', '一、总体情况', '二、需关注舆情', '南和县人民医院发生医闹事件', '三、处置情况', '四、监测渠道运行情况', '五、研判意见', '附表1', '本期舆情分类统计'].map(w.at))).toBe(true)

      const { id, link } = d.ctx.desk.sqlite.prepare("SELECT id, link FROM mentions WHERE title LIKE '%医闹%'").get() as { id: number; link: string }
      // A 存证 made in the desktop app (the page image beside the HTML): the table's two long hashes must still fit.
      const hash = (c: string) => c.repeat(64)
      d.ctx.desk.sqlite.prepare(`INSERT INTO mention_snapshots (mention_id, url, final_url, status, fetched_at, content_type, html, html_sha256, title, text, text_sha256, actor,
        page_png, page_png_sha256, page_pdf, page_pdf_sha256) VALUES (?, ?, ?, 200, '2023-06-07T02:30:00.000Z', 'text/html', ?, ?, '', '正文', ?, '自动存证', ?, ?, ?, ?)`)
        .run(id, link, link, Buffer.from('<html></html>'), hash('a'), hash('b'), Buffer.from('png'), hash('c'), Buffer.from('%PDF-'), hash('d'))
      const incident = await d.call('watch-incident-docx', { id })
      const i = printed('watch-incident.docx', incident.base64)
      console.log(`舆情专报（医闹）: ${i.pages} pages`)
      expect(i.pages).toBeGreaterThanOrEqual(2)
      expect(i.pages).toBeLessThanOrEqual(3)
      expect(ascending(['舆情专报', '一、事件概况', '二、发现与传播情况', '三、研判与处置过程', '四、处置结果', '五、佐证材料', '佐证材料清单', '留存页面截图与整页PDF各1份（SHA-256见附表）', '附表佐证材料清单', '页面截图2023-06-0710:30', '页面PDF2023-06-0710:30'].map(i.at))).toBe(true)
    } finally {
      d.close()
    }
  }, 180_000)
})
