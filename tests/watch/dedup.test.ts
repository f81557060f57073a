import { describe, expect, it } from 'vitest'
import { contentHash, dedupKeys, normalizeLink } from '../../services/watch/dedup'

describe('normalizeLink', () => {
  it('lower-cases the host, drops fragment and tracking params, sorts the rest, strips trailing slash', () => {
    expect(normalizeLink('HTTPS://News.Example.COM:443/a/b/?z=1&utm_source=wx&spm=a.b&a=2&from=timeline&isappinstalled=0#top'))
      .toBe('https://news.example.com/a/b?a=2&z=1')
    expect(normalizeLink('http://example.com/')).toBe('http://example.com')
    expect(normalizeLink('  http://example.com/Path/?B=1  ')).toBe('http://example.com/Path?B=1')
  })

  it('keeps only the identifying parameters of WeChat article links', () => {
    const a = 'https://mp.weixin.qq.com/s?__biz=MzA5&mid=2650&idx=1&sn=abc&chksm=x&scene=21&key=k#wechat_redirect'
    const b = 'https://mp.weixin.qq.com/s?sn=abc&idx=1&mid=2650&__biz=MzA5&sessionid=9&pass_ticket=p'
    expect(normalizeLink(a)).toBe('https://mp.weixin.qq.com/s?__biz=MzA5&idx=1&mid=2650&sn=abc')
    expect(normalizeLink(b)).toBe(normalizeLink(a))
  })

  it('rejects non-http(s) and malformed links', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://x.com/a', 'mailto:a@b.c', 'data:text/html,x', '//x.com/a', 'not a url', '']) {
      expect(normalizeLink(bad)).toBeNull()
    }
  })
})

describe('contentHash', () => {
  it('is the same across traditional/full-width/whitespace variants and differs for other stories', () => {
    const h = contentHash('黄平县中医医院开展义诊', '  正文 第一段 ')
    expect(contentHash('黃平縣中醫醫院 開展義診', '正文第一段')).toBe(h)
    expect(contentHash('<b>黄平县中医医院开展义诊</b>', '<p>正文</p>第一段')).toBe(h)
    expect(contentHash('黄平县中医医院开展义诊', '正文第二段')).not.toBe(h)
    expect(h).toMatch(/^[0-9a-f]{40}$/)
  })

  it('only looks at the first 200 characters of the text', () => {
    const body = '字'.repeat(200)
    expect(contentHash('t', `${body}甲`)).toBe(contentHash('t', `${body}乙`))
    expect(contentHash('ab', 'c')).not.toBe(contentHash('a', 'bc'))
  })
})

describe('dedupKeys', () => {
  it('orders guid (per feed), link, hash', () => {
    const keys = dedupKeys({ guid: ' 123 ', link: 'https://A.com/x?utm_medium=1', title: '标题', text: '正文', feedId: 7 })
    expect(keys).toEqual(['g:7:123', 'l:https://a.com/x', `h:${contentHash('标题', '正文')}`])
  })

  it('omits keys it cannot form', () => {
    expect(dedupKeys({ guid: '', link: 'javascript:void(0)', title: '标题', text: '', feedId: 1 })).toHaveLength(1)
    expect(dedupKeys({ feedId: 1, title: ' ', text: '' })).toEqual([])
  })

  it('shares link and hash keys across feeds but not guid keys', () => {
    const a = dedupKeys({ guid: 'x', link: 'https://a.com/1', title: 't', text: 'b', feedId: 1 })
    const b = dedupKeys({ guid: 'x', link: 'https://a.com/1/', title: 't', text: 'b', feedId: 2 })
    expect(a[0]).not.toBe(b[0])
    expect(a.slice(1)).toEqual(b.slice(1))
  })
})
