// The pure part of "review bound to content": which fields are reviewed content and how they hash.
import { describe, it, expect } from 'vitest'
import { canonicalJson, changedKeys, contentHash, fieldHashes, fieldList, reviewedContent } from '../../services/review/content-hash'

const piece = {
  channel: 'led' as const, title: '庆祝建党102周年', date: '2023-06-19', author: '张宣', venue: '门诊大厅', kind: '节日祝福', body: '',
  themes: ['党建', '意识形态'], extra: { displayStart: '2023-06-19', displayEnd: '2023-07-01' }
}

describe('content hash', () => {
  it('is the same for the same content whatever the order of keys, themes and attachments', () => {
    const a = contentHash(reviewedContent(piece, ['b', 'a']))
    const b = contentHash(reviewedContent({ ...piece, themes: ['意识形态', '党建'], extra: { displayEnd: '2023-07-01', displayStart: '2023-06-19' } }, ['a', 'b']))
    expect(a).toBe(b)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}')
  })

  it('changes with every reviewed field and attachment, not with figures recorded afterwards', () => {
    const base = reviewedContent(piece, ['a'])
    for (const change of [{ title: '改' }, { date: '2023-06-20' }, { venue: '院门口' }, { kind: '标语' }, { themes: ['党建'] }, { extra: { ...piece.extra, displayEnd: '2023-07-02' } }]) {
      expect(contentHash(reviewedContent({ ...piece, ...change }, ['a'])), JSON.stringify(change)).not.toBe(contentHash(base))
    }
    expect(contentHash(reviewedContent(piece, ['a', 'c']))).not.toBe(contentHash(base))
    const figures = { ...piece, extra: { ...piece.extra, likes: 30, shares: 4, zaikan: 1, acceptedDate: '2023-06-30' } }
    expect(contentHash(reviewedContent(figures, ['a']))).toBe(contentHash(base))
  })

  it('names the changed fields as the officer sees them on the channel', () => {
    const before = fieldHashes(reviewedContent(piece, []))
    const after = fieldHashes(reviewedContent({ ...piece, title: '新', venue: '院门口', extra: { ...piece.extra, displayStart: '2023-06-18' } }, ['x']))
    const keys = changedKeys(before, after)
    expect(keys).toEqual(['title', 'venue', 'extra.displayStart', 'evidence'])
    expect(fieldList('led', keys)).toBe('标题、屏幕位置、展示开始、附件')
  })
})
