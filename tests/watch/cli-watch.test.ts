// The watch's CLI over the real handlers, against the fixture server (the child process fetches from it, so
// the test spawns asynchronously: a blocking spawn would stop the server answering).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFeedServer, type FeedServer } from '../fixtures/feed-server'
import { TITLES } from '../fixtures/feeds'
import { cliAsync, firstAdmin } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'desk-watch-cli-'))
const db = join(dir, 'w.sqlite')
let server: FeedServer

const desk = (...args: string[]) => cliAsync(db, args)

beforeAll(async () => {
  firstAdmin(db)
  server = await startFeedServer()
  const r = await desk('call', 'profile-save', JSON.stringify({ fullName: '黄平县中医医院', aliases: ['我院'] }))
  if (r.code !== 0) throw new Error(r.err)
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('watch CLI', () => {
  it('feeds add / rules add / poll --once / mentions / feeds list', async () => {
    expect((await desk('feeds', 'add', server.url('/feeds/gbk-header.xml'), '--name', '院网')).out).toBe(`已添加订阅源 #1：院网（${server.url('/feeds/gbk-header.xml')}）\n`)
    expect((await desk('feeds', 'add', server.url('/feeds/big5.xml'), '--name', '台湾', '--encoding', 'big5')).code).toBe(0)
    expect((await desk('feeds', 'add', server.url('/status/500'), '--name', '坏源')).code).toBe(0)
    const bad = await desk('feeds', 'add', 'ftp://x.example/rss')
    expect([bad.code, bad.err]).toEqual([1, '地址：链接须以 http:// 或 https:// 开头\n'])
    expect((await desk('rules', 'add', '督导检查', '--any', '督导,检查', '--exclude', '招聘')).out).toBe('已添加监测规则 #1：督导检查\n')

    const poll = await desk('poll', '--once')
    expect(poll.out).toBe([
      '院网（#1）：新增舆情 3 条',
      '台湾（#2）：新增舆情 2 条',
      '坏源（#3）：对方服务器出错（HTTP 500），稍后会自动重试',
      '3 个订阅源：成功 2，失败 1（坏源：对方服务器出错（HTTP 500）），跳过 0；新增舆情 5 条',
      ''
    ].join('\n'))
    expect((await desk('poll', '--once')).out).toBe('3 个订阅源：成功 0，失败 0，跳过 3（未到抓取时间 3）；新增舆情 0 条\n')

    const mentions = JSON.parse((await desk('mentions', '--json')).out) as { title: string; status: string; matches: { ruleName: string }[] }[]
    expect(mentions.map((m) => m.title).sort()).toEqual([TITLES.unityMonth, TITLES.bilingual, TITLES.inspection, TITLES.traditional, TITLES.traditionalUnity].sort())
    expect(mentions.find((m) => m.title === TITLES.inspection)!.matches.map((x) => x.ruleName)).toEqual(['督导检查', '本院名称'])
    expect(JSON.parse((await desk('mentions', '--json', '--status', '已办结')).out)).toEqual([])
    expect(JSON.parse((await desk('mentions', '--json', '--since', '2024-01-15', '--status', 'all')).out)).toHaveLength(2)

    const feeds = JSON.parse((await desk('feeds', 'list', '--json')).out) as { name: string; status: string; lastError: string | null }[]
    expect(feeds.map((f) => [f.name, f.status, f.lastError])).toEqual([
      ['台湾', 'ok', null], ['坏源', 'error', '对方服务器出错（HTTP 500），稍后会自动重试'], ['院网', 'ok', null]
    ])
    const rules = JSON.parse((await desk('rules', 'list', '--json')).out) as { name: string; any: string[]; none: string[] }[]
    expect(rules.map((r) => [r.name, r.any, r.none])).toEqual([['督导检查', ['督导', '检查'], ['招聘']], ['本院名称', ['黄平县中医医院', '我院'], []]])
  }, 180_000)

  it('exports and imports OPML', async () => {
    const out = join(dir, 'feeds.opml')
    expect((await desk('feeds', 'export-opml', '--out', out)).out).toBe(`已导出 3 个订阅源到 ${out}\n`)
    expect(readFileSync(out, 'utf8')).toContain(`xmlUrl="${server.url('/feeds/gbk-header.xml')}"`)
    const more = join(dir, 'more.opml')
    writeFileSync(more, `<opml version="2.0"><body><outline text="卫健委" xmlUrl="http://wjw.example/rss"/><outline text="院网" xmlUrl="${server.url('/feeds/gbk-header.xml')}"/></body></opml>`)
    expect((await desk('feeds', 'import-opml', more)).out).toBe('已导入 1 个订阅源，跳过 1 个：\n  院网：这个订阅地址已经添加过了（“院网”）\n')
  }, 60_000)
})
