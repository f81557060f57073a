// The demo half-year of the opinion watch (2023上半年, 南和县人民医院): five feeds as records (never fetched in
// tests), the profile rule, 60 mentions through the real ingest path — praise, routine news and the complaints a
// county hospital really gets — and the triage trails of the ones handled, so time-to-close can be measured.
import type { Random } from '../../services/random'
import { seeded } from '../../services/random'
import type { FeedItem } from '../../services/feeds/parse'
import { DEFAULT_LEXICON } from '../../services/watch/sentiment'
import { addDays } from '../../shared/dates'
import { updateFeed } from '../../db/queries/feeds'
import { mentionBriefs, updateMention } from '../../db/queries/mentions'
import { createFeed } from '../feeds'
import { currentMatcher, ensureProfileRule } from '../watch/rules'
import { ingestItems } from '../feeds/ingest'
import { triage } from '../mentions'
import type { Ctx } from '../context'

export const DEMO_MENTIONS = 60

const FEEDS = [
  { url: 'https://rsshub.app/people/hebei/xingtai', name: '人民网·河北频道（邢台）', category: '媒体', weight: 3 },
  { url: 'https://rsshub.app/niucheng/wanbao/nanhe', name: '牛城晚报·南和新闻', category: '媒体', weight: 2 },
  { url: 'https://rsshub.app/gov/xingtai/wjw', name: '邢台市卫生健康委员会·工作动态', category: '卫健委', weight: 2 },
  { url: 'https://www.nanhe.gov.cn/rss/news.xml', name: '南和区人民政府网·要闻', category: '政府网站', weight: 1 },
  { url: 'https://rsshub.app/tieba/forum/南和', name: '百度贴吧·南和吧', category: '论坛/社区', weight: 0 }
] as const

const NAMES = ['南和县人民医院', '南和县医院', '南和人民医院']
const TOPICS = ['胸痛中心', '卒中中心', '301远程会诊中心', '分级诊疗中心', '家庭医生签约', '无痛分娩', '中医适宜技术', '智慧医院', '急诊绿色通道']
const ROUTINE = [
  (h: string, t: string) => [`${h}${t}通过省级评审验收`, `近日，${h}${t}顺利通过省级专家组评审验收，标志着医院服务能力再上新台阶。`],
  (h: string, t: string) => [`${h}开展“送医下乡”义诊活动`, `${h}组织${t}等科室专家深入乡村开展义诊，接待群众200余人次，发放宣传资料800余份。`],
  (h: string, t: string) => [`${h}举办${t}健康科普讲座`, `讲座面向社区居民，讲解常见病防治知识，现场气氛热烈。`],
  (h: string, t: string) => [`${h}召开${t}工作推进会`, `会议总结前期工作，部署下一阶段重点任务。`],
  (h: string, t: string) => [`${h}${t}正式启用`, `${t}启用后，群众在家门口即可享受更便捷的医疗服务。`],
  (h: string) => [`患者家属为${h}医护人员送来锦旗`, `患者家属送来写有“医术精湛 医德高尚”的锦旗，表达感谢之情。`],
  (h: string) => [`${h}召开意识形态工作专题会议`, `会议传达学习上级有关精神，研究部署医院意识形态工作。`],
  (h: string) => [`市卫健委到${h}督导医保政策落实情况`, `督导组查阅了相关台账资料，对医院工作给予肯定。`]
]
/** The complaints: [title, text, feed index, days after the first report the story was closed (null = open)]. */
const NEGATIVE: [string, string, number, number | null][] = [
  ['南和县人民医院停车场被指乱收费 院方：已整改', '有市民反映医院停车场收费标准不清，医院回应已重新公示收费标准。', 1, 3],
  ['患者称在南和县医院遭遇态度恶劣 医院：正在调查', '一名患者发帖称挂号窗口工作人员态度恶劣，引发网友讨论。', 4, 5],
  ['南和县人民医院一起医疗纠纷引关注 家属质疑诊疗过程', '患者家属质疑诊疗过程存在问题，医院表示将配合调查，依法依规处理。', 0, 12],
  ['网友举报南和县医院医生收受红包', '网友在论坛发帖举报某科室医生收受红包，医院纪检部门已介入核查。', 4, 8],
  ['南和县人民医院门诊缴费排长队 患者不满', '有患者反映门诊高峰时段缴费排队时间长，希望增加自助缴费设备。', 3, 6],
  ['南和县医院被投诉夜间急诊推诿病人', '一位市民投诉夜间急诊科室推诿病人，医院回应将加强值班管理。', 1, null],
  ['南和县人民医院发生医闹事件 警方已介入', '一名患者家属在病房内情绪激动并殴打医护人员，当地警方已介入处置。', 0, null]
]
/** One story reported in three places: the forum first, then the evening paper and the government site. */
const CLUSTER = {
  title: '网友投诉南和县人民医院急诊科候诊时间过长',
  text: '有网友发帖投诉医院急诊科周末候诊时间过长，医院表示将优化排班、增加值班医生。',
  feeds: [4, 1, 3]
}

interface DemoItem { feed: number; item: FeedItem; fetchedAt: string }

function at(date: string, r: Random): string {
  return new Date(Date.parse(`${date}T${String(r.int(7, 21)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00+08:00`)).toISOString()
}

function later(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString()
}

function demoItems(r: Random): DemoItem[] {
  const out: DemoItem[] = []
  const push = (feed: number, title: string, text: string, date: string, n: number) => {
    const publishedAt = at(date, r)
    const link = `${FEEDS[feed].url.replace(/\/[^/]*$/, '')}/a/2023${date.slice(5, 7)}${date.slice(8, 10)}-${n}.html`
    out.push({ feed, item: { guid: `demo-${feed}-${n}`, link, title, text, publishedAt }, fetchedAt: later(publishedAt, r.int(10, 50)) })
  }
  const routine = DEMO_MENTIONS - NEGATIVE.length - 1
  const used = new Set<string>()
  for (let i = 0; i < routine; i++) {
    const [title, text] = r.pick(ROUTINE)(r.pick(NAMES), r.pick(TOPICS))
    let date = addDays('2023-01-03', r.int(0, 175))
    // The same headline within the clustering window (72 h, services/watch/cluster.ts) would be one story: draw
    // another day. Its story words are all the headline's, so the hospital's other name does not tell them apart.
    const story = title.replace(/南和(县人民|县|人民)医院/, '')
    const near = (day: string) => [-3, -2, -1, 0, 1, 2, 3].some((k) => used.has(story + addDays(day, k)))
    while (near(date)) date = addDays('2023-01-03', r.int(0, 175))
    used.add(story + date)
    push(r.int(0, 3), title, `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日，${text}`, date, i)
  }
  NEGATIVE.forEach(([title, text, feed], i) => push(feed, title, text, addDays('2023-01-10', 20 + i * 22), 100 + i))
  CLUSTER.feeds.forEach((feed, i) => push(feed, CLUSTER.title, CLUSTER.text, addDays('2023-04-17', i), 200 + i))
  return out.sort((a, b) => a.fetchedAt.localeCompare(b.fetchedAt))
}

const OFFICERS = ['张宣', '李明', '王芳']
const STEP_NOTES = {
  assessing: ['已核实信息来源，评估影响范围', '已转相关科室了解情况'],
  handling: ['已联系当事人沟通，科室提交情况说明', '已按程序报告分管院领导，制定回应口径'],
  closed: ['已与患者家属沟通解决，对方表示理解', '已整改到位，在官网发布情况说明', '经核实为不实信息，已与发帖人沟通删除']
}

/** Walks a mention along the triage path from 新 to `to`, a few hours a step, closing `days` after it arrived. */
function walk(ctx: Ctx, id: number, from: string, to: 'assessing' | 'handling' | 'closed', days: number, r: Random): void {
  const steps = ['assessing', 'handling', 'closed'] as const
  const officer = r.pick(OFFICERS)
  let elapsed = 0
  for (const step of steps.slice(0, steps.indexOf(to) + 1)) {
    elapsed = step === 'closed' ? Math.max(days * 1440, elapsed + 60) : elapsed + r.int(30, 240)
    triage(ctx, id, step, r.pick(STEP_NOTES[step]), { at: later(from, elapsed), actor: officer })
  }
  updateMention(ctx.desk.db, id, { assignee: officer })
}

/** Seeds the watch inside seedDemo's transaction; returns the number of mentions. */
export function seedWatchDemo(ctx: Ctx, seed: number): number {
  const r = seeded(seed)
  ensureProfileRule(ctx)
  const feeds = FEEDS.map((f) => createFeed(ctx, { ...f, intervalMin: 30, enabled: true, encoding: null }))
  const setup = { matcher: currentMatcher(ctx.desk.db), lexicon: DEFAULT_LEXICON }
  const items = demoItems(r)
  for (const d of items) ingestItems(ctx.desk.sqlite, setup, { id: feeds[d.feed].id, weight: feeds[d.feed].weight }, [d.item], d.fetchedAt)
  const rows = mentionBriefs(ctx.desk.db)
  for (const m of rows) {
    const neg = NEGATIVE.find((n) => n[0] === m.title)
    if (neg) {
      if (neg[3] !== null) walk(ctx, m.id, m.fetchedAt, 'closed', neg[3], r)
      else walk(ctx, m.id, m.fetchedAt, 'handling', 0, r)
      if (m.grade !== '一般') updateMention(ctx.desk.db, m.id, { escalated: true })
    } else if (m.title === CLUSTER.title) {
      walk(ctx, m.id, m.fetchedAt, 'closed', 4, r)
      updateMention(ctx.desk.db, m.id, { escalated: true })
    } else if (m.fetchedAt < '2023-05-20') {
      // Routine news: most of it read and filed, some simply ignored.
      if (r.chance(0.25)) triage(ctx, m.id, 'ignored', '本院常规新闻，无需处置', { at: later(m.fetchedAt, 120), actor: r.pick(OFFICERS) })
      else walk(ctx, m.id, m.fetchedAt, 'closed', r.int(0, 2), r)
    } else if (r.chance(0.3)) walk(ctx, m.id, m.fetchedAt, 'assessing', 0, r)
  }
  feeds.forEach((f, i) => {
    const lastNewAt = items.filter((d) => d.feed === i).map((d) => d.fetchedAt).pop() ?? null
    const failing = i === 4
    updateFeed(ctx.desk.db, f.id, failing
      ? { lastFetchAt: '2023-06-30T02:00:00.000Z', lastNewAt, status: 'failing', consecutiveErrors: 3, lastError: '服务器拒绝访问（HTTP 403），可能需要登录或本机被限制访问' }
      : { lastFetchAt: '2023-06-30T02:00:00.000Z', lastNewAt, status: 'ok' })
  })
  return rows.length
}
