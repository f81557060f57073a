import { describe, expect, it } from 'vitest'
import { DEFAULT_PROOF_TERMS as SHIPPED } from '../../shared/proof-terms'
import { DEFAULT_PROOF_TERMS, commissionSlips, mergeDefaultTerms, nameSlips, proofread, proofreadParagraphs, proofreadText, type ProofEntry } from '../../shared/proofread'
import { proofTermsInput } from '../../shared/contract/review'
import { parseSetting } from '../../shared/settings'
import { SEED_000, SEED_001, SEED_003, SEED_004, SEED_004_SLIPS, STANDARD_FORMS } from './proof-corpus'

const CLEAN = { SEED_000, SEED_001, SEED_003, SEED_004, STANDARD_FORMS }
const pairs = (hits: { wrong: string; right: string }[]) => hits.map((h) => `${h.wrong}→${h.right}`)

describe('规范表述 shipped dictionary', () => {
  it('has at least 150 entries, each wrong form once, each with its right form, note and source', () => {
    expect(DEFAULT_PROOF_TERMS).toBe(SHIPPED)
    expect(DEFAULT_PROOF_TERMS.length).toBeGreaterThanOrEqual(150)
    const wrongs = DEFAULT_PROOF_TERMS.map((e) => e.wrong)
    expect(wrongs.filter((w, i) => wrongs.indexOf(w) !== i)).toEqual([])
    for (const e of DEFAULT_PROOF_TERMS) {
      expect(e.wrong.trim(), JSON.stringify(e)).toBe(e.wrong)
      expect(e.wrong, JSON.stringify(e)).not.toBe('')
      expect(e.right.trim(), e.wrong).not.toBe('')
      expect(e.note?.trim(), e.wrong).toBeTruthy()
      expect(e.source?.trim(), e.wrong).toBeTruthy()
      expect(e.right, e.wrong).not.toBe(e.wrong)
    }
  })

  it('saves as it ships: within the 设置 form’s limits and the stored shape', () => {
    const parsed = proofTermsInput.parse({ terms: DEFAULT_PROOF_TERMS })
    expect(parsed.terms).toEqual(DEFAULT_PROOF_TERMS)
    expect(parseSetting('proofread-terms', DEFAULT_PROOF_TERMS)).toEqual({ value: DEFAULT_PROOF_TERMS, invalid: false })
  })

  it('never flags a right form, neither by its own entry nor by any other', () => {
    const flagged = DEFAULT_PROOF_TERMS.flatMap((e) => proofreadText(e.right, DEFAULT_PROOF_TERMS).map((h) => `${e.right}: ${h.wrong}`))
    expect(flagged).toEqual([])
    // and its own wrong form, standing inside it, is spared (十九大 in 党的十九大, 一带一路 in “一带一路”倡议)
    const selfInside = DEFAULT_PROOF_TERMS.filter((e) => e.right.includes(e.wrong))
    expect(selfInside.length).toBeGreaterThan(20)
    for (const e of selfInside) expect(proofreadText(`学习${e.right}。`, [e]), e.wrong).toEqual([])
  })

  it('gives no hit on a clean corpus: the seeds as an officer would have written them and the standard forms in use', () => {
    const dictionaries = {
      shipped: DEFAULT_PROOF_TERMS,
      county: [...commissionSlips('县卫健局'), ...DEFAULT_PROOF_TERMS],
      city: [...commissionSlips('市卫健委'), ...DEFAULT_PROOF_TERMS],
      hospital: [...nameSlips({ fullName: '南和县人民医院', aliases: ['南和县医院'] }), ...DEFAULT_PROOF_TERMS]
    }
    let chars = 0
    for (const [name, paragraphs] of Object.entries(CLEAN)) {
      chars += paragraphs.join('').length
      for (const [d, entries] of Object.entries(dictionaries)) {
        const hits = proofreadParagraphs(paragraphs.map((text, i) => ({ key: `${name}.${i}`, text })), entries)
        expect(hits.map((h) => `${d} ${h.key} ${h.wrong}: …${h.context}…`)).toEqual([])
      }
    }
    expect(chars).toBeGreaterThan(15_000)
  })

  it('finds each of seed 004’s slips as it printed them', () => {
    for (const s of SEED_004_SLIPS) expect(pairs(proofreadText(s.text, DEFAULT_PROOF_TERMS)), s.text).toEqual([`${s.wrong}→${s.right}`])
    // and a paragraph with several, in reading order, with the entry's source
    const hits = proofreadText(SEED_004_SLIPS.map((s) => s.text).join(''), DEFAULT_PROOF_TERMS)
    expect(hits.map((h) => h.wrong)).toEqual(SEED_004_SLIPS.map((s) => s.wrong))
    expect(hits.find((h) => h.wrong === '卫计局')).toMatchObject({ right: '卫健局', source: '国务院机构改革方案（2018）' })
    expect(hits.find((h) => h.wrong === '形态意识')?.source).toBe('《党委（党组）意识形态工作责任制实施办法》')
  })

  it('catches the other slips the brief names, each once', () => {
    const text =
      '学习习近平思想，做到两个维护；严格三会一课制度；加强党风廉洁建设；向县卫计局、卫生计生局报送；新冠肺炎疫情防控；' +
      '台湾总统；港台同胞；截止目前；工作布署；惯彻落实；坚持不泄；再接再励；一如继往；迫在眉捷；其它科室；二零二三年；围绕一带一路倡议；' +
      '《5.12护士节》、《院内专家简介》；推进放管服改革。。'
    expect(pairs(proofreadText(text, DEFAULT_PROOF_TERMS))).toEqual([
      '习近平思想→习近平新时代中国特色社会主义思想', '两个维护→“两个维护”', '三会一课→“三会一课”', '党风廉洁建设→党风廉政建设',
      '卫计局→卫健局', '卫生计生局→卫生健康局', '新冠肺炎→新冠病毒感染', '台湾总统→台湾地区领导人', '港台同胞→港澳台同胞', '截止目前→截至目前',
      '布署→部署', '惯彻→贯彻', '坚持不泄→坚持不懈', '再接再励→再接再厉', '一如继往→一如既往', '迫在眉捷→迫在眉睫', '其它→其他', '二零二→二〇二',
      '一带一路倡议→“一带一路”倡议', '5.12护士节→“5·12”国际护士节', '》、《→》《', '放管服→“放管服”', '。。→。'
    ])
  })
})

describe('规范表述 matcher', () => {
  const entries: ProofEntry[] = [
    { wrong: '四个意识', right: '“四个意识”', note: '加引号', source: 'GB/T 15834-2011' },
    { wrong: '卫计委', right: '卫健委', note: '' },
    { wrong: '国家卫计委', right: '国家卫生健康委', note: '' },
    { wrong: '。。', right: '。' },
    { wrong: '。。。', right: '……' }
  ]

  it('spares a quoted right form nested in a quotation, not an unquoted or ASCII-quoted one', () => {
    expect(proofreadText('他说：“要增强‘四个意识’。”', entries)).toEqual([])
    expect(proofreadText('增强“四个意识”', entries)).toEqual([])
    expect(pairs(proofreadText('增强"四个意识"，树牢四个意识', entries))).toEqual(['四个意识→“四个意识”', '四个意识→“四个意识”'])
  })

  it('shows only the longer of two hits on one span, and counts repeats without overlap', () => {
    expect(pairs(proofreadText('国家卫计委和市卫计委', entries))).toEqual(['国家卫计委→国家卫生健康委', '卫计委→卫健委'])
    expect(pairs(proofreadText('完。。。', entries))).toEqual(['。。。→……'])
    expect(proofreadText('完。。。。', entries).map((h) => [h.wrong, h.index])).toEqual([['。。。', 1], ['。。', 3]])
    // the hospital's own name slip is one hit, not also 人名医院
    const dict = [...DEFAULT_PROOF_TERMS, ...nameSlips({ fullName: '南和县人民医院', aliases: [] })]
    expect(pairs(proofreadText('南和县人名医院开展义诊', dict))).toEqual(['南和县人名医院→南和县人民医院'])
  })

  it('proofreads a draft paragraph by paragraph with the same matcher, each hit carrying its paragraph key', () => {
    const paragraphs = [
      { key: 'title', text: '南和县人民医院2023年上半年意识形态工作总结' },
      { key: 'study.1', text: '认真学习十九大精神，增强四个意识。' },
      { key: 'media', text: '向县电视台、卫计委上报信息。' },
      { key: 'empty', text: '' }
    ]
    const hits = proofreadParagraphs(paragraphs, [...entries, ...DEFAULT_PROOF_TERMS])
    expect(hits.map((h) => [h.key, h.wrong, h.right, h.index])).toEqual([
      ['study.1', '十九大', '党的十九大', 4],
      ['study.1', '四个意识', '“四个意识”', 12],
      ['media', '卫计委', '卫健委', 6]
    ])
    expect(hits[1]).toMatchObject({ note: '加引号', source: 'GB/T 15834-2011', context: '学习十九大精神，增强四个意识。' })
    for (const p of paragraphs) {
      const same = proofreadText(p.text, [...entries, ...DEFAULT_PROOF_TERMS])
      expect(hits.filter((h) => h.key === p.key).map(({ key: _k, ...m }) => m)).toEqual(same)
    }
    expect(proofread({ body: paragraphs[1].text }, entries).map((h) => h.field)).toEqual(['body'])
    expect(proofreadParagraphs([], DEFAULT_PROOF_TERMS)).toEqual([])
  })
})

describe('commissionSlips', () => {
  it('flags the outdated names of a county 卫健局 as its configured name', () => {
    const slips = commissionSlips('县卫健局')
    expect(slips.every((s) => s.right === '县卫健局' && s.note && s.source)).toBe(true)
    expect(slips.map((s) => s.wrong)).toEqual(
      expect.arrayContaining(['卫计局', '卫生计生局', '卫生和计划生育局', '卫生局', '县卫计局', '县卫生局', '县卫健委', '县卫生健康委'])
    )
    const dict = [...slips, ...DEFAULT_PROOF_TERMS]
    expect(pairs(proofreadText('向县电视、卫计局等部门上报信息；按《县卫生和计划生育局党委通知》要求；县卫生局、县卫健委', dict))).toEqual([
      '卫计局→县卫健局', '县卫生和计划生育局→县卫健局', '县卫生局→县卫健局', '县卫健委→县卫健局'
    ])
    expect(proofreadText('向县卫健局、市卫健委、省卫生健康委报送', dict)).toEqual([])
  })

  it('uses the place in a full name, and the 委 forms for a commission', () => {
    const full = commissionSlips('南和县卫生健康局')
    expect(pairs(proofreadText('南和县卫计局；县卫生计生局；卫生局', [...full, ...DEFAULT_PROOF_TERMS]))).toEqual([
      '南和县卫计局→南和县卫生健康局', '县卫生计生局→南和县卫生健康局', '卫生局→南和县卫生健康局'
    ])
    const city = commissionSlips('邢台市卫健委')
    expect(city.map((s) => s.wrong)).toEqual(expect.arrayContaining(['邢台市卫计委', '市卫生计生委', '卫生和计划生育委员会', '市卫健局']))
    expect(city.map((s) => s.wrong)).not.toContain('卫计局')
    expect(proofreadText('邢台市卫健委、县卫健局', [...city, ...DEFAULT_PROOF_TERMS])).toEqual([])
  })

  it('gives nothing for a name that is not a 卫生健康 one', () => {
    expect(commissionSlips('')).toEqual([])
    expect(commissionSlips('县卫生局')).toEqual([])
    expect(commissionSlips('  县卫健局  ').every((s) => s.right === '县卫健局')).toBe(true)
  })
})

describe('mergeDefaultTerms', () => {
  it('keeps the office’s own entries as they are, adds the shipped ones it lacks and fills a blank 出处', () => {
    const office: ProofEntry[] = [
      { wrong: '医患纠纷', right: '医疗纠纷', note: '院内统一用语' },
      { wrong: '十九大', right: '党的十九大', note: '本院说明' },
      { wrong: '卫计局', right: '县卫健局', note: '' }
    ]
    const r = mergeDefaultTerms(office, DEFAULT_PROOF_TERMS)
    expect(r.terms.slice(0, 3)).toEqual([office[0], { ...office[1], source: '党的二十大报告' }, office[2]])
    expect(r.sourced).toBe(1)
    expect(r.added).toBe(DEFAULT_PROOF_TERMS.length - 2)
    expect(new Set(r.terms.map((t) => t.wrong)).size).toBe(r.terms.length)
    expect(proofTermsInput.safeParse({ terms: r.terms }).success).toBe(true)
    expect(mergeDefaultTerms(r.terms, DEFAULT_PROOF_TERMS)).toMatchObject({ added: 0, sourced: 0 })
  })
})
