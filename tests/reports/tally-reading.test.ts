import { describe, it, expect } from 'vitest'
import { changeTone, figureDirection, periodSpan, quotaUnit, readQuota, type QuotaFacts } from '../../shared/tally-reading'
import { CHANNEL_CODES } from '../../shared/channels'

/** A quota's progress over the tally: one entry per period (partial ones shown, not judged). */
function facts(period: QuotaFacts['period'], perPeriod: number, unit: string, periods: [number, boolean?][]): QuotaFacts {
  const whole = periods.filter(([, partial]) => !partial).length
  return { period, perPeriod, unit, target: perPeriod * whole, actual: periods.reduce((a, [n]) => a + n, 0), periods: periods.map(([actual, partial]) => ({ actual, partial: !!partial, off: null })) }
}

describe('a quota in plain words', () => {
  it('a monthly quota in its month: met, or short by how many', () => {
    expect(readQuota(facts('month', 8, '篇', [[10]]), '2023-05')).toEqual({
      state: 'met', span: '本月', actual: 10, unit: '篇', target: '目标 8 篇', verdict: '已达标', text: '本月 10 篇，目标 8 篇，已达标'
    })
    const short = readQuota(facts('month', 8, '篇', [[6]]), '2023-05')
    expect(short).toMatchObject({ state: 'short', verdict: '未达标，差 2 篇' })
    expect(short.text).toBe('本月 6 篇，目标 8 篇，未达标，差 2 篇')
    expect(readQuota(facts('month', 8, '篇', [[0]]), '2023-05').text).toBe('本月 0 篇，目标 8 篇，未达标，差 8 篇')
  })

  it('a weekly quota in a month: judged on the whole weeks, the days of the partial ones still counted', () => {
    // 2023-05: 1–7 May is the week of 1 May (Monday) … the week of 29 May runs into June.
    const met = readQuota(facts('week', 1, '篇', [[3], [2], [1], [3], [1, true]]), '2023-05')
    expect(met.text).toBe('本月 10 篇，目标 4 篇（每周 1 篇，4 周），已达标')
    // ten pieces, four required, yet one whole week had none: not met, and the sentence says why
    const short = readQuota(facts('week', 1, '篇', [[0, true], [5], [0], [4], [1]]), '2023-05')
    expect(short.state).toBe('short')
    expect(short.text).toBe('本月 10 篇，目标 4 篇（每周 1 篇，4 周），未达标，4 周中有 1 周不足 1 篇，共差 1 篇')
  })

  it('no whole period in the tally (a half-year quota in a month): no 0 / 0 / 未完成, it is not judged', () => {
    const r = readQuota(facts('half', 5, '篇', [[0, true]]), '2023-05')
    expect(r).toMatchObject({ state: 'unjudged', target: '每半年目标 5 篇', verdict: '本月不单独考核' })
    expect(r.text).toBe('本月 0 篇，每半年目标 5 篇，本月不单独考核')
    expect(r.text).not.toMatch(/0 \/ 0|未完成/)
    expect(readQuota(facts('week', 1, '次', [[1, true]]), '2023-06-13..2023-06-15').text).toBe('本期 1 次，每周目标 1 次，本期不单独考核')
  })

  it('names the tally’s own period: 本月, 本季度, 上半年, 全年, 本期', () => {
    expect(['2023-05', '2023Q2', '2023H1', '2023H2', '2023', '2023-01-01..2023-03-31', 'nonsense'].map(periodSpan)).toEqual(['本月', '本季度', '上半年', '下半年', '全年', '本期', '本期'])
    expect(readQuota(facts('half', 5, '篇', [[6]]), '2023H1').text).toBe('上半年 6 篇，目标 5 篇，已达标')
    expect(readQuota(facts('month', 2, '次', [[2], [1], [3]]), '2023Q2').text).toBe('本季度 6 次，目标 6 次（每月 2 次，3 个月），未达标，3 个月中有 1 个月不足 2 次，共差 1 次')
  })

  it('counts in the unit the quota’s name uses, else its channel’s; a quota on outlet level alone counts 篇', () => {
    expect(quotaUnit({ label: '工作动态信息每周至少 1 条', channel: 'gov_report' })).toBe('条')
    expect(quotaUnit({ label: '公众号每月至少更新 8 篇', channel: 'wechat' })).toBe('篇')
    expect(quotaUnit({ label: '每季度义诊宣传2场', channel: 'event' })).toBe('场')
    expect(quotaUnit({ label: '工作动态', channel: 'gov_report' })).toBe('篇')
    expect(quotaUnit({ label: '视频号更新', channel: 'video_account' })).toBe('条')
    expect(quotaUnit({ label: '宣传活动', channel: 'event' })).toBe('次')
    expect(quotaUnit({ label: '省级以上录用', channel: null })).toBe('篇')
    for (const c of CHANNEL_CODES) expect(quotaUnit({ label: '', channel: c })).toMatch(/^[\u4e00-\u9fff]$/)
  })
})

describe('which way each figure is good news', () => {
  it('fewer 负面 mentions, fewer serious ones and a shorter 办结用时 are good; for counts a rise is good', () => {
    expect(changeTone('mentions.negative', -2)).toBe('good')
    expect(changeTone('mentions.negative', 1)).toBe('bad')
    expect(changeTone('mentions.severe', 1)).toBe('bad')
    expect(changeTone('mentions.medianCloseHours', -3.5)).toBe('good')
    expect(changeTone('mentions.medianCloseHours', 4)).toBe('bad')
    expect(changeTone('channel.wechat.count', 3)).toBe('good')
    expect(changeTone('channel.wechat.count', -3)).toBe('bad')
    expect(changeTone('mentions.closedShare', -5)).toBe('bad')
    expect(changeTone('mentions.positive', 2)).toBe('good')
  })

  it('no change is flat; figures with no good direction are neutral either way', () => {
    expect(changeTone('mentions.negative', 0)).toBe('flat')
    expect(changeTone('pieces.total', 0)).toBe('flat')
    expect(changeTone('mentions.total', 5)).toBe('neutral')
    expect(changeTone('mentions.removed', -5)).toBe('neutral')
    expect(figureDirection('submissions.accepted')).toBe('higher')
    expect(figureDirection('mentions.major')).toBe('lower')
  })
})
