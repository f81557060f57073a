// RSS 2.0 bytes of a 1,000-item news feed, as a Chinese portal serves them (HTML summaries in CDATA, +0800
// dates, a tracking parameter on every link), for the feed pipeline measurement.
import { seeded } from '../../services/random'
import type { FeedItem } from '../../services/feeds/parse'
import { localNews, story } from './mention-words'
import { chinaClock } from '../../shared/dates'

/** RFC 822 date in China time, as Chinese CMSs write it. */
function rfc822(ms: number): string {
  return chinaClock(new Date(ms).toISOString(), "EEE, dd MMM yyyy HH:mm:ss '+0800'")
}

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/**
 * Feed number `n` (each n gives different stories, links and guids, so every run inserts new mentions).
 * `aboutUs` of the items are stories about the hospital, the rest ordinary local news. Items are dated in the
 * hours before `nowMs`, newest first.
 */
export function feedXml(n: number, items: number, nowMs: number, aboutUs: number): Buffer {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0"><channel><title>滨江日报·本地新闻</title><link>https://www.bjrb.bench.example/</link>',
    '<description>滨江日报社主办</description><language>zh-cn</language>'
  ]
  for (const it of portalStories(n, items, nowMs, aboutUs)) {
    const html = it.sentences.map((p) => `<p>${p}。</p>`).join('')
    out.push(
      `<item><title>${esc(it.title)}</title>`,
      `<link>https://www.bjrb.bench.example/news/${it.id}.html?from=rss&amp;spm=${it.i}</link>`,
      `<guid isPermaLink="false">bjrb-${it.id}</guid>`,
      `<pubDate>${rfc822(it.at)}</pubDate>`,
      `<description><![CDATA[${html}]]></description></item>`
    )
  }
  out.push('</channel></rss>')
  return Buffer.from(out.join('\n'), 'utf8')
}

function* portalStories(n: number, items: number, nowMs: number, aboutUs: number) {
  const r = seeded(0x5eed0000 + n)
  for (let i = 0; i < items; i++) {
    const s = r.next() < aboutUs ? story(r) : localNews(r)
    yield { i, id: `${n}-${i}`, title: s.title, sentences: s.text.split('。').filter(Boolean), at: nowMs - i * 3000 }
  }
}

/** The items feedXml(n) parses into, without the XML: for floors that need the rows but not the parse. */
export function portalItems(n: number, items: number, nowMs: number, aboutUs: number): FeedItem[] {
  return [...portalStories(n, items, nowMs, aboutUs)].map((it) => ({
    guid: `bjrb-${it.id}`,
    link: `https://www.bjrb.bench.example/news/${it.id}.html?from=rss&spm=${it.i}`,
    title: it.title,
    text: it.sentences.map((p) => `${p}。`).join(' '),
    publishedAt: new Date(it.at).toISOString()
  }))
}
