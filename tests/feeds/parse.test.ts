import { describe, expect, it } from 'vitest'
import { FeedError, MAX_ITEMS, parseFeed } from '../../services/feeds/parse'
import {
  HOSPITAL_FEED_TITLE, NEWS_EXPECTED, TITLES, TRADITIONAL_FEED_TITLE, atomFeed, entitiesFeed, loginPage,
  manyItemsFeed, mixedDatesFeed, newsFeed, rdfFeed, rss2, strayAmpersandFeed, traditionalFeed
} from '../fixtures/feeds'

const fetchedAt = new Date('2024-06-01T04:00:00.000Z')
const FETCHED = fetchedAt.toISOString()
const rejection = async (xml: string) => {
  try {
    await parseFeed(xml, fetchedAt)
  } catch (err) {
    expect(err).toBeInstanceOf(FeedError)
    return { code: (err as FeedError).code, message: (err as FeedError).message }
  }
  throw new Error('expected parseFeed to reject')
}

describe('parseFeed: formats', () => {
  it('reads RSS 2.0 into plain-text items', async () => {
    expect(await parseFeed(newsFeed('utf-8'), fetchedAt)).toEqual({ title: HOSPITAL_FEED_TITLE, items: NEWS_EXPECTED })
  })

  it('reads Atom, keeping an entry whose date is garbage (rss-parser alone rejects the feed)', async () => {
    expect(await parseFeed(atomFeed(), fetchedAt, 'http://wjw.example.gov.cn/rss/atom.xml')).toEqual({
      title: '某市卫生健康委员会 工作动态',
      items: [
        { guid: 'urn:wjw:2024:001', link: 'http://wjw.example.gov.cn/xwdt/001.html', title: TITLES.award, text: '近日，国家民委公布第十批全国民族团结进步示范区示范单位名单。', publishedAt: '2024-01-12T01:00:00.000Z' },
        { guid: 'urn:wjw:2024:002', link: 'http://wjw.example.gov.cn/xwdt/002.html', title: TITLES.tavi, text: '手术历时2小时，患者术后恢复良好。', publishedAt: FETCHED },
        { guid: 'urn:wjw:2024:003', link: 'http://wjw.example.gov.cn/xwdt/003.html', title: TITLES.springFestival, text: '', publishedAt: '2024-01-14T16:00:00.000Z' }
      ]
    })
  })

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    expect(await parseFeed(rdfFeed(), fetchedAt)).toEqual({
      title: HOSPITAL_FEED_TITLE,
      items: [
        { guid: 'http://www.hpxzyy.cn/news/501.html', link: 'http://www.hpxzyy.cn/news/501.html', title: TITLES.volunteers, text: '志愿者为社区老人测量血压、讲解用药知识。', publishedAt: '2024-01-18T02:00:00.000Z' },
        { guid: 'http://www.hpxzyy.cn/news/502.html', link: 'http://www.hpxzyy.cn/news/502.html', title: TITLES.unityMonth, text: '', publishedAt: '2024-01-19T01:30:00.000Z' }
      ]
    })
  })

  it('reads RSS 0.91 and RSS without a version', async () => {
    const body = `<channel><title>院务公开</title><item><title>${TITLES.partyMeeting}</title><link>http://www.hpxzyy.cn/a.html</link><description>会议传达了上级精神。</description></item></channel>`
    const expected = { title: '院务公开', items: [{ guid: null, link: 'http://www.hpxzyy.cn/a.html', title: TITLES.partyMeeting, text: '会议传达了上级精神。', publishedAt: FETCHED }] }
    expect(await parseFeed(`<rss version="0.91">${body}</rss>`, fetchedAt)).toEqual(expected)
    expect(await parseFeed(`<rss>${body}</rss>`, fetchedAt)).toEqual(expected)
  })

  it('keeps traditional characters exactly', async () => {
    const feed = await parseFeed(traditionalFeed('utf-8'), fetchedAt)
    expect(feed.title).toBe(TRADITIONAL_FEED_TITLE)
    expect(feed.items.map((i) => [i.title, i.text])).toEqual([
      [TITLES.traditional, '印刷宣傳標語8條，發放相關政策及宣傳資料860餘份。'],
      [TITLES.traditionalUnity, '在90餘個村寨開展義診，諮詢群眾200餘人。']
    ])
  })
})

describe('parseFeed: damage real feeds carry', () => {
  it('reads every item field rss-parser reads: markup inside <description>, attributes, dc:title, rdf:about', async () => {
    const xml = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>医院新闻</title>
<item><title>义诊进社区</title><link>http://www.hpxzyy.cn/a/1.html</link><description><p>专家义诊<b>进社区</b></p></description></item>
<item><title type="text">急诊科开展演练</title><guid isPermaLink="false">n-2</guid><description type="html">&lt;p&gt;模拟&amp;nbsp;抢救&lt;/p&gt;</description><pubDate>Tue, 02 Jan 2024 08:00:00 +0800</pubDate></item>
<item><dc:title>只有 dc:title 的条目</dc:title><dc:date>2024-01-03T08:00:00+08:00</dc:date><content:encoded><![CDATA[<p>全文<em>内容</em></p>]]></content:encoded><description>摘要</description></item>
<item rdf:about="http://www.hpxzyy.cn/a/4.html" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><title>带 rdf:about</title><description/></item>
</channel></rss>`
    const feed = await parseFeed(xml, fetchedAt)
    expect(feed.items.map((i) => [i.title, i.guid, i.link, i.text, i.publishedAt])).toEqual([
      ['义诊进社区', null, 'http://www.hpxzyy.cn/a/1.html', '专家义诊进社区', FETCHED],
      ['急诊科开展演练', 'n-2', null, '模拟 抢救', '2024-01-02T00:00:00.000Z'],
      ['只有 dc:title 的条目', null, null, '全文内容', '2024-01-03T00:00:00.000Z'],
      ['带 rdf:about', 'http://www.hpxzyy.cn/a/4.html', null, '', FETCHED]
    ])
  })

  it('survives a bare & in titles and links', async () => {
    const feed = await parseFeed(strayAmpersandFeed(), fetchedAt)
    expect(feed.title).toBe('健康科普 & 医院新闻')
    expect(feed.items.map((i) => [i.title, i.link, i.text])).toEqual([
      ['医院 & 社区联合开展健康科普宣传', 'http://www.hpxzyy.cn/show.asp?id=7&page=1', ''],
      [TITLES.volunteers, 'http://www.hpxzyy.cn/show.asp?id=8', 'R&D 中心 & 门诊部']
    ])
  })

  it('decodes HTML entities', async () => {
    const feed = await parseFeed(entitiesFeed(), fetchedAt)
    expect(feed.title).toBe('医院新闻 · 院务公开')
    expect(feed.items[0].title).toBe('“健康中国”巡讲活动走进我院…')
    expect(feed.items[0].text).toBe('主讲人：王主任——心内科 版权所有©黄平县中医医院 &unknownthing; 中')
  })

  it('gives every item its own date; unreadable ones get the fetch time', async () => {
    const feed = await parseFeed(mixedDatesFeed(), fetchedAt)
    expect(feed.items.map((i) => [i.guid, i.title, i.publishedAt])).toEqual([
      ['d-1', TITLES.partyMeeting, '2024-01-02T00:00:00.000Z'],
      ['d-2', TITLES.tavi, FETCHED],
      ['d-3', TITLES.volunteers, FETCHED],
      ['d-4', TITLES.springFestival, '2024-01-20T07:30:00.000Z'],
      ['d-5', TITLES.award, '2024-01-20T07:30:00.000Z']
    ])
  })

  it('strips scripts, styles and tags, and caps the text', async () => {
    const description = `<![CDATA[<style>p{color:red}</style><script>alert("舆情")</script><p>　　第一段，</p><p>第二段&nbsp;&lt;结束&gt;</p>]]>`
    const long = '医'.repeat(5000)
    const feed = await parseFeed(rss2('t', [{ title: '&lt;b&gt;加粗&lt;/b&gt;标题', description }, { title: '长文', description: long }]), fetchedAt)
    expect(feed.items[0]).toMatchObject({ title: '加粗标题', text: '第一段， 第二段 <结束>' })
    expect(feed.items[1].text).toBe('医'.repeat(1999) + '…')
  })

  it('keeps only http(s) links and resolves relative ones against the feed URL', async () => {
    const xml = rss2('t', [{ title: 'a', link: 'javascript:alert(1)' }, { title: 'b', link: '/news/9.html' }, { title: 'c', link: 'file:///C:/a.txt' }])
    expect((await parseFeed(xml, fetchedAt, 'https://www.hpxzyy.cn/rss/news.xml')).items.map((i) => i.link)).toEqual([null, 'https://www.hpxzyy.cn/news/9.html', null])
    expect((await parseFeed(xml, fetchedAt)).items.map((i) => i.link)).toEqual([null, null, null])
  })

  it('titles an untitled item from its text and drops empty ones', async () => {
    const xml = rss2('t', [{ title: '', description: '院领导带队走访慰问离退休老干部，送上新春祝福和慰问品。' }, { title: '  ' }])
    expect((await parseFeed(xml, fetchedAt)).items.map((i) => i.title)).toEqual(['院领导带队走访慰问离退休老干部，送上新春祝福和慰问品。'])
  })

  it('never expands entities declared in a DTD (entity bomb, XXE)', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&b;</title><item><title>&xxe;</title></item></channel></rss>`
    const feed = await parseFeed(bomb, fetchedAt)
    expect(feed.title).toBe('&b;')
    expect(feed.items.map((i) => i.title)).toEqual(['&xxe;'])
  })

  it(`keeps the first ${MAX_ITEMS} items of a huge feed`, async () => {
    const feed = await parseFeed(manyItemsFeed(MAX_ITEMS + 1000), fetchedAt)
    expect(feed.items).toHaveLength(MAX_ITEMS)
    expect([feed.items[0].title, feed.items[MAX_ITEMS - 1].title]).toEqual(['第1条', `第${MAX_ITEMS}条`])
  })

  it('stays bounded on a 100,000-item feed', async () => {
    const start = performance.now()
    const feed = await parseFeed(manyItemsFeed(100_000), fetchedAt)
    expect(feed.items).toHaveLength(MAX_ITEMS)
    expect(performance.now() - start).toBeLessThan(20_000)
  })
})

describe('parseFeed: not a feed', () => {
  const WEB_PAGE = { code: 'web-page', message: '返回的是网页而不是 RSS/Atom 订阅源（可能需要登录，或订阅地址填的是网页地址）' }
  const NOT_FEED = { code: 'not-feed', message: '返回的内容不是 RSS/Atom 订阅源，请检查订阅地址' }

  it('recognises an HTML login page', async () => {
    expect(await rejection(loginPage())).toEqual(WEB_PAGE)
    expect(await rejection('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toEqual(WEB_PAGE)
    expect(await rejection('<!-- 统一认证 --><html><head><title>登录</title></head></html>')).toEqual(WEB_PAGE)
  })

  it('rejects other documents', async () => {
    expect(await rejection('{"items": []}')).toEqual(NOT_FEED)
    expect(await rejection('<?xml version="1.0"?><urlset><url><loc>http://a/</loc></url></urlset>')).toEqual(NOT_FEED)
  })

  it('reads a feed without its channel or items as empty, not as an error', async () => {
    expect(await parseFeed('<rss version="2.0"></rss>', fetchedAt)).toEqual({ title: null, items: [] })
    expect(await parseFeed('<rss></rss>', fetchedAt)).toEqual({ title: null, items: [] })
  })

  it('rejects an empty body', async () => {
    expect(await rejection(' \r\n ')).toEqual({ code: 'empty', message: '服务器返回了空内容，里面没有任何订阅条目' })
  })

  it('rejects broken XML from which no item can be read, with the line', async () => {
    expect(await rejection(`<rss version="2.0">\n<channel>\n<item><title></item>\n</channel></rss>`))
      .toEqual({ code: 'malformed', message: '订阅源的 XML 格式有误，无法解析（第 3 行附近）' })
  })
})
