// Group robots (企业微信/钉钉/飞书) against a local webhook server on 127.0.0.1: each platform's body and signature,
// which grades go where, retries with backoff on the injected clock, giving up into the bell, the daily digest.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { pollDue } from '../../handlers/feeds/poll'
import { alertsDuty } from '../../handlers/watch/alerts'
import { deliverDue, MAX_ATTEMPTS } from '../../handlers/watch/webhooks'
import { rss2 } from '../fixtures/feeds'
import { item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'
import type { WebhookTarget } from '../../shared/contract/watch-webhooks'
import type { GradeLabel } from '../../shared/watch'

interface Hit { path: string; query: URLSearchParams; body: Record<string, unknown> }
let server: Server
let base = ''
let hits: Hit[] = []
/** path → how to answer the next request (status, JSON); default 200 {errcode:0}. */
let answer: (path: string, n: number) => { status: number; json: unknown } = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } })

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const u = new URL(req.url!, 'http://x')
      hits.push({ path: u.pathname, query: u.searchParams, body: JSON.parse(raw) })
      const a = answer(u.pathname, hits.filter((h) => h.path === u.pathname).length)
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.json))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
  hits = []
  answer = () => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } })
})

const NIGHT = new Date('2024-06-01T15:30:00.000Z') // 23:30 in China: quiet hours
const target = (t: Partial<WebhookTarget> & Pick<WebhookTarget, 'id' | 'kind'>) => ({ name: t.id, url: `${base}/${t.id}?access_token=abc`, secret: '', grades: ['重大'] as GradeLabel[], digest: true, enabled: true, ...t })

async function deskWithTargets(targets: ReturnType<typeof target>[], now = NIGHT) {
  d = await watchDesk({ now })
  await d.call('webhook-save', { targets: targets, digestAt: '08:30' })
  return d
}

async function pollNegative(d: WatchDesk, feeds: { name: string; weight: number; titles: string[] }[]) {
  const routes: Record<string, { body: string }> = {}
  feeds.forEach((f, i) => (routes[`http://f${i}.example/rss`] = { body: rss2('源', f.titles.map((t, j) => item(t, { guid: `${i}-${j}`, description: '<script>alert(1)</script><b>正文</b>' }))) }))
  d.ctx.http = memoryTransport(routes).transport
  for (const [i, f] of feeds.entries()) await d.call('feed-add', { url: `http://f${i}.example/rss`, name: f.name, weight: f.weight })
  await pollDue(d.ctx)
  await deliverDue(d.ctx)
}

describe('formats and signatures', () => {
  it('sends a 重大 alert at once, at night, to each platform in its own format, signed as each platform checks', async () => {
    const d = await deskWithTargets([
      target({ id: 'wecom', kind: 'wecom', grades: ['重大', '较大'] }),
      target({ id: 'ding', kind: 'dingtalk', secret: 'SECding-秘钥' }),
      target({ id: 'fs', kind: 'feishu', secret: 'fs-secret' }),
      target({ id: 'off', kind: 'wecom', enabled: false })
    ])
    await pollNegative(d, [{ name: '省台', weight: 3, titles: ['网友投诉我院急诊室医闹'] }, { name: '市报', weight: 2, titles: ['网友投诉我院停车难'] }])
    // 重大 to all three enabled targets; the 较大 one is held by quiet hours, for the robots as for the desk
    expect(hits.map((h) => h.path).sort()).toEqual(['/ding', '/fs', '/wecom'])
    const ms = NIGHT.getTime()
    const wecom = hits.find((h) => h.path === '/wecom')!
    expect(wecom.body.msgtype).toBe('markdown')
    const content = (wecom.body.markdown as { content: string }).content
    expect(content).toBe(
      [
        '### 【重大舆情】网友投诉我院急诊室医闹',
        '> 等级：重大',
        '> 来源：省台',
        '> 研判依据：负面（投诉、医闹）；省级/中央媒体报道',
        '> 发现时间：2024-06-01 23:30',
        '> 请黄平县中医医院宣传部门及时研判处置。'
      ].join('\n')
    )
    for (const h of hits) expect(JSON.stringify(h.body)).not.toMatch(/script|<b>|正文/)
    const ding = hits.find((h) => h.path === '/ding')!
    expect(ding.query.get('access_token')).toBe('abc')
    expect(ding.query.get('timestamp')).toBe(String(ms))
    const dingSign = createHmac('sha256', 'SECding-秘钥').update(`${ms}\nSECding-秘钥`).digest('base64')
    expect(ding.query.get('sign')).toBe(dingSign)
    expect(ding.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '【重大舆情】网友投诉我院急诊室医闹' } })
    const fs = hits.find((h) => h.path === '/fs')!
    const sec = Math.floor(ms / 1000)
    expect(fs.body).toEqual({
      timestamp: String(sec),
      sign: createHmac('sha256', `${sec}\nfs-secret`).update('').digest('base64'),
      msg_type: 'text',
      content: { text: expect.stringContaining('【重大舆情】网友投诉我院急诊室医闹\n等级：重大\n来源：省台') }
    })
    const o = await d.call('webhook-get', {})
    expect([o.results.wecom.last?.status, o.results.ding.last?.status, o.results.off.last]).toEqual(['sent', 'sent', null])
    // a second run sends nothing again
    await deliverDue(d.ctx)
    expect(hits).toHaveLength(3)
  })
})

describe('failures', () => {
  it('retries with doubling backoff on the injected clock, then sends; a robot that keeps refusing ends in the bell', async () => {
    const d = await deskWithTargets([target({ id: 'flaky', kind: 'wecom' }), target({ id: 'dead', kind: 'dingtalk' })])
    answer = (path, n) =>
      path === '/dead' ? { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } } : n <= 2 ? { status: 502, json: {} } : { status: 200, json: { errcode: 0 } }
    await pollNegative(d, [{ name: '省台', weight: 3, titles: ['网友投诉我院急诊室医闹'] }])
    const state = () => rows<{ target_id: string; status: string; attempts: number; next_at: string; last_error: string }>(d, 'SELECT target_id, status, attempts, next_at, last_error FROM webhook_deliveries ORDER BY target_id')
    expect(state().map((r) => [r.target_id, r.status, r.attempts, r.next_at, r.last_error])).toEqual([
      ['dead', 'pending', 1, '2024-06-01T15:31:00.000Z', '平台返回错误 310000：sign not match'],
      ['flaky', 'pending', 1, '2024-06-01T15:31:00.000Z', 'HTTP 502']
    ])
    await deliverDue(d.ctx) // not due yet: nothing sent
    expect(hits).toHaveLength(2)
    const waits: number[] = []
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const next = Math.min(...state().filter((r) => r.status === 'pending').map((r) => Date.parse(r.next_at)))
      if (!Number.isFinite(next)) break
      waits.push((next - d.clock.now.getTime()) / 60_000)
      d.clock.now = new Date(next)
      await deliverDue(d.ctx)
    }
    expect(state().map((r) => [r.target_id, r.status, r.attempts])).toEqual([['dead', 'failed', MAX_ATTEMPTS], ['flaky', 'sent', 3]])
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64])
    expect(d.notices.filter((n) => n.kind === 'webhook')).toEqual([
      { kind: 'webhook', title: '群机器人推送失败：dead', body: '“【重大舆情】网友投诉我院急诊室医闹”重试 8 次仍未送达（平台返回错误 310000：sign not match）。请在“提醒与词库”中检查该推送目标。', href: '#/watch/settings' }
    ])
    const o = await d.call('webhook-get', {})
    expect(o.results.dead).toMatchObject({ failed: 1, pending: 0, last: { status: 'failed', attempts: 8, error: '平台返回错误 310000：sign not match' } })
    expect(o.results.flaky).toMatchObject({ failed: 0, pending: 0, last: { status: 'sent', attempts: 3, error: null } })
  })

  it('an unreachable address is a pending retry with the reason, not an error of the poll', async () => {
    const d = await deskWithTargets([{ ...target({ id: 'gone', kind: 'feishu' }), url: 'http://127.0.0.1:9/hook' }])
    await pollNegative(d, [{ name: '省台', weight: 3, titles: ['网友投诉我院急诊室医闹'] }])
    const [r] = rows<{ status: string; last_error: string }>(d, 'SELECT status, last_error FROM webhook_deliveries')
    expect([r.status, r.last_error.startsWith('无法连接')]).toEqual(['pending', true])
  })
})

describe('digest and settings', () => {
  it('the daily digest goes once, at its time, to the targets that take it', async () => {
    const d = await deskWithTargets([target({ id: 'digest', kind: 'wecom', grades: [] }), target({ id: 'nodigest', kind: 'feishu', grades: [], digest: false })])
    await pollNegative(d, [{ name: '省台', weight: 3, titles: ['网友投诉我院急诊室医闹'] }, { name: '市报', weight: 1, titles: ['我院举办义诊'] }])
    expect(hits).toHaveLength(0) // no target takes 重大 at once
    d.clock.now = new Date('2024-06-02T00:20:00.000Z') // 08:20
    await alertsDuty(d.ctx, d.clock.now)
    expect(hits).toHaveLength(0)
    d.clock.now = new Date('2024-06-02T00:31:00.000Z') // 08:31
    await alertsDuty(d.ctx, d.clock.now)
    await alertsDuty(d.ctx, new Date('2024-06-02T01:00:00.000Z'))
    expect(hits.map((h) => h.path)).toEqual(['/digest'])
    expect((hits[0].body.markdown as { content: string }).content).toBe(
      ['### 舆情日报 2024-06-02', '> 2024-06-02 共发现舆情 2 条，其中负面 1 条，较大/重大 1 条。', '> 【重大】网友投诉我院急诊室医闹（省台）'].join('\n')
    )
  })

  it('validates targets in Chinese and tests one on demand', async () => {
    d = await watchDesk()
    const bad = await d.invoke('webhook-save', { targets: [{ ...target({ id: 'a', kind: 'wecom' }), url: 'ftp://x' }], digestAt: '08:30' })
    expect(!bad.ok && bad.error.message).toContain('Webhook 地址须以 http:// 或 https:// 开头')
    const dup = await d.invoke('webhook-save', { targets: [target({ id: 'a', kind: 'wecom' }), target({ id: 'a', kind: 'feishu' })], digestAt: '08:30' })
    expect(!dup.ok && dup.error.message).toContain('推送目标的编号不能重复')
    await d.call('webhook-save', { targets: [target({ id: 'a', kind: 'wecom' })], digestAt: '08:30' })
    const o = await d.call('webhook-test', { id: 'a' })
    expect([hits.length, o.results.a.last?.status, o.results.a.last?.kind]).toEqual([1, 'sent', 'test'])
    const missing = await d.invoke('webhook-test', { id: 'zzz' })
    expect(!missing.ok && missing.error.message).toBe('没有这个推送目标，请先保存')
  })
})
