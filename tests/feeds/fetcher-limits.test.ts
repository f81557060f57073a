import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createNodeTransport, fetchFeed, type HttpResponse, type HttpTransport } from '../../services/feeds/fetcher'
import { useFeedServer } from '../fixtures/feed-server'

// Deadlines, size caps and broken bodies. Time bounds are generous: they only prove a fetch cannot hang.
const server = useFeedServer()
const transport = createNodeTransport()
const get = (path: string, extra: { timeoutMs?: number; maxBytes?: number } = {}) =>
  fetchFeed(transport, { url: server().url(path), ...extra })
const timed = async <T>(run: () => Promise<T>) => {
  const start = performance.now()
  const value = await run()
  return { value, ms: performance.now() - start }
}


describe('fetchFeed: whole-request deadline', () => {
  it('gives up on a server that never answers', async () => {
    const { value, ms } = await timed(() => get('/slow/silent', { timeoutMs: 300 }))
    expect(value).toEqual({ kind: 'error', code: 'timeout', message: '服务器在 0.3 秒内没有响应' })
    expect(ms).toBeGreaterThanOrEqual(250)
    expect(ms).toBeLessThan(5000)
  })

  it('gives up on a body trickling one byte at a time', async () => {
    const { value, ms } = await timed(() => get('/slow/trickle', { timeoutMs: 300 }))
    expect(value).toEqual({ kind: 'error', code: 'timeout', message: '服务器在 0.3 秒内没有传完订阅内容' })
    expect(ms).toBeLessThan(5000)
  })

  it('gives up on a response that never ends', async () => {
    expect(await get('/slow/never-ends', { timeoutMs: 300 })).toMatchObject({ code: 'timeout', message: '服务器在 0.3 秒内没有传完订阅内容' })
  })

  it('holds even against a transport that ignores the abort signal', async () => {
    const stuck: HttpTransport = { request: () => new Promise(() => {}) }
    const { value, ms } = await timed(() => fetchFeed(stuck, { url: 'http://127.0.0.1:9/rss', timeoutMs: 100 }))
    expect(value).toEqual({ kind: 'error', code: 'timeout', message: '服务器在 0.1 秒内没有响应' })
    expect(ms).toBeLessThan(5000)
  })

  it('destroys a response that arrives after the deadline', async () => {
    let destroyed = false
    const late: HttpTransport = {
      request: () => new Promise((resolve) => setTimeout(() => resolve({
        status: 200, headers: {}, body: (async function* () { yield new Uint8Array([60]) })(), destroy: () => { destroyed = true }
      } satisfies HttpResponse), 100))
    }
    expect(await fetchFeed(late, { url: 'http://127.0.0.1:9/rss', timeoutMs: 20 })).toMatchObject({ code: 'timeout' })
    await new Promise((r) => setTimeout(r, 150))
    expect(destroyed).toBe(true)
  })
})

describe('fetchFeed: size cap after decompression', () => {
  it('stops a streamed body over the cap', async () => {
    expect(await get('/big/streamed', { maxBytes: 1024 * 1024 })).toEqual({ kind: 'error', code: 'too-large', message: '订阅内容超过 1 MB 上限，已停止下载' })
  })

  it('refuses a declared Content-Length over the cap without reading it', async () => {
    expect(await get('/big/declared', { maxBytes: 64 * 1024 })).toEqual({ kind: 'error', code: 'too-large', message: '订阅内容超过 64 KB 上限，已停止下载' })
  })

  it('stops a gzip bomb at the cap without inflating it', async () => {
    const before = process.memoryUsage()
    const { value, ms } = await timed(() => get('/enc/bomb.gz', { maxBytes: 1024 * 1024 }))
    const after = process.memoryUsage()
    expect(value).toEqual({ kind: 'error', code: 'too-large', message: '订阅内容超过 1 MB 上限，已停止下载' })
    // Inflating it would take 1 GiB and seconds; stopping at the cap takes a few MiB and milliseconds.
    expect(after.arrayBuffers + after.external - before.arrayBuffers - before.external).toBeLessThan(64 * 1024 * 1024)
    expect(after.rss - before.rss).toBeLessThan(256 * 1024 * 1024)
    expect(ms).toBeLessThan(5000)
  })

  it('measures the cap after decompression: a small gzip of a big feed still counts in full', async () => {
    expect(await get('/enc/gzip.xml', { maxBytes: 100 })).toMatchObject({ code: 'too-large' })
  })
})

describe('fetchFeed: broken bodies and networks', () => {
  it('reports corrupt gzip', async () => {
    expect(await get('/enc/corrupt.gz')).toEqual({ kind: 'error', code: 'decompress', message: '订阅内容的压缩数据已损坏，无法解压' })
  })

  it('reports an unknown Content-Encoding', async () => {
    expect(await get('/enc/unknown.xml')).toEqual({ kind: 'error', code: 'decompress', message: '服务器使用了无法识别的压缩方式（zstd-x）' })
  })

  it('reports a refused connection as a network error', async () => {
    const probe = createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const { port } = probe.address() as { port: number }
    await new Promise((r) => probe.close(r))
    expect(await fetchFeed(transport, { url: `http://127.0.0.1:${port}/rss.xml` })).toEqual({
      kind: 'error', code: 'network', message: '无法连接到服务器（连接被拒绝），网站可能已关闭（ECONNREFUSED）'
    })
  })
})
