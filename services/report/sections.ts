// The body sections of the 意识形态工作总结, in the order of the three summaries in seed 004: 组织领导, 理论学习,
// 舆论引导 (its (一)–(四)), 社会文明, 民族团结, 作风, 舆情研判, 阵地管理. Each section names its data sources and its
// sentence patterns; with nothing behind it a section either says something sensible that is not a number — marked
// for the officer to confirm — or is left out. Never a zero. Pure: figures and details in, sentences out.
import type { KindCount } from '../../shared/contract/reports'
import { CHANNELS, type Channel } from '../../shared/channels'
import { monthRange } from '../../shared/dates'
import { HONOR_KINDS, MEETING_KINDS } from '../../shared/contract/channel-fields'
import { commissionSlips } from '../../shared/proofread'
import { amountText, chineseNumeral, countText, hoursText, listText, percentText } from './numbers'
import type { DraftInput } from './draft-input'

export interface Sentence {
  text: string
  /** Stock wording, not drawn from the desk's data. */
  confirm?: boolean
}
export interface Section {
  /** Stable id: the paragraph keys (and the officer's edits) hang on it. */
  id: string
  heading: string
  body: Sentence[]
}

export const SELF = '我院'
const MEDIA_LISTED = 4
const RECIPIENTS_LISTED = 2
const TITLES_QUOTED = 3
/** What the figures call an outlet left blank (never quoted in a sentence). */
const UNNAMED = '未注明'
/** The meeting kind the seeds put under 组织领导, not 理论学习. */
const LEADERSHIP_MEETING = '意识形态教育会'

/** Kinds in the order the form lists them (意识形态教育会 before 中心组学习, 锦旗 before 感谢信). */
function inFormOrder(kinds: readonly KindCount[], order: readonly string[]): KindCount[] {
  const rank = (k: KindCount) => (order.includes(k.kind) ? order.indexOf(k.kind) : order.length)
  return [...kinds].sort((a, b) => rank(a) - rank(b))
}

const quoted = (titles: readonly string[]): string => titles.map((t) => `《${t.replace(/^《(.*)》$/, '$1')}》`).join('')
/** Event names in quotation marks, one after another without 、 (“爱牙日”义诊进社区 stays as the officer wrote it). */
const named = (names: readonly string[]): string => (names.some((n) => /[“”"]/.test(n)) ? listText(names) : names.map((n) => `“${n}”`).join(''))

/** The party congress whose spirit a summary of this period studies (the next one is added when it convenes). */
const CONGRESSES = [
  { from: '2017-10-25', name: '党的十九大' },
  { from: '2022-10-23', name: '党的二十大' }
]
export function congressOf(date: string): string {
  return [...CONGRESSES].reverse().find((c) => date >= c.from)?.name ?? '党的十九大'
}

/** 党中央和省、市、县委 for a county hospital; a city hospital answers to 省委、市委; a provincial one to 省委. */
export function committeesOf(level: DraftInput['facts']['hospital']['level']): string {
  return level === '县级' ? '党中央和省、市、县委' : level === '市级' ? '党中央和省委、市委' : '党中央和省委'
}

/** The outlet as the draft may name it: an outdated commission name becomes the current one. */
function outletName(name: string, commission: string): string {
  // the same outdated names proofreading flags (shared/proofread.ts commissionSlips)
  return commissionSlips(commission).some((e) => e.wrong === name) ? commission : name
}

function leadershipSection(input: DraftInput): Section {
  const { set, short } = input
  const meetings = (set.kinds.meeting ?? []).find((k) => k.kind === LEADERSHIP_MEETING)?.count ?? 0
  const body: Sentence[] = [
    {
      text: `${SELF}高度重视意识形态工作，把意识形态工作纳入综合目标考评，与业务工作同部署、同落实、同检查、同考核。实行一把手负总责、班子成员各负其责，认真落实“一岗双责”，对重大事件、重要情况、重要院情民意中的苗头性倾向性问题，有针对性地进行引导。`,
      confirm: true
    }
  ]
  if (meetings > 0) {
    body.push({ text: `${short}召开${countText(meetings)}次有院班子成员、各科室负责人、党员干部参加的意识形态教育会，分析研判意识形态领域情况，对落实意识形态工作责任制作出安排部署。` })
  }
  return { id: 'leadership', heading: '加强组织领导，落实意识形态工作责任制', body }
}

function studySection(input: DraftInput): Section {
  const { set, wording: w, short } = input
  const m = set.meetings
  const congress = congressOf(set.period.to)
  const kinds = inFormOrder((set.kinds.meeting ?? []).filter((k) => k.kind !== LEADERSHIP_MEETING), MEETING_KINDS)
  const parts = kinds.map((k) => `开展${k.kind === '未分类' || k.kind === '其他' ? '集中学习' : k.kind}${countText(k.count)}次`)
  const writing = [m.notes > 0 ? `撰写学习笔记${amountText(m.notes, w)}篇` : '', m.reflections > 0 ? `撰写心得体会${amountText(m.reflections, w)}篇` : ''].filter(Boolean)
  const lead = `${SELF}始终坚持业务学习与政治理论学习并重的原则，利用周例会、微信群等形式，认真学习习近平新时代中国特色社会主义思想和${congress}精神。`
  if (parts.length === 0 && writing.length === 0) return { id: 'study', heading: '强化理论学习，确保理论武装到位', body: [{ text: `${lead}严格落实“三会一课”制度，提高了全院干部职工的党性修养。`, confirm: true }] }
  let t = `${lead}${short}`
  if (parts.length) t += listText(parts)
  if (writing.length) t += `${parts.length ? '，' : ''}全体党员共${writing.join('，')}`
  return { id: 'study', heading: '强化理论学习，确保理论武装到位', body: [{ text: `${t}，提高了全院干部职工的党性修养。` }] }
}

/** 其中《甲》《乙》被河北广播电视台录用，《丙》被河北日报录用 — titles grouped by the outlet that took them. */
function acceptedByVenue(accepted: DraftInput['details']['provincialAccepted']): string {
  const byVenue = new Map<string, string[]>()
  for (const p of accepted.slice(0, TITLES_QUOTED)) {
    const v = p.venue || '省级以上媒体'
    byVenue.set(v, [...(byVenue.get(v) ?? []), p.title])
  }
  const parts = [...byVenue.entries()].map(([venue, titles]) => `${quoted(titles)}被${venue}录用`)
  return parts.join('，') + (accepted.length > TITLES_QUOTED ? '等' : '')
}

function mediaSentence(input: DraftInput): string | null {
  const { set: s, details: d, short } = input
  const sub = s.submissions
  if (sub.submitted === 0) return null
  const commission = input.facts.hospital.commission
  // Outlets by frequency: newspapers, websites and stations first, then the departments reported to (县卫健局).
  const named = (channel: Channel, n: number) => sub.outlets.filter((o) => o.channel === channel && o.name !== UNNAMED).slice(0, n).map((o) => outletName(o.name, commission))
  const to = [...new Set([...named('media', MEDIA_LISTED), ...named('gov_report', RECIPIENTS_LISTED)])]
  let text = `（一）通过媒体宣传。${short}，${SELF}共${to.length ? `向${listText(to)}等媒体和部门` : ''}上报信息及线索${countText(sub.submitted)}篇`
  const city = sub.acceptedByLevel['市级'] ?? 0
  const county = sub.acceptedByLevel['县级'] ?? 0
  const rest = [city ? `被市级媒体录用${countText(city)}篇` : '', county ? `被县级媒体和部门采用${countText(county)}篇` : ''].filter(Boolean)
  if (sub.acceptedProvincialUp > 0) {
    text += `，被省级以上媒体录用${countText(sub.acceptedProvincialUp)}篇`
    if (d.provincialAccepted.length) text += `，其中${acceptedByVenue(d.provincialAccepted)}`
    if (rest.length) text += `；${listText(rest)}`
  } else if (sub.accepted > 0) {
    text += `，其中被各级媒体和部门录用${countText(sub.accepted)}篇`
    const parts = [city ? `市级${countText(city)}篇` : '', county ? `县级${countText(county)}篇` : ''].filter(Boolean)
    if (parts.length > 1) text += `（${listText(parts)}）`
  }
  return `${text}。`
}

function newMediaSentence(input: DraftInput): string | null {
  const { set: s, wording: w, short } = input
  const parts: string[] = []
  const wx = s.wechat
  if (wx.posts > 0) {
    let t = `（二）用好微信公众平台。对外聘专家、亮点工作等内容及时发布，提高了医院知名度和美誉度。${short}共更新稿件${countText(wx.posts)}篇`
    if (wx.original > 0 && wx.originalShare !== null) t += `，其中原创${countText(wx.original)}篇，占${percentText(wx.originalShare)}`
    if (wx.reads > 0) t += `，累计阅读${amountText(wx.reads, w)}次`
    parts.push(`${t}。`)
  }
  const online = (['website', 'weibo', 'douyin', 'video_account'] as Channel[]).filter((c) => s.byChannel[c].count > 0)
  if (online.length) {
    const lead = wx.posts > 0 ? '同时，' : '（二）加强新媒体宣传。'
    parts.push(`${lead}通过${listText(online.map((c) => `${CHANNELS[c]}发布信息${countText(s.byChannel[c].count)}条`))}。`)
  }
  const notice = s.byChannel.notice.count
  if (notice > 0) {
    const via = (s.venues.notice ?? []).slice(0, 3).map((v) => v.venue)
    const lead = parts.length ? '' : '（二）加强新媒体宣传。'
    parts.push(`${lead}${via.length ? `通过${listText(via)}等多种途径` : ''}共发布专家坐诊信息${countText(notice)}次。`)
  }
  return parts.length ? parts.join('') : null
}

function inHouseSentence(input: DraftInput): string | null {
  const { set: s, details: d, short } = input
  const led = s.kinds.led ?? []
  const tv = s.kinds.tv ?? []
  if (led.length === 0 && tv.length === 0) return null
  const parts: string[] = []
  const ordinal = ['一是', '二是']
  if (led.length) {
    // The kinds, then one total: 播放迎检标语、节日祝福、专家出诊等各类信息18条 (never 6条、6条、6条).
    const named = led.map((k) => k.kind).filter((k) => k !== '未分类' && k !== '其他')
    const total = led.reduce((a, k) => a + k.count, 0)
    parts.push(`${ordinal[parts.length]}通过院内LED屏宣传，${short}共播放${named.length ? `${listText(named)}等` : ''}各类信息${countText(total)}条。`)
  }
  if (tv.length) {
    const received = tv.filter((k) => k.kind !== '自制').reduce((a, k) => a + k.count, 0)
    const places = (s.venues.tv ?? []).slice(0, 3).map((v) => v.venue)
    let t = `${ordinal[parts.length]}${places.length ? `${listText(places)}等处电视` : '院内电视'}`
    t += received > 0 ? `更新公益宣传片${countText(received)}部` : '循环播放宣传片'
    if (d.selfMadeVideos.length) t += `，此外播放${SELF}自制宣传片${quoted(d.selfMadeVideos.slice(0, 4))}${d.selfMadeVideos.length > 4 ? '等' : ''}`
    parts.push(`${t}，提升了医院良好形象。`)
  }
  return `（三）院内电子化系统宣传。${parts.join('')}`
}

/** Items made one by one, each counted in its own unit (展板 块, 横幅 条); the rest are printed runs counted in 份. */
const MADE_UNITS: Record<string, string> = { 展板: '块', 横幅: '条', 标语: '条' }

function printSentence(input: DraftInput): string | null {
  const { set: s, wording: w, short } = input
  const p = s.byChannel.print
  if (p.count === 0) return null
  const kinds = (s.kinds.print ?? []).filter((k) => k.kind !== '未分类' && k.kind !== '其他')
  let t = `（四）审核制作各类宣传品。严格审核${kinds.length ? listText(kinds.map((k) => k.kind)) : '宣传品'}等宣传载体的内容，强化宣传阵地建设`
  if (p.quantity === 0) return `${t}，${short}共制作宣传品${countText(p.count)}批。`
  const made = kinds.filter((k) => MADE_UNITS[k.kind] && k.quantity > 0)
  const printed = p.quantity - made.reduce((a, k) => a + k.quantity, 0)
  const printedKinds = kinds.filter((k) => !MADE_UNITS[k.kind] && k.quantity > 0).map((k) => k.kind)
  // 宣传册 only when every printed copy is a brochure; several kinds (or copies without a kind) are 宣传品
  const what = printedKinds.length === 1 && printedKinds[0] === '宣传册' && printed === kinds.find((k) => k.kind === '宣传册')!.quantity ? '宣传册' : printedKinds.length > 1 ? `${listText(printedKinds)}等宣传品` : '各类宣传品'
  const parts = [printed > 0 ? `印制${what}${amountText(printed, w)}份` : '', made.length ? `制作${listText(made.map((k) => `${k.kind}${amountText(k.quantity, w)}${MADE_UNITS[k.kind]}`))}` : ''].filter(Boolean)
  return `${t}，${short}共${parts.join('，')}。`
}

function guidanceSection(input: DraftInput): Section | null {
  const items = [mediaSentence(input), newMediaSentence(input), inHouseSentence(input), printSentence(input)].filter((x): x is string => x !== null)
  if (items.length === 0) return null
  // (一)(二)… renumbered for the items present
  return { id: 'guidance', heading: '抓好舆论引导，传播凝聚正能量', body: items.map((t, i) => ({ text: t.replace(/^（[一二三四]）/, `（${chineseNumeral(i + 1)}）`) })) }
}

function civilitySection(input: DraftInput): Section | null {
  const { set, details: d, wording: w, short } = input
  const e = set.byChannel.event
  if (e.count === 0) return null
  // the 民族团结 events are named in their own section, not twice
  const ethnic = new Set(d.ethnicEvents)
  const shown = d.events.filter((t) => !ethnic.has(t)).slice(0, 5)
  let t = `${short}，${SELF}${shown.length ? `开展${named(shown)}${e.count > shown.length ? '等' : ''}` : '开展'}宣传活动${countText(e.count)}次`
  if (e.reach > 0) t += `，覆盖群众${amountText(e.reach, w)}人次`
  if (e.quantity > 0) t += `，发放宣传资料${amountText(e.quantity, w)}份`
  return { id: 'civility', heading: '弘扬社会文明，践行社会主义核心价值观', body: [{ text: `${t}，让群众感受到来自${SELF}的温暖和关怀。` }] }
}

function ethnicSection(input: DraftInput): Section | null {
  const { set, details: d, short } = input
  const { pieces, events, bilingual } = set.ethnic
  if (pieces === 0 && bilingual === 0) return null
  const parts: string[] = []
  const others = pieces - events
  if (others > 0) parts.push(`发布民族团结主题稿件${countText(others)}篇`)
  if (events > 0) parts.push(`开展${d.ethnicEvents.length ? `${named(d.ethnicEvents.slice(0, 4))}${events > Math.min(4, d.ethnicEvents.length) ? '等' : ''}` : ''}民族团结主题活动${countText(events)}次`)
  if (bilingual > 0) parts.push(`开展${d.languages.length ? listText(d.languages) : '双语'}宣传${countText(bilingual)}次`)
  return { id: 'ethnic', heading: '促进民族团结，铸牢中华民族共同体意识', body: [{ text: `${short}，${SELF}深入开展民族团结进步宣传教育，${parts.join('，')}，营造了各民族共同团结奋斗的良好氛围。` }] }
}

const HONOR_WORDS: Record<string, (n: string) => string> = {
  锦旗: (n) => `锦旗${n}面`,
  感谢信: (n) => `感谢信${n}封`,
  媒体表扬: (n) => `媒体表扬${n}次`
}

/** "截至6月底" for a period ending on a month's last day, else "截至6月15日". */
function untilText(to: string): string {
  const [, m, d] = to.split('-').map(Number)
  return to === monthRange(to.slice(0, 7)).to ? `截至${m}月底` : `截至${m}月${d}日`
}

function conductSection(input: DraftInput): Section {
  const kinds = inFormOrder(input.set.kinds.honor ?? [], HONOR_KINDS)
  const heading = '严守纪律规矩，加强作风建设'
  const lead = '认真开展医德医风教育，严格落实《医疗机构工作人员廉洁从业九项准则》，在医疗服务过程中真正体现“以人为本”的思想，做到尊重病人、关爱病人、方便病人、服务病人'
  if (kinds.length === 0) return { id: 'conduct', heading, body: [{ text: `${lead}，干部职工纪律规矩意识、服务意识明显增强。`, confirm: true }] }
  const items = kinds.map((k) => (HONOR_WORDS[k.kind] ?? ((n: string) => `${k.kind === '未分类' || k.kind === '其他' ? '其他表扬' : k.kind}${n}次`))(countText(k.count)))
  return { id: 'conduct', heading, body: [{ text: `${lead}，${untilText(input.set.period.to)}共收到服务对象赠送${listText(items)}。` }] }
}

function watchSection(input: DraftInput): Section | null {
  const { set, facts, short } = input
  const m = set.mentions
  const heading = '加强网络舆情监测，及时研判处置'
  const unit = facts.hospital.watchUnit
  const lead = `${unit.startsWith('医院') ? unit : `医院${unit}`}经常性地关注医院网络舆情，及时为领导研判舆情提供依据。`
  // What was removed after assessment (误报, 重复, 与本院无关) is stated as such, never silently dropped.
  const removed = m.removed > 0 ? `经研判排除误报等无关信息${countText(m.removed)}条` : ''
  if (m.total === 0) return removed ? { id: 'watch', heading, body: [{ text: `${lead}${short}监测到的网络信息${removed}，未发现涉及${SELF}的舆情。` }] } : null
  const b = m.bySentiment
  let t = `${short}共监测到涉及${SELF}的网络信息${countText(m.total)}条${removed ? `（另${removed}）` : ''}，其中正面${countText(b['正面'] ?? 0)}条、中性${countText(b['中性'] ?? 0)}条、负面${countText(m.negative)}条`
  t += m.severe > 0 ? `，较大及以上舆情${countText(m.severe)}条` : '，未发生较大及以上舆情'
  const open = facts.openMentions
  const needed = m.total - m.ignored
  const parts: string[] = []
  if (m.ignored > 0) parts.push(`经研判无需处置${countText(m.ignored)}条`)
  if (needed > 0) {
    if (m.closed === needed) parts.push(`需处置的${countText(needed)}条均已办结`)
    else if (m.closed > 0 && m.closedShare !== null) parts.push(`需处置的${countText(needed)}条中已办结${countText(m.closed)}条，办结率${percentText(m.closedShare)}`)
    else parts.push(`需处置的${countText(needed)}条正在处置`)
  }
  if (parts.length) t += `。${parts.join('，')}`
  if (m.closed > 0 && m.medianCloseHours !== null) t += `，办结用时中位数为${hoursText(m.medianCloseHours)}`
  const serious = open.filter((c) => c.grade !== '一般')
  if (serious.length) t += `；${quotedCases(serious)}仍在处置中`
  return { id: 'watch', heading, body: [{ text: `${lead}${t}。` }] }
}

/** “南和县人民医院发生医闹事件”（较大）等2条 — serious open cases named briefly. */
export function quotedCases(cases: DraftInput['facts']['openMentions'], n = 2): string {
  // a headline's spaces are its commas: 发生医闹事件 警方已介入 → 发生医闹事件，警方已介入
  const title = (t: string) => t.trim().replace(/\s+/g, '，')
  const shown = cases.slice(0, n).map((c) => `“${title(c.title).length > 24 ? `${title(c.title).slice(0, 24)}…` : title(c.title)}”（${c.grade}）`)
  return `${shown.join('、')}${cases.length > n ? `等${countText(cases.length)}条舆情` : ''}`
}

function positionSection(input: DraftInput): Section | null {
  const a = input.set.accounts
  if (a.active === 0) return null
  return {
    id: 'positions',
    heading: '加强意识形态阵地管理',
    body: [{ text: `严格按照“谁建立谁负责、谁主管谁负责”的原则，加强对医院建立的微信公众号、工作群等社交媒体公共平台的管理，现登记在用账号及工作群${countText(a.active)}个${a.owners > 0 ? `，明确责任人${countText(a.owners)}名` : ''}。` }]
  }
}

/** The outline: every body section in seed order, each built from its own data (null = left out). */
export const OUTLINE: readonly ((input: DraftInput) => Section | null)[] = [
  leadershipSection, studySection, guidanceSection, civilitySection, ethnicSection, conductSection, watchSection, positionSection
]
