// Migrations 0007 (记录标识) and 0008 (双语 as a vocabulary) on a desk an older version wrote.
import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesk } from '../../db/open'
import { migrationsUpTo } from '../helpers/migrations'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function oldDesk(tag: string, extras: Record<string, unknown>[]): string {
  dir = mkdtempSync(join(tmpdir(), 'desk-mig-'))
  const file = join(dir, 'desk.sqlite')
  const old = openDesk(file, { migrationsFolder: migrationsUpTo(dir, tag) })
  const insert = old.sqlite.prepare(
    `INSERT INTO pieces (channel, title, date, status, extra, created_at, created_by, updated_at, updated_by) VALUES ('event', ?, '2023-05-03', 'completed', ?, '2023-05-01T00:00:00Z', '王干事', '2023-05-01T00:00:00Z', '王干事')`
  )
  extras.forEach((e, i) => insert.run(`活动${i + 1}`, JSON.stringify(e)))
  old.close()
  return file
}

describe('migration 0007_piece_uid', () => {
  it('gives every existing record its own 记录标识', () => {
    const file = oldDesk('0006_recycle_bin', [{}, {}, {}])
    const desk = openDesk(file)
    try {
      const uids = (desk.sqlite.prepare('SELECT uid FROM pieces ORDER BY id').all() as { uid: string }[]).map((r) => r.uid)
      expect(uids).toHaveLength(3)
      for (const u of uids) expect(u).toMatch(/^[0-9a-f]{16}$/)
      expect(new Set(uids).size).toBe(3)
      expect(() => desk.sqlite.prepare('UPDATE pieces SET uid = ? WHERE id = 2').run(uids[0])).toThrow(/UNIQUE/)
    } finally {
      desk.close()
    }
  })
})

describe('migration 0008_bilingual_forms', () => {
  it('keeps the real bilingual forms, completes 苗汉 to 苗汉双语, and moves everything else to 语言说明', () => {
    const file = oldDesk('0007_piece_uid', [
      { place: '礼堂', languages: ['苗汉双语'] },
      { languages: ['回汉双语'] },
      { languages: ['汉语', '苗汉'], languageNote: '现场有翻译' },
      { languages: [] },
      { place: '广场' }
    ])
    const desk = openDesk(file)
    try {
      const rows = (desk.sqlite.prepare('SELECT title, extra FROM pieces ORDER BY id').all() as { title: string; extra: string }[]).map((r) => [r.title, JSON.parse(r.extra)])
      expect(rows).toEqual([
        ['活动1', { place: '礼堂', languages: ['苗汉双语'] }],
        ['活动2', { languageNote: '原填写语言：回汉双语' }],
        ['活动3', { languages: ['苗汉双语'], languageNote: '现场有翻译；原填写语言：汉语' }],
        ['活动4', {}],
        ['活动5', { place: '广场' }]
      ])
    } finally {
      desk.close()
    }
  })
})
