// The Electron `net` transport cannot run here (no Electron binary), so `electron` is replaced by a stand-in
// that behaves as Chromium's net does: redirects are announced, not followed, when redirect is 'manual';
// bodies arrive already decompressed while the headers still say gzip. The fetch policy on top is the real one.
import { EventEmitter } from 'node:events'
import { Readable } from 'node:stream'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fetchFeed } from '../../services/feeds/fetcher'

type Reply = { redirect?: { status: number; url: string }; status?: number; headers?: Record<string, string>; body?: string; error?: string; hang?: boolean }
const replies = new Map<string, Reply>()
const requests: { url: string; options: Record<string, unknown>; aborted: boolean }[] = []

class FakeRequest extends EventEmitter {
  aborted = false
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  abort() {
    this.aborted = true
    requests.find((r) => r.options === this.options)!.aborted = true
    this.emit('abort')
  }
  followRedirect() {
    throw new Error('the transport must never follow a redirect itself')
  }
  end() {
    const reply = replies.get(this.options.url as string) ?? { status: 404, body: '' }
    setImmediate(() => {
      if (reply.hang) return
      if (reply.error) return this.emit('error', new Error(reply.error))
      if (reply.redirect) return this.emit('redirect', reply.redirect.status, 'GET', reply.redirect.url, { location: [reply.redirect.url] })
      const res = Object.assign(Readable.from([Buffer.from(reply.body ?? '')]), { statusCode: reply.status ?? 200, headers: reply.headers ?? {} })
      this.emit('response', res)
    })
  }
}

vi.mock('electron', () => ({
  net: {
    request: (options: Record<string, unknown>) => {
      requests.push({ url: options.url as string, options, aborted: false })
      return new FakeRequest(options)
    }
  }
}))

const { createElectronTransport } = await import('../../electron/main/net-transport')
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>院网</title></channel></rss>'

beforeEach(() => {
  replies.clear()
  requests.length = 0
})

describe('Electron net transport', () => {
  it('asks net for a manual-redirect, no-cache, cookie-less GET and leaves Accept-Encoding to Chromium', async () => {
    replies.set('https://a.example/rss', { headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' }, body: RSS })
    const r = await fetchFeed(createElectronTransport(), { url: 'https://a.example/rss', etag: '"v0"' })
    expect(r).toMatchObject({ kind: 'ok', etag: '"v1"', contentType: 'application/rss+xml; charset=utf-8' })
    expect(r.kind === 'ok' && r.body.toString()).toBe(RSS)
    const o = requests[0].options
    expect(o).toMatchObject({ url: 'https://a.example/rss', method: 'GET', redirect: 'manual', cache: 'no-store', credentials: 'omit', useSessionCookies: false })
    expect(o.headers).toMatchObject({ 'If-None-Match': '"v0"' })
    expect(Object.keys(o.headers as object).map((k) => k.toLowerCase())).not.toContain('accept-encoding')
  })

  it('hands decoded bytes over without the gzip header Chromium already acted on', async () => {
    replies.set('https://a.example/gz', { headers: { 'content-type': 'text/xml', 'content-encoding': 'gzip', 'content-length': '40' }, body: RSS })
    const r = await fetchFeed(createElectronTransport(), { url: 'https://a.example/gz' })
    expect(r.kind === 'ok' && r.body.toString()).toBe(RSS)
  })

  it('reports redirects to the fetcher, which follows http(s) ones and refuses file:', async () => {
    replies.set('https://a.example/old', { redirect: { status: 301, url: 'https://b.example/new' } })
    replies.set('https://b.example/new', { body: RSS })
    const r = await fetchFeed(createElectronTransport(), { url: 'https://a.example/old' })
    expect(r).toMatchObject({ kind: 'ok', finalUrl: 'https://b.example/new' })
    expect(requests.map((q) => [q.url, q.aborted])).toEqual([['https://a.example/old', true], ['https://b.example/new', true]])

    replies.set('https://a.example/evil', { redirect: { status: 302, url: 'file:///etc/passwd' } })
    expect(await fetchFeed(createElectronTransport(), { url: 'https://a.example/evil' })).toMatchObject({ kind: 'error', code: 'bad-scheme' })
  })

  it('maps Chromium network errors to the plain Chinese messages', async () => {
    replies.set('https://down.example/rss', { error: 'net::ERR_CONNECTION_REFUSED' })
    replies.set('https://nowhere.example/rss', { error: 'net::ERR_NAME_NOT_RESOLVED' })
    replies.set('https://proxy.example/rss', { error: 'net::ERR_PROXY_CONNECTION_FAILED' })
    const t = createElectronTransport()
    expect(await fetchFeed(t, { url: 'https://down.example/rss' })).toMatchObject({ message: '无法连接到服务器（连接被拒绝），网站可能已关闭（ECONNREFUSED）' })
    expect(await fetchFeed(t, { url: 'https://nowhere.example/rss' })).toMatchObject({ message: '找不到这个网站，请检查订阅地址或本机网络（ENOTFOUND）' })
    expect(await fetchFeed(t, { url: 'https://proxy.example/rss' })).toMatchObject({ message: '网络错误，无法获取订阅内容（ERR_PROXY_CONNECTION_FAILED）' })
  })

  it('aborts the request at the deadline', async () => {
    replies.set('https://slow.example/rss', { hang: true })
    expect(await fetchFeed(createElectronTransport(), { url: 'https://slow.example/rss', timeoutMs: 50 })).toMatchObject({ kind: 'error', code: 'timeout', message: '服务器在 0.1 秒内没有响应' })
    expect(requests[0].aborted).toBe(true)
  })
})
