// The one computed set of figures for a period, from what the queries fetched (db/queries/figures.ts) — no
// database, no clock, no I/O: handlers/reports/figures.ts fetches and calls these. The tally screen, the Word
// draft, the workbook, the CSV and the JSON are all rendered from what this returns, so they cannot disagree.
// Everything here loops over groups (a few hundred per half-year), never over rows.
import { CHANNEL_CODES, CHANNEL_UNITS, DEFAULT_THEMES, OUTLET_LEVELS, channelLabel, type Channel } from '../../shared/channels'
import { EVENT_KINDS, HONOR_KINDS, LED_KINDS, MEETING_KINDS, PRINT_KINDS, TV_KINDS } from '../../shared/contract/channel-fields'
import { FIGURE_GROUPS, type Figure, type FigureEntity, type FigureGroup, type FigureSet, type KindCount, type OutletFigures } from '../../shared/contract/reports'
import type { QuotaProgress } from '../../shared/contract/quotas'
import type { Period } from '../../shared/periods'
import { readQuota } from '../../shared/tally-reading'

/** Channels whose 类别 is broken down (LED content, video source, print item, event type, meeting type, honour). */
export const KIND_CHANNELS = ['led', 'tv', 'print', 'event', 'meeting', 'honor'] as const

// What the queries return (db/queries/figures.ts): one row per group of the period's pieces or mentions. Ids come
// as group_concat text ('1,5,9'), and only when asked for (FigureFetch).
export interface ChannelRow {
  channel: string
  n: number
  quantity: number
  reach: number
  reads: number
  /** WeChat posts marked 原创. */
  original: number
  bilingual: number
  /** 学习笔记 / 心得体会 written (meetings). */
  notes: number
  reflections: number
  ids?: string
  originalIds?: string | null
  bilingualIds?: string | null
  notesIds?: string | null
}
export interface SubmissionRow {
  channel: string
  level: string | null
  accepted: 0 | 1
  paid: 0 | 1
  venue: string
  n: number
  /** The group's oldest piece: ties between outlets go to the one used first. */
  first: number
  ids?: string
}
export interface KindRow {
  channel: string
  kind: string | null
  /** Only for the channels whose 媒体/平台 the report names (VENUE_CHANNELS in db/queries/figures.ts). */
  venue: string | null
  n: number
  quantity: number
  first: number
  ids?: string
}
export interface DepartmentRow { department: string; n: number; ids?: string }
export interface ThemeRow { theme: string; event: 0 | 1; n: number; ids?: string }

export interface PieceAggregates {
  channels: ChannelRow[]
  submissions: SubmissionRow[]
  kinds: KindRow[]
  departments: DepartmentRow[]
  themes: ThemeRow[]
}

export type MentionClass = 'positive' | 'neutral' | 'negative' | 'general' | 'serious' | 'major' | 'closed'

/** ignored: 忽略 after assessment (经研判无需处置) — neither open nor 未办结, so left out of the 办结率's base. */
export type MentionStats = { total: number; medianCloseHours: number | null; removed: number; ignored: number } & Record<MentionClass, number>

export interface MentionIdGroup {
  sentiment: string
  grade: string
  closed: 0 | 1
  /** 1 for the removed ones (the ids behind mentions.removed only). */
  removed: 0 | 1
  /** 1 for the ignored ones (经研判无需处置). */
  ignored?: 0 | 1
  ids: string
}

export interface AccountStats {
  active: number
  owners: number
  ids: string | null
}

/** Everything the figures of a period are computed from, as the queries return it. */
export interface FigureInputs {
  pieces: PieceAggregates
  mentions: MentionStats
  /** Empty unless the ids of a mention figure were asked for (FigureFetch.mentionIds). */
  mentionIds: MentionIdGroup[]
  accounts: AccountStats
  /** Empty when left out (BuildOptions.quotas false). */
  quotas: QuotaProgress[]
}

/** The order the form lists each channel's kinds in: ties are listed this way (标语、节日祝福、专家出诊…). */
export const KIND_ORDER: Partial<Record<Channel, readonly string[]>> = { led: LED_KINDS, tv: TV_KINDS, print: PRINT_KINDS, event: EVENT_KINDS, meeting: MEETING_KINDS, honor: HONOR_KINDS }
const NO_LEVEL = '未注明级别'
const NO_KIND = '未分类'
const NO_DEPARTMENT = '未填科室'
export const ETHNIC_THEME = '民族团结'
const PROVINCIAL_UP = new Set(['国家级', '省级'])

/** What 数量 and 覆盖人次 mean on each channel, in the office's words. */
const QUANTITY_WORDS: Partial<Record<Channel, string>> = { print: '印制数量', event: '发放资料' }
const REACH_WORDS: Partial<Record<Channel, string>> = { event: '覆盖人次', meeting: '参加人次' }
const KIND_UNITS: Partial<Record<Channel, string>> = { tv: '部', event: '次', meeting: '次', print: '批', led: '条' }
const HONOR_UNITS: Record<string, string> = { 锦旗: '面', 感谢信: '封', 媒体表扬: '次' }

const GROUP_ORDER = Object.keys(FIGURE_GROUPS) as FigureGroup[]

interface Slot {
  label: string
  unit: string
  group: FigureGroup
  entity: FigureEntity
  value: number
  ids: string[]
}

/** Figures in the order they are first added; each keeps the id lists of the groups that made it. */
class Figures {
  private slots = new Map<string, Slot>()
  add(key: string, label: string, unit: string, group: FigureGroup, value: number, ids: string | null | undefined, entity: FigureEntity = 'piece'): void {
    let s = this.slots.get(key)
    if (!s) this.slots.set(key, (s = { label, unit, group, entity, value: 0, ids: [] }))
    s.value += value
    if (ids) s.ids.push(ids)
  }
  /** A figure that is not a sum (shares, medians): set once. */
  set(key: string, label: string, unit: string, group: FigureGroup, value: number, ids: number[] | string | null, entity: FigureEntity): void {
    this.slots.set(key, { label, unit, group, entity, value, ids: ids === null ? [] : [Array.isArray(ids) ? ids.join(',') : ids] })
  }
  value(key: string): number {
    return this.slots.get(key)?.value ?? 0
  }
  values(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [key, s] of this.slots) out[key] = s.value
    return out
  }
  /** Grouped in FIGURE_GROUPS order (the appendix and the tally read them this way), first-added order within. */
  list(withIds: (key: string) => boolean): Figure[] {
    const rank = (g: FigureGroup) => GROUP_ORDER.indexOf(g)
    return [...this.slots.entries()].sort(([, a], [, b]) => rank(a.group) - rank(b.group)).map(([key, s]) => {
      const f: Figure = { key, label: s.label, value: s.value, unit: s.unit, group: s.group, entity: s.entity }
      if (withIds(key)) f.ids = idList(s.ids.filter(Boolean).join(',')).sort((a, b) => a - b)
      return f
    })
  }
}

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null)
/** 办结率 as a 党办 reckons it: of the mentions that needed handling (忽略 — 经研判无需处置 — is not 未办结). */
const closedShareOf = (m: MentionStats): number | null => share(m.closed, m.total - m.ignored)
/** Most first; ties in the order the form lists the kinds, then the one used first. */
function byCount<T extends { count: number }>(xs: T[], name: (x: T) => string, first: Map<string, number>, order: readonly string[] = []): T[] {
  const rank = (x: T) => (order.includes(name(x)) ? order.indexOf(name(x)) : order.length)
  return xs.sort((a, b) => b.count - a.count || rank(a) - rank(b) || (first.get(name(a)) ?? 0) - (first.get(name(b)) ?? 0))
}
const earliest = (m: Map<string, number>, key: string, id: number) => m.set(key, Math.min(m.get(key) ?? id, id))

function tallyPieces(f: Figures, a: PieceAggregates) {
  const outlets = new Map<string, OutletFigures>()
  const kinds = new Map<Channel, Map<string, KindCount>>()
  const venues = new Map<Channel, Map<string, number>>()
  const first = new Map<string, number>()
  let paidExcluded = 0
  f.add('pieces.total', '台账记录合计', '条', 'total', 0, null)
  for (const c of CHANNEL_CODES) f.add(`channel.${c}.count`, channelLabel(c), CHANNEL_UNITS[c], 'channel', 0, null)

  for (const g of a.channels) {
    const c = g.channel as Channel
    const name = channelLabel(c)
    f.add('pieces.total', '台账记录合计', '条', 'total', g.n, g.ids)
    f.add(`channel.${c}.count`, name, CHANNEL_UNITS[c], 'channel', g.n, g.ids)
    if (g.quantity) f.add(`channel.${c}.quantity`, `${name}·${QUANTITY_WORDS[c] ?? '数量'}`, '份', 'channel', g.quantity, g.ids)
    if (g.reach) f.add(`channel.${c}.reach`, `${name}·${REACH_WORDS[c] ?? '覆盖人次'}`, '人次', 'channel', g.reach, g.ids)
    if (g.reads) f.add(`channel.${c}.reads`, `${name}·阅读量`, '次', 'newMedia', g.reads, g.ids)
    if (g.original) f.add('wechat.original', '微信公众号·原创', '篇', 'newMedia', g.original, g.originalIds)
    if (g.bilingual) f.add('ethnic.bilingual', '双语宣传（稿件与活动）', '次', 'ethnic', g.bilingual, g.bilingualIds)
    if (g.notes) f.add('meeting.notes', '学习笔记', '篇', 'meeting', g.notes, g.notesIds)
    if (g.reflections) f.add('meeting.reflections', '心得体会', '篇', 'meeting', g.reflections, g.notesIds)
  }

  for (const g of a.submissions) {
    const c = g.channel as Channel
    const name = channelLabel(c)
    if (g.paid) {
      paidExcluded += g.n
      f.add('submissions.paid', '合作版面（不计入报送录用）', '篇', 'submissions', g.n, g.ids)
      continue
    }
    const level = g.level ?? NO_LEVEL
    f.add('submissions.submitted', '上报信息及线索', '篇', 'submissions', g.n, g.ids)
    f.add(`submissions.submitted.${level}`, `报送·${level}`, '篇', 'submissions', g.n, g.ids)
    f.add(`submissions.${c}.submitted`, `${name}·报送`, '篇', 'submissions', g.n, g.ids)
    if (g.accepted) {
      f.add('submissions.accepted', '被录用', '篇', 'submissions', g.n, g.ids)
      f.add(`submissions.accepted.${level}`, `录用·${level}`, '篇', 'submissions', g.n, g.ids)
      f.add(`submissions.${c}.accepted`, `${name}·录用`, '篇', 'submissions', g.n, g.ids)
      if (PROVINCIAL_UP.has(level)) f.add('submissions.acceptedProvincialUp', '省级以上媒体录用', '篇', 'submissions', g.n, g.ids)
    }
    const venue = g.venue || '未注明'
    earliest(first, `outlet.${venue}`, g.first)
    const o = outlets.get(venue) ?? { name: venue, level, channel: c, submitted: 0, accepted: 0 }
    o.submitted += g.n
    if (g.accepted) o.accepted += g.n
    outlets.set(venue, o)
    f.add(`outlet.${venue}`, `报送·${venue}`, '篇', 'submissions', g.n, g.ids)
  }

  for (const g of a.kinds) {
    const c = g.channel as Channel
    if ((KIND_CHANNELS as readonly string[]).includes(c)) {
      const kind = g.kind || NO_KIND
      earliest(first, `kind.${c}.${kind}`, g.first)
      const byKind = kinds.get(c) ?? new Map<string, KindCount>()
      const k = byKind.get(kind) ?? { kind, count: 0, quantity: 0 }
      k.count += g.n
      k.quantity += g.quantity
      byKind.set(kind, k)
      kinds.set(c, byKind)
      const unit = c === 'honor' ? HONOR_UNITS[kind] ?? '次' : KIND_UNITS[c] ?? '条'
      f.add(`kind.${c}.${kind}`, `${channelLabel(c)}·${kind}`, unit, kindGroup(c), g.n, g.ids)
    }
    if (g.venue) {
      earliest(first, `venue.${c}.${g.venue}`, g.first)
      const byVenue = venues.get(c) ?? new Map<string, number>()
      byVenue.set(g.venue, (byVenue.get(g.venue) ?? 0) + g.n)
      venues.set(c, byVenue)
    }
  }

  for (const g of a.themes) {
    f.add(`theme.${g.theme}`, `主题·${g.theme}`, '条', 'theme', g.n, g.ids)
    if (g.theme === ETHNIC_THEME && g.event) f.add('ethnic.events', '民族团结主题活动', '次', 'ethnic', g.n, g.ids)
  }
  for (const g of a.departments) {
    const dept = g.department || NO_DEPARTMENT
    f.add(`department.${dept}`, `科室·${dept}`, '条', 'department', g.n, g.ids)
  }
  return { outlets, kinds, venues, paidExcluded, first }
}

function kindGroup(c: Channel): FigureGroup {
  return c === 'led' || c === 'tv' ? 'inHouse' : c === 'print' ? 'print' : c === 'event' ? 'event' : c === 'meeting' ? 'meeting' : 'honor'
}

function tallyMentions(f: Figures, m: MentionStats, groups: MentionIdGroup[], withIds: boolean) {
  // The removed ones (误报…) stand behind mentions.removed and nothing else.
  const ids = (pick: (g: MentionIdGroup) => boolean, removed = false) => groups.filter((g) => (g.removed === 1) === removed && pick(g)).map((g) => g.ids).join(',') || null
  const add = (key: string, label: string, value: number, pick: (g: MentionIdGroup) => boolean) =>
    f.add(key, label, '条', 'mentions', value, withIds ? ids(pick) : null, 'mention')
  add('mentions.total', '监测到涉及本院的网络信息', m.total, () => true)
  add('mentions.positive', '舆情·正面', m.positive, (g) => g.sentiment === '正面')
  add('mentions.neutral', '舆情·中性', m.neutral, (g) => g.sentiment === '中性')
  add('mentions.negative', '舆情·负面', m.negative, (g) => g.sentiment === '负面')
  add('mentions.general', '舆情·一般', m.general, (g) => g.grade === '一般')
  add('mentions.serious', '舆情·较大', m.serious, (g) => g.grade === '较大')
  add('mentions.major', '舆情·重大', m.major, (g) => g.grade === '重大')
  add('mentions.severe', '较大及重大舆情', m.serious + m.major, (g) => g.grade === '较大' || g.grade === '重大')
  add('mentions.closed', '已办结', m.closed, (g) => g.closed === 1)
  f.add('mentions.removed', '移除（误报等）', '条', 'mentions', m.removed, withIds ? ids(() => true, true) : null, 'mention')
  add('mentions.ignored', '经研判无需处置', m.ignored, (g) => g.ignored === 1)
  const closedIds = withIds ? ids((g) => g.closed === 1) : null
  const closedShare = closedShareOf(m)
  if (closedShare !== null) f.set('mentions.closedShare', '办结率', '%', 'mentions', closedShare, closedIds, 'mention')
  if (m.medianCloseHours !== null) f.set('mentions.medianCloseHours', '办结用时中位数', '小时', 'mentions', m.medianCloseHours, closedIds, 'mention')
}

export interface BuildOptions {
  /**
   * Attach the row ids: true for every figure (exports, JSON), or only the figures named (drill-down, the draft's
   * quoted titles). The tally screen needs none: collecting ids is most of the cost of a large period.
   */
  ids?: boolean | readonly string[]
  /** Quota progress (left out of the 环比/同比 comparison periods, which never show it). */
  quotas?: boolean
}

/** What the queries must fetch for a figure set with these options: ids only where some figure will show them. */
export interface FigureFetch {
  pieceIds: boolean
  mentionIds: boolean
  quotas: boolean
}

export function figureFetch(o: BuildOptions): FigureFetch {
  const named = Array.isArray(o.ids) ? (o.ids as readonly string[]) : null
  return {
    pieceIds: named ? named.some((k) => !k.startsWith('mentions.')) : o.ids === true,
    mentionIds: named ? named.some((k) => k.startsWith('mentions.')) : o.ids === true,
    quotas: o.quotas !== false
  }
}

/** The figures of a period (and what the structured parts of the set are built from); periodCode words the quotas. */
function collect(input: FigureInputs, o: BuildOptions, periodCode = '') {
  const named = Array.isArray(o.ids) ? new Set<string>(o.ids) : null
  const f = new Figures()
  const pieces = tallyPieces(f, input.pieces)
  const m = input.mentions
  tallyMentions(f, m, input.mentionIds, figureFetch(o).mentionIds)
  const acc = input.accounts
  f.add('accounts.active', '在用账号与工作群', '个', 'accounts', acc.active, acc.ids, 'account')
  f.add('accounts.owners', '明确责任人', '名', 'accounts', acc.owners, acc.ids, 'account')
  const quotas = o.quotas === false ? [] : input.quotas
  for (const q of quotas) {
    // worded as the 统计 screen words it (shared/tally-reading.ts): 公众号每月8篇：目标 8 篇，已达标
    const r = readQuota(q, periodCode)
    f.set(`quota.${q.id}`, `${q.label}：${r.target}，${r.verdict}`, q.unit, 'quota', q.actual, q.ids, 'piece')
  }
  const originalShare = share(f.value('wechat.original'), f.value('channel.wechat.count'))
  if (originalShare !== null) f.set('wechat.originalShare', '微信公众号·原创占比', '%', 'newMedia', originalShare, null, 'piece')
  return { f, pieces, m, acc, quotas, originalShare, wanted: (key: string): boolean => (named ? named.has(key) : o.ids === true) }
}

/** key → value of a period's figures, without the structured parts (the 环比 / 同比 periods of the tally). */
export function periodValuesFrom(input: FigureInputs): Record<string, number> {
  return collect(input, { quotas: false }).f.values()
}

/** Every figure of the period, computed once. hospital: the profile's full name ('' before the first run). */
export function figureSetFrom(period: Pick<Period, 'from' | 'to' | 'code' | 'label'>, hospital: string, input: FigureInputs, o: BuildOptions = {}): FigureSet {
  const { from, to } = period
  const { f, pieces, m, acc, quotas, originalShare, wanted } = collect(input, o, period.code)
  const posts = f.value('channel.wechat.count')
  const original = f.value('wechat.original')
  const byChannel = Object.fromEntries(
    CHANNEL_CODES.map((c) => [c, { count: f.value(`channel.${c}.count`), quantity: f.value(`channel.${c}.quantity`), reach: f.value(`channel.${c}.reach`), reads: f.value(`channel.${c}.reads`) }])
  ) as FigureSet['byChannel']
  const levels = [...OUTLET_LEVELS, NO_LEVEL]
  const byLevel = (what: 'submitted' | 'accepted') =>
    Object.fromEntries(levels.map((l) => [l, f.value(`submissions.${what}.${l}`)]).filter(([l, n]) => l !== NO_LEVEL || (n as number) > 0))
  const figures = f.list(wanted)
  return {
    period: { from, to, code: period.code, label: period.label },
    hospital,
    byChannel,
    submissions: {
      submitted: f.value('submissions.submitted'),
      accepted: f.value('submissions.accepted'),
      acceptedProvincialUp: f.value('submissions.acceptedProvincialUp'),
      submittedByLevel: byLevel('submitted'),
      acceptedByLevel: byLevel('accepted'),
      paidExcluded: pieces.paidExcluded,
      outlets: [...pieces.outlets.values()].sort((a, b) => b.submitted - a.submitted || (pieces.first.get(`outlet.${a.name}`) ?? 0) - (pieces.first.get(`outlet.${b.name}`) ?? 0))
    },
    mentions: {
      total: m.total,
      negative: m.negative,
      closed: m.closed,
      bySentiment: { 正面: m.positive, 中性: m.neutral, 负面: m.negative },
      byGrade: { 一般: m.general, 较大: m.serious, 重大: m.major },
      severe: m.serious + m.major,
      closedShare: closedShareOf(m),
      ignored: m.ignored,
      medianCloseHours: m.medianCloseHours,
      removed: m.removed
    },
    kinds: Object.fromEntries([...pieces.kinds.entries()].map(([c, ks]) => [c, byCount([...ks.values()], (k) => `kind.${c}.${k.kind}`, pieces.first, (KIND_ORDER[c] ?? []).map((k) => `kind.${c}.${k}`))])),
    venues: Object.fromEntries([...pieces.venues.entries()].map(([c, vs]) => [c, byCount([...vs.entries()].map(([venue, count]) => ({ venue, count })), (v) => `venue.${c}.${v.venue}`, pieces.first)])),
    themes: byCount(figures.filter((x) => x.group === 'theme').map((x) => ({ theme: x.key.slice('theme.'.length), count: x.value })), (t) => t.theme, new Map(), DEFAULT_THEMES),
    departments: byCount(figures.filter((x) => x.group === 'department').map((x) => ({ department: x.key.slice('department.'.length), count: x.value })), (d) => d.department, new Map()),
    wechat: { posts, original, originalShare, reads: f.value('channel.wechat.reads') },
    ethnic: { pieces: f.value(`theme.${ETHNIC_THEME}`), events: f.value('ethnic.events'), bilingual: f.value('ethnic.bilingual') },
    meetings: { count: f.value('channel.meeting.count'), notes: f.value('meeting.notes'), reflections: f.value('meeting.reflections') },
    accounts: { active: acc.active, owners: acc.owners },
    quotas: o.ids === true ? quotas : quotas.map((q) => ({ ...q, ids: [] })),
    figures
  }
}

/**
 * The mention figures of a period alone (index-only counts, a fraction of a figure set): polls and removals
 * change them without a ledger audit row, so a signed month is recounted this way when its rows were not touched.
 */
export function mentionFiguresFrom(m: MentionStats): Figure[] {
  const f = new Figures()
  tallyMentions(f, m, [], false)
  return f.list(() => false)
}

/** key → value, as a sign-off stores the figures and as 环比/同比 compare them. */
export function figureValues(set: FigureSet): Record<string, number> {
  return Object.fromEntries(set.figures.map((x) => [x.key, x.value]))
}

/** '1,5,9' → [1, 5, 9] (group_concat output). */
export function idList(s: string | null | undefined): number[] {
  return s ? s.split(',').map(Number) : []
}
