// What each channel records beyond the common fields. Fields the import template, filters and tallies use are
// real columns (venue, outletLevel, kind, quantity, reach, reads, paid); the rest live in the piece's `extra`.
// One table drives both the form (which inputs to show, labelled in the officer's words) and the handlers'
// validation (which keys `extra` may hold and what they must look like), so the two cannot drift apart.
import { z } from 'zod'
import { OUTLET_LEVELS, type Channel } from '../channels'
import { isCalendarDate } from '../dates'
import type { Piece } from './pieces'

export type FieldKind = 'text' | 'count' | 'date' | 'bool' | 'select' | 'list' | 'level'
/** Where the form finds suggestions for a text field. */
export type Suggest = 'outlets' | 'accounts' | 'departments' | 'bilingual' | readonly string[]

export interface ChannelField {
  key: string
  where: 'column' | 'extra'
  label: string
  kind: FieldKind
  /** Allowed values of a select (stored as is). For bool: [label for true, label for false]. */
  options?: readonly string[]
  suggest?: Suggest
  hint?: string
}

export const LED_KINDS = ['标语', '节日祝福', '专家出诊', '药品价格公示', '通知', '其他'] as const
export const TV_KINDS = ['自制', '接收'] as const
export const MEDIA_KINDS = ['稿件', '采访'] as const
export const PRINT_KINDS = ['展板', '宣传册', '单页', '横幅', '标语', '海报', '其他'] as const
export const EVENT_KINDS = ['义诊', '健康讲座', '座谈会', '主题党日', '文艺活动', '其他'] as const
export const HONOR_KINDS = ['锦旗', '感谢信', '媒体表扬', '其他'] as const
export const MEETING_KINDS = ['意识形态教育会', '专题党课', '中心组学习', '支部学习', '主题教育', '其他'] as const
export const NOTICE_MEDIA = ['短信', '电视', '贴吧', '公众号', 'LED屏', '院内海报'] as const
/**
 * 双语: the bilingual forms a piece or event may be given in — a minority language with Chinese. Only these count as
 * 双语宣传 (设置 › 双语形式 edits the list); any other wording goes to 语言说明 and counts for nothing. 回汉双语 is not
 * one: 回族 speak Chinese.
 */
export const DEFAULT_BILINGUAL_FORMS = ['苗汉双语', '维汉双语', '藏汉双语', '蒙汉双语', '彝汉双语', '壮汉双语', '朝汉双语', '哈汉双语'] as const
export const LED_SCREENS = ['门诊大厅', '住院楼电梯', '急诊楼外墙', '院门口'] as const
export const TV_PLACES = ['候诊区', '电梯', '门诊大厅', '病房'] as const

const online = (account: string, reads: string): ChannelField[] => [
  { key: 'venue', where: 'column', label: account, kind: 'text', suggest: 'accounts', hint: '从“设置 › 账号阵地”中选择' },
  { key: 'reads', where: 'column', label: reads, kind: 'count' }
]

export const CHANNEL_FIELDS: Record<Channel, ChannelField[]> = {
  wechat: [
    { key: 'venue', where: 'column', label: '公众号', kind: 'text', suggest: 'accounts', hint: '从“设置 › 账号阵地”中选择' },
    { key: 'original', where: 'extra', label: '原创/转载', kind: 'bool', options: ['原创', '转载'] },
    { key: 'reads', where: 'column', label: '阅读量', kind: 'count', hint: '可发布后再补填' },
    { key: 'likes', where: 'extra', label: '点赞', kind: 'count' },
    { key: 'shares', where: 'extra', label: '转发', kind: 'count' },
    { key: 'zaikan', where: 'extra', label: '在看', kind: 'count' }
  ],
  video_account: online('视频号', '播放量'),
  weibo: online('微博账号', '阅读量'),
  douyin: online('抖音号', '播放量'),
  website: online('网站/栏目', '浏览量'),
  led: [
    { key: 'venue', where: 'column', label: '屏幕位置', kind: 'text', suggest: LED_SCREENS, hint: '多块屏用顿号分隔' },
    { key: 'kind', where: 'column', label: '内容类别', kind: 'select', options: LED_KINDS },
    { key: 'displayStart', where: 'extra', label: '展示开始', kind: 'date', hint: '须提前 3 个工作日送审' },
    { key: 'displayEnd', where: 'extra', label: '展示结束', kind: 'date' }
  ],
  tv: [
    { key: 'venue', where: 'column', label: '播放位置', kind: 'text', suggest: TV_PLACES },
    { key: 'kind', where: 'column', label: '来源', kind: 'select', options: TV_KINDS, hint: '院内自制或外部接收' },
    { key: 'durationSec', where: 'extra', label: '时长（秒）', kind: 'count' }
  ],
  media: [
    { key: 'venue', where: 'column', label: '投稿媒体', kind: 'text', suggest: 'outlets', hint: '从媒体名录选择会自动带出级别' },
    { key: 'outletLevel', where: 'column', label: '媒体级别', kind: 'level' },
    { key: 'kind', where: 'column', label: '稿件/采访', kind: 'select', options: MEDIA_KINDS },
    { key: 'acceptedDate', where: 'extra', label: '录用日期', kind: 'date' },
    { key: 'paid', where: 'column', label: '合作版面', kind: 'bool', options: ['是（付费，不计入录用）', '否'] }
  ],
  gov_report: [
    { key: 'venue', where: 'column', label: '报送单位', kind: 'text', suggest: 'outlets', hint: '如：市卫健委、县卫健局' },
    { key: 'outletLevel', where: 'column', label: '单位级别', kind: 'level' },
    { key: 'acceptedDate', where: 'extra', label: '采用日期', kind: 'date', hint: '对方采用或刊发的日期' }
  ],
  print: [
    { key: 'kind', where: 'column', label: '品类', kind: 'select', options: PRINT_KINDS },
    { key: 'quantity', where: 'column', label: '数量（份）', kind: 'count' },
    { key: 'vendor', where: 'extra', label: '印制单位', kind: 'text' }
  ],
  event: [
    { key: 'kind', where: 'column', label: '活动类型', kind: 'select', options: EVENT_KINDS },
    { key: 'place', where: 'extra', label: '地点', kind: 'text' },
    { key: 'reach', where: 'column', label: '覆盖人次', kind: 'count' },
    { key: 'quantity', where: 'column', label: '发放资料（份）', kind: 'count' },
    { key: 'languages', where: 'extra', label: '双语形式', kind: 'list', suggest: 'bilingual', hint: '计入“民族团结·双语宣传”；可选的形式在“设置 › 双语形式”中维护' },
    { key: 'languageNote', where: 'extra', label: '语言说明', kind: 'text', hint: '其他语言或说明（不计入双语宣传）' }
  ],
  notice: [
    { key: 'venue', where: 'column', label: '发布渠道', kind: 'text', suggest: NOTICE_MEDIA },
    { key: 'expert', where: 'extra', label: '坐诊专家', kind: 'text' },
    { key: 'clinicDate', where: 'extra', label: '坐诊日期', kind: 'date' }
  ],
  meeting: [
    { key: 'kind', where: 'column', label: '会议类型', kind: 'text', suggest: MEETING_KINDS },
    { key: 'reach', where: 'column', label: '参加人数', kind: 'count' },
    { key: 'notesCount', where: 'extra', label: '学习笔记（篇）', kind: 'count' },
    { key: 'reflectionsCount', where: 'extra', label: '心得体会（篇）', kind: 'count' }
  ],
  honor: [
    { key: 'kind', where: 'column', label: '类别', kind: 'select', options: HONOR_KINDS },
    { key: 'from', where: 'extra', label: '赠送人/单位', kind: 'text' },
    { key: 'venue', where: 'column', label: '受表扬科室', kind: 'text', suggest: 'departments' }
  ]
}

/** What the date means on each channel (the form's hint under 日期). */
export const DATE_MEANING: Record<Channel, string> = {
  wechat: '发布日期', video_account: '发布日期', weibo: '发布日期', douyin: '发布日期', website: '发布日期',
  led: '上屏日期', tv: '播放日期', media: '报送日期', gov_report: '报送日期', print: '印制日期',
  event: '举办日期', notice: '发布日期', meeting: '召开日期', honor: '收到日期'
}

export function channelField(channel: Channel, key: string): ChannelField | undefined {
  return CHANNEL_FIELDS[channel].find((f) => f.key === key)
}

/** A field's name as the officer sees it on this channel (falls back to the key). */
export function channelFieldLabel(channel: Channel, key: string): string {
  return channelField(channel, key)?.label ?? key
}

const count = z.number({ error: '须为数字' }).int({ message: '须为整数' }).min(0, { message: '不能为负数' }).max(1e9, { message: '数字太大' })
const dateText = z.string({ error: '请填写日期' }).refine(isCalendarDate, { message: '请填写有效日期，格式如 2023-03-05' })
const text = z.string({ error: '须为文字' }).trim().max(100, { message: '不能超过 100 个字' })
const list = z.array(z.string().trim().min(1).max(20, { message: '每项不能超过 20 个字' }), { error: '须为列表' }).max(10, { message: '最多 10 项' })

const KIND_SCHEMA: Record<FieldKind, z.ZodType> = { text, count, date: dateText, bool: z.boolean({ error: '须为是或否' }), select: text, list, level: z.enum(OUTLET_LEVELS) }

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)
}

export interface FieldIssue {
  field: string
  /** Already prefixed with the field's label on this channel, e.g. "展示结束：不能早于展示开始日期". */
  message: string
  /** format: wrong type, bad date, dates out of order; list: not one of the channel's choices. */
  rule: 'format' | 'list'
}

/** Lists kept in 设置 that a field's values must come from (the form and the import check them; older data is kept). */
export interface ClosedLists {
  bilingual?: readonly string[]
}

/** The piece values channel validation looks at. */
export type ChannelValues = Pick<Piece, 'channel' | 'date' | 'venue' | 'outletLevel' | 'kind' | 'quantity' | 'reach' | 'reads' | 'paid' | 'extra'>

/**
 * Check one piece's channel-specific fields. Returns the cleaned `extra` (only this channel's keys, blanks
 * dropped) and every problem, each naming the field as the officer sees it on this channel.
 * Keys of another channel (left over after the channel was changed) are dropped, not refused.
 */
export function checkChannelFields(v: ChannelValues, lists: ClosedLists = {}): { extra: Record<string, unknown>; issues: FieldIssue[] } {
  const fields = CHANNEL_FIELDS[v.channel]
  const issues: FieldIssue[] = []
  const extra: Record<string, unknown> = {}
  const say = (f: ChannelField, message: string, rule: FieldIssue['rule'] = 'format') =>
    issues.push({ field: f.where === 'extra' ? `extra.${f.key}` : f.key, message: `${f.label}：${message}`, rule })

  for (const f of fields) {
    const value = f.where === 'extra' ? v.extra[f.key] : (v as unknown as Record<string, unknown>)[f.key]
    if (isBlank(value) || (f.kind === 'bool' && f.where === 'column' && value === false)) continue
    const parsed = KIND_SCHEMA[f.kind].safeParse(value)
    if (!parsed.success) {
      say(f, f.kind === 'level' ? `须为 ${OUTLET_LEVELS.join('/')}` : (parsed.error.issues[0]?.message ?? '格式不对'), f.kind === 'level' ? 'list' : 'format')
      continue
    }
    if (f.kind === 'select' && f.options && !f.options.includes(parsed.data as string)) {
      say(f, `须为 ${f.options.join('、')} 之一`, 'list')
      continue
    }
    const closed = f.kind === 'list' && typeof f.suggest === 'string' ? lists[f.suggest as keyof ClosedLists] : undefined
    const outside = closed ? (parsed.data as string[]).filter((x) => !closed.includes(x)) : []
    if (outside.length) {
      say(f, `“${outside.join('、')}”不在${f.label}中（可选：${closed!.join('、')}）；其他语言请写在“语言说明”`, 'list')
      continue
    }
    if (f.where === 'extra') extra[f.key] = parsed.data
  }

  const start = extra.displayStart as string | undefined
  const end = extra.displayEnd as string | undefined
  if (v.channel === 'led' && end && !start) say(channelField('led', 'displayStart')!, '填写了结束日期时也须填写开始日期')
  if (v.channel === 'led' && start && end && end < start) say(channelField('led', 'displayEnd')!, '不能早于展示开始日期')
  const accepted = extra.acceptedDate as string | undefined
  if (accepted && accepted < v.date) say(channelField(v.channel, 'acceptedDate')!, '不能早于报送日期')
  return { extra, issues }
}

/** The display window of an LED piece (falls back to its date), for the calendar and the lead-time check. */
export function displayWindow(p: { channel: string; date: string; extra: Record<string, unknown> }): { start: string; end: string } {
  const start = typeof p.extra.displayStart === 'string' ? p.extra.displayStart : p.date
  const end = typeof p.extra.displayEnd === 'string' ? p.extra.displayEnd : start
  return { start, end }
}
