// 报告 › 修改: the officer rewrites a paragraph of a period's draft in the desk. The edit is kept per period and
// paragraph key, audited with who, used by every later export (Word, each new 定稿 — never an earlier one), and
// 恢复自动生成 drops it; an edit whose paragraph the draft no longer has is reported, not lost.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import JSZip from 'jszip'
import { TEST_PASSWORD, actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'
import { finishedJob } from '../../handlers/jobs/runner'
import { applyEdits, normalizeEditText, unusedEdits } from '../../services/report/edits'
import { auditActionLabel, auditEntityLabel, auditSummary } from '../../shared/audit-labels'
import type { DraftParagraph, ReportEdit, ReportFile } from '../../shared/contract/reports'

let d: TestDesk
const post = (title: string, date: string) => d.call('piece-create', { channel: 'wechat', title, date, status: 'published', backfill: true, reads: 100 })
const preview = (period = '2023H1') => d.call('report-preview', { period })
/** The paragraph the 公众号 figures feed (its text moves with the number of posts). */
const wechatParagraph = (ps: DraftParagraph[]) => {
  const p = ps.find((x) => x.kind === 'body' && /更新稿件/.test(x.text))
  if (!p) throw new Error(`no 公众号 paragraph in ${JSON.stringify(ps.map((x) => x.text))}`)
  return p
}
const auditRows = () =>
  d.ctx.desk.sqlite.prepare("SELECT action, actor, actor_id AS actorId, entity_id AS entityId, changes FROM audit_log WHERE entity = 'report_edit' ORDER BY id").all() as { action: string; actor: string; actorId: number; entityId: string; changes: string }[]

/** The paragraphs of a .docx, one a line (a paragraph's runs joined: the （一） lead is a run of its own). */
async function paragraphsOf(base64: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(Buffer.from(base64, 'base64'))).file('word/document.xml')!.async('string')
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n')
}

/** The Word draft as the 报告 page downloads it: report-export-start, then the finished job's file. */
async function docxText(period = '2023H1'): Promise<string> {
  const { jobId } = await d.call('report-export-start', { period, format: 'docx' })
  const s = await finishedJob(d.ctx, jobId)
  if (s.error || !s.result) throw new Error(`export failed: ${JSON.stringify(s.error)}`)
  return paragraphsOf((s.result as ReportFile).base64)
}

const EDITED = '（一）用好微信公众平台。上半年我院公众号围绕健康科普、医德医风等主题共推送稿件两篇，经宣传科三审三校后发布。'

beforeEach(async () => {
  d = freshDesk({ now: new Date('2023-07-05T02:00:00Z') })
  await d.call('profile-save', { fullName: '南和县人民医院' })
  await post('一月推文', '2023-01-10')
  await post('五月推文', '2023-05-10')
  actAs(d.ctx, addTestUser(d.ctx, '李干事', ['officer']))
})
afterEach(() => d.close())

describe('the officer edits a paragraph of the draft', () => {
  it('is kept for the period, shown in the preview, used by the Word export, audited with who, and 恢复自动生成 restores it', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    const saved = await d.invoke('report-edit-save', { period: '2023H1', key: auto.key, text: `  ${EDITED}\n` })
    expect(saved.ok && saved.value).toEqual({ period: '2023H1', key: auto.key, edited: true })
    expect(saved.ok && saved.changed).toContain('reports')

    const p = (await preview()).paragraphs.find((x) => x.key === auto.key)!
    expect(p).toMatchObject({ text: EDITED, edited: true, auto: auto.text, autoChanged: false, editedBy: '李干事' })
    const word = await docxText()
    expect(word).toContain(EDITED)
    expect(word).not.toContain(auto.text)

    const reset = await d.call('report-edit-reset', { period: '2023H1', key: auto.key })
    expect(reset).toEqual({ period: '2023H1', key: auto.key, edited: false })
    const back = (await preview()).paragraphs.find((x) => x.key === auto.key)!
    expect(back.text).toBe(auto.text)
    expect(back.edited).toBeUndefined()
    expect(await docxText()).toContain(auto.text)

    const rows = auditRows()
    expect(rows.map((r) => [r.action, r.actor, r.entityId])).toEqual([
      ['paragraph-edit', '李干事', `2023H1/${auto.key}`],
      ['paragraph-reset', '李干事', `2023H1/${auto.key}`]
    ])
    expect(rows[0].actorId).toBeGreaterThan(0)
    expect(JSON.parse(rows[0].changes)).toEqual({ period: '2023H1', paragraph: auto.key, text: [auto.text, EDITED] })
    expect(JSON.parse(rows[1].changes)).toEqual({ period: '2023H1', paragraph: auto.key, text: [EDITED, auto.text] })
    // As the 操作日志 words them.
    expect([auditActionLabel('paragraph-edit'), auditActionLabel('paragraph-reset'), auditEntityLabel('report_edit')]).toEqual(['修改报告段落', '恢复自动生成', '报告段落'])
    expect(auditSummary('paragraph-edit', JSON.parse(rows[0].changes))).toMatch(new RegExp(`^期间：2023H1；段落：${auto.key.replace(/\./g, '\\.')}；文字：`))
  })

  it('says when the generated text moved since the edit (a figure changed), keeping the officer’s wording', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: EDITED })
    await post('六月推文', '2023-06-10')
    const p = (await preview()).paragraphs.find((x) => x.key === auto.key)!
    expect(p.text).toBe(EDITED)
    expect(p.autoChanged).toBe(true)
    expect(p.auto).not.toBe(auto.text)
    // Saving again takes the new generated text as the one seen.
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: `${EDITED}另有视频号同步推送。` })
    expect((await preview()).paragraphs.find((x) => x.key === auto.key)!.autoChanged).toBe(false)
  })

  it('refuses a paragraph the draft lacks, an empty or overlong text and a bad period, in Chinese naming the field', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    const cases: [Record<string, string>, RegExp][] = [
      [{ period: '2023H1', key: 'no.such.paragraph', text: '文字' }, /^段落：2023年上半年的草稿中没有这一段/],
      [{ period: '2023H1', key: auto.key, text: ' \n ' }, /^段落内容：段落内容不能为空/],
      [{ period: '2023H1', key: auto.key, text: '字'.repeat(4001) }, /^段落内容：段落不能超过 4000 字$/],
      [{ period: '2023H7', key: auto.key, text: '文字' }, /^统计区间：/]
    ]
    for (const [args, message] of cases) {
      const r = await d.invoke('report-edit-save', args as never)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.message).toMatch(message)
    }
    const notEdited = await d.invoke('report-edit-reset', { period: '2023H1', key: auto.key })
    expect(!notEdited.ok && notEdited.error.message).toBe('段落：2023年上半年的这一段没有修改，已是自动生成的文字')
    // Exactly 4000 characters is fine; writing the generated text back keeps no edit.
    expect((await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: '字'.repeat(4000) })).edited).toBe(true)
    expect((await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: auto.text })).edited).toBe(false)
    expect((await preview()).paragraphs.find((x) => x.key === auto.key)!.edited).toBeUndefined()
    expect(auditRows().map((r) => r.action)).toEqual(['paragraph-edit', 'paragraph-reset'])
  })

  it('is refused to a reviewer, the secretary and a viewer', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: EDITED })
    for (const [name, roles] of [['丙审核', ['reviewer']], ['丁书记', ['secretary']], ['戊查看', ['viewer']]] as const) {
      actAs(d.ctx, addTestUser(d.ctx, name, [...roles]))
      const save = await d.invoke('report-edit-save', { period: '2023H1', key: auto.key, text: '改写' })
      expect(!save.ok && save.error.message).toBe(`此操作需要“宣传干事”或“管理员”角色；当前用户“${name}”没有该权限`)
      const reset = await d.invoke('report-edit-reset', { period: '2023H1', key: auto.key })
      expect(reset.ok).toBe(false)
      // They still read the edited draft.
      expect((await preview()).paragraphs.find((x) => x.key === auto.key)!.text).toBe(EDITED)
    }
    expect(auditRows()).toHaveLength(1)
  })

  it('does not leak into another period', async () => {
    const h1 = wechatParagraph((await preview()).paragraphs)
    await d.call('report-edit-save', { period: '2023H1', key: h1.key, text: EDITED })
    for (const other of ['2023Q2', '2023-05', '2023-01-01..2023-06-30', '2022H1']) {
      const p = await preview(other)
      expect(p.paragraphs.some((x) => x.edited || x.text === EDITED)).toBe(false)
      expect(p.unused).toEqual([])
    }
    // The same period however it is written (上半年, 2023h1) is the same draft.
    expect((await preview('2023年上半年')).paragraphs.find((x) => x.key === h1.key)!.text).toBe(EDITED)
  })

  it('reports an edit whose paragraph the draft no longer has as 未使用的修改, and deletes it on request', async () => {
    const posts = (await d.call('piece-list', {})).rows
    const auto = wechatParagraph((await preview()).paragraphs)
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: EDITED })
    // Both posts were entered by mistake: with no 公众号 figures the draft leaves that paragraph out.
    for (const r of posts) await d.call('piece-delete', { id: r.id, reason: '重复登记', confirm: true })
    const p = await preview()
    expect(p.paragraphs.some((x) => x.key === auto.key || x.text === EDITED)).toBe(false)
    expect(p.unused).toEqual([{ key: auto.key, text: EDITED, auto: auto.text, editedBy: '李干事', editedAt: '2023-07-05T02:00:00.000Z' }])
    expect(await docxText()).not.toContain(EDITED)
    // Kept until the officer deletes it: a post back from the 回收站 brings the paragraph, and the edit with it.
    await d.call('piece-restore', { id: posts[0].id, confirm: true })
    expect((await preview()).paragraphs.find((x) => x.key === auto.key)).toMatchObject({ text: EDITED, edited: true, autoChanged: true })
    await d.call('piece-delete', { id: posts[0].id, reason: '重复登记', confirm: true })
    expect((await preview()).unused).toHaveLength(1)
    await d.call('report-edit-reset', { period: '2023H1', key: auto.key })
    expect((await preview()).unused).toEqual([])
    expect(auditRows().map((r) => r.action)).toEqual(['paragraph-edit', 'paragraph-discard'])
    expect(JSON.parse(auditRows()[1].changes)).toEqual({ period: '2023H1', paragraph: auto.key, text: EDITED })
  })

  it('goes into a 定稿 made after it, and an edit after a 定稿 leaves the stored files as they were', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: EDITED })
    actAs(d.ctx, addTestUser(d.ctx, '王书记', ['secretary']))
    const f = await d.call('report-finalize', { period: '2023H1', password: TEST_PASSWORD, comment: '' })
    const finalText = async () => paragraphsOf((await d.call('report-final-download', { id: f.id, format: 'docx' })).base64)
    expect(await finalText()).toContain(EDITED)
    actAs(d.ctx, addTestUser(d.ctx, '赵干事', ['officer']))
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: `${EDITED}（定稿后补充）` })
    expect(await finalText()).not.toContain('定稿后补充')
    expect(await docxText()).toContain('定稿后补充')
  })

  it('shows 规范表述 hits of the draft as it reads, by paragraph', async () => {
    const auto = wechatParagraph((await preview()).paragraphs)
    expect((await preview()).proof.filter((h) => h.key === auto.key)).toEqual([])
    await d.call('report-edit-save', { period: '2023H1', key: auto.key, text: `${EDITED}稿件均报县卫计委备案。` })
    const hits = (await preview()).proof.filter((h) => h.key === auto.key)
    expect(hits).toContainEqual(expect.objectContaining({ key: auto.key, wrong: '卫计委', right: '卫健委', index: EDITED.length + '稿件均报县'.length }))
  })
})

describe('applyEdits (pure)', () => {
  const draft: DraftParagraph[] = [
    { kind: 'title', key: 'title', text: '南和县人民医院\n2023年上半年意识形态工作总结' },
    { kind: 'body', key: 'study', text: '我院组织学习3次。', confirm: true },
    { kind: 'body', key: 'media', text: '上报信息5篇。' }
  ]
  const edit = (key: string, text: string, auto: string): ReportEdit => ({ key, text, auto, editedBy: '李干事', editedAt: '2023-07-01T02:00:00.000Z' })

  it('replaces the edited paragraphs only, marks them, drops 请核实 and tells when the generated text moved', () => {
    const out = applyEdits(draft, [edit('study', '我院组织集中学习三次。', '我院组织学习3次。'), edit('media', '上报信息六篇。', '上报信息4篇。'), edit('gone', '旧段落', '旧')])
    expect(out.map((p) => p.text)).toEqual([draft[0].text, '我院组织集中学习三次。', '上报信息六篇。'])
    expect(out[0]).toBe(draft[0])
    expect(out[1]).toEqual({ kind: 'body', key: 'study', text: '我院组织集中学习三次。', edited: true, auto: '我院组织学习3次。', autoChanged: false, editedBy: '李干事', editedAt: '2023-07-01T02:00:00.000Z' })
    expect(out[2]).toMatchObject({ edited: true, auto: '上报信息5篇。', autoChanged: true })
    expect(unusedEdits(draft, [edit('study', 'a', 'b'), edit('gone', '旧段落', '旧')]).map((e) => e.key)).toEqual(['gone'])
    expect(applyEdits(draft, [])).toEqual(draft)
  })

  it('keeps a body paragraph on one line and a title’s deliberate break', () => {
    expect(normalizeEditText('body', '  第一行，\n  第二行。\r\n\n')).toBe('第一行，第二行。')
    expect(normalizeEditText('body', '新冠 COVID\n19 疫情')).toBe('新冠 COVID 19 疫情')
    expect(normalizeEditText('title', ' 南和县人民医院 \n\n 2023年上半年意识形态工作总结 ')).toBe('南和县人民医院\n2023年上半年意识形态工作总结')
  })
})
