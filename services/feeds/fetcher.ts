import http from 'node:http'
import https from 'node:https'
import type { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import { durationText, httpErrorMessage, networkErrorMessage, rateLimitMessage, sizeText } from './messages'

// The policy (deadline, size cap, redirects, caching headers, decompression) lives here once; a transport
// only moves bytes, so the Electron app can plug in `net` (system proxy, certificates) without a second copy.
export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: AsyncIterable<Uint8Array>
  destroy(): void
}
export interface HttpTransport {
  /** One GET, no redirects followed, no decompression; must reject or end the body when `signal` aborts. */
  request(url: string, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse>
}

export interface FetchRequest {
  url: string
  etag?: string | null
  lastModified?: string | null
  /** Deadline for the whole fetch, redirects and body included. Default 20 s. */
  timeoutMs?: number
  /** Cap on the body after decompression. Default 15 MiB. */
  maxBytes?: number
  maxRedirects?: number
}

export type FetchErrorCode = 'timeout' | 'too-large' | 'http' | 'redirect' | 'bad-scheme' | 'network' | 'rate-limited' | 'decompress'
export type FetchResult =
  | { kind: 'ok'; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; finalUrl: string; status: number }
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null }
  | { kind: 'error'; code: FetchErrorCode; message: string; status?: number; retryAfterMs?: number }

export const DEFAULT_TIMEOUT_MS = 20_000
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024
export const DEFAULT_MAX_REDIRECTS = 5
// ASCII only (Node refuses anything else in a header). "Mozilla/5.0 (compatible…)" because several
// government CMSs answer 403 to user agents that do not start that way.
export const USER_AGENT = 'Mozilla/5.0 (compatible; PublicityDesk/0.1; +rss-reader)'
const ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8'

export function createNodeTransport(): HttpTransport {
  return {
    request: (url, headers, signal) => new Promise((resolve, reject) => {
      const lib = url.startsWith('https:') ? https : http
      let req: http.ClientRequest
      try {
        // agent:false: a fresh connection closed after the response, so no pooled socket outlives a fetch.
        req = lib.request(url, { method: 'GET', headers, signal, agent: false })
      } catch (err) {
        reject(err)
        return
      }
      req.on('error', reject)
      req.on('response', (res) => {
        // A later error (abort mid-body) reaches the body iterator; this only keeps it from being uncaught.
        res.on('error', () => {})
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, destroy: () => { res.destroy(); req.destroy() } })
      })
      req.end()
    })
  }
}

class TooLarge extends Error {}
class Unsupported extends Error {}
class Corrupt extends Error {}
type Failure = Extract<FetchResult, { kind: 'error' }>
const fail = (code: FetchErrorCode, message: string, extra: Partial<Failure> = {}): Failure => ({ kind: 'error', code, message, ...extra })

function header(headers: HttpResponse['headers'], name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return (Array.isArray(value) ? value[0] : value) ?? null
  }
  return null
}

// Stored validators come from an earlier response; anything Node would refuse in a header is dropped.
const usableHeader = (v: string | null | undefined): v is string => !!v && /^[\x20-\x7E\t]{1,1024}$/.test(v)

function requestHeaders(req: FetchRequest): Record<string, string> {
  const h: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: ACCEPT, 'Accept-Encoding': 'gzip, deflate, br' }
  if (usableHeader(req.etag)) h['If-None-Match'] = req.etag
  if (usableHeader(req.lastModified)) h['If-Modified-Since'] = req.lastModified
  return h
}

/** Retry-After as delay-seconds or an HTTP-date (which always names GMT, so Date.parse is zone-safe). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  const v = value?.trim()
  if (!v) return undefined
  if (/^\d{1,10}$/.test(v)) return Number(v) * 1000
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

function decoderFor(encoding: string | null): Transform | null {
  const e = (encoding ?? '').trim().toLowerCase()
  if (e === '' || e === 'identity') return null
  if (e === 'gzip' || e === 'x-gzip') return zlib.createGunzip()
  if (e === 'deflate') return zlib.createInflate()
  if (e === 'br') return zlib.createBrotliDecompress()
  throw new Unsupported(e)
}

/**
 * Streams the body through the decompressor and stops the moment the decompressed size passes the cap.
 * zlib streams honour backpressure (they pause inflating while their output is unread), so a gzip bomb
 * costs one 16 KiB chunk past the cap, never its expanded size.
 */
async function readBody(res: HttpResponse, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const decoder = decoderFor(header(res.headers, 'content-encoding'))
  const declared = Number(header(res.headers, 'content-length'))
  if (!decoder && declared > maxBytes) throw new TooLarge()
  const chunks: Uint8Array[] = []
  let total = 0
  // Outcomes are recorded here because pipeline() does not always reject with the first error: with a zlib
  // stage in between, Node 20 reports the AbortError of the teardown instead of the sink's own error.
  let overCap = false
  let corrupt = false
  const sink = async (source: AsyncIterable<Uint8Array>) => {
    for await (const chunk of source) {
      total += chunk.length
      if (total > maxBytes) {
        overCap = true
        throw new TooLarge()
      }
      chunks.push(chunk)
    }
  }
  // pipeline() also destroys the decoder with other errors (the cap, a reset socket); only zlib's own codes
  // (Z_DATA_ERROR, Z_BUF_ERROR for a truncated stream, brotli's ERR__…) mean the data is corrupt.
  decoder?.on('error', (err: NodeJS.ErrnoException) => { corrupt ||= /^(Z_|ERR__|ERR_BROTLI)/.test(err.code ?? '') })
  try {
    if (decoder) await pipeline(res.body, decoder, sink, { signal })
    else await pipeline(res.body, sink, { signal })
  } catch (err) {
    if (overCap) throw new TooLarge()
    if (corrupt) throw new Corrupt()
    throw err
  }
  return Buffer.concat(chunks, total)
}

/** Resolves with the transport's response, or rejects on abort and destroys a response that arrives late. */
function untilAborted(pending: Promise<HttpResponse>, signal: AbortSignal): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      pending.then((late) => late.destroy(), () => {})
      reject(new Error('aborted'))
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

const isHttp = (url: URL) => url.protocol === 'http:' || url.protocol === 'https:'
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** GETs a feed under one deadline and one size cap; never throws, every failure has a Chinese message. */
export async function fetchFeed(transport: HttpTransport, req: FetchRequest, now: () => number = Date.now): Promise<FetchResult> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  let url: URL
  try {
    url = new URL(req.url.trim())
  } catch {
    return fail('bad-scheme', '订阅地址格式不正确，请填写以 http:// 或 https:// 开头的完整地址')
  }
  if (!isHttp(url)) return fail('bad-scheme', '订阅地址必须以 http:// 或 https:// 开头')

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  let res: HttpResponse | null = null
  let readingBody = false
  const visited = new Set<string>([url.href])
  try {
    for (let redirects = 0; ; redirects++) {
      res = await untilAborted(transport.request(url.href, requestHeaders(req), controller.signal), controller.signal)
      const { status } = res
      const location = header(res.headers, 'location')
      if (REDIRECTS.has(status) && location) {
        res.destroy()
        res = null
        let next: URL
        try {
          next = new URL(location, url)
        } catch {
          return fail('redirect', '服务器返回了无效的重定向地址', { status })
        }
        if (!isHttp(next)) {
          return fail('bad-scheme', `服务器把订阅地址重定向到了不支持的地址（${next.protocol}），只能订阅 http/https 地址`, { status })
        }
        if (visited.has(next.href)) return fail('redirect', '订阅地址的重定向形成了循环，请检查订阅地址', { status })
        if (redirects >= maxRedirects) return fail('redirect', `重定向次数过多（超过 ${maxRedirects} 次），请检查订阅地址`, { status })
        visited.add(next.href)
        url = next
        continue
      }
      if (status === 304) {
        return { kind: 'not-modified', etag: header(res.headers, 'etag') ?? req.etag ?? null, lastModified: header(res.headers, 'last-modified') ?? req.lastModified ?? null }
      }
      if (status === 429 || status === 503) {
        const retryAfterMs = parseRetryAfter(header(res.headers, 'retry-after'), now())
        return fail('rate-limited', rateLimitMessage(status, retryAfterMs), { status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) })
      }
      if (status < 200 || status >= 300) return fail('http', httpErrorMessage(status), { status })
      readingBody = true
      const body = await readBody(res, maxBytes, controller.signal)
      return {
        kind: 'ok', body, status, finalUrl: url.href, contentType: header(res.headers, 'content-type'),
        etag: header(res.headers, 'etag'), lastModified: header(res.headers, 'last-modified')
      }
    }
  } catch (err) {
    if (controller.signal.aborted) {
      const d = durationText(timeoutMs)
      return fail('timeout', readingBody ? `服务器在 ${d}内没有传完订阅内容` : `服务器在 ${d}内没有响应`)
    }
    if (err instanceof TooLarge) return fail('too-large', `订阅内容超过 ${sizeText(maxBytes)} 上限，已停止下载`)
    if (err instanceof Unsupported) return fail('decompress', `服务器使用了无法识别的压缩方式（${err.message}）`)
    if (err instanceof Corrupt) return fail('decompress', '订阅内容的压缩数据已损坏，无法解压')
    return fail('network', networkErrorMessage(err))
  } finally {
    clearTimeout(timer)
    res?.destroy()
    // Tells a transport that still holds anything for this fetch (Electron's net, a request the deadline cut
    // short) to let go; for a finished Node request it is a no-op.
    controller.abort()
  }
}
