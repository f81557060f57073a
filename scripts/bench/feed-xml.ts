// RSS 2.0 bytes of a 1,000-item news feed, as a Chinese portal serves them (HTML summaries in CDATA, +0800
// dates, a tracking parameter on every link), for the feed pipeline measurement.
import { seeded } from '../../services/random'
import { localNews, story } from './mention-words'

const pad = (n: number): string => String(n).padStart(2, '0')
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** RFC 822 date in China time, as Chinese CMSs write it. */
function rfc822(ms: number): string {
  const d = new Date(ms + 8 * 3600_000)
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0800`
}

const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')

/**
 * Feed number `n` (each n gives different stories, links and guids, so every run inserts new mentions).
 * `aboutUs` of the items are stories about the hospital, the rest ordinary local news. Items are dated in the
 * hours before `nowMs`, newest first.
 */
export function feedXml(n: number, items: number, nowMs: number, aboutUs: number): Buffer {
  const r = seeded(0x5eed0000 + n)
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0"><channel><title>滨江日报·本地新闻</title><link>https://www.bjrb.bench.example/</link>',
    '<description>滨江日报社主办</description><language>zh-cn</language>'
  ]
  for (let i = 0; i < items; i++) {
    const s = r.next() < aboutUs ? story(r) : localNews(r)
    const id = `${n}-${i}`
    const sentences = s.text.split('。').filter(Boolean)
    const html = sentences.map((p) => `<p>${p}。</p>`).join('')
    out.push(
      `<item><title>${esc(s.title)}</title>`,
      `<link>https://www.bjrb.bench.example/news/${id}.html?from=rss&amp;spm=${i}</link>`,
      `<guid isPermaLink="false">bjrb-${id}</guid>`,
      `<pubDate>${rfc822(nowMs - i * 3000)}</pubDate>`,
      `<description><![CDATA[${html}]]></description></item>`
    )
  }
  out.push('</channel></rss>')
  return Buffer.from(out.join('\n'), 'utf8')
}
