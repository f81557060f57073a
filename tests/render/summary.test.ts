// The demo desk's 2023H1 意识形态工作总结 printed through LibreOffice: the pages an officer would hold beside seed 004
// (test-results/render/summary-2023H1-*.png), with the page numbers and the outline where the XML says they are.
import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { freshDesk } from '../helpers/desk'
import { canRender, renderToPdf } from '../helpers/render'
import { finishedJob } from '../../handlers/jobs/runner'
import type { ReportFile } from '../../shared/contract/reports'

describe.runIf(canRender())('the half-year summary, printed', () => {
  it('prints the demo 2023H1 draft on a few A4 pages numbered — N — with the outline in order', async () => {
    const d = freshDesk({ now: new Date('2023-07-05T02:00:00Z') })
    try {
      await d.call('demo-seed', {})
      const { jobId } = await d.call('report-export-start', { period: '2023H1', format: 'docx' })
      const file = (await finishedJob(d.ctx, jobId)).result as ReportFile
      const r = renderToPdf('summary-2023H1.docx', Buffer.from(file.base64, 'base64'), { png: true })
      console.log(`2023H1 意识形态工作总结: ${r.pages} pages`)
      expect(r.pages).toBeGreaterThanOrEqual(5)
      expect(r.pages).toBeLessThanOrEqual(14)
      expect(r.pngs).toHaveLength(r.pages)
      const text = spawnSync('pdftotext', ['-layout', r.pdf, '-'], { encoding: 'utf8' }).stdout
      const pages = text.split('\f').filter((p) => p.trim())
      pages.forEach((p, i) => expect(p.replace(/ /g, "")).toContain(`—${i + 1}—`))
      const flat = text.replace(/\s+/g, '')
      const at = (s: string) => flat.indexOf(s)
      const order = ['加强组织领导', '强化理论学习', '抓好舆论引导', '弘扬社会文明', '促进民族团结', '加强作风建设', '加强网络舆情监测', '阵地管理', '存在的问题', '下一步工作打算', '附表1']
      expect(order.map(at).every((x, i, xs) => x >= 0 && (i === 0 || x > xs[i - 1]))).toBe(true)
    } finally {
      d.close()
    }
  }, 180_000)
})
