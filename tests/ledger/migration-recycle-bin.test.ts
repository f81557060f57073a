// Migration 0006 (回收站): a desk written before it keeps every record, live, with nothing in the recycle bin.
// Migrate to 0005, seed, migrate on, assert (STYLE.md lesson 7).
import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesk } from '../../db/open'
import { migrationsUpTo } from '../helpers/migrations'
import { countByChannel, getPiece, listPieces, listTrashed } from '../../db/queries/pieces'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))


describe('migration 0006_recycle_bin', () => {
  it('keeps the pieces of an older desk live and in every count', () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-mig-'))
    const file = join(dir, 'desk.sqlite')
    const old = openDesk(file, { migrationsFolder: migrationsUpTo(dir, '0005_accountability') })
    expect(old.sqlite.prepare("SELECT count(*) AS n FROM pragma_table_info('pieces') WHERE name = 'deleted_at'").get()).toEqual({ n: 0 })
    const insert = old.sqlite.prepare(
      `INSERT INTO pieces (channel, title, date, status, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, '2023-05-01T00:00:00Z', '王干事', '2023-05-01T00:00:00Z', '王干事')`
    )
    const a = Number(insert.run('wechat', '五月推文', '2023-05-03', 'published').lastInsertRowid)
    insert.run('weibo', '五月微博', '2023-05-04', 'published')
    old.close()

    const desk = openDesk(file)
    try {
      expect(desk.sqlite.prepare('SELECT count(*) AS n FROM pieces WHERE deleted_at IS NULL').get()).toEqual({ n: 2 })
      expect(getPiece(desk.db, a)?.title).toBe('五月推文')
      expect(listPieces(desk.db, { sort: 'date', desc: true, offset: 0, limit: 10 }).total).toBe(2)
      expect(listTrashed(desk.db, 0, 10)).toEqual({ rows: [], total: 0 })
      expect(countByChannel(desk.db, '2023-05-01', '2023-05-31', ['published'])).toEqual({ wechat: 1, weibo: 1 })
      const idx = desk.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'pieces_deleted_idx'").get() as { sql: string }
      expect(idx.sql).toContain('WHERE deleted_at IS NOT NULL')
    } finally {
      desk.close()
    }
  })
})
