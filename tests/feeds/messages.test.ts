import { describe, expect, it } from 'vitest'
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from '../../services/feeds/fetcher'
import { durationText, httpErrorMessage, networkErrorMessage, sizeText } from '../../services/feeds/messages'

describe('messages', () => {
  it('words the defaults the way the officer reads them', () => {
    expect(`服务器在 ${durationText(DEFAULT_TIMEOUT_MS)}内没有响应`).toBe('服务器在 20 秒内没有响应')
    expect(`订阅内容超过 ${sizeText(DEFAULT_MAX_BYTES)} 上限`).toBe('订阅内容超过 15 MB 上限')
  })

  it('formats durations and sizes', () => {
    expect([300, 1500, 45_000, 120_000, 90 * 60_000, 36 * 3600_000].map(durationText)).toEqual(['0.3 秒', '1.5 秒', '45 秒', '2 分钟', '1.5 小时', '36 小时'])
    expect([1000, 64 * 1024, 1024 * 1024, 2.5 * 1024 * 1024].map(sizeText)).toEqual(['1 KB', '64 KB', '1 MB', '2.5 MB'])
  })

  it('names the status or system code', () => {
    expect(httpErrorMessage(403)).toBe('服务器拒绝访问（HTTP 403），可能需要登录或本机被限制访问')
    expect(httpErrorMessage(418)).toBe('服务器返回了错误（HTTP 418）')
    expect(networkErrorMessage(Object.assign(new Error('x'), { code: 'ENOTFOUND' }))).toBe('找不到这个网站，请检查订阅地址或本机网络（ENOTFOUND）')
    expect(networkErrorMessage(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }))).toBe('网站的安全证书无效，无法安全连接（CERT_HAS_EXPIRED）')
    expect(networkErrorMessage(new Error('socket hang up'))).toBe('连接被服务器中断（socket hang up）')
  })
})
