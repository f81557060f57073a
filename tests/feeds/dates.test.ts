import { describe, expect, it } from 'vitest'
import { itemDate, parseFeedDate } from '../../services/feeds/dates'

const iso = (raw: string) => {
  const ms = parseFeedDate(raw)
  return ms === null ? null : new Date(ms).toISOString()
}

// Every expectation is an absolute instant, so this file passes under any TZ (run with TZ=UTC and Asia/Shanghai).
describe('parseFeedDate', () => {
  it.each([
    ['2024年1月2日 08:00', '2024-01-02T00:00:00.000Z'],
    ['2024年01月02日', '2024-01-01T16:00:00.000Z'],
    ['2024年1月19日 9时30分', '2024-01-19T01:30:00.000Z'],
    ['2024年1月2日 08：05：09', '2024-01-02T00:05:09.000Z'],
    ['2024-01-20 15:30:00', '2024-01-20T07:30:00.000Z'],
    ['2024/1/20 15:30', '2024-01-20T07:30:00.000Z'],
    ['2024-01-15', '2024-01-14T16:00:00.000Z'],
    ['2024-01-12T09:00:00+08:00', '2024-01-12T01:00:00.000Z'],
    ['2024-01-12T09:00:00.123Z', '2024-01-12T09:00:00.000Z'],
    ['2024-01-12T09:00:00-0500', '2024-01-12T14:00:00.000Z'],
    ['Tue, 02 Jan 2024 08:00:00 +0800', '2024-01-02T00:00:00.000Z'],
    ['Wed, 10 Jan 2024 02:00:00 GMT', '2024-01-10T02:00:00.000Z'],
    ['Sat, 20 Jan 2024 15:30:00 CST', '2024-01-20T07:30:00.000Z'],
    ['20 Jan 2024 15:30:00 EST', '2024-01-20T20:30:00.000Z'],
    ['Sat, 20 Jan 24 15:30', '2024-01-20T07:30:00.000Z'],
    ['Thu, 21 January 2024 08:00:00 +0800', '2024-01-21T00:00:00.000Z'],
    ['2024-02-29 08:00', '2024-02-29T00:00:00.000Z'],
    ['2000年2月29日', '2000-02-28T16:00:00.000Z'],
    ['2024-01-02\t\t08:00', '2024-01-02T00:00:00.000Z']
  ])('%s → %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected)
  })

  it.each(['garbage', '', '   ', '2024年2月30日', '2023-02-29', '1900-02-29', '0099-01-01', '2024-13-01', '2024-00-10', '2024-04-31', 'Mon, 32 Jan 2024 08:00:00 GMT', '2024-01-02 25:00', 'Tue, 02 Foo 2024 08:00:00 GMT', 'Tue, 02 Jan 2024 08:00:00 XYZ'])(
    'cannot read %j', (raw) => {
      expect(parseFeedDate(raw)).toBeNull()
    })
})

describe('itemDate', () => {
  const fetchedAt = new Date('2024-06-01T04:00:00.000Z')
  it('keeps plausible dates', () => {
    expect(itemDate('2024年1月2日 08:00', fetchedAt)).toBe('2024-01-02T00:00:00.000Z')
    expect(itemDate('2024-06-02T12:00:00+08:00', fetchedAt)).toBe('2024-06-02T04:00:00.000Z')
  })
  it('replaces unreadable, ancient and far-future dates with the fetch time', () => {
    for (const raw of ['garbage', '', null, undefined, '1970-01-01T00:00:00Z', '1989-12-31', '2024-06-03T05:00:00Z', '2099年1月1日']) {
      expect(itemDate(raw, fetchedAt)).toBe('2024-06-01T04:00:00.000Z')
    }
  })
})
