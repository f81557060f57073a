// 节点日: the days a hospital publicity office plans its year around — statutory holidays (from the working calendar,
// each run once with its span and its 调休上班 days), the 24 节气, the health awareness days, the theme months and the
// hospital's own anniversaries — each with the piece the office usually makes for it.
//
// Pure: the office's list (设置 › 节点日) and its working calendar are passed in, so the window, the handlers and the
// tests reckon alike. Dates are calendar days 'YYYY-MM-DD'; nothing here reads the machine's time zone.
import chineseDays from 'chinese-days'
import { addDays, calendarDay, formatDate, isCalendarDate, monthRange } from './dates'
import type { WorkCalendar } from './china-calendar'
import type { Channel } from './channels'

export const PLANNING_KINDS = ['节假日', '节气', '卫生健康日', '院内纪念日', '主题月'] as const
export type PlanningKind = (typeof PLANNING_KINDS)[number]

/** When a listed day falls each year. */
export type PlanningWhen =
  /** A fixed date; `days` > 1 for a week (全国肿瘤防治宣传周 4月15日起7天). */
  | { type: 'date'; month: number; day: number; days?: number }
  /** The nth weekday of a month (weekday 0 = 星期日; nth -1 = the last), e.g. 世界肾脏日 3月第二个星期四. */
  | { type: 'weekday'; month: number; nth: number; weekday: number; days?: number }
  /** A lunar date (重阳节 农历九月初九). */
  | { type: 'lunar'; month: number; day: number }
  /** A whole month (民族团结进步月). */
  | { type: 'month'; month: number }
  /** A statutory holiday by the name the working calendar gives it: its dates come from the year's schedule. */
  | { type: 'holiday'; name: string }

/** The piece the office usually makes for the day; `{节日}` and `{周年}` in the title are filled in. */
export interface PlanningSuggestion {
  channel: Channel
  title: string
  /** LED 内容类别 (节日祝福 …). */
  kind?: string
  themes?: string[]
}

export interface PlanningRule {
  id: string
  name: string
  kind: PlanningKind
  when: PlanningWhen
  /** 院庆: the founding year, so each year says which anniversary it is. */
  since?: number
  suggest?: PlanningSuggestion
  note?: string
}

export interface PlanningDay {
  /** Unique within a list: the rule (or holiday, 节气) and the first day. */
  key: string
  name: string
  kind: PlanningKind
  from: string
  to: string
  /** 调休上班 days that belong to a holiday. */
  makeups: string[]
  /** 院庆: which anniversary, and whether it is a round one (every 5 years). */
  years?: number
  round?: boolean
  suggest?: PlanningSuggestion
  note?: string
}

/** The 民族团结进步月 note: the month is set by each province (region). */
export const UNITY_MONTH_NOTE = '各省（区）月份不同：内蒙古等多地为9月，新疆为5月（民族团结教育月），以本省（区）规定为准'

const led = (title: string): PlanningSuggestion => ({ channel: 'led', title, kind: '节日祝福', themes: ['节日祝福'] })
const science = (title = '{节日}｜健康科普'): PlanningSuggestion => ({ channel: 'wechat', title, themes: ['健康科普'] })
const health = (id: string, name: string, month: number, day: number, extra: Partial<PlanningRule> = {}): PlanningRule => ({
  id, name, kind: '卫生健康日', when: { type: 'date', month, day }, suggest: science(), ...extra
})

/** The list a desk starts with (设置 › 节点日 › 恢复默认). */
export const DEFAULT_PLANNING_RULES: readonly PlanningRule[] = [
  { id: 'yuandan', name: '元旦', kind: '节假日', when: { type: 'holiday', name: '元旦' }, suggest: led('恭祝广大患者元旦快乐') },
  { id: 'chunjie', name: '春节', kind: '节假日', when: { type: 'holiday', name: '春节' }, suggest: led('新春快乐 阖家安康') },
  // 清明 is a day of remembrance: a notice, not a greeting.
  { id: 'qingming', name: '清明节', kind: '节假日', when: { type: 'holiday', name: '清明节' }, suggest: { channel: 'led', title: '文明祭扫 平安清明', kind: '标语' } },
  { id: 'laodong', name: '劳动节', kind: '节假日', when: { type: 'holiday', name: '劳动节' }, suggest: led('致敬每一位劳动者 劳动节快乐') },
  { id: 'duanwu', name: '端午节', kind: '节假日', when: { type: 'holiday', name: '端午节' }, suggest: led('端午安康') },
  { id: 'zhongqiu', name: '中秋节', kind: '节假日', when: { type: 'holiday', name: '中秋节' }, suggest: led('中秋快乐 月圆人安') },
  { id: 'guoqing', name: '国庆节', kind: '节假日', when: { type: 'holiday', name: '国庆节' }, suggest: led('{节日}快乐') },
  health('aier', '全国爱耳日', 3, 3),
  { id: 'shenzang', name: '世界肾脏日', kind: '卫生健康日', when: { type: 'weekday', month: 3, nth: 2, weekday: 4 }, suggest: science(), note: '每年3月第二个星期四' },
  health('shuimian', '世界睡眠日', 3, 21),
  health('jiehe', '世界防治结核病日', 3, 24),
  health('weisheng', '世界卫生日', 4, 7),
  { id: 'zhongliu', name: '全国肿瘤防治宣传周', kind: '卫生健康日', when: { type: 'date', month: 4, day: 15, days: 7 }, suggest: science() },
  health('jiezhong', '全国儿童预防接种日', 4, 25),
  health('nueji', '全国疟疾日', 4, 26),
  { id: 'xiaochuan', name: '世界哮喘日', kind: '卫生健康日', when: { type: 'weekday', month: 5, nth: 1, weekday: 2 }, suggest: science(), note: '每年5月第一个星期二' },
  health('hushi', '国际护士节', 5, 12, { suggest: { channel: 'wechat', title: '致敬白衣天使｜{节日}', themes: ['医德医风'] } }),
  { id: 'yingyang', name: '全民营养周', kind: '卫生健康日', when: { type: 'weekday', month: 5, nth: 2, weekday: 0, days: 7 }, suggest: science(), note: '一般为5月第二个星期日起一周，以当年通知为准' },
  health('gaoxueya-world', '世界高血压日', 5, 17),
  health('wuyan', '世界无烟日', 5, 31),
  health('aiyan', '全国爱眼日', 6, 6),
  health('xianxue', '世界献血者日', 6, 14),
  health('ganyan', '世界肝炎日', 7, 28),
  health('yishi', '中国医师节', 8, 19, { suggest: { channel: 'wechat', title: '致敬医者｜{节日}', themes: ['医德医风'] } }),
  health('aiya', '全国爱牙日', 9, 20),
  health('chidai', '世界阿尔茨海默病日', 9, 21),
  health('xinzang', '世界心脏日', 9, 29),
  health('gaoxueya', '全国高血压日', 10, 8),
  health('jingshen', '世界精神卫生日', 10, 10),
  health('guzhi', '世界骨质疏松日', 10, 20),
  { id: 'chongyang', name: '重阳节', kind: '卫生健康日', when: { type: 'lunar', month: 9, day: 9 }, suggest: science('敬老爱老｜{节日}老年健康'), note: '农历九月初九，老年节' },
  health('cuzhong', '世界卒中日', 10, 29),
  health('tangniao', '世界糖尿病日', 11, 14),
  health('aizi', '世界艾滋病日', 12, 1),
  { id: 'minzu', name: '民族团结进步月', kind: '主题月', when: { type: 'month', month: 9 }, suggest: { channel: 'wechat', title: '{节日}｜民族团结一家亲', themes: ['民族团结'] }, note: UNITY_MONTH_NOTE }
]

/** A 节气 has no rule of its own: each is shown, and drafts a WeChat 节气养生 piece. */
export const SOLAR_TERM_SUGGESTION: PlanningSuggestion = { channel: 'wechat', title: '{节日}｜节气养生', themes: ['健康科普'] }

const ymd = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
const weekday = (date: string) => calendarDay(date).getUTCDay()

/** The nth (or, nth = -1, the last) given weekday of a month; null when the month has no such day. */
export function nthWeekday(year: number, month: number, nth: number, day: number): string | null {
  const { from, to } = monthRange(ymd(year, month, 1).slice(0, 7))
  if (nth < 0) {
    let d = to
    while (weekday(d) !== day) d = addDays(d, -1)
    return d
  }
  let d = from
  while (weekday(d) !== day) d = addDays(d, 1)
  d = addDays(d, 7 * (nth - 1))
  return d <= to ? d : null
}

/** The first day of a rule in a year (null for holidays, which come from the schedule, or a day the year lacks). */
function startIn(when: PlanningWhen, year: number): { from: string; to: string } | null {
  switch (when.type) {
    case 'date': {
      const from = ymd(year, when.month, when.day)
      if (!isCalendarDate(from)) return null // 2月30日, or 2月29日 outside a leap year
      return { from, to: addDays(from, (when.days ?? 1) - 1) }
    }
    case 'weekday': {
      const from = nthWeekday(year, when.month, when.nth, when.weekday)
      return from ? { from, to: addDays(from, (when.days ?? 1) - 1) } : null
    }
    case 'lunar': {
      const from = chineseDays.getSolarDateFromLunar(ymd(year, when.month, when.day)).date
      return from ? { from, to: from } : null
    }
    case 'month':
      return monthRange(ymd(year, when.month, 1).slice(0, 7))
    case 'holiday':
      return null
  }
}

/** A suggested title with the day's name and anniversary filled in. */
export function suggestedTitle(s: PlanningSuggestion, day: Pick<PlanningDay, 'name' | 'years'>): string {
  return s.title.replaceAll('{节日}', day.name).replaceAll('{周年}', day.years === undefined ? '' : String(day.years))
}

/**
 * The planning days that touch [from, to], sorted by first day (then kind, as PLANNING_KINDS orders them). A holiday
 * run that starts before `from` is shown whole, with its span, once.
 */
export function planningDays(cal: WorkCalendar, rules: readonly PlanningRule[], from: string, to: string): PlanningDay[] {
  const out: PlanningDay[] = []
  const byHoliday = new Map(rules.flatMap((r) => (r.when.type === 'holiday' ? [[r.when.name, r] as const] : [])))

  for (const run of cal.holidaysIn(from, to)) {
    const rule = byHoliday.get(run.name)
    // The 调休上班 days of this holiday, within a fortnight either side of the days off.
    const makeups: string[] = []
    for (let d = addDays(run.from, -14); d <= addDays(run.to, 14); d = addDays(d, 1)) {
      const day = cal.day(d)
      if (day.kind === 'makeup' && day.holiday === run.name) makeups.push(d)
    }
    out.push({ key: `holiday:${run.name}:${run.from}`, name: run.name, kind: '节假日', from: run.from, to: run.to, makeups, suggest: rule?.suggest, note: rule?.note })
  }

  for (const t of chineseDays.getSolarTerms(from, to)) {
    out.push({ key: `term:${t.date}`, name: t.name, kind: '节气', from: t.date, to: t.date, makeups: [], suggest: SOLAR_TERM_SUGGESTION })
  }

  const first = Number(from.slice(0, 4))
  const last = Number(to.slice(0, 4))
  for (const rule of rules) {
    // A week that starts in late December of the year before still touches the range.
    for (let y = first - 1; y <= last; y++) {
      const at = startIn(rule.when, y)
      if (!at || at.to < from || at.from > to) continue
      const years = rule.since !== undefined ? y - rule.since : undefined
      if (years !== undefined && years <= 0) continue
      out.push({
        key: `${rule.id}:${at.from}`,
        name: rule.name,
        kind: rule.kind,
        from: at.from,
        to: at.to,
        makeups: [],
        ...(years !== undefined ? { years, round: years % 5 === 0 } : {}),
        suggest: rule.suggest,
        note: rule.note
      })
    }
  }
  const order = (k: PlanningKind) => PLANNING_KINDS.indexOf(k)
  return out.sort((a, b) => a.from.localeCompare(b.from) || order(a.kind) - order(b.kind) || a.name.localeCompare(b.name))
}

/** A day's name as a list shows it: 院庆（70周年·逢五逢十）. */
export function planningDayName(d: PlanningDay): string {
  return d.years !== undefined ? `${d.name}（${d.years}周年${d.round ? '·逢五逢十' : ''}）` : d.name
}

/** When it is: 9月30日至10月6日 · 10月7日、10月8日上班. */
export function planningDaySpan(d: PlanningDay): string {
  const span = d.from === d.to ? formatDate(d.from, 'M月d日') : `${formatDate(d.from, 'M月d日')}至${formatDate(d.to, 'M月d日')}`
  const work = d.makeups.length ? ` · ${d.makeups.map((m) => formatDate(m, 'M月d日')).join('、')}上班` : ''
  return span + work
}

/** How a day reads in a list: 国庆节 9月30日至10月6日 · 10月7日、10月8日上班 / 院庆（70周年·逢五逢十） 10月15日. */
export function planningDayLabel(d: PlanningDay): string {
  return `${planningDayName(d)} ${planningDaySpan(d)}`
}

/** The form's prefill for a day's suggested piece: its date, title, and for an LED piece a display window over the day(s). */
export function draftFor(d: PlanningDay): { channel: Channel; title: string; date: string; themes: string[]; inputs: Record<string, string> } | null {
  const s = d.suggest
  if (!s) return null
  const title = suggestedTitle(s, d)
  if (s.channel === 'led') {
    // A 主题月's screen runs for its first week, not the whole month.
    const end = d.kind === '主题月' ? addDays(d.from, 6) : d.to
    return { channel: 'led', title, date: d.from, themes: s.themes ?? [], inputs: { kind: s.kind ?? '', displayStart: d.from, displayEnd: end } }
  }
  return { channel: s.channel, title, date: d.from, themes: s.themes ?? [], inputs: {} }
}
