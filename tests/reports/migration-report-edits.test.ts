// Migration 0009 (报告 › 修改): a desk written before it opens with every record kept and an empty report_edits
// table, one edit per period and paragraph. Migrate to 0008, seed, migrate on, assert (STYLE.md lesson 7).
import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesk } from '../../db/open'
import { migrationsUpTo } from '../helpers/migrations'
import { editsOf, putEdit } from '../../db/queries/report-edits'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('migration 0009_report_edits', () => {
  it('adds the table to an older desk and keeps what it held', () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-mig-'))
    const file = join(dir, 'desk.sqlite')
    const old = openDesk(file, { migrationsFolder: migrationsUpTo(dir, '0008_bilingual_forms') })
    expect(old.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'report_edits'").get()).toEqual({ n: 0 })
    old.sqlite
      .prepare(`INSERT INTO pieces (channel, title, date, status, created_at, created_by, updated_at, updated_by) VALUES ('wechat', '五月推文', '2023-05-03', 'published', '2023-05-01T00:00:00Z', '王干事', '2023-05-01T00:00:00Z', '王干事')`)
      .run()
    old.close()

    const desk = openDesk(file)
    try {
      expect(desk.sqlite.prepare('SELECT title FROM pieces').all()).toEqual([{ title: '五月推文' }])
      expect(editsOf(desk.db, '2023H1')).toEqual([])
      const at = '2023-07-01T02:00:00.000Z'
      putEdit(desk.db, { period: '2023H1', paragraphKey: 'opening', text: '改写一', auto: '自动', editedBy: '王干事', editedById: null, editedAt: at })
      putEdit(desk.db, { period: '2023H1', paragraphKey: 'opening', text: '改写二', auto: '自动', editedBy: '李干事', editedById: null, editedAt: at })
      putEdit(desk.db, { period: '2023H2', paragraphKey: 'opening', text: '下半年', auto: '自动', editedBy: '王干事', editedById: null, editedAt: at })
      expect(editsOf(desk.db, '2023H1')).toEqual([{ key: 'opening', text: '改写二', auto: '自动', editedBy: '李干事', editedAt: at }])
      // One row per period and paragraph, whatever writes it.
      const insert = desk.sqlite.prepare("INSERT INTO report_edits (period, paragraph_key, text, auto, edited_by, edited_at) VALUES ('2023H1', 'opening', 'x', 'y', 'z', 't')")
      expect(() => insert.run()).toThrow(/UNIQUE/)
    } finally {
      desk.close()
    }
  })
})
