import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeFeedBytes, normalizeEncoding, repairXml } from '../../services/feeds/decode'
import { TITLES, gb2312Feed, newsFeed, traditionalFeed } from '../fixtures/feeds'

const gbk = (s: string) => iconv.encode(s, 'gbk')

describe('decodeFeedBytes', () => {
  it('reads GBK bytes from the Content-Type charset', () => {
    const r = decodeFeedBytes(gbk(newsFeed('GBK')), 'text/xml; charset=GBK')
    expect(r.encoding).toBe('gb18030')
    expect(r.text).toBe(newsFeed('GBK'))
  })

  it('reads GBK bytes from the XML declaration alone', () => {
    expect(decodeFeedBytes(gbk(newsFeed('gbk')), 'text/xml')).toEqual({ text: newsFeed('gbk'), encoding: 'gb18030' })
  })

  it('falls back to GB18030 for unlabelled bytes that are not UTF-8', () => {
    expect(decodeFeedBytes(gbk(newsFeed()), null)).toEqual({ text: newsFeed(), encoding: 'gb18030' })
  })

  it('reads a gb2312 label as GB18030, so characters outside GB2312 (镕) survive', () => {
    const r = decodeFeedBytes(gbk(gb2312Feed()), 'text/xml; charset="gb2312"')
    expect(r.encoding).toBe('gb18030')
    expect(r.text).toContain(TITLES.zhuRongji)
  })

  it('reads Big5 traditional Chinese from the header or the declaration', () => {
    const bytes = iconv.encode(traditionalFeed('big5'), 'big5')
    expect(decodeFeedBytes(bytes, 'text/xml; charset=big5').text).toBe(traditionalFeed('big5'))
    expect(decodeFeedBytes(bytes, 'text/xml')).toEqual({ text: traditionalFeed('big5'), encoding: 'big5' })
  })

  it('reads valid UTF-8 as UTF-8 whatever is declared', () => {
    const r = decodeFeedBytes(Buffer.from(newsFeed('gbk')), 'text/xml; charset=gbk', 'big5')
    expect(r).toEqual({ text: newsFeed('gbk'), encoding: 'utf-8' })
    expect(decodeFeedBytes(Buffer.from(traditionalFeed('utf-8')), null).text).toContain(TITLES.traditional)
  })

  it('lets the officer override a wrong label', () => {
    const bytes = iconv.encode(traditionalFeed('gbk'), 'big5')
    expect(decodeFeedBytes(bytes, 'text/xml; charset=gbk', 'Big5')).toEqual({ text: traditionalFeed('gbk'), encoding: 'big5' })
  })

  it('ignores a UTF-8 label on bytes that are not UTF-8', () => {
    expect(decodeFeedBytes(gbk(newsFeed('utf-8')), 'text/xml; charset=utf-8').encoding).toBe('gb18030')
  })

  it('ignores Latin-1 from a misconfigured server and uses the declaration', () => {
    const r = decodeFeedBytes(gbk(newsFeed('gbk')), 'text/xml; charset=ISO-8859-1')
    expect(r).toEqual({ text: newsFeed('gbk'), encoding: 'gb18030' })
  })

  it('falls back to GB18030 for an unknown label', () => {
    expect(decodeFeedBytes(gbk(newsFeed('x-unknown-cms')), 'text/xml; charset=x-unknown-cms').encoding).toBe('gb18030')
  })

  it('honours a BOM first and strips it', () => {
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(newsFeed('gbk'))])
    expect(decodeFeedBytes(utf8, 'text/xml; charset=gbk')).toEqual({ text: newsFeed('gbk'), encoding: 'utf-8' })
    const le = iconv.encode(newsFeed('utf-16'), 'utf-16le', { addBOM: true })
    expect(decodeFeedBytes(le, 'text/xml; charset=gbk')).toEqual({ text: newsFeed('utf-16'), encoding: 'utf-16le' })
    const be = iconv.encode(newsFeed('utf-16'), 'utf-16be', { addBOM: true })
    expect(decodeFeedBytes(be, null)).toEqual({ text: newsFeed('utf-16'), encoding: 'utf-16be' })
  })

  it('recognises UTF-16 without a BOM by its `<?` pattern', () => {
    const le = iconv.encode(newsFeed('utf-16'), 'utf-16le')
    expect(decodeFeedBytes(le, null)).toEqual({ text: newsFeed('utf-16'), encoding: 'utf-16le' })
  })

  it('normalises labels', () => {
    expect(['GB2312', 'x-gbk', 'GBK', 'cp936', 'gb18030'].map(normalizeEncoding)).toEqual(Array(5).fill('gb18030'))
    expect(['Big5', 'big5-hkscs', 'cp950'].map(normalizeEncoding)).toEqual(['big5', 'big5', 'big5'])
    expect(normalizeEncoding(' "UTF8" ')).toBe('utf-8')
    expect(normalizeEncoding('shift_jis')).toBe('shift_jis')
    expect(normalizeEncoding('no-such-thing')).toBeNull()
    expect(normalizeEncoding(null)).toBeNull()
  })
})

describe('repairXml', () => {
  it('drops blank lines before the declaration and the declared encoding', () => {
    expect(repairXml('\r\n\n  \uFEFF<?xml version="1.0" encoding="gb2312"?><rss/>')).toBe('<?xml version="1.0"?><rss/>')
    expect(repairXml("<?xml version='1.0' encoding='GBK' standalone='yes'?><a/>")).toBe("<?xml version='1.0' standalone='yes'?><a/>")
  })

  it('strips characters XML forbids, including lone surrogates', () => {
    expect(repairXml('<t>院\u0000内\u0008新\u001F闻\uFFFE\uD800</t>')).toBe('<t>院内新闻</t>')
    expect(repairXml('<t>\tA\nB\r😀</t>')).toBe('<t>\tA\nB\r😀</t>')
  })

  it('escapes a bare & and keeps real references', () => {
    expect(repairXml('<t>医院 & 社区 &amp; R&D &lt;b&gt; &#20013; &#x4E2D; a&b;c</t>'))
      .toBe('<t>医院 &amp; 社区 &amp; R&amp;D &lt;b&gt; &#20013; &#20013; a&amp;b;c</t>')
  })

  it('maps HTML entities to numeric references and keeps unknown ones as text', () => {
    expect(repairXml('<t>&nbsp;&mdash;&ldquo;&rdquo;&hellip;&middot;&copy;&NBSP;&unknown;</t>'))
      .toBe('<t>&#160;&#8212;&#8220;&#8221;&#8230;&#183;&#169;&#160;&amp;unknown;</t>')
  })

  it('drops references to characters XML forbids', () => {
    expect(repairXml('<t>a&#0;b&#x1;c&#xFFFF;d&#1114112;e</t>')).toBe('<t>abcde</t>')
  })

  it('leaves CDATA alone except for forbidden characters', () => {
    expect(repairXml('<d><![CDATA[<p>A & B &nbsp;\u0001</p>]]> & </d>')).toBe('<d><![CDATA[<p>A & B &nbsp;</p>]]> &amp; </d>')
    expect(repairXml('<d><![CDATA[never closed & ')).toBe('<d><![CDATA[never closed & ')
  })

  it('returns a clean document as it is, and still mends one whose only damage is inside CDATA', () => {
    const clean = '<rss><channel><item><title>义诊 &amp; 讲座</title><description><![CDATA[<p>A & B</p>]]></description></item></channel></rss>'
    expect(repairXml(clean)).toBe(clean)
    expect(repairXml('<d><![CDATA[x\uD800y\u0002z]]></d>')).toBe('<d><![CDATA[xyz]]></d>')
  })

  it('is idempotent', () => {
    const once = repairXml('<t>A & B &nbsp; &foo; &#0;</t>')
    expect(repairXml(once)).toBe(once)
  })

  it('repairs across slice boundaries of long text', () => {
    const unit = '医院&nbsp;新闻 & 动态;'
    const long = `<t>${unit.repeat(200_000)}</t>`
    expect(repairXml(long)).toBe(`<t>${'医院&#160;新闻 &amp; 动态;'.repeat(200_000)}</t>`)
  })

  it('stays linear on 50 MB of hostile input', () => {
    // The unterminated CDATA comes last: everything after it is CDATA and would not exercise the markup path.
    const hostile = ['&a'.repeat(5_000_000), `&${'a'.repeat(31)}`.repeat(300_000), '&#x1;&nbsp;\u0001'.repeat(1_500_000), '<![CDATA['.repeat(1_000_000)].join('')
    expect(hostile.length).toBeGreaterThan(40_000_000)
    const start = performance.now()
    const out = repairXml(hostile)
    expect(out.length).toBeGreaterThan(hostile.length)
    // Quadratic behaviour would take hours here; linear takes a few seconds on a slow CI machine.
    expect(performance.now() - start).toBeLessThan(25_000)
  })
})
