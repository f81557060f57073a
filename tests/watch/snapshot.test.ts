// 存证 against a local page server (127.0.0.1): the stored text is the article's, nothing the page carries ran or
// loaded, the HTML is kept byte-exact and both hashes recompute; failures are Chinese and leave no snapshot row;
// a poll that grades a mention 重大 stores its page on its own; the 专报 lists the snapshot; 抓取全文 lets a rule
// match a word that only the article body has.
import { createHash } from 'node:crypto'
import iconv from 'iconv-lite'
import JSZip from 'jszip'
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { snippetOf } from '../../handlers/feeds/ingest'
import { autoSnapshotsSettled, takeSnapshot } from '../../handlers/mentions/snapshot'
import { extractPage } from '../../services/watch/snapshot'
import { incidentDocument } from '../../services/watch/incident'
import { rss2 } from '../fixtures/feeds'
import { count, item, linkedMention, rows, usePageServer, watchDesk, type WatchDesk } from './watch-helpers'

const MARKER = '脚本注入标记'
const ARTICLE = `<!doctype html>
<html><head><meta charset="utf-8"><title>网友反映黄平县中医医院急诊排队过久_新闻频道</title>
<meta http-equiv="refresh" content="0;url=/refreshed">
<script>window.__snapshotRan = true; document.title = '${MARKER}标题'; document.addEventListener('DOMContentLoaded', function () { document.body.insertAdjacentHTML('beforeend', '<p>${MARKER}正文</p>') })</script>
<script src="/tracker.js"></script>
<style>.x { color: red }</style>
</head>
<body onload="document.body.innerHTML='<p>${MARKER}onload</p>'">
<div class="nav"><a href="/">首页</a> | <a href="/news">新闻</a></div>
<article>
<h1>网友反映黄平县中医医院急诊排队过久</h1>
<p>6月1日上午，有网友在论坛发帖称，黄平县中医医院急诊科候诊人数较多，部分患者排队超过两个小时，现场秩序一度混乱。</p>
<p>记者随后来到医院急诊大厅，看到候诊区坐满了患者和家属，导诊台前有十余人等待咨询。一位带孩子就诊的家长说，孩子发烧三十九度，等了一个半小时还没有看上医生。</p>
<p>医院相关负责人表示，当天上午急诊量是平日的两倍，医院已临时从内科抽调两名医生支援急诊，并将优化分诊流程，避免类似情况再次发生。</p>
<img src="/pixel.gif" onerror="window.__snapshotRan = true">
<iframe src="/frame.html" width="300" height="200"></iframe>
<p onclick="alert(1)">本报将持续关注此事进展。</p>
</article>
<div class="footer">版权所有 某某新闻网</div>
</body></html>`

const hits: string[] = []
const GBK_PAGE = iconv.encode(`<html><head><meta charset="gbk"><title>县医院义诊</title></head><body><article><p>黄平县中医医院组织专家下乡义诊，为三百余名群众提供咨询服务，发放健康宣传资料五百余份。</p><p>活动受到村民欢迎，医院表示将定期开展此类活动，把优质医疗服务送到群众家门口。</p></article></body></html>`, 'gbk')
let feedBody = ''

const pages = usePageServer((req, res) => {
  hits.push(req.url ?? '')
  const url = req.url ?? ''
  if (url === '/article.html') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(ARTICLE)
  if (url === '/gbk.html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(GBK_PAGE)
  if (url === '/feed.xml') return void res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(feedBody)
  if (url === '/big.html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(`<html><body>${'<p>很长的页面。</p>'.repeat(20_000)}</body></html>`)
  if (url === '/hang.html') return // never answers: the deadline must end it
  res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html><body>404</body></html>')
})

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
  hits.length = 0
})

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')

/** A mention of the desk's hospital linking to `path` on the page server. */
const mentionAt = (desk: WatchDesk, path: string): number => linkedMention(desk.ctx.desk, `${pages.base}${path}`, desk.ctx.now().toISOString())

describe('extraction', () => {
  it('reads the article as text, skips scripts, frames and navigation, and decodes a GBK page by its <meta charset>', () => {
    const page = extractPage(Buffer.from(ARTICLE), 'text/html; charset=utf-8')
    expect(page.title).toBe('网友反映黄平县中医医院急诊排队过久_新闻频道')
    expect(page.text.split('\n')).toEqual([
      '网友反映黄平县中医医院急诊排队过久',
      '6月1日上午，有网友在论坛发帖称，黄平县中医医院急诊科候诊人数较多，部分患者排队超过两个小时，现场秩序一度混乱。',
      '记者随后来到医院急诊大厅，看到候诊区坐满了患者和家属，导诊台前有十余人等待咨询。一位带孩子就诊的家长说，孩子发烧三十九度，等了一个半小时还没有看上医生。',
      '医院相关负责人表示，当天上午急诊量是平日的两倍，医院已临时从内科抽调两名医生支援急诊，并将优化分诊流程，避免类似情况再次发生。',
      '本报将持续关注此事进展。'
    ])
    expect(page.text).not.toMatch(new RegExp(`${MARKER}|window|首页|版权所有|color: red`))
    expect((globalThis as { __snapshotRan?: boolean }).__snapshotRan).toBeUndefined()

    const gbk = extractPage(GBK_PAGE, 'text/html')
    expect([gbk.encoding, gbk.title, gbk.text.split('\n')[0]]).toEqual(['gb18030', '县医院义诊', '黄平县中医医院组织专家下乡义诊，为三百余名群众提供咨询服务，发放健康宣传资料五百余份。'])
  })
})

describe('存证 on request', () => {
  it('keeps the bytes exactly, the text, the hashes, the final URL and status; nothing the page carries is fetched or run', async () => {
    d = await watchDesk()
    const id = mentionAt(d, '/article.html')
    const detail = await d.call('mention-snapshot', { id })
    expect(hits).toEqual(['/article.html']) // no /tracker.js, /frame.html, /pixel.gif, /refreshed
    const [row] = rows<{ html: Buffer; text: string; html_sha256: string; text_sha256: string; final_url: string; status: number; fetched_at: string; actor: string }>(
      d, 'SELECT * FROM mention_snapshots WHERE mention_id = ?', id)
    expect(Buffer.compare(row.html, Buffer.from(ARTICLE))).toBe(0)
    expect([row.html_sha256, row.text_sha256]).toEqual([sha(Buffer.from(ARTICLE)), sha(row.text)])
    expect([row.final_url, row.status, row.fetched_at, row.actor]).toEqual([`${pages.base}/article.html`, 200, d.clock.now.toISOString(), '测试干事'])
    expect(row.text).toContain('医院已临时从内科抽调两名医生支援急诊')
    expect(row.text).not.toContain(MARKER)

    const [shown] = detail.snapshots
    expect([shown.htmlSha256, shown.textSha256, shown.text, shown.htmlBytes, detail.snapshotFailure]).toEqual([row.html_sha256, row.text_sha256, row.text, Buffer.byteLength(ARTICLE), null])
    expect(JSON.stringify(detail)).not.toContain('<script')

    const file = await d.call('mention-snapshot-html', { id, snapshotId: shown.id })
    expect(Buffer.compare(Buffer.from(file.base64, 'base64'), Buffer.from(ARTICLE))).toBe(0)
    expect(file.fileName).toBe(`原始网页-舆情${id}-20240601-120000-${row.html_sha256.slice(0, 8)}.html`)
    expect(rows<{ action: string }>(d, "SELECT action FROM audit_log WHERE entity = 'mention' AND entity_id = ?", String(id)).map((r) => r.action)).toEqual(['snapshot'])
  })

  it('404, a server that never answers and a page over the cap: Chinese errors, no snapshot row, the failure kept until a retry succeeds', async () => {
    d = await watchDesk()
    const gone = mentionAt(d, '/gone.html')
    const r = await d.invoke('mention-snapshot', { id: gone })
    expect(!r.ok && [r.error.message, r.error.details]).toEqual(['存证失败：页面无法访问：原文已不存在（HTTP 404），可能已被删除', { field: 'snapshot' }])

    const hang = mentionAt(d, '/hang.html')
    expect(await takeSnapshot(d.ctx, hang, '测试', { timeoutMs: 150 })).toEqual({ ok: false, message: '页面超时：网站在 0.1 秒内没有传完网页' })
    const big = mentionAt(d, '/big.html')
    expect(await takeSnapshot(d.ctx, big, '测试', { maxBytes: 64 * 1024 })).toEqual({ ok: false, message: '页面过大：网页超过 64 KB 上限，已停止下载' })
    expect(count(d, 'mention_snapshots')).toBe(0)

    const failed = await d.call('mention-get', { id: big })
    expect([failed.snapshots, failed.snapshotFailure?.message]).toEqual([[], '页面过大：网页超过 64 KB 上限，已停止下载'])
    // The page is the same one 404 gave before; once it answers, the retry stores it and the failure goes.
    d.ctx.desk.sqlite.prepare('UPDATE mentions SET link = ? WHERE id = ?').run(`${pages.base}/gbk.html`, gone)
    const retried = await d.call('mention-snapshot', { id: gone })
    expect([retried.snapshots.length, retried.snapshotFailure]).toEqual([1, null])
  })
})

describe('automatic 存证 and the 专报', () => {
  it('a poll that grades a mention 重大 stores its page after answering; the 专报 lists the snapshot with its hash', async () => {
    d = await watchDesk()
    feedBody = rss2('省台', [item('网友投诉黄平县中医医院急诊排队过久', { guid: 'a1', link: `${pages.base}/article.html` }), item('黄平县中医医院召开会议', { guid: 'a2', link: `${pages.base}/gbk.html` })])
    await d.call('feed-add', { url: `${pages.base}/feed.xml`, name: '省台', weight: 3 })
    const report = await pollDue(d.ctx)
    expect(report.results[0].newMentions).toBe(2)
    await autoSnapshotsSettled(d.ctx.desk)
    const snaps = rows<{ mention_id: number; actor: string; html_sha256: string; final_url: string }>(d, 'SELECT mention_id, actor, html_sha256, final_url FROM mention_snapshots')
    const [serious] = rows<{ id: number; grade: string }>(d, "SELECT id, grade FROM mentions WHERE grade = '重大'")
    expect(snaps).toEqual([{ mention_id: serious.id, actor: '自动存证', html_sha256: sha(Buffer.from(ARTICLE)), final_url: `${pages.base}/article.html` }])
    expect(hits.filter((h) => h !== '/feed.xml')).toEqual(['/article.html']) // the 一般 one is not fetched

    // A second poll with the same story fetches nothing again.
    d.advance(60)
    await pollDue(d.ctx)
    await autoSnapshotsSettled(d.ctx.desk)
    expect(count(d, 'mention_snapshots')).toBe(1)

    const file = await d.call('watch-incident-docx', { id: serious.id })
    const xml = await (await JSZip.loadAsync(Buffer.from(file.base64, 'base64'))).file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain(`原始网页SHA-256：${snaps[0].html_sha256}`)
    expect(text).toContain('原文网页存证1份')
    expect(text).not.toContain('各来源网页未留存网页快照')
  })

  it('the 专报 without a snapshot still says none was kept', () => {
    const mention = {
      id: 1, title: '标题', snippet: '', link: 'https://a.example/1', feedName: '源', grade: '重大' as const, gradeManual: false, sentiment: '负面' as const,
      sentimentManual: false, sentimentCues: [], publishedAt: '2024-06-01T00:00:00Z', fetchedAt: '2024-06-01T01:00:00Z', status: 'new' as const, assignee: '',
      escalated: false, closedAt: null, removed: null, events: [], piece: null,
      sources: [{ id: 1, feedId: 1, feedName: '源', title: '标题', link: 'https://a.example/1', publishedAt: '2024-06-01T00:00:00Z', fetchedAt: '2024-06-01T01:00:00Z' }]
    }
    const base = { hospital: '某医院', watchUnit: '宣传科', now: '2024-06-02T00:00:00Z', mention, changes: [], evidence: [] }
    const without = incidentDocument(base)
    expect(without.tables[0].rows.map((r) => r[4])).toEqual(['未留存快照'])
    const withOne = incidentDocument({ ...base, snapshots: [{ fetchedAt: '2024-06-01T02:00:00Z', finalUrl: 'https://a.example/1', htmlSha256: 'ab'.repeat(32), textSha256: 'cd'.repeat(32) }] })
    expect(withOne.tables[0].rows).toEqual([
      ['1', '首发原文', '源，2024-06-01 08:00发布', 'https://a.example/1', '已存证（见下）'],
      ['2', '网页存证', '2024-06-01 10:00抓取', `https://a.example/1（原始网页SHA-256：${'ab'.repeat(32)}）`, '已存证']
    ])
  })
})

describe('抓取全文', () => {
  it('a feed that opts in matches a rule on a word only the article body has; a feed that does not, misses it', async () => {
    d = await watchDesk({ profile: { fullName: '某某人民医院', aliases: [] } })
    await d.call('rule-create', { name: '分诊', any: ['优化分诊流程'], all: [], none: [] })
    feedBody = rss2('市报', [item('急诊排队引关注', { guid: 'b1', link: `${pages.base}/article.html`, description: '有网友发帖。' })])
    const off = await d.call('feed-add', { url: `${pages.base}/feed.xml`, name: '市报' })
    await pollDue(d.ctx)
    expect(count(d, 'mentions')).toBe(0)
    expect(hits).toEqual(['/feed.xml'])

    await d.call('feed-update', { id: off.id, fetchFullText: true })
    d.advance(60)
    hits.length = 0
    const report = await pollDue(d.ctx, { now: d.clock.now })
    expect(report.results[0].newMentions).toBe(1)
    expect(hits).toEqual(['/feed.xml', '/article.html'])
    const [m] = rows<{ snippet: string }>(d, 'SELECT snippet FROM mentions')
    expect(m.snippet).toBe(snippetOf(extractPage(Buffer.from(ARTICLE), null).text)) // the article's opening, not the feed's one line
    expect((await d.call('feed-list', {})).find((f) => f.id === off.id)?.fetchFullText).toBe(true)
  })
})
