// Migration 0013 (重复稿件): a desk from before it keeps every piece as a plain one (no series, not edited alone),
// and the unique (series_id, occurrence) index lets any number of such pieces coexist. Migrate to 0012, seed, on.
import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesk } from '../../db/open'
import { migrationsUpTo } from '../helpers/migrations'
import { getPiece } from '../../db/queries/pieces'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('migration 0013_piece_series', () => {
  it('leaves older pieces outside any series', () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-mig-'))
    const file = join(dir, 'desk.sqlite')
    const old = openDesk(file, { migrationsFolder: migrationsUpTo(dir, '0012_notices_webhooks') })
    const insert = old.sqlite.prepare(
      `INSERT INTO pieces (uid, channel, title, date, status, created_at, created_by, updated_at, updated_by) VALUES (?, 'gov_report', ?, ?, 'submitted', '2023-05-01T00:00:00Z', '王干事', '2023-05-01T00:00:00Z', '王干事')`
    )
    const a = Number(insert.run('00000000000000a1', '工作动态（5月1日）', '2023-05-01').lastInsertRowid)
    insert.run('00000000000000a2', '工作动态（5月8日）', '2023-05-08')
    old.close()

    const desk = openDesk(file)
    try {
      expect(getPiece(desk.db, a)).toMatchObject({ title: '工作动态（5月1日）', seriesId: null, occurrence: null, seriesEdited: false })
      expect(desk.sqlite.prepare('SELECT count(*) AS n FROM piece_series').get()).toEqual({ n: 0 })
      const dup = () => desk.sqlite.prepare("INSERT INTO pieces (channel, title, date, status, created_at, created_by, updated_at, updated_by, series_id, occurrence) VALUES ('gov_report', 'x', '2023-05-15', 'draft', '', '', '', '', 1, '2023-05-15')").run()
      dup()
      expect(dup).toThrow(/UNIQUE/)
    } finally {
      desk.close()
    }
  })
})
