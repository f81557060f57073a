// Shared set-up for the watch handler tests: a desk whose clock is settable, a profile, and an in-memory
// HTTP transport for feeds built in the test (the fixture server covers the wire-level cases).
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { mentionWriter } from '../../db/queries/mention-writer'
import type { Desk } from '../../db/open'
import type { HttpResponse, HttpTransport } from '../../services/feeds/fetcher'
import { startFeedServer, type FeedServer } from '../fixtures/feed-server'
import { freshDesk, type TestDesk } from '../helpers/desk'

export const T0 = new Date('2024-06-01T04:00:00.000Z') // 12:00 in China: outside the default quiet hours

export interface WatchDesk extends TestDesk {
  clock: { now: Date }
  /** Moves the desk's clock (ctx.now) by minutes. */
  advance(minutes: number): Date
}

export async function watchDesk(o: { profile?: { fullName: string; aliases?: string[] }; now?: Date } = {}): Promise<WatchDesk> {
  const clock = { now: o.now ?? T0 }
  const d = freshDesk({ now: clock.now })
  d.ctx.now = () => clock.now
  await d.call('profile-save', { fullName: o.profile?.fullName ?? '黄平县中医医院', aliases: o.profile?.aliases ?? ['我院'], departments: [] })
  return Object.assign(d, {
    clock,
    advance(minutes: number) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000)
      return clock.now
    }
  })
}

export type Route = { status?: number; headers?: Record<string, string>; body?: string | Buffer }

/** Serves fixed responses by URL; `requests` records every URL asked for, `active`/`maxActive` the overlap. */
export function memoryTransport(routes: Record<string, Route | (() => Route)>, latency?: () => Promise<void>) {
  const stats = { requests: [] as string[], active: 0, maxActive: 0 }
  const transport: HttpTransport = {
    async request(url) {
      stats.requests.push(url)
      stats.active++
      stats.maxActive = Math.max(stats.maxActive, stats.active)
      let done = false
      const finish = () => {
        if (!done) stats.active--
        done = true
      }
      try {
        if (latency) await latency()
        const r = routes[url]
        const route = typeof r === 'function' ? r() : (r ?? { status: 404, body: 'not found' })
        const body = Buffer.from(route.body ?? '')
        const res: HttpResponse = {
          status: route.status ?? 200,
          headers: { 'content-type': 'application/rss+xml; charset=utf-8', ...route.headers },
          body: (async function* () {
            yield body
          })(),
          destroy: finish
        }
        return res
      } catch (e) {
        finish()
        throw e
      }
    }
  }
  return { transport, stats }
}

export function item(title: string, extra: { guid?: string; link?: string; description?: string; pubDate?: string } = {}) {
  return { title, pubDate: 'Fri, 31 May 2024 08:00:00 +0800', ...extra }
}

/** Rows of a table, for exact assertions. */
export function rows<T = Record<string, unknown>>(d: TestDesk, sql: string, ...params: unknown[]): T[] {
  return d.ctx.desk.sqlite.prepare(sql).all(...params) as T[]
}

export function count(d: TestDesk, table: string): number {
  return (d.ctx.desk.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
}

/** The fixture feed server for a test file; after each test, `afterTest` (close the desk), then no connection left open. */
export function useFeedServer(onStart: (s: FeedServer) => void, afterTest: () => void): void {
  let server: FeedServer
  beforeAll(async () => {
    server = await startFeedServer()
    onStart(server)
  })
  afterAll(() => server.close())
  afterEach(async () => {
    afterTest()
    await server.waitForIdle()
  })
}

/** A page server on 127.0.0.1 for the test file (the article pages 存证 fetches): `base` once it listens; its sockets are closed at the end. */
export function usePageServer(handle: http.RequestListener): { base: string } {
  const at = { base: '' }
  const server = http.createServer(handle)
  const sockets = new Set<Socket>()
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))))
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    at.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise((r) => server.close(r))
  })
  return at
}

/** A 较大 negative mention of the hospital linking to `link`, stored as a poll stores it; its id. */
export function linkedMention(desk: Desk, link: string, at: string): number {
  return desk.tx(() => mentionWriter(desk.sqlite).insertMention({
    title: '网友反映黄平县中医医院急诊排队过久', link, snippet: '有网友发帖称急诊排队超过两个小时', publishedAt: at, fetchedAt: at,
    day: at.slice(0, 10), feedId: null, matches: '[]', sentiment: '负面', cues: '[]', grade: '较大', score: 1
  }))
}
