// The demo's registries, targets, deadlines and work in progress (issue 3), written through the real handlers
// after the half-year's pieces: outlets and accounts (one group without a responsible person, one registered
// late, one never registered), the superiors' quotas (seed 003), deadlines, and pieces moving through review —
// one rejected and resubmitted, one with the medical step, an LED request sent too late, a draft with the
// “民族共同体意识” slip of seed 000, and scheduled pieces (one falls due on 2023-06-15).
import { eq } from 'drizzle-orm'
import { pieces } from '../../db/schema'
import { insertReview, openStep } from '../../db/queries/reviews'
import { pieceFields, type PieceInput } from '../../shared/contract/pieces'
import { createNewPiece } from '../pieces/create'
import { changePiece, mustGetPiece } from '../pieces/write'
import { decideStep } from '../review/decide'
import { digestOf } from '../review/bound'
import { submitForReview } from '../review'
import { registriesHandlers } from '../registries'
import { quotasHandlers } from '../quotas'
import type { Ctx } from '../context'

const OUTLETS = [
  ['人民网', '国家级', '网站'], ['河北广播电视台', '省级', '广播'], ['河北日报', '省级', '报纸'], ['牛城晚报', '市级', '报纸'],
  ['市卫健委', '市级', '上级部门'], ['县政府网', '县级', '政务平台'], ['南和报', '县级', '报纸'], ['县电视台', '县级', '电视'], ['卫计局', '县级', '上级部门']
] as const

const ACCOUNTS = [
  { platform: '公众号', name: '南和县人民医院', department: '宣传科', owner: '张宣', createdDate: '2016-03-01', registeredDate: '2016-03-10' },
  { platform: '视频号', name: '南和县人民医院视频号', department: '宣传科', owner: '李明', createdDate: '2021-06-01', registeredDate: '2021-06-20' },
  { platform: '抖音', name: '南和县人民医院抖音', department: '宣传科', owner: '王芳', createdDate: '2022-02-10', registeredDate: '2022-04-15' },
  { platform: '微博', name: '南和县人民医院微博', department: '宣传科', owner: '张宣', createdDate: '2015-05-01', registeredDate: '2015-05-03' },
  { platform: '网站', name: '医院官网', department: '信息科', owner: '刘洋', createdDate: '2012-09-01', registeredDate: '2012-09-01' },
  { platform: 'QQ群', name: '内科医护交流群', department: '内科', owner: '', createdDate: '2022-11-05', registeredDate: '2022-11-20' },
  { platform: '微信群', name: '外科患者随访群', department: '外科', owner: '赵静', createdDate: '2023-01-09', registeredDate: '2023-01-16' },
  { platform: '微信群', name: '护理部工作群', department: '护理部', owner: '陈曦', createdDate: '2023-04-03', registeredDate: null }
] as const

const piece = (p: PieceInput) => pieceFields.parse({ department: '宣传科', author: '张宣', ...p })

export function seedLedgerDemo(ctx: Ctx): { pieces: number } {
  for (const [name, level, kind] of OUTLETS) registriesHandlers['outlet-save']({ name, level, kind }, ctx)
  for (const a of ACCOUNTS) registriesHandlers['account-save']({ ...a, status: '在用' }, ctx)

  quotasHandlers['quota-save']({ label: '工作动态信息每周至少 1 条', channel: 'gov_report', minLevel: null, onlyAccepted: false, period: 'week', target: 1 }, ctx)
  quotasHandlers['quota-save']({ label: '公众号每月至少更新 8 篇', channel: 'wechat', minLevel: null, onlyAccepted: false, period: 'month', target: 8 }, ctx)
  quotasHandlers['quota-save']({ label: '省级以上媒体录用每半年至少 5 篇', channel: 'media', minLevel: '省级', onlyAccepted: true, period: 'half', target: 5 }, ctx)

  const deadline = (title: string, dueDate: string, notes = '') => quotasHandlers['deadline-save']({ title, dueDate, notes }, ctx)
  const plan = deadline('报送意识形态工作实施方案', '2023-05-30', '广卫发〔2022〕17号')
  quotasHandlers['deadline-done']({ id: plan.id, done: true }, ctx)
  deadline('报送民族团结进步月活动佐证材料', '2023-06-10', '照片、签到表、宣传品样张')
  deadline('报送上半年工作推进情况', '2023-06-20', '附佐证材料')
  deadline('报送全年工作总结', '2023-12-20')

  const submit = (id: number) => submitForReview(ctx, id)
  // The demo's reviewers (张宣 at 宣传科初审, 王院长 at 终审) are people of the demo hospital, not users of this desk:
  // their decisions are written as the review handler writes them, with no user id — like rows from before users.
  const decide = (id: number, decision: 'approve' | 'reject', reviewer: string, comment = '') => {
    const step = openStep(ctx.desk.db, id)!
    decideStep(ctx, mustGetPiece(ctx, id), step, decision, comment, { name: reviewer, id: null })
  }
  let n = 0
  const add = (p: PieceInput) => (n++, createNewPiece(ctx, piece(p)))

  // The pending post of the half-year's pieces went through 初审 already.
  const july = ctx.desk.db.select().from(pieces).where(eq(pieces.title, '“七一”建党节专题推文（待审核）')).get()
  if (july) {
    const at = ctx.now().toISOString()
    insertReview(ctx.desk.db, july.id, { round: 1, step: 0, stepName: '送审', reviewer: july.author, decision: 'submitted', comment: '宣传科初审 → 分管院领导终审', at })
    const contentHash = digestOf(ctx.desk.db, mustGetPiece(ctx, july.id)).hash
    insertReview(ctx.desk.db, july.id, { round: 1, step: 1, stepName: '宣传科初审', reviewer: '张宣', decision: 'approved', comment: '', at, contentHash })
    insertReview(ctx.desk.db, july.id, { round: 1, step: 2, stepName: '分管院领导终审', reviewer: '', decision: 'waiting', comment: '', at })
  }

  // Rejected once, corrected, sent again: now waiting at the medical step.
  const drowning = add({ channel: 'wechat', title: '【健康科普】夏季防溺水 这些知识要牢记', date: '2023-06-25', status: 'draft', themes: ['健康科普'], venue: '南和县人民医院', body: '进入夏季，溺水事故进入高发期。急诊科提醒：发现有人溺水，应立即拨打120……' })
  submit(drowning.id)
  decide(drowning.id, 'reject', '张宣', '急救步骤请急诊科核实，配图需注明来源')
  changePiece(ctx, drowning.id, { body: '进入夏季，溺水事故进入高发期。经急诊科核实：发现有人溺水，应立即拨打120，并在保证自身安全的前提下施救……' })
  submit(drowning.id)
  decide(drowning.id, 'approve', '张宣')

  // LED greeting sent on Thursday for a Monday start: fewer than 3 working days.
  const led = add({ channel: 'led', title: '热烈庆祝中国共产党成立102周年', date: '2023-06-19', status: 'draft', kind: '节日祝福', venue: '门诊大厅、住院楼电梯', themes: ['党建'], extra: { displayStart: '2023-06-19', displayEnd: '2023-07-01' } })
  submit(led.id)

  // A draft with the slip of seed 000's title: proofreading will flag it when it is sent.
  add({ channel: 'website', title: '我院铸牢民族共同体意识 推动民族团结进步', date: '2023-06-26', status: 'draft', themes: ['民族团结'], venue: '医院官网', body: '深入学习贯彻十九大精神，……' })

  // Reviewed and scheduled: one falls due today (2023-06-15 in the tests' clock), one next week.
  for (const [title, channel, date, kind] of [
    ['“七一”党建专题片', 'tv', '2023-06-15', '自制'],
    ['六月医保政策解读', 'wechat', '2023-06-21', null]
  ] as const) {
    const p = add({ channel, title, date, status: 'draft', kind, venue: channel === 'tv' ? '候诊区' : '南和县人民医院', themes: channel === 'tv' ? ['党建'] : [] })
    submit(p.id)
    decide(p.id, 'approve', '张宣')
    decide(p.id, 'approve', '王院长')
    changePiece(ctx, p.id, { status: 'scheduled' }, 'schedule')
  }
  return { pieces: n }
}
