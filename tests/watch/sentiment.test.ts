import { describe, expect, it } from 'vitest'
import { DEFAULT_LEXICON, gradeRisk, scoreSentiment } from '../../services/watch/sentiment'

describe('scoreSentiment', () => {
  it('finds negative and positive cues, title cues weighing double', () => {
    expect(scoreSentiment('患者家属投诉医院乱收费', '')).toEqual({ sentiment: '负面', cues: ['投诉', '乱收费'] })
    expect(scoreSentiment('患者送锦旗感谢医护人员', '')).toEqual({ sentiment: '正面', cues: ['锦旗', '感谢'] })
    expect(scoreSentiment('医院召开年度工作会议', '会议总结了上半年工作')).toEqual({ sentiment: '中性', cues: [] })
    // a title cue (2) outweighs a text cue (1)
    expect(scoreSentiment('感谢信', '文中提到投诉')).toEqual({ sentiment: '正面', cues: ['投诉', '感谢信'] })
    expect(scoreSentiment('投诉', '文中提到感谢').sentiment).toBe('负面')
  })

  it('sends ties to 负面 and folds traditional / full-width text', () => {
    expect(scoreSentiment('', '感谢 投诉').sentiment).toBe('负面')
    expect(scoreSentiment('醫療糾紛', '').cues).toEqual(['医疗纠纷'])
  })

  it('counts a cue inside a longer cue once', () => {
    expect(scoreSentiment('发生医疗事故', '').cues).toEqual(['医疗事故'])
  })

  it('ignores negated cues', () => {
    expect(scoreSentiment('全年零投诉 无医疗事故', '医生拒收红包').sentiment).toBe('中性')
    expect(scoreSentiment('未发生医疗纠纷', '').cues).toEqual([])
    expect(scoreSentiment('无人死亡', '').cues).toEqual(['死亡']) // only the immediately preceding word counts
  })

  it('accepts a custom lexicon', () => {
    const lex = { negative: ['停诊'], positive: ['开诊'] }
    expect(scoreSentiment('门诊停诊', '', lex)).toEqual({ sentiment: '负面', cues: ['停诊'] })
    expect(scoreSentiment('投诉', '', lex).sentiment).toBe('中性')
  })

  it('ships a lexicon with the expected core entries', () => {
    for (const w of ['投诉', '医闹', '红包', '回扣', '推诿', '态度恶劣']) expect(DEFAULT_LEXICON.negative).toContain(w)
    for (const w of ['表扬', '锦旗', '成功救治', '义诊', '荣获']) expect(DEFAULT_LEXICON.positive).toContain(w)
  })
})

describe('gradeRisk', () => {
  it('grades only negative mentions, by spread and source level', () => {
    expect(gradeRisk({ sentiment: '正面', sourceWeight: 3, clusterSize: 10 })).toBe('一般')
    expect(gradeRisk({ sentiment: '中性', sourceWeight: 3, clusterSize: 10 })).toBe('一般')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: 0, clusterSize: 1 })).toBe('一般')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: 2, clusterSize: 1 })).toBe('较大')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: 0, clusterSize: 2 })).toBe('较大')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: 3, clusterSize: 1 })).toBe('重大')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: 1, clusterSize: 5 })).toBe('重大')
    expect(gradeRisk({ sentiment: '负面', sourceWeight: Number.NaN, clusterSize: Number.NaN })).toBe('一般')
  })
})
