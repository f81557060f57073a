// 双语 as a vocabulary (#13): only the forms in 设置 › 双语形式 count as 双语宣传; typed wording is refused by the form
// and the import, and older free text that is not a form counts for nothing.
import { describe, it, expect, afterEach } from 'vitest'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { buildFigureSet } from '../../handlers/reports/figures'
import { parsePeriod } from '../../shared/periods'

let d: TestDesk
afterEach(() => d.close())

const bilingual = (desk: TestDesk): number => buildFigureSet(desk.ctx.desk.db, parsePeriod('2023H1')).figures.find((f) => f.key === 'ethnic.bilingual')?.value ?? 0
const event = (languages: string[], title = '义诊') => ({ channel: 'event', date: '2023-05-12', title, status: 'completed', backfill: true, kind: '义诊', extra: { languages } }) as const

describe('双语形式', () => {
  it('counts a real bilingual form, refuses typed wording, and names it in the report', async () => {
    d = freshDesk()
    const typed = await d.invoke('piece-create', event(['汉语']))
    expect(!typed.ok && typed.error.message).toBe('双语形式：“汉语”不在双语形式中（可选：苗汉双语、维汉双语、藏汉双语、蒙汉双语、彝汉双语、壮汉双语、朝汉双语、哈汉双语）；其他语言请写在“语言说明”')
    expect(!typed.ok && typed.error.details).toMatchObject({ field: 'extra.languages' })
    expect((await d.invoke('piece-create', event(['回汉双语']))).ok).toBe(false)

    await d.call('piece-create', { ...event(['苗汉双语'], '苗汉双语义诊'), extra: { languages: ['苗汉双语'], languageNote: '另有彝语讲解' } })
    expect(bilingual(d)).toBe(1)
    const preview = JSON.stringify(await d.call('report-preview', { period: '2023H1' }))
    expect(preview).toContain('开展苗汉双语宣传1次')
    expect(preview).not.toContain('彝语')
  })

  it('never counts older free text, and follows the list when the office edits it', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', event(['苗汉双语']))
    // What an older version let anyone type, written straight into the table.
    d.ctx.desk.sqlite.prepare(`UPDATE pieces SET extra = json_set(extra, '$.languages', json('["汉语"]')) WHERE id = ?`).run(p.id)
    expect(bilingual(d)).toBe(0)
    // The record can still be edited without retyping it (only changed fields are held to the list).
    expect((await d.invoke('piece-update', { id: p.id, reach: 120 })).ok).toBe(true)

    d.ctx.desk.sqlite.prepare(`UPDATE pieces SET extra = json_set(extra, '$.languages', json('["维汉双语"]')) WHERE id = ?`).run(p.id)
    expect(bilingual(d)).toBe(1)
    await d.call('language-save', { forms: ['苗汉双语'] })
    expect(bilingual(d)).toBe(0)
    expect(await d.call('language-list', {})).toEqual(['苗汉双语'])
    const refused = await d.invoke('language-save', { forms: ['苗汉双语', '回汉双语'] })
    expect(!refused.ok && refused.error.message).toContain('回汉双语不是双语形式')
    const audit = d.ctx.desk.sqlite.prepare(`SELECT entity_id AS key FROM audit_log WHERE entity = 'settings' ORDER BY id DESC LIMIT 1`).get()
    expect(audit).toEqual({ key: 'bilingual-forms' })
  })
})
