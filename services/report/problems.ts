// 存在的问题 and 下一步工作打算, drafted from the data as the seeds draft them (一是…二是…三是…): quotas missed, weeks
// with nothing sent, accounts without a 责任人 or registered late, negative 舆情 still being handled, months not
// signed. Each next step answers one of the problems. With no problem in the data, the section says what every
// seed says in general terms — marked for the officer to confirm. Pure.
import { COUNT, judged, readQuota } from '../../shared/tally-reading'
import type { QuotaProgress } from '../../shared/contract/quotas'
import { chineseNumeral, countText, listText } from './numbers'
import { quotedCases, SELF, type Sentence } from './sections'
import type { DraftInput } from './draft-input'

interface Problem {
  problem: string
  step: string
}

const ORDINAL = (i: number) => `${chineseNumeral(i + 1)}是`
const noSpace = (s: string) => s.replace(/\s+/g, '')
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`
const monthOf = (m: string, withYear: boolean) => (withYear ? `${m.slice(0, 4)}年${Number(m.slice(5))}月` : `${Number(m.slice(5))}月`)

/** What a quota asks the office to do next, by its channel. */
function quotaStep(q: QuotaProgress, channel: string | null): string {
  const label = `“${noSpace(q.label)}”`
  if (channel === 'media' || (channel === null && /录用|媒体/.test(q.label))) return `加大对外宣传力度，围绕重点工作和特色专科主动策划选题，积极向省级以上主流媒体投稿，确保完成${label}的目标。`
  if (channel === 'gov_report') return `落实工作动态信息按周报送制度，明确专人负责，做到每周按时报送，完成${label}的要求。`
  if (channel === 'wechat') return `做好微信公众号内容策划，提前排期，保证更新频次，完成${label}的要求。`
  return `对照${label}的目标按月跟踪进度，及时补齐短板。`
}

/** 5月1日至7日, 4月24日至5月1日. */
function dayRange(from: string, to: string): string {
  return from.slice(0, 7) === to.slice(0, 7) ? `${monthDay(from)}至${Number(to.slice(8, 10))}日` : `${monthDay(from)}至${monthDay(to)}`
}

/** One quota short of its target, as a sentence: 省级以上媒体录用2篇，目标5篇 · 25周中有2周未达到目标. */
function quotaShortText(q: QuotaProgress, span: string): string {
  const label = `“${noSpace(q.label)}”`
  const whole = q.periods.filter(judged)
  if (whole.length <= 1) return `${label}${span}完成${countText(q.actual)}${q.unit}，目标${countText(q.target)}${q.unit}`
  const missed = whole.filter((p) => p.actual < q.perPeriod)
  let text = `${label}${span}${whole.length}${COUNT[q.period]}中有${missed.length}${COUNT[q.period]}未达到目标`
  const empty = missed.filter((p) => p.actual === 0)
  if (q.period === 'week' && empty.length) text += `，其中${listText(empty.slice(0, 3).map((p) => dayRange(p.from, p.to)))}${empty.length > 3 ? `等${countText(empty.length)}周` : ''}未报送`
  return text
}

function quotaProblems(input: DraftInput): Problem[] {
  const short = input.set.quotas.filter((q) => readQuota(q, input.set.period.code).state === 'short')
  if (short.length === 0) return []
  const span = readQuota(short[0], input.set.period.code).span
  return [{
    problem: `部分工作指标未完成，${short.map((q) => quotaShortText(q, span)).join('，')}`,
    step: [...new Set(short.map((q) => quotaStep(q, input.facts.quotaChannels[q.id] ?? null)))].join('')
  }]
}

function accountProblem(input: DraftInput): Problem | null {
  const accounts = input.facts.accounts
  if (accounts.length === 0) return null
  const noOwner = accounts.filter((a) => a.warnings.some((w) => w.startsWith('未指定负责人')))
  const late = accounts.filter((a) => a.warnings.some((w) => w.includes('才登记')))
  const never = accounts.filter((a) => a.warnings.some((w) => w.includes('仍未登记')))
  const names = (xs: typeof accounts) => listText(xs.slice(0, 3).map((a) => `“${a.name}”`)) + (xs.length > 3 ? `等${countText(xs.length)}个账号` : '')
  const parts = [
    noOwner.length ? `${names(noOwner)}未明确责任人` : '',
    late.length ? `${names(late)}建立后未按期登记` : '',
    never.length ? `${names(never)}建立已超过30天仍未登记` : ''
  ].filter(Boolean)
  if (parts.length === 0) return null
  return {
    problem: `意识形态阵地管理仍有疏漏，${parts.join('，')}`,
    step: `严格落实“谁建立谁负责、谁主管谁负责”的原则，对账号和工作群逐一明确责任人，新建账号在30日内完成登记备案，定期开展排查清理。`
  }
}

function mentionProblem(input: DraftInput): Problem | null {
  const open = input.facts.openMentions
  if (open.length === 0) return null
  return {
    problem: `网络舆情处置尚未完全闭环，${quotedCases(open)}仍在处置中`,
    step: `加强网络舆情研判处置，对仍在处置中的舆情明确专人跟进，及时回应社会关切，做到件件有回音、事事有着落，处置完毕及时办结。`
  }
}

function signoffProblem(input: DraftInput): Problem | null {
  const s = input.facts.signoffs.filter((m) => m.ended)
  const withYear = s.length > 0 && s[0].month.slice(0, 4) !== s[s.length - 1].month.slice(0, 4)
  const unsigned = s.filter((m) => m.state === 'unsigned').map((m) => monthOf(m.month, withYear))
  const changed = s.filter((m) => m.state === 'changed').map((m) => monthOf(m.month, withYear))
  const all = unsigned.length === s.length && s.length > 1
  const parts = [unsigned.length ? (all ? '各月统计数字均未经党委书记签阅' : `${listText(unsigned)}统计数字尚未经党委书记签阅`) : '', changed.length ? `${listText(changed)}统计数字签阅后有变动，尚未重新签阅` : ''].filter(Boolean)
  if (parts.length === 0) return null
  return {
    problem: `统计数字签阅不够及时，${parts.join('，')}`,
    step: `落实统计数字按月签阅制度，每月初将上月统计数字提交党委书记签阅，签阅后数字如有变动，及时说明原因并重新签阅。`
  }
}

/** The two closing sections: problems in one paragraph (一是…；二是…), then one paragraph per next step. */
export function closingSections(input: DraftInput): { problems: Sentence[]; next: Sentence[] } {
  const found = [...quotaProblems(input), accountProblem(input), mentionProblem(input), signoffProblem(input)].filter((x): x is Problem => x !== null)
  const { short } = input
  if (found.length === 0) {
    return {
      problems: [{ text: `${short}，${SELF}意识形态工作开展较为顺利，但仍存在一些薄弱环节：宣传思想工作的方法、形式、途径还需要进一步探索，对内对外宣传的影响力、渗透力还需要进一步提高。`, confirm: true }],
      next: [{ text: `下一步，${SELF}将在继续扎实开展意识形态工作的同时，努力在理论武装、舆论引导、文明创建和文化建设上取得新进展，为推动卫生健康事业高质量发展营造积极健康的舆论氛围。`, confirm: true }]
    }
  }
  const problems = `${short}，${SELF}意识形态工作开展较为顺利，但对照目标任务，仍存在一些不足：${found.map((p, i) => `${ORDINAL(i)}${p.problem}`).join('；')}。`
  const next: Sentence[] = [...new Set(found.map((p) => p.step))].map((step, i) => ({ text: `${ORDINAL(i)}${step}` }))
  next.push({ text: `${ORDINAL(next.length)}持续强化理论武装和舆论引导，牢牢掌握意识形态工作的领导权、管理权和话语权，为推动卫生健康事业高质量发展营造积极健康的舆论氛围。`, confirm: true })
  return { problems: [{ text: problems }], next }
}
