// 报告 › 修改: the officer rewrites a paragraph of a period's draft in the desk; the edit is kept per period and
// paragraph key (audited) and used by every later export of that period — preview, Word, each new 定稿. A 定稿
// already made is a stored snapshot and stays as it was. 恢复自动生成 drops the edit.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { reportData } from './render'
import { recordAudit } from '../../db/queries/audit'
import { deleteEdit, getEdit, putEdit } from '../../db/queries/report-edits'
import { normalizeEditText } from '../../services/report/edits'
import { EDIT_MAX, type DraftParagraph, type ReportEditResult } from '../../shared/contract/reports'
import type { Ctx } from '../context'

function audit(ctx: Ctx, action: string, period: string, key: string, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, {
    at: ctx.now().toISOString(), actor: ctx.actor, actorId: ctx.user?.id ?? null, action, entity: 'report_edit', entityId: `${period}/${key}`,
    changes: { period, paragraph: key, ...changes }
  })
}

/** The generated text of a paragraph, whether or not it is edited now. */
const autoOf = (p: DraftParagraph): string => p.auto ?? p.text

function save(ctx: Ctx, a: { period: string; key: string; text: string }): ReportEditResult {
  const d = reportData(ctx, a.period)
  const period = d.period.code
  const p = d.paragraphs.find((x) => x.key === a.key)
  if (!p) throw new UserError(`段落：${d.period.label}的草稿中没有这一段（${a.key || '未指定'}），草稿可能已随数字重新生成，请刷新预览后再修改`, { field: 'key' })
  const text = normalizeEditText(p.kind, a.text)
  if (!text) throw new UserError('段落内容：段落内容不能为空', { field: 'text' })
  if (text.length > EDIT_MAX) throw new UserError(`段落内容：段落不能超过 ${EDIT_MAX} 字`, { field: 'text' })
  const auto = autoOf(p)
  const db = ctx.desk.db
  return ctx.desk.tx(() => {
    const before = getEdit(db, period, a.key)
    if (text === auto) {
      // Written back exactly as generated: nothing of the officer's is left to keep.
      if (before) {
        deleteEdit(db, period, a.key)
        audit(ctx, 'paragraph-reset', period, a.key, { text: [before.text, auto] })
      }
      return { period, key: a.key, edited: false }
    }
    if (before?.text !== text || before.auto !== auto) {
      putEdit(db, { period, paragraphKey: a.key, text, auto, editedBy: ctx.actor, editedById: ctx.user?.id ?? null, editedAt: ctx.now().toISOString() })
      audit(ctx, 'paragraph-edit', period, a.key, { text: [before?.text ?? auto, text] })
    }
    return { period, key: a.key, edited: true }
  })
}

function reset(ctx: Ctx, a: { period: string; key: string }): ReportEditResult {
  const d = reportData(ctx, a.period)
  const period = d.period.code
  const db = ctx.desk.db
  return ctx.desk.tx(() => {
    const before = getEdit(db, period, a.key)
    if (!before) throw new UserError(`段落：${d.period.label}的这一段没有修改，已是自动生成的文字`, { field: 'key' })
    const p = d.paragraphs.find((x) => x.key === a.key)
    deleteEdit(db, period, a.key)
    // 未使用的修改: the draft has no such paragraph any more, so the officer deletes what they wrote for it.
    if (p) audit(ctx, 'paragraph-reset', period, a.key, { text: [before.text, autoOf(p)] })
    else audit(ctx, 'paragraph-discard', period, a.key, { text: before.text })
    return { period, key: a.key, edited: false }
  })
}

export const editHandlers = defineHandlers({
  'report-edit-save': (a, ctx) => save(ctx, a),
  'report-edit-reset': (a, ctx) => reset(ctx, a)
})
