// 操作日志 wording: what each action and entity code of audit_log is called on the screen, in the export and in
// the CLI, and the one-line 内容摘要 of a row. Codes not listed show as themselves (nothing is hidden).
import { chinaClock } from './dates'
import { isSettingKey, settingEntry } from './settings'

export const AUDIT_ACTIONS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  remove: '移除',
  merge: '合并事件',
  split: '拆分事件',
  import: '导入',
  'import-update': '导入更新',
  'stats-import': '导入阅读数据',
  undo: '撤销',
  purge: '彻底删除',
  'seed-demo': '载入演示数据',
  'bulk-status': '批量修改状态',
  schedule: '排期',
  reschedule: '改期',
  poll: '抓取',
  snapshot: '网页存证',
  'review-submit': '送审',
  'review-approve': '审核通过',
  'review-reject': '退回',
  'review-override': '越级发布',
  'review-proxy': '代录审核',
  'review-invalidated': '改动后重新送审',
  'evidence-add': '添加佐证材料',
  'evidence-remove': '删除佐证材料',
  'deadline-done': '标记完成',
  'deadline-reopen': '重新打开',
  signoff: '签阅',
  resign: '重新签阅',
  finalize: '定稿',
  'paragraph-edit': '修改报告段落',
  'paragraph-reset': '恢复自动生成',
  'paragraph-discard': '删除未使用的修改',
  'sign-in': '登录',
  'sign-in-failed': '登录失败',
  'sign-out': '退出登录',
  'password-failed': '密码错误',
  'password-reset': '重置密码',
  'password-change': '修改密码',
  'user-create': '新建用户',
  'user-update': '修改用户',
  lock: '锁定',
  unlock: '解锁',
  backup: '备份',
  // a record from the 回收站, a deleted 指标/媒体 by 撤销 — or, on entity database, the whole desk (AUDIT_ACTION_ON)
  restore: '恢复',
  'audit-seal': '建立校验链',
  'series-create': '设置重复',
  'series-occurrence': '按重复规则生成',
  'series-update': '修改此后全部',
  'series-stop': '停止重复'
}

export const AUDIT_ENTITIES: Record<string, string> = {
  piece: '台账记录',
  mention: '舆情',
  feed: '订阅源',
  rule: '监测规则',
  settings: '设置',
  setting: '设置',
  user: '用户',
  signoff: '月度签阅',
  report: '半年报告',
  report_edit: '报告段落',
  quota: '考核指标',
  deadline: '工作节点',
  outlet: '媒体',
  account: '账号阵地',
  ledger: '台账',
  database: '数据库',
  backup: '备份',
  audit_log: '操作日志',
  series: '重复系列'
}

/** Where one action reads differently on one entity: restoring a backup is not restoring one record. */
const AUDIT_ACTION_ON: Record<string, Record<string, string>> = { database: { restore: '恢复备份' } }

export const auditActionLabel = (code: string, entity?: string): string => (entity && AUDIT_ACTION_ON[entity]?.[code]) ?? AUDIT_ACTIONS[code] ?? code
export const auditEntityLabel = (code: string): string => AUDIT_ENTITIES[code] ?? code

/** The 对象 of one row: a setting by its name (设置 · 审核流程), any other record by its kind. */
export function auditRecordLabel(entity: string, entityId: string): string {
  const kind = auditEntityLabel(entity)
  if (!isSettingKey(entityId)) return kind
  const e = settingEntry(entityId)
  return (e.auditEntity ?? 'settings') === entity ? `${kind} · ${e.label}` : kind
}

/** Field names as the office says them, for the summary of a change. */
const FIELDS: Record<string, string> = {
  title: '标题', status: '状态', date: '日期', channel: '渠道', department: '科室', author: '作者', venue: '媒体/平台',
  outletLevel: '媒体级别', quantity: '数量', reach: '覆盖人次', themes: '主题', link: '链接', note: '备注', body: '正文',
  sentiment: '情感', grade: '等级', assignee: '责任人', escalated: '上报领导', pieceId: '关联台账', name: '名称',
  roles: '角色', steps: '审核环节', active: '启用', reason: '原因', comment: '意见', step: '环节', reviewer: '审核人',
  url: '地址', enabled: '启用', value: '内容', wording: '措辞', month: '月份', period: '期间', backfill: '补录', paragraph: '段落', text: '文字',
  series: '重复系列', occurrence: '重复日期', seriesEdited: '单独修改', rule: '重复规则', start: '开始日期', from: '起始', updated: '已更新', kept: '未改动', removed: '移入回收站', n: '第几次'
}

const MAX_SUMMARY = 160

function short(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (typeof v === 'boolean') return v ? '是' : '否'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 40 ? `${s.slice(0, 40)}…` : s
}

interface HeadWords {
  id?: number
}

/** One line saying what the row recorded; `changes` is the row's stored object. */
export function auditSummary(action: string, changes: Record<string, unknown>): string {
  const c = changes ?? {}
  if (action === 'restore' && 'backup' in c) {
    const replaced = c.replaced as HeadWords | null | undefined
    const backupHead = c.backupHead as HeadWords | null | undefined
    const from = replaced?.id !== undefined ? `从第 ${replaced.id} 条` : ''
    const to = backupHead?.id !== undefined ? `回到第 ${backupHead.id} 条` : ''
    const broken = (c.backupChainProblem as { why?: string } | null | undefined)?.why
    const altered = c.backupAsRecorded === false ? '（备份与当初记录的不一致）' : ''
    return `恢复备份 ${short(c.backup)}${from || to ? `：操作日志${from}${to}` : ''}${altered}${broken ? `（备份中的操作日志校验未通过：${broken}）` : ''}`
  }
  if (action === 'backup') return `备份 ${short(c.name)}${(c.head as HeadWords | undefined)?.id !== undefined ? `（操作日志至第 ${(c.head as HeadWords).id} 条）` : ''}`
  if (action === 'audit-seal') {
    const missing = Array.isArray(c.missing) ? (c.missing as [number, number][]).reduce((n, [a, b]) => n + b - a + 1, 0) : 0
    return `为此前的 ${short(c.sealed)} 条记录建立校验链${missing ? `（建立前已缺 ${missing} 条）` : ''}`
  }
  const parts: string[] = []
  if (typeof c.title === 'string' && !Array.isArray(c.title)) parts.push(`“${short(c.title)}”`)
  for (const [k, v] of Object.entries(c)) {
    if (k === 'title' && typeof v === 'string') continue
    const label = FIELDS[k] ?? k
    parts.push(Array.isArray(v) && v.length === 2 && action !== 'create' ? `${label}：${short(v[0])} → ${short(v[1])}` : `${label}：${short(v)}`)
    if (parts.join('；').length > MAX_SUMMARY) break
  }
  const s = parts.join('；')
  return s.length > MAX_SUMMARY ? `${s.slice(0, MAX_SUMMARY)}…` : s
}

/** A stored UTC instant as China's wall clock to the second, '2023-06-15 10:00:05'. */
export function auditTime(iso: string): string {
  return chinaClock(iso, 'yyyy-MM-dd HH:mm:ss')
}
