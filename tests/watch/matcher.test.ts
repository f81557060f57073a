import { describe, expect, it } from 'vitest'
import { compileRules, highlight, ruleFromProfile, type WatchRule } from '../../services/watch/matcher'

const rules: WatchRule[] = [
  { id: 1, name: '本院名称', any: ['黄平县中医医院', '黄平中医院'], all: [], none: [] },
  { id: 2, name: '医闹', any: [], all: ['本院', '医闹'], none: ['演练'] },
  { id: 3, name: '停用', any: ['医院'], all: [], none: [], enabled: false },
  { id: 4, name: '空规则', any: [], all: [], none: ['演练'] },
  { id: 5, name: '英文', any: ['CT', 'HPX'], all: [], none: [] }
]

describe('compileRules / match', () => {
  const m = compileRules(rules)

  it('any-of matches traditional and full-width spellings, reporting terms as written', () => {
    expect(m.match('黃平縣中醫醫院開展義診', '')).toEqual([{ ruleId: 1, ruleName: '本院名称', terms: ['黄平县中医医院'] }])
    expect(m.match('标题', '记者从黄平中医院获悉')).toEqual([{ ruleId: 1, ruleName: '本院名称', terms: ['黄平中医院'] }])
  })

  it('all-of needs every term, none-of vetoes, and title/text are both searched', () => {
    expect(m.match('本院发生医闹', '')?.map((h) => h.ruleId)).toEqual([2])
    expect(m.match('本院', '昨日一起医闹')?.[0].terms).toEqual(['本院', '医闹'])
    expect(m.match('本院医闹', '')?.length).toBe(1)
    expect(m.match('本院开展防医闹演练', '')).toBeNull()
    expect(m.match('医闹', '')).toBeNull()
  })

  it('skips disabled rules and rules without positive terms', () => {
    expect(m.match('医院新闻', '无关')).toBeNull()
  })

  it('is case-insensitive, width-folded and respects ASCII word edges', () => {
    expect(m.match('新购ＣＴ机', '')?.[0]).toEqual({ ruleId: 5, ruleName: '英文', terms: ['CT'] })
    expect(m.match('hpx发布', '')?.[0].terms).toEqual(['HPX'])
    expect(m.match('a doctor said', '')).toBeNull()
  })

  it('does not match across the title/text boundary and strips HTML that slipped through', () => {
    expect(m.match('黄平县中医', '医院')).toBeNull()
    expect(m.match('', '<p>黄平县<b>中医医院</b></p>')?.[0].ruleId).toBe(1)
    // literal markup in plain text cannot hide a term from the rules
    expect(m.match('转发：<style>黄平县中医医院', '')?.[0].ruleId).toBe(1)
    expect(m.match('<script>', '黄平县中医医院被投诉')?.[0].ruleId).toBe(1)
  })

  it('reports several rules for one item', () => {
    const hits = m.match('黄平县中医医院：本院医闹 CT', '')
    expect(hits?.map((h) => h.ruleId)).toEqual([1, 2, 5])
  })

  it('returns null for everything when no rule is usable', () => {
    expect(compileRules([]).match('x', 'y')).toBeNull()
    expect(compileRules([{ id: 9, name: 'x', any: ['  ', ''], all: [], none: [] }]).match('x', ' ')).toBeNull()
  })
})

describe('highlight', () => {
  it('marks the original traditional characters', () => {
    expect(highlight('黃平縣中醫醫院開展義診', ['中医医院', '义诊'])).toEqual([
      { text: '黃平縣', hit: false },
      { text: '中醫醫院', hit: true },
      { text: '開展', hit: false },
      { text: '義診', hit: true }
    ])
  })

  it('merges overlapping hits, keeps full-width text and never returns HTML', () => {
    expect(highlight('ＡＢＣ民族团结进步', ['abc', '团结', '结进'])).toEqual([
      { text: 'ＡＢＣ', hit: true },
      { text: '民族', hit: false },
      { text: '团结进', hit: true },
      { text: '步', hit: false }
    ])
    const segs = highlight('<b>医闹</b>', ['医闹'])
    expect(segs.map((s) => s.text).join('')).toBe('<b>医闹</b>')
  })

  it('handles no terms, no hits and empty text', () => {
    expect(highlight('文本', [])).toEqual([{ text: '文本', hit: false }])
    expect(highlight('文本', ['无'])).toEqual([{ text: '文本', hit: false }])
    expect(highlight('', ['x'])).toEqual([])
  })
})

describe('ruleFromProfile', () => {
  it('makes the 本院名称 rule from the full name and aliases, without duplicates', () => {
    expect(ruleFromProfile({ fullName: '黄平县中医医院', aliases: ['黃平縣中醫醫院', ' 黄平中医院 ', ''] })).toEqual({
      name: '本院名称',
      any: ['黄平县中医医院', '黄平中医院'],
      all: [],
      none: [],
      enabled: true
    })
  })
})
