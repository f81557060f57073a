// The 意识形态工作总结 draft, in the register of seed 004: title, opening sentence, numbered sections whose
// sentences are filled from the figure set. A section with nothing behind it is left out, never filled with zeros.
// Pure: the figure set and a few titles in, paragraphs out (Word, preview and tests all read the same paragraphs).
import type { DraftParagraph, FigureSet, KindCount, NumberWording } from '../../shared/contract/reports'
import { CHANNELS, type Channel } from '../../shared/channels'
import { monthRange } from '../../shared/dates'
import { HONOR_KINDS, MEETING_KINDS } from '../../shared/contract/channel-fields'
import { amountText, chineseDate, chineseNumeral, countText, hoursText, listText, percentText } from './numbers'

/** Titles and names the sentences quote (fetched by the ids behind the figures). */
export interface DraftDetails {
  /** Pieces accepted by 省级 / 国家级 outlets. */
  provincialAccepted: { title: string; venue: string }[]
  selfMadeVideos: string[]
  /** Event titles, oldest first. */
  events: string[]
  ethnicEvents: string[]
  /** The bilingual forms of the pieces and events that counted as 双语 (苗汉双语…). */
  languages: string[]
}

export interface DraftInput {
  set: FigureSet
  details: DraftDetails
  wording: NumberWording
  /** How the sentences name the period: 上半年, 5月份, 二季度. */
  short: string
  /** Date of the draft, 'YYYY-MM-DD'. */
  today: string
}

type Section = { heading: string; body: string[] }
const SELF = '我院'
const MEDIA_LISTED = 4
const RECIPIENTS_LISTED = 2
/** What the figures call an outlet left blank (never quoted in a sentence). */
const UNNAMED = '未注明'

/** Kinds in the order the form lists them (意识形态教育会 before 中心组学习, 锦旗 before 感谢信). */
function inFormOrder(kinds: readonly KindCount[], order: readonly string[]): KindCount[] {
  const rank = (k: KindCount) => (order.includes(k.kind) ? order.indexOf(k.kind) : order.length)
  return [...kinds].sort((a, b) => rank(a) - rank(b))
}

const quoted = (titles: readonly string[]): string => titles.map((t) => `《${t}》`).join('')

function mediaSentence(s: FigureSet, d: DraftDetails, short: string): string | null {
  const sub = s.submissions
  if (sub.submitted === 0) return null
  // Outlets by frequency: newspapers, websites and stations first, then the departments reported to (卫计局).
  const named = (channel: Channel, n: number) => sub.outlets.filter((o) => o.channel === channel && o.name !== UNNAMED).slice(0, n).map((o) => o.name)
  const to = [...named('media', MEDIA_LISTED), ...named('gov_report', RECIPIENTS_LISTED)]
  let text = `（一）通过媒体宣传。${short}，${SELF}共${to.length ? `向${listText(to)}等部门` : ''}上报信息及线索${countText(sub.submitted)}篇`
  const city = sub.acceptedByLevel['市级'] ?? 0
  const county = sub.acceptedByLevel['县级'] ?? 0
  if (sub.acceptedProvincialUp > 0) {
    const venues = [...new Set(d.provincialAccepted.map((p) => p.venue).filter(Boolean))]
    const titles = d.provincialAccepted.slice(0, 3).map((p) => p.title)
    text += `，其中被省级以上媒体录用${countText(sub.acceptedProvincialUp)}篇`
    if (titles.length) text += `（${quoted(titles)}${d.provincialAccepted.length > titles.length ? '等' : ''}${venues.length ? `，${listText(venues)}` : ''}）`
    const rest = [city ? `被市级媒体录用${countText(city)}篇` : '', county ? `被县级媒体和部门采用${countText(county)}篇` : ''].filter(Boolean)
    if (rest.length) text += `，${listText(rest)}`
  } else if (sub.accepted > 0) {
    text += `，其中被各级媒体和部门录用${countText(sub.accepted)}篇`
    const parts = [city ? `市级${countText(city)}篇` : '', county ? `县级${countText(county)}篇` : ''].filter(Boolean)
    if (parts.length > 1) text += `（${listText(parts)}）`
  }
  return `${text}。`
}

function newMediaSentence(s: FigureSet, w: NumberWording, short: string): string | null {
  const parts: string[] = []
  const wx = s.wechat
  if (wx.posts > 0) {
    let t = `（二）建立公众微信平台。对外聘专家、亮点工作等内容及时发布，提高了医院知名度和美誉度。${short}共更新稿件${countText(wx.posts)}篇`
    if (wx.original > 0 && wx.originalShare !== null) t += `，其中原创${countText(wx.original)}篇，占${percentText(wx.originalShare)}`
    if (wx.reads > 0) t += `，累计阅读${amountText(wx.reads, w)}次`
    parts.push(`${t}。`)
  }
  const online = (['website', 'weibo', 'douyin', 'video_account'] as Channel[]).filter((c) => s.byChannel[c].count > 0)
  if (online.length) {
    const lead = wx.posts > 0 ? '同时，' : '（二）加强新媒体宣传。'
    parts.push(`${lead}${listText(online.map((c) => `${CHANNELS[c]}发布${countText(s.byChannel[c].count)}条`))}。`)
  }
  const notice = s.byChannel.notice.count
  if (notice > 0) {
    const via = (s.venues.notice ?? []).slice(0, 3).map((v) => v.venue)
    const lead = parts.length ? '' : '（二）加强新媒体宣传。'
    parts.push(`${lead}${via.length ? `通过${listText(via)}等多种途径` : ''}共发布专家坐诊信息${countText(notice)}次。`)
  }
  return parts.length ? parts.join('') : null
}

function inHouseSentence(s: FigureSet, d: DraftDetails, short: string): string | null {
  const led = s.kinds.led ?? []
  const tv = s.kinds.tv ?? []
  if (led.length === 0 && tv.length === 0) return null
  const parts: string[] = []
  const ordinal = ['一是', '二是']
  if (led.length) parts.push(`${ordinal[parts.length]}通过院内LED屏宣传，${short}共播放${listText(led.map((k) => `${k.kind === '未分类' ? '各类信息' : k.kind}${countText(k.count)}条`))}。`)
  if (tv.length) {
    const received = tv.find((k) => k.kind === '接收')?.count ?? 0
    const others = tv.filter((k) => k.kind !== '接收' && k.kind !== '自制').reduce((a, k) => a + k.count, 0)
    const places = (s.venues.tv ?? []).slice(0, 3).map((v) => v.venue)
    const where = places.length ? `${listText(places)}等处电视` : '院内电视'
    let t = `${ordinal[parts.length]}${where}`
    t += received + others > 0 ? `更新公益宣传片${countText(received + others)}部` : '播放宣传片'
    if (d.selfMadeVideos.length) t += `${received + others > 0 ? '，此外' : '，'}播放${SELF}自制宣传片${quoted(d.selfMadeVideos.slice(0, 4))}${d.selfMadeVideos.length > 4 ? '等' : ''}`
    parts.push(`${t}，提升了医院良好形象。`)
  }
  return `（三）院内电子化系统宣传。${parts.join('')}`
}

function printSentence(s: FigureSet, w: NumberWording, short: string): string | null {
  const p = s.byChannel.print
  if (p.count === 0) return null
  const kinds = (s.kinds.print ?? []).map((k) => k.kind).filter((k) => k !== '未分类')
  let t = `（四）审核制作各类宣传制品。${kinds.length ? `审核制作${listText(kinds)}等各类宣传制品，` : ''}强化宣传载体建设`
  t += p.quantity > 0 ? `，${short}共印制各类宣传册${amountText(p.quantity, w)}份。` : `，${short}共制作宣传品${countText(p.count)}批。`
  return t
}

function eventSection(s: FigureSet, d: DraftDetails, w: NumberWording, short: string): Section | null {
  const e = s.byChannel.event
  if (e.count === 0) return null
  const named = d.events.slice(0, 5)
  let t = `${short}，${SELF}${named.length ? `开展${listText(named)}${e.count > named.length ? '等' : ''}` : '开展'}宣传活动${countText(e.count)}次`
  if (e.reach > 0) t += `，覆盖群众${amountText(e.reach, w)}人次`
  if (e.quantity > 0) t += `，发放宣传资料${amountText(e.quantity, w)}份`
  return { heading: '弘扬社会文明，践行核心价值观', body: [`${t}，让群众感受到来自${SELF}的温暖和关怀。`] }
}

function ethnicSection(s: FigureSet, d: DraftDetails, short: string): Section | null {
  const { pieces, events, bilingual } = s.ethnic
  if (pieces === 0 && bilingual === 0) return null
  const parts: string[] = []
  const others = pieces - events
  if (others > 0) parts.push(`发布民族团结主题稿件${countText(others)}篇`)
  if (events > 0) parts.push(`开展民族团结主题活动${countText(events)}次${d.ethnicEvents.length ? `（${listText(d.ethnicEvents.slice(0, 4))}）` : ''}`)
  if (bilingual > 0) parts.push(`开展${d.languages.length ? listText(d.languages) : '双语'}宣传${countText(bilingual)}次`)
  return { heading: '促进民族团结，铸牢中华民族共同体意识', body: [`${short}，${SELF}深入开展民族团结进步宣传，${parts.join('，')}，营造了各民族共同团结奋斗的良好氛围。`] }
}

function meetingSection(s: FigureSet, w: NumberWording, short: string): Section | null {
  const m = s.meetings
  if (m.count === 0) return null
  const kinds = inFormOrder(s.kinds.meeting ?? [], MEETING_KINDS)
  const parts = kinds.map((k) =>
    k.kind === '意识形态教育会'
      ? `召开${countText(k.count)}次有院班子成员、各科室负责人、党员干部参加的意识形态教育会`
      : `开展${k.kind === '未分类' ? '集中学习' : k.kind}${countText(k.count)}次`
  )
  let t = `${short}${parts.join('，')}`
  const writing = [m.notes > 0 ? `撰写学习笔记${amountText(m.notes, w)}篇` : '', m.reflections > 0 ? `撰写心得体会${amountText(m.reflections, w)}篇` : ''].filter(Boolean)
  if (writing.length) t += `，全体党员共${writing.join('，')}`
  return { heading: '强化理论学习，确保理论武装到位', body: [`${SELF}始终坚持业务学习与政治理论学习并重的原则。${t}，提高了全院干部职工的党性修养。`] }
}

const HONOR_WORDS: Record<string, (n: string) => string> = {
  锦旗: (n) => `锦旗${n}面`,
  感谢信: (n) => `感谢信${n}封`,
  媒体表扬: (n) => `媒体表扬${n}次`
}

function honorSection(s: FigureSet, until: string): Section | null {
  const kinds = inFormOrder(s.kinds.honor ?? [], HONOR_KINDS)
  if (kinds.length === 0) return null
  const items = kinds.map((k) => (HONOR_WORDS[k.kind] ?? ((n: string) => `${k.kind === '未分类' ? '其他表扬' : k.kind}${n}项`))(countText(k.count)))
  return {
    heading: '抓好行业作风建设',
    body: [`认真开展医德医风教育，在医疗服务过程中真正体现“以人为本”的思想，做到尊重病人、关爱病人、方便病人、服务病人，${until}共收到服务对象赠送${items.join('，')}。`]
  }
}

const MENTION_LEAD = '医院网络信息管理中心经常性地关注医院网络舆情，及时为领导研判舆情提供依据。'

function mentionSection(s: FigureSet, short: string): Section | null {
  const m = s.mentions
  const heading = '加强网络舆情监测，及时研判处置'
  // What was removed after assessment (误报, 重复, 与本院无关) is stated as such, never silently dropped.
  const removed = m.removed > 0 ? `经研判排除误报等无关信息${countText(m.removed)}条` : ''
  if (m.total === 0) return removed ? { heading, body: [`${MENTION_LEAD}${short}监测到的网络信息${removed}，未发现涉及${SELF}的舆情。`] } : null
  const b = m.bySentiment
  let t = `${short}共监测到涉及${SELF}的网络信息${countText(m.total)}条${removed ? `（另${removed}）` : ''}，其中正面${countText(b['正面'] ?? 0)}条、中性${countText(b['中性'] ?? 0)}条、负面${countText(m.negative)}条`
  t += m.severe > 0 ? `，较大及以上舆情${countText(m.severe)}条` : '，未发生较大及以上舆情'
  if (m.closed > 0 && m.closedShare !== null) {
    t += `；已办结${countText(m.closed)}条，办结率${percentText(m.closedShare)}`
    if (m.medianCloseHours !== null) t += `，办结用时中位数为${hoursText(m.medianCloseHours)}`
  }
  return { heading, body: [`${MENTION_LEAD}${t}。`] }
}

function accountSection(s: FigureSet): Section | null {
  const a = s.accounts
  if (a.active === 0) return null
  return {
    heading: '加强意识形态阵地管理',
    body: [`严格按照“谁建立谁负责”的原则，加强对医院建立的QQ、微信等社交媒体公共平台管理，现登记在用账号及工作群${countText(a.active)}个${a.owners > 0 ? `，明确责任人${countText(a.owners)}名` : ''}。`]
  }
}

/** "截止6月底" for a period ending on a month's last day, else "截止6月15日". */
function untilText(to: string): string {
  const [, m, d] = to.split('-').map(Number)
  return to === monthRange(to.slice(0, 7)).to ? `截止${m}月底` : `截止${m}月${d}日`
}

export function draftTitle(set: FigureSet): string {
  return `${set.hospital}${set.period.label}意识形态工作总结`
}

/** The whole draft, paragraph by paragraph. */
export function draftReport({ set, details, wording, short, today }: DraftInput): DraftParagraph[] {
  const guidance = [mediaSentence(set, details, short), newMediaSentence(set, wording, short), inHouseSentence(set, details, short), printSentence(set, wording, short)].filter((x): x is string => x !== null)
  const sections: Section[] = [
    guidance.length ? { heading: '抓好舆论引导，传播凝聚正能量', body: guidance } : null,
    eventSection(set, details, wording, short),
    ethnicSection(set, details, short),
    meetingSection(set, wording, short),
    honorSection(set, untilText(set.period.to)),
    mentionSection(set, short),
    accountSection(set)
  ].filter((x): x is Section => x !== null)
  // Sub-items keep the seed's numbering (一)(二)… within the section, renumbered for the ones present.
  if (sections[0] && guidance.length) sections[0].body = guidance.map((t, i) => t.replace(/^（[一二三四]）/, `（${chineseNumeral(i + 1)}）`))

  const out: DraftParagraph[] = [
    { kind: 'title', text: draftTitle(set) },
    {
      kind: 'body',
      text: `为贯彻落实党中央和省、市、县委关于意识形态工作的决策部署和指示精神，牢牢把握正确的政治方向，${SELF}结合当前医疗卫生工作实际，坚持把意识形态工作摆在重要位置，通过引导、宣传、教育、培训等方式扎实推进各项工作。现将${set.period.label}意识形态工作开展情况汇报如下：`
    }
  ]
  sections.forEach((s, i) => {
    out.push({ kind: 'heading', text: `${chineseNumeral(i + 1)}、${s.heading}` })
    for (const b of s.body) out.push({ kind: 'body', text: b })
  })
  out.push({ kind: 'heading', text: `${chineseNumeral(sections.length + 1)}、存在的不足和下一步打算` })
  out.push({
    kind: 'body',
    text: `${short}，${SELF}意识形态工作的开展较为顺利，但仍存在一些薄弱环节。下一步，${SELF}将在继续高效开展意识形态工作的同时，努力在理论武装、舆论引导、文明创建和文化发展上取得新进展，为推动卫生健康事业发展营造积极健康的舆论氛围。`
  })
  out.push({ kind: 'note', text: '（请结合本院实际，补充存在的具体不足和下一步工作打算。）' })
  if (set.hospital) out.push({ kind: 'sign', text: set.hospital })
  out.push({ kind: 'sign', text: chineseDate(today) })
  return out
}
