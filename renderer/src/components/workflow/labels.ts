// Wording shared by the detail panels: audit actions, review decisions, field names in change summaries.
import { FIELD_LABELS } from '../../../../shared/contract/fields'
import { statusLabel } from '../../../../shared/channels'
import { deciderLabel } from '../../../../shared/workflow'
import { chinaClock } from '../../../../shared/dates'

export const ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  import: '导入',
  'seed-demo': '演示数据',
  'bulk-status': '批量改状态',
  'review-submit': '送审',
  'review-approve': '审核通过',
  'review-reject': '审核退回',
  'review-override': '管理员越级发布',
  'review-invalidated': '审核内容已修改，退回重新审核',
  reschedule: '改期',
  schedule: '排期',
  'evidence-add': '添加佐证材料',
  'evidence-remove': '删除佐证材料'
}

export const DECISION_LABELS: Record<string, string> = {
  submitted: '送审',
  waiting: '待审',
  approved: '通过',
  rejected: '退回',
  cancelled: '未进行',
  override: '越级'
}

/** An ISO timestamp as the officer reads it: China time, e.g. 2023/06/15 10:00. */
export function when(iso: string): string {
  return chinaClock(iso, 'yyyy/MM/dd HH:mm')
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** One line saying what an audit row changed. */
export function changeSummary(action: string, changes: Record<string, unknown>): string {
  const c = changes as Record<string, unknown>
  if (typeof c.backfill === 'string') return c.backfill
  if (typeof c.review === 'string') return c.review
  if (action === 'review-override' && typeof c.reason === 'string') return `${statusLabel(String(c.from))} → ${statusLabel(String(c.to))}，理由：${c.reason}`
  if (action.startsWith('review-') && typeof c.step === 'string') {
    const who = c.reviewer ? deciderLabel({ reviewer: String(c.reviewer), proxy: c.proxy === true, recordedBy: String(c.recordedBy ?? ''), evidenceFile: typeof c.evidenceFile === 'string' ? c.evidenceFile : null }) : ''
    return `${c.step}${who ? `（${who.replace(/^(.+)（(代录.*)）$/, '$1，$2')}）` : ''}${c.comment ? `：${c.comment}` : ''}`
  }
  if (action === 'review-submit' && Array.isArray(c.chain)) return `第 ${c.round} 轮：${(c.chain as string[]).join(' → ') || '无需审核'}${c.proofreadHits ? `；规范表述提示 ${c.proofreadHits} 处` : ''}`
  if (action.startsWith('evidence-')) return String(c.fileName ?? '')
  if (action === 'series-occurrence') return `重复系列第 ${c.n} 次（${c.occurrence}），草稿`
  if (action === 'create' || action === 'import' || action === 'seed-demo') return c.status ? `状态：${statusLabel(String(c.status))}` : ''
  const parts: string[] = []
  for (const [k, v] of Object.entries(c)) {
    if (!Array.isArray(v) || v.length !== 2) continue
    if (k === 'status') parts.push(`状态：${statusLabel(String(v[0]))} → ${statusLabel(String(v[1]))}`)
    else if (k === 'date') parts.push(`日期：${v[0]} → ${v[1]}`)
    else parts.push(FIELD_LABELS[k] ?? k)
  }
  return parts.join('；')
}
