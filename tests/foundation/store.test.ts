import { describe, it, expect, afterEach } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesk, NewerDatabaseError, readJournal, SOURCE_MIGRATIONS } from '../../db/open'
import Database from 'better-sqlite3'
import { freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

describe('store', () => {
  it('opens with WAL, foreign keys and FULL sync, and applies every migration', () => {
    d = freshDesk()
    const s = d.ctx.desk.sqlite
    expect(s.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(s.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(s.pragma('synchronous', { simple: true })).toBe(2)
    const applied = (s.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as { n: number }).n
    expect(applied).toBe(readJournal(SOURCE_MIGRATIONS).entries.length)
  })

  it('refuses a database written by a newer version, in Chinese, without writing to it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-newer-'))
    const file = join(dir, 'desk.sqlite')
    openDesk(file).close()
    const raw = openDesk(file)
    raw.sqlite.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now() + 10 ** 12)
    const before = raw.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()
    raw.close()
    expect(() => openDesk(file)).toThrow(NewerDatabaseError)
    expect(() => openDesk(file)).toThrow(/更新版本/)
    expect(() => openDesk(file, { readonly: true })).toThrow(NewerDatabaseError)
    const check = openDesk(file.replace('desk.sqlite', 'other.sqlite'))
    check.close()
    const after = new Database(file).prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()
    expect(after).toEqual(before)
    rmSync(dir, { recursive: true, force: true })
  })

  it('records create, update and delete in the audit log with who, when and what changed', async () => {
    d = freshDesk({ actor: '张宣' })
    const p = await d.call('piece-create', { channel: 'wechat', title: '测试推文', date: '2023-06-01', status: 'published', backfill: true })
    await d.call('piece-update', { id: p.id, title: '测试推文（修改）' })
    await d.call('piece-delete', { id: p.id, reason: '测试删除' })
    const log = await d.call('audit-list', { entity: 'piece', entityId: String(p.id) })
    expect(log.map((e) => e.action)).toEqual(['create', 'update', 'delete'])
    expect(log.every((e) => e.actor === '张宣' && e.at === '2023-06-15T02:00:00.000Z')).toBe(true)
    expect(log[1].changes).toEqual({ title: ['测试推文', '测试推文（修改）'] })
  })
})
