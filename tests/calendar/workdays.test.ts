// China's working calendar (issue 16): holidays and 调休 from chinese-days, years the office adds from the State
// Council's notice, and every working-day rule of the desk on it — the LED lead time, deadlines and quota weeks.
import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { WorkCalendar, holidaysText } from '../../shared/china-calendar'
import { readHolidayNotice } from '../../shared/holiday-notice'
import { ledLeadWarning } from '../../shared/workflow'
import { addDays } from '../../shared/dates'
import { NOTICE_2027 } from '../fixtures/holiday-notices'

let d: TestDesk
afterEach(() => d?.close())

const cal = new WorkCalendar()


describe('the working calendar', () => {
  it('counts working days across 国庆 and 春节 of two years, with 调休 Saturdays and Sundays at work', () => {
    // 2023: 9/29 中秋 – 10/6 国庆 off; Sat 10/7 and Sun 10/8 are working days.
    expect(cal.day('2023-10-07')).toEqual({ date: '2023-10-07', kind: 'makeup', holiday: '国庆节', known: true })
    expect(cal.day('2023-09-29')).toMatchObject({ kind: 'holiday', holiday: '中秋节' })
    expect(cal.workdaysBetween('2023-09-27', '2023-10-04')).toBe(2)
    expect(cal.workdaysBetween('2023-09-27', '2023-10-09')).toBe(4)
    // 2024: 国庆 10/1–7 off; Sun 9/29 and Sat 10/12 at work.
    expect(cal.workdaysBetween('2024-09-27', '2024-10-09')).toBe(4) // 9/27, 9/29, 9/30, 10/8
    expect(cal.isWorkday('2024-10-12')).toBe(true)
    // 春节 2024: 2/10–17 off; Sun 2/4 and Sun 2/18 at work.
    expect(cal.workdaysBetween('2024-02-08', '2024-02-19')).toBe(3)
    expect(cal.isWorkday('2024-02-04')).toBe(true)
    // 春节 2025: 1/28–2/4 off; Sun 1/26 and Sat 2/8 at work.
    expect(cal.addWorkdays('2025-01-27', 1)).toBe('2025-02-05')
    expect(cal.addWorkdays('2025-02-05', -2)).toBe('2025-01-26')
    expect(cal.day('2025-02-08')).toMatchObject({ kind: 'makeup', holiday: '春节' })
    // an ordinary week: weekends only
    expect(cal.workdaysBetween('2023-06-12', '2023-06-19')).toBe(5)
  })

  it('names a holiday run whole, and knows which years have no schedule', () => {
    expect(holidaysText(cal.holidaysIn('2023-09-27', '2023-10-03'))).toBe('9月29日至10月6日中秋节、国庆节放假')
    expect(cal.hasSchedule(2026)).toBe(true)
    expect(cal.hasSchedule(2027)).toBe(false)
    expect(cal.day('2027-01-01')).toEqual({ date: '2027-01-01', kind: 'workday', known: false })
    expect(cal.unknownYears('2026-12-28', '2027-01-05')).toEqual([2027])
  })

  it('warns about the LED lead time on 2023-09-27 for a display from 10-04, naming the break; a 调休 Saturday counts', () => {
    expect(ledLeadWarning(cal, '2023-09-27', '2023-10-04')).toBe(
      'LED屏内容须在展示开始前 3 个工作日送审：展示开始 2023-10-04，距今只有 2 个工作日（9月29日至10月6日中秋节、国庆节放假），请尽快安排审核'
    )
    // Thu 10/5 → Tue 10/10: the working Saturday 10/7, Sunday 10/8 and Monday 10/9 give 3.
    expect(ledLeadWarning(cal, '2023-10-05', '2023-10-10')).toBeNull()
    // A year with no schedule is reckoned by weekends only, and says so.
    expect(ledLeadWarning(cal, '2026-12-31', '2027-01-04')).toBe(
      'LED屏内容须在展示开始前 3 个工作日送审：展示开始 2027-01-04，距今只有 2 个工作日（2027年的节假日安排尚未录入，按周末计算，请在“设置 › 节假日安排”中补充），请尽快安排审核'
    )
    expect(ledLeadWarning(cal, '2023-10-05', '2023-10-01')).toBeNull() // a display already past is recorded, not requested
  })
})

describe('the State Council notice', () => {
  it('reads every item, its days off and its 调休 working days, like the library for a year both know', () => {
    const notice2025 = `一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`
    const r = readHolidayNotice(notice2025, 2025)
    if ('error' in r) throw new Error(r.error)
    expect(r.items.map((i) => [i.name, i.from, i.to, i.days, i.workdays])).toEqual([
      ['元旦', '2025-01-01', '2025-01-01', 1, []],
      ['春节', '2025-01-28', '2025-02-04', 8, ['2025-01-26', '2025-02-08']],
      ['清明节', '2025-04-04', '2025-04-06', 3, []],
      ['劳动节', '2025-05-01', '2025-05-05', 5, ['2025-04-27']],
      ['端午节', '2025-05-31', '2025-06-02', 3, []],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08', 8, ['2025-09-28', '2025-10-11']]
    ])
    const mine = new WorkCalendar({ 2025: r.schedule })
    const differ: string[] = []
    for (let day = '2025-01-01'; day <= '2025-12-31'; day = addDays(day, 1)) if (mine.isWorkday(day) !== cal.isWorkday(day)) differ.push(day)
    expect(differ).toEqual([])
  })

  it('reads a 元旦 that starts in the year before', () => {
    const r = readHolidayNotice('一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。', 2023)
    if ('error' in r) throw new Error(r.error)
    expect(new WorkCalendar({ 2023: r.schedule }).day('2022-12-31')).toMatchObject({ kind: 'holiday', holiday: '元旦' })
  })

  it('says what is wrong with a notice it cannot use, naming the item', () => {
    expect(readHolidayNotice('春节放七天', 2027)).toEqual({ error: '没有读到任何放假安排：请粘贴国务院办公厅通知的正文（如“一、元旦：1月1日放假，共1天。”）' })
    expect(readHolidayNotice('一、春节：2月5日至13日放假调休，共8天。', 2027)).toEqual({ error: '“春节”写的是共8天，但 2027-02-05 至 2027-02-13 是 9 天，请核对' })
    expect(readHolidayNotice('一、春节：2月5日至13日放假调休，共9天。2月6日（周六）上班。', 2027)).toEqual({ error: '2027-02-06 既是“春节”的放假日又是上班日，请核对' })
    expect(readHolidayNotice('一、春节：2月30日放假，共1天。', 2027)).toEqual({ error: '“春节”的放假日期读不出来：2月30日' })
  })
})

describe('holiday schedules on the desk', () => {
  it('adds 2027 from the notice, audited; every rule then reckons with it; deleting it goes back to weekends', async () => {
    d = freshDesk({ now: new Date('2027-01-27T02:00:00Z') })
    const preview = await d.call('holiday-notice-read', { year: 2027, notice: NOTICE_2027 })
    expect(preview.replaces).toBeNull()
    expect(preview.items.map((i) => `${i.name} ${i.days}`)).toEqual(['元旦 3', '春节 8', '清明节 3', '劳动节 5', '端午节 1', '中秋节 1', '国庆节 7'])
    expect((await d.call('holiday-schedules', {})).years.find((y) => y.year === 2027)).toBeUndefined()

    // Before: a display from Mon 2/8 asked for on Wed 1/27 looks fine by weekends (1/27, 28, 29, 2/1 … ).
    const led = await d.call('piece-create', { channel: 'led', title: '春节祝福', date: '2027-02-15', status: 'draft', kind: '节日祝福' })
    expect((await d.call('piece-proofread', { id: led.id })).warnings).toEqual([])

    const saved = await d.call('holiday-year-save', { year: 2027, notice: NOTICE_2027 })
    expect(saved.years.find((y) => y.year === 2027)).toEqual({ year: 2027, source: '本院补充', holidays: 28, makeups: 5 })
    const log = await d.call('audit-list', { entity: 'settings', entityId: 'holiday-schedules' })
    expect(log.at(-1)).toMatchObject({ action: 'update', actor: '测试干事' })

    // After: 1/27 → 2/15 crosses 春节 (2/5–12): 1/27, 28, 29, 2/1, 2, 3, 4 … enough; 2/4 → 2/15 is not.
    expect((await d.call('piece-proofread', { id: led.id })).warnings).toEqual([])
    const d2 = await d.call('piece-reschedule', { id: led.id, date: '2027-02-15' })
    expect(d2.warnings).toEqual([])
    d.ctx.now = () => new Date('2027-02-04T02:00:00Z')
    expect((await d.call('piece-proofread', { id: led.id })).warnings).toEqual([
      'LED屏内容须在展示开始前 3 个工作日送审：展示开始 2027-02-15，距今只有 1 个工作日（2月5日至12日春节放假），请尽快安排审核'
    ])

    const removed = await d.call('holiday-year-delete', { year: 2027 })
    expect(removed.years.find((y) => y.year === 2027)).toBeUndefined()
    expect((await d.call('piece-proofread', { id: led.id })).warnings).toEqual([])
    const gone = await d.invoke('holiday-year-delete', { year: 2027 })
    expect(!gone.ok && gone.error.message).toBe('2027年没有本院补充的节假日安排')
  })

  it('refuses a notice it cannot read, naming the field, and writes nothing', async () => {
    d = freshDesk()
    const r = await d.invoke('holiday-year-save', { year: 2027, notice: '春节放七天' })
    expect(!r.ok && r.error).toMatchObject({ details: { field: 'notice' } })
    expect((await d.call('holiday-schedules', {})).added).toEqual({})
    const y = await d.invoke('holiday-notice-read', { year: 1999, notice: NOTICE_2027 })
    expect(!y.ok && y.error.message).toBe('年份：年份须在2000–2100之间')
  })

  it('re-checks the LED lead time after a drag, on 日期 when no display window is given', async () => {
    d = freshDesk({ now: new Date('2023-09-25T02:00:00Z') })
    const p = await d.call('piece-create', { channel: 'led', title: '国庆节日祝福', date: '2023-10-16', status: 'draft', kind: '节日祝福' })
    expect((await d.call('piece-reschedule', { id: p.id, date: '2023-10-16' })).warnings).toEqual([])
    const moved = await d.call('piece-reschedule', { id: p.id, date: '2023-10-04' })
    // 9/25, 26, 27, 28 are four working days before 10/4 (the break after them): enough. Moved to 9/27, two remain.
    expect(moved.warnings).toEqual([])
    const closer = await d.call('piece-reschedule', { id: p.id, date: '2023-09-27' })
    expect(closer.warnings).toEqual(['LED屏内容须在展示开始前 3 个工作日送审：展示开始 2023-09-27，距今只有 2 个工作日，请尽快安排审核'])
    const submitted = await d.call('review-submit', { id: p.id })
    expect(submitted.warnings).toEqual(closer.warnings)
  })
})

describe('deadlines and quota weeks on working days', () => {
  it('tells how many working days are left and when a deadline falls on a day off', async () => {
    d = freshDesk({ now: new Date('2023-09-25T02:00:00Z') })
    const due = await d.call('deadline-save', { title: '三季度意识形态工作推进情况', dueDate: '2023-10-01', notes: '' })
    expect(due).toMatchObject({ daysLeft: 6, workdaysLeft: 4, dueOff: { why: '国庆节放假', lastWorkday: '2023-09-28' } })
    const after = await d.call('deadline-save', { title: '国庆期间舆情报告', dueDate: '2023-10-09', notes: '' })
    expect(after).toMatchObject({ daysLeft: 14, workdaysLeft: 7, dueOff: null })
    // 14 days off, but only 7 working days: 今日待办 shows it already (a week or five working days).
    expect((await d.call('today-list', {})).deadlines.map((x) => x.title)).toEqual(['三季度意识形态工作推进情况'])
    d.ctx.now = () => new Date('2023-09-27T02:00:00Z')
    expect((await d.call('today-list', {})).deadlines.map((x) => x.title)).toEqual(['三季度意识形态工作推进情况', '国庆期间舆情报告'])
  })

  it('does not judge a week with no working day (春节 2026), counting only what was carried out', async () => {
    d = freshDesk({ now: new Date('2026-03-02T02:00:00Z') })
    await d.call('quota-save', { label: '工作动态每周至少1条', channel: 'gov_report', period: 'week', target: 1 })
    for (const date of ['2026-02-02', '2026-02-09', '2026-02-23']) await d.call('piece-create', { channel: 'gov_report', title: `工作动态${date}`, date, status: 'submitted', venue: '县卫健局', backfill: true })
    await d.call('piece-create', { channel: 'gov_report', title: '计划中的工作动态', date: '2026-02-17', status: 'draft', venue: '县卫健局' })
    const [q] = await d.call('quota-progress', { from: '2026-02-02', to: '2026-03-01' })
    expect(q.periods.map((p) => [p.from, p.actual, p.off])).toEqual([
      ['2026-02-02', 1, null],
      ['2026-02-09', 1, null],
      ['2026-02-16', 0, '春节'],
      ['2026-02-23', 1, null]
    ])
    expect(q).toMatchObject({ target: 3, actual: 3, met: true })
  })
})

describe('a year with no schedule', () => {
  it('is announced once (remembered in the desk’s state): next year from November; not once the year is added', async () => {
    d = freshDesk({ now: new Date('2026-10-20T02:00:00Z') })
    await d.call('schedule-due', {})
    expect(d.notices).toEqual([])
    d.ctx.now = () => new Date('2026-11-02T02:00:00Z')
    await d.call('schedule-due', {})
    await d.call('schedule-due', {})
    expect(d.notices.map((n) => [n.title, n.href])).toEqual([['2027年节假日安排尚未录入', '#/settings/holidays']])
    expect(d.notices[0].body).toMatch(/录入前，2027年的工作日按周末计算/)
    // in 2027 with the year added, nothing more; 2028 is announced from its November
    await d.call('holiday-year-save', { year: 2027, notice: NOTICE_2027 })
    d.ctx.now = () => new Date('2027-03-01T02:00:00Z')
    await d.call('schedule-due', {})
    expect(d.notices).toHaveLength(1)
    d.ctx.now = () => new Date('2027-11-01T02:00:00Z')
    await d.call('schedule-due', {})
    expect(d.notices.map((n) => n.title)).toEqual(['2027年节假日安排尚未录入', '2028年节假日安排尚未录入'])
  })
})
