// 存证 and 全文: an article page's bytes → its readable text. Pure (bytes in, text and hashes out).
// The DOM is linkedom's: a parser and a tree, with no script engine, no event loop, no network and no frames, so
// nothing the page carries (<script>, onload=, <iframe>, <meta refresh>) can run or load — only text is read out of it.
// @mozilla/readability (Firefox's Reader View) finds the article in the page; a page it cannot read falls back to
// the body's text without scripts, styles and frames.
import { createHash } from 'node:crypto'
import { Readability } from '@mozilla/readability'
import { parseHTML } from 'linkedom'
import { decodeFeedBytes } from '../feeds/decode'
import type { FetchResult } from '../feeds/fetcher'
import { durationText, sizeText } from '../feeds/messages'

/** Text kept per page: an article is far shorter; a page of endless comments is cut here. */
export const MAX_TEXT_CHARS = 200_000
/** A page is smaller than a feed: 5 MiB of HTML is already an unusual article. */
export const PAGE_MAX_BYTES = 5 * 1024 * 1024

export interface PageText {
  title: string
  text: string
  /** The encoding the bytes were read in. */
  encoding: string
}

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the first 2 KB (HTML's prescan). */
export function metaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 2048).toString('latin1')
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i.exec(head)
  return m ? m[1] : null
}

const BLOCKS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'TR', 'BLOCKQUOTE', 'PRE', 'BR', 'HR', 'TABLE', 'UL', 'OL', 'FIGURE', 'FIGCAPTION', 'HEADER', 'FOOTER', 'DD', 'DT'])
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'IFRAME', 'FRAME', 'FRAMESET', 'OBJECT', 'EMBED', 'TEMPLATE', 'SVG', 'CANVAS', 'HEAD'])

interface TextNode { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<TextNode> }

/** Text of a subtree with a line break around each block, so paragraphs stay paragraphs. */
function blockText(root: TextNode): string {
  const out: string[] = []
  const walk = (n: TextNode) => {
    if (n.nodeType === 3) return void out.push(n.textContent ?? '')
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return
    const name = n.nodeName.toUpperCase()
    if (SKIP.has(name)) return
    const block = BLOCKS.has(name)
    if (block) out.push('\n')
    for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i])
    if (block) out.push('\n')
  }
  walk(root)
  return tidy(out.join(''))
}

/** Runs of spaces become one, each line is trimmed, blank lines go; full-width spaces (　) at a line's start stay out too. */
function tidy(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n')
}

function cut(s: string, max: number): string {
  if (s.length <= max) return s
  const c = s.charCodeAt(max - 1)
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max)
}

/** Decodes an HTML page (BOM, valid UTF-8, Content-Type charset, <meta charset>, else GB18030) and reads its article. */
export function extractPage(bytes: Buffer, contentType: string | null): PageText {
  const hasHeaderCharset = /;\s*charset\s*=/i.test(contentType ?? '')
  const { text: html, encoding } = decodeFeedBytes(bytes, contentType, hasHeaderCharset ? null : metaCharset(bytes))
  const { document } = parseHTML(html)
  const pageTitle = tidy(document.title ?? '')
  let title = pageTitle
  let text = ''
  try {
    // Readability changes the tree it reads; this document is ours alone. Its own serializer would give HTML,
    // so it hands back the article's node and the text is read from that.
    const article = new Readability<TextNode>(document as unknown as Document, { serializer: (n) => n as unknown as TextNode }).parse()
    if (article?.content) text = blockText(article.content)
    if (article?.title) title = tidy(article.title)
  } catch {
    // A page Readability cannot walk still has a body to read.
  }
  if (!text) {
    const fallback = parseHTML(html).document
    text = fallback.body ? blockText(fallback.body as unknown as TextNode) : ''
  }
  return { title: cut(title, 500), text: cut(text, MAX_TEXT_CHARS), encoding }
}

/** Why a page could not be fetched, in the officer's words (the fetcher's own messages speak of 订阅内容). */
export function pageFetchMessage(r: Extract<FetchResult, { kind: 'error' }>, o: { timeoutMs: number; maxBytes: number }): string {
  switch (r.code) {
    case 'timeout': return `页面超时：网站在 ${durationText(o.timeoutMs)}内没有传完网页`
    case 'too-large': return `页面过大：网页超过 ${sizeText(o.maxBytes)} 上限，已停止下载`
    case 'http':
      if (r.status === 404 || r.status === 410) return `页面无法访问：原文已不存在（HTTP ${r.status}），可能已被删除`
      if (r.status === 401 || r.status === 403) return `页面无法访问：网站拒绝访问（HTTP ${r.status}）`
      return `页面无法访问：网站返回了错误（HTTP ${r.status ?? '未知'}）`
    case 'rate-limited': return `页面无法访问：网站暂时拒绝访问（HTTP ${r.status ?? 429}），请稍后重试`
    case 'bad-scheme': return `页面无法访问：原文链接不是 http/https 地址`
    case 'redirect': return `页面无法访问：${r.message.replace(/订阅地址/g, '原文链接')}`
    case 'decompress': return `页面无法读取：${r.message.replace(/订阅内容/g, '网页')}`
    default: return `页面无法访问：${r.message.replace(/订阅地址/g, '原文链接').replace(/订阅内容/g, '网页')}`
  }
}
