// 存证's page image (services/watch/page-image.ts): with a renderer (the Electron shell's offscreen window; here one
// that records what it was given) the PNG and PDF are laid out from exactly the bytes stored, kept in the same row
// with their SHA-256, audited, downloadable and listed in the 专报; a renderer that fails, hangs or returns
// something else costs the image only; browser mode says why there is none. The renderer also works across the
// desk's thread, as it does in the app (the window is in the main process, the desk in its thread).
import { createHash } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { takeSnapshot } from '../../handlers/mentions/snapshot'
import { NO_RENDERER_NOTE, type PageImage, type PageRenderer, type PageToRender } from '../../services/watch/page-image'
import { remotePages, serveRemotePages } from '../../handlers/worker/remote-pages'
import { startDesk, type DeskClient } from '../../handlers/worker/client'
import { newSession, openContext } from '../../handlers/context'
import type { FromDesk, ToDesk } from '../../handlers/worker/protocol'
import type { MentionDetail } from '../../shared/contract/mentions'
import { linkedMention, rows, usePageServer, watchDesk, type WatchDesk } from './watch-helpers'

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>网友反映急诊排队过久</title></head><body><article><p>6月1日上午，有网友发帖称，黄平县中医医院急诊科候诊人数较多，部分患者排队超过两个小时。</p><p>医院表示已临时抽调医生支援急诊，并将优化分诊流程。</p></article></body></html>'
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('首屏像素')])
const PDF = Buffer.from('%PDF-1.7\n整页内容\n%%EOF')
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

const pages = usePageServer((req, res) => {
  if (req.url === '/article.html') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE)
  res.writeHead(404).end()
})

let d: WatchDesk | null = null
let threadDesk: DeskClient | null = null
afterEach(async () => {
  d?.close()
  d = null
  await threadDesk?.close()
  threadDesk = null
})

/** A renderer that keeps what it was asked to lay out and answers with `answer`. */
function recorder(answer: (page: PageToRender) => Promise<PageImage> = async () => ({ png: PNG, pdf: PDF })) {
  const asked: { url: string; html: Buffer; contentType: string | null; timeoutMs: number }[] = []
  const renderer: PageRenderer = {
    render: (page, timeoutMs) => {
      asked.push({ ...page, timeoutMs })
      return answer(page)
    }
  }
  return { renderer, asked }
}

const mentionAt = (desk: { desk: WatchDesk['ctx']['desk']; now: () => Date }, path: string): number =>
  linkedMention(desk.desk, `${pages.base}${path}`, desk.now().toISOString())

describe('存证 with a page renderer', () => {
  it('lays out exactly the stored bytes; the PNG and PDF are kept with their SHA-256, audited, downloadable and in the 专报', async () => {
    d = await watchDesk()
    const { renderer, asked } = recorder()
    d.ctx.pages = renderer
    const id = mentionAt(d.ctx, '/article.html')
    const detail = await d.call('mention-snapshot', { id })

    expect(asked.map((a) => [a.url, a.html.toString('utf8'), a.contentType])).toEqual([[`${pages.base}/article.html`, PAGE, 'text/html; charset=utf-8']])
    const [row] = rows<{ page_png: Buffer; page_png_sha256: string; page_pdf: Buffer; page_pdf_sha256: string; page_note: string | null; html_sha256: string }>(
      d, 'SELECT page_png, page_png_sha256, page_pdf, page_pdf_sha256, page_note, html_sha256 FROM mention_snapshots WHERE mention_id = ?', id)
    expect([Buffer.compare(row.page_png, PNG), Buffer.compare(row.page_pdf, PDF), row.page_png_sha256, row.page_pdf_sha256, row.page_note]).toEqual([0, 0, sha(PNG), sha(PDF), null])

    const [shown] = detail.snapshots
    expect([shown.pagePngSha256, shown.pagePdfSha256, shown.pagePngBytes, shown.pagePdfBytes, shown.pageNote]).toEqual([sha(PNG), sha(PDF), PNG.length, PDF.length, null])
    expect(JSON.stringify(detail)).not.toContain(PNG.toString('base64')) // the image is only ever downloaded

    const png = await d.call('mention-snapshot-page', { id, snapshotId: shown.id, format: 'png' })
    const pdf = await d.call('mention-snapshot-page', { id, snapshotId: shown.id, format: 'pdf' })
    expect([Buffer.from(png.base64, 'base64').equals(PNG), Buffer.from(pdf.base64, 'base64').equals(PDF)]).toEqual([true, true])
    expect([png.fileName, pdf.fileName]).toEqual([
      `页面截图-舆情${id}-20240601-120000-${sha(PNG).slice(0, 8)}.png`, `页面-舆情${id}-20240601-120000-${sha(PDF).slice(0, 8)}.pdf`
    ])

    const [audit] = rows<{ changes: string }>(d, "SELECT changes FROM audit_log WHERE action = 'snapshot' AND entity_id = ?", String(id))
    expect(JSON.parse(audit.changes)).toMatchObject({ htmlSha256: row.html_sha256, pagePngSha256: sha(PNG), pagePdfSha256: sha(PDF) })

    const file = await d.call('watch-incident-docx', { id })
    const xml = await (await JSZip.loadAsync(Buffer.from(file.base64, 'base64'))).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain(`首屏截图PNG（SHA-256：${sha(PNG)}）`)
    expect(text).toContain(`整页PDF（SHA-256：${sha(PDF)}）`)
    expect(text).toContain('并由存证网页排版留存页面截图与整页PDF各1份（SHA-256见附表）')
    expect(text).toContain('原始网页、正文与页面图像均已留存于本系统')
  })

  it('a renderer that fails, hangs or returns no image costs the image only: the snapshot keeps its HTML and text and says why', async () => {
    d = await watchDesk()
    const cases: [string, PageRenderer['render'], string][] = [
      ['throws', async () => { throw new Error('排版进程崩溃') }, '页面图像未能生成（排版进程崩溃）：原始网页与正文已保存'],
      ['hangs', () => new Promise<PageImage>(() => {}), '页面图像未能生成（超过 0.1 秒仍未排版完成）：原始网页与正文已保存'],
      ['not a PNG', async () => ({ png: Buffer.from('<html>'), pdf: PDF }), '页面图像未能生成（页面截图为空或不是 PNG 图像）：原始网页与正文已保存'],
      ['not a PDF', async () => ({ png: PNG, pdf: Buffer.alloc(0) }), '页面图像未能生成（页面 PDF 为空或不是 PDF 文件）：原始网页与正文已保存']
    ]
    for (const [what, render, note] of cases) {
      d.ctx.pages = { render }
      const id = mentionAt(d.ctx, '/article.html')
      const r = await takeSnapshot(d.ctx, id, '测试干事', { renderTimeoutMs: 100 })
      expect(r.ok, what).toBe(true)
      const detail = await d.call('mention-get', { id })
      const [s] = detail.snapshots
      expect([s.htmlBytes, s.text.length > 0, s.pagePngSha256, s.pagePdfSha256, s.pageNote], what).toEqual([Buffer.byteLength(PAGE), true, null, null, note])
      const png = await d.invoke('mention-snapshot-page', { id, snapshotId: s.id, format: 'png' })
      expect(!png.ok && png.error.message, what).toBe(`舆情 ${id} 的第 ${s.id} 号存证没有页面截图`)
    }
  })

  it('browser mode and the CLI have no renderer: the snapshot says the image is made in the desktop app', async () => {
    d = await watchDesk()
    const id = mentionAt(d.ctx, '/article.html')
    const detail = await d.call('mention-snapshot', { id })
    expect([detail.snapshots[0].pageNote, detail.snapshots[0].pagePngSha256]).toEqual([NO_RENDERER_NOTE, null])
    const [audit] = rows<{ changes: string }>(d, "SELECT changes FROM audit_log WHERE action = 'snapshot' AND entity_id = ?", String(id))
    expect(JSON.parse(audit.changes)).toMatchObject({ pageNote: NO_RENDERER_NOTE })
  })
})

describe('the renderer across the desk thread', () => {
  it('carries the bytes out and the PNG and PDF back, a failure as its message, each answer to its own request', async () => {
    let toHost: (m: FromDesk) => void = () => {}
    const thread = remotePages((m) => toHost(m))
    const host = serveRemotePages({
      render: async (page) => {
        if (page.url.endsWith('/bad')) throw new Error('窗口无法打开')
        return { png: Buffer.concat([PNG, Buffer.from(page.url)]), pdf: PDF }
      }
    }, (m: ToDesk) => thread.receive(m))
    toHost = host
    const page = (url: string) => ({ url, html: Buffer.from(PAGE), contentType: 'text/html' })
    const [a, b, bad] = await Promise.allSettled([thread.renderer.render(page('https://a/1'), 1000), thread.renderer.render(page('https://a/2'), 1000), thread.renderer.render(page('https://a/bad'), 1000)])
    expect(a.status === 'fulfilled' && a.value.png.subarray(PNG.length).toString()).toBe('https://a/1')
    expect(b.status === 'fulfilled' && b.value.png.subarray(PNG.length).toString()).toBe('https://a/2')
    expect(bad.status === 'rejected' && (bad.reason as Error).message).toBe('窗口无法打开')
  })

  it('a 存证 asked of the desk in its thread is laid out by the host’s renderer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'page-image-'))
    const file = join(dir, 'desk.sqlite')
    const setup = openContext({ dbFile: file })
    const id = mentionAt(setup, '/article.html')
    setup.desk.close()
    const { renderer, asked } = recorder()
    threadDesk = await startDesk({ dbFile: file, pages: renderer })
    const s = newSession()
    const admin = await threadDesk.call(s, 'session-setup-first-admin', { name: '线程管理员', password: 'thread-口令-2023', officer: true })
    expect(admin.ok).toBe(true)
    const r = await threadDesk.call(s, 'mention-snapshot', { id })
    expect(r.ok).toBe(true)
    const [shown] = (r as { value: MentionDetail }).value.snapshots
    expect([asked.length, asked[0]?.html.toString('utf8'), shown.pagePngSha256, shown.pagePdfSha256]).toEqual([1, PAGE, sha(PNG), sha(PDF)])
  })
})
