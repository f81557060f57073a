// 存证's page image: the stored page bytes laid out as a browser shows them — its first screen as a PNG and the
// whole page as a PDF — kept with their SHA-256 beside the raw HTML and the text. Only a browser engine can lay a
// page out, so the renderer is a capability of the host: the Electron shell (electron/main/page-image.ts) renders in
// an offscreen window with scripts off and no network at all — the page's own address answers with the bytes
// already stored, every other request is refused — so the image is of exactly the bytes the hash is of. Browser
// mode and the CLI have no renderer; their snapshots say so (NO_RENDERER_NOTE) and keep the HTML and text.

export interface PageToRender {
  /** The address the page answered from (its relative links and charset rules resolve against it). */
  url: string
  /** The stored bytes, exactly as fetched. */
  html: Buffer
  /** The Content-Type it came with (its charset decides how the bytes are read). */
  contentType: string | null
}

export interface PageImage {
  png: Buffer
  pdf: Buffer
}

export interface PageRenderer {
  /** Rejects when the page cannot be laid out within `timeoutMs`; never fetches anything. */
  render(page: PageToRender, timeoutMs: number): Promise<PageImage>
}

export const PAGE_RENDER_TIMEOUT_MS = 30_000
export const NO_RENDERER_NOTE = '页面图像只在桌面程序中生成：浏览器模式和命令行保存原始网页与正文'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Is this what a renderer must return: a PNG and a PDF, both with content? Anything else is not kept as evidence. */
export function imageProblem(image: PageImage): string | null {
  if (!Buffer.isBuffer(image.png) || image.png.length <= PNG_SIGNATURE.length || !image.png.subarray(0, 8).equals(PNG_SIGNATURE)) return '页面截图为空或不是 PNG 图像'
  if (!Buffer.isBuffer(image.pdf) || image.pdf.length < 16 || image.pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return '页面 PDF 为空或不是 PDF 文件'
  return null
}

/** Why a page could not be laid out, in Chinese, for the snapshot's note. */
export function renderFailureNote(e: unknown): string {
  const why = e instanceof Error ? e.message : String(e)
  return `页面图像未能生成（${why.slice(0, 200)}）：原始网页与正文已保存`
}

/** `work`, or a rejection with `message` once `ms` have passed (the timer is cleared either way). */
export function withinDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
