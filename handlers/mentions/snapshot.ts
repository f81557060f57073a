// 存证: a mention's article page fetched through the desk's own fetcher (deadline, size cap, http/https redirects
// only), its readable text extracted without running anything (services/watch/snapshot.ts), in the Electron shell
// its image laid out from the same bytes (services/watch/page-image.ts), and the raw bytes, the text, the image and
// their SHA-256 kept in one row. On request (mention-snapshot) or after a poll for each mention that became
// 较大/重大 (startAutoSnapshots): that follow-up runs after the poll has answered and can never fail it.
import { fetchFeed } from '../../services/feeds/fetcher'
import { PAGE_MAX_BYTES, extractPage, pageFetchMessage, sha256 } from '../../services/watch/snapshot'
import { getMention } from '../../db/queries/mentions'
import { insertSnapshot, mentionsWithSnapshot, recordSnapshotFailure, snapshotHtml, snapshotPage, type NewSnapshot } from '../../db/queries/snapshots'
import { NO_RENDERER_NOTE, PAGE_RENDER_TIMEOUT_MS, imageProblem, renderFailureNote, withinDeadline, type PageToRender } from '../../services/watch/page-image'
import { recordAudit } from '../../db/queries/audit'
import { durationText } from '../../services/feeds/messages'
import { safeWebLink } from '../../shared/watch'
import { chinaClock } from '../../shared/dates'
import type { FilePayload } from '../../shared/contract/ledger'
import type { Desk } from '../../db/open'
import type { Ctx } from '../context'

export const AUTO_ACTOR = '自动存证'
export const PAGE_TIMEOUT_MS = 20_000
/** At most this many automatic 存证 per poll: a burst of 重大 stories must not turn a poll into a crawl. */
export const AUTO_PER_POLL = 10

export interface SnapshotOptions {
  timeoutMs?: number
  maxBytes?: number
  /** Deadline of the page image (PAGE_RENDER_TIMEOUT_MS). */
  renderTimeoutMs?: number
}

export type SnapshotOutcome = { ok: true; id: number } | { ok: false; message: string }

/** Fetches and stores one snapshot. Never throws for anything the page or the network does. */
export async function takeSnapshot(ctx: Ctx, mentionId: number, actor: string, o: SnapshotOptions = {}): Promise<SnapshotOutcome> {
  const m = getMention(ctx.desk.db, mentionId)
  if (!m) return { ok: false, message: `找不到编号为 ${mentionId} 的舆情，可能已被删除` }
  const url = safeWebLink(m.link)
  const timeoutMs = o.timeoutMs ?? PAGE_TIMEOUT_MS
  const maxBytes = o.maxBytes ?? PAGE_MAX_BYTES
  const failed = (message: string): SnapshotOutcome => {
    ctx.desk.tx(() => recordSnapshotFailure(ctx.desk.db, { mentionId, at: ctx.now().toISOString(), url: m.link, message }))
    return { ok: false, message }
  }
  if (!url) return failed(m.link ? '页面无法访问：原文链接不是 http/https 地址，无法存证' : '此舆情没有原文链接，无法存证')
  const r = await fetchFeed(ctx.http, { url, timeoutMs, maxBytes }, () => ctx.now().getTime())
  if (r.kind === 'not-modified') return failed('页面无法访问：网站回复“内容未变化”却没有给出网页') // never asked for: no validators sent
  if (r.kind === 'error') return failed(pageFetchMessage(r, { timeoutMs, maxBytes }))
  let page
  try {
    page = extractPage(r.body, r.contentType)
  } catch (e) {
    console.error(e)
    return failed('页面无法读取：网页内容无法解析，已记录日志')
  }
  const at = ctx.now().toISOString()
  const image = await pageImage(ctx, { url: r.finalUrl, html: r.body, contentType: r.contentType }, o.renderTimeoutMs ?? PAGE_RENDER_TIMEOUT_MS)
  const row = ctx.desk.tx(() => {
    const s = insertSnapshot(ctx.desk.db, {
      mentionId, url, finalUrl: r.finalUrl, status: r.status, fetchedAt: at, contentType: r.contentType, html: r.body,
      htmlSha256: sha256(r.body), title: page.title, text: page.text, textSha256: sha256(page.text), actor, ...image
    })
    recordAudit(ctx.desk.db, {
      at, actor, action: 'snapshot', entity: 'mention', entityId: mentionId,
      changes: { url: r.finalUrl, htmlSha256: s.htmlSha256, textSha256: s.textSha256, ...(s.pagePngSha256 ? { pagePngSha256: s.pagePngSha256, pagePdfSha256: s.pagePdfSha256 } : { pageNote: s.pageNote }) }
    })
    return s
  })
  return { ok: true, id: row.id }
}

type ImageColumns = Pick<NewSnapshot, 'pagePng' | 'pagePngSha256' | 'pagePdf' | 'pagePdfSha256' | 'pageNote'>

/**
 * The page laid out by the host's renderer (the Electron shell), or the note saying why there is no image. A
 * renderer that fails, hangs past the deadline or returns something that is not a PNG and a PDF costs the image
 * only: the snapshot keeps its HTML and text.
 */
async function pageImage(ctx: Ctx, page: PageToRender, timeoutMs: number): Promise<ImageColumns> {
  const none = (pageNote: string): ImageColumns => ({ pagePng: null, pagePngSha256: null, pagePdf: null, pagePdfSha256: null, pageNote })
  if (!ctx.pages) return none(NO_RENDERER_NOTE)
  try {
    const image = await withinDeadline(ctx.pages.render(page, timeoutMs), timeoutMs, `超过 ${durationText(timeoutMs)}仍未排版完成`)
    const problem = imageProblem(image)
    if (problem) return none(renderFailureNote(new Error(problem)))
    return { pagePng: image.png, pagePngSha256: sha256(image.png), pagePdf: image.pdf, pagePdfSha256: sha256(image.pdf), pageNote: null }
  } catch (e) {
    return none(renderFailureNote(e))
  }
}

// Automatic 存证 still under way, per open database: tests (and a transport closing the desk) can wait for them.
const pending = new WeakMap<Desk, Set<Promise<void>>>()
const running = new WeakMap<Desk, Set<number>>()

/**
 * Starts 存证 for mentions a poll graded 较大/重大 that have none yet, one page at a time, and returns at once.
 * Failures are kept per mention (shown with 重试 in the detail); nothing here reaches the poll's result.
 */
export function startAutoSnapshots(ctx: Ctx, mentionIds: number[], o: SnapshotOptions = {}): void {
  let busy = running.get(ctx.desk)
  if (!busy) running.set(ctx.desk, (busy = new Set()))
  const claimed = busy
  const fresh = [...new Set(mentionIds)].filter((id) => !claimed.has(id))
  const have = mentionsWithSnapshot(ctx.desk.db, fresh)
  const todo = fresh.filter((id) => !have.has(id)).slice(0, AUTO_PER_POLL)
  if (todo.length === 0) return
  todo.forEach((id) => claimed.add(id))
  let set = pending.get(ctx.desk)
  if (!set) pending.set(ctx.desk, (set = new Set()))
  const all = set
  const job = (async () => {
    for (const id of todo) {
      try {
        await takeSnapshot(ctx, id, AUTO_ACTOR, o)
      } catch (e) {
        console.error(e) // the desk closed under it, or a bug: logged, the next mention is tried
      } finally {
        claimed.delete(id)
      }
    }
    try {
      ctx.changed(['mentions'])
    } catch (e) {
      console.error(e)
    }
  })()
  all.add(job)
  void job.finally(() => all.delete(job))
}

/** Resolves when every automatic 存证 started on this desk so far has finished. */
export async function autoSnapshotsSettled(desk: Desk): Promise<void> {
  const set = pending.get(desk)
  while (set && set.size) await Promise.all([...set])
}

/** 下载页面截图 / 下载页面 PDF: the stored image, named as snapshotFile names the HTML; null if there is none. */
export function snapshotPageFile(ctx: Ctx, mentionId: number, snapshotId: number, format: 'png' | 'pdf'): FilePayload | null {
  const s = snapshotPage(ctx.desk.db, mentionId, snapshotId, format)
  if (!s) return null
  const name = format === 'png' ? '页面截图' : '页面'
  return { fileName: `${name}-舆情${mentionId}-${chinaClock(s.fetchedAt, 'yyyyMMdd-HHmmss')}-${s.sha256.slice(0, 8)}.${format}`, base64: s.bytes.toString('base64') }
}

/** 下载原始网页: the stored bytes, base64, under a name with the China time and the hash's start; null if not there. */
export function snapshotFile(ctx: Ctx, mentionId: number, snapshotId: number): FilePayload | null {
  const s = snapshotHtml(ctx.desk.db, mentionId, snapshotId)
  if (!s) return null
  return { fileName: `原始网页-舆情${mentionId}-${chinaClock(s.fetchedAt, 'yyyyMMdd-HHmmss')}-${s.htmlSha256.slice(0, 8)}.html`, base64: s.html.toString('base64') }
}
