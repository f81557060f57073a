// A rollback is visible: every backup keeps the chain head (inside it, and in the live trail's `backup` row), and
// a restore appends a `restore` row to the restored trail naming the replaced file's head and the backup's.
import { describe, it, expect, afterEach } from 'vitest'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { backupsFolder } from '../../db/backup'
import { openDesk, SOURCE_MIGRATIONS } from '../../db/open'
import { verifyAuditChain } from '../../db/audit-chain'
import { restoreClosed } from '../../handlers/backup/restore'
import { auditSummary } from '../../shared/audit-labels'
import type { BackupInfo, RestoreResult } from '../../shared/contract/backup'
import { runJob } from '../hardening/helpers'
import { dropTriggers, pieces } from './helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const last = (s: Database.Database) => s.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Record<string, never>

/** Rows 1–2 (two pieces) are in the backup; row 3 records the backup; rows 4–6 come after it. */
async function deskWithBackup(): Promise<{ t: TestDesk; backup: BackupInfo }> {
  const t = freshDesk()
  await pieces(t, 2)
  const s = await runJob<BackupInfo>(t, t.call('backup-create', {}))
  await pieces(t, 3)
  return { t, backup: s.result! }
}

describe('backups keep the head', () => {
  it('the backup holds the trail up to row 2, the live trail records that head, backup-list shows it', async () => {
    const { t, backup } = await deskWithBackup()
    d = t
    const live = t.ctx.desk.sqlite
    const two = live.prepare('SELECT id, hash FROM audit_log WHERE id = 2').get()
    expect(backup.auditHead).toEqual(two)
    expect(live.prepare('SELECT actor, action, entity, entity_id AS entityId, changes FROM audit_log WHERE id = 3').get()).toEqual({
      actor: '测试干事', action: 'backup', entity: 'backup', entityId: backup.name, changes: JSON.stringify({ name: backup.name, kind: 'manual', head: two })
    })
    expect((await t.call('backup-list', {})).backups).toMatchObject([{ name: backup.name, auditHead: two, auditAsRecorded: true }])
    // altered afterwards (triggers dropped in the copy, a row rewritten): no longer the head the desk recorded
    const file = join(backupsFolder(t.ctx.dataDir), backup.name)
    const copy = new Database(file)
    dropTriggers(copy)
    copy.prepare("UPDATE audit_log SET actor = '王院长', hash = 'f00d' WHERE id = 2").run()
    copy.close()
    expect((await t.call('backup-list', {})).backups[0]).toMatchObject({ auditHead: { id: 2, hash: 'f00d' }, auditAsRecorded: false })
  })
})

describe('restore appends the rollback event', () => {
  it('in the running desk: 操作日志从第 6 条回到第 2 条, by the signed-in user, chained onto the backup head', async () => {
    const { t, backup } = await deskWithBackup()
    d = t
    const before = t.ctx.desk.sqlite.prepare('SELECT id, hash FROM audit_log WHERE id = 6').get() as { id: number; hash: string }
    const twoHash = backup.auditHead!.hash
    const s = await runJob<RestoreResult>(t, t.call('backup-restore', { backup: backup.name }))
    expect(s.phase).toBe('done')
    expect(s.result!.audit).toEqual({ replaced: { ...before, count: 6 }, backup: { id: 2, hash: twoHash }, asRecorded: true, backupProblem: null })
    const now = t.ctx.desk.sqlite
    const row = last(now)
    expect(row).toMatchObject({ id: 3, prev_hash: twoHash, actor: '测试干事', actor_id: t.ctx.user!.id, action: 'restore', entity: 'database', entity_id: 'desk.sqlite' })
    const changes = JSON.parse(row.changes)
    expect(changes).toMatchObject({ backup: backup.name, replaced: { id: 6, hash: before.hash, count: 6 }, backupHead: { id: 2, hash: twoHash }, backupAsRecorded: true })
    expect(auditSummary('restore', changes)).toBe(`恢复备份 ${backup.name}：操作日志从第 6 条回到第 2 条`)
    expect(verifyAuditChain(now, { from: 'start' })).toMatchObject({ ok: true, count: 3, headId: 3 })
    expect(t.ctx.desk.auditProblem).toBeNull()
    // the replaced file keeps its whole trail, still verifiable
    const kept = new Database(s.result!.replacedFile!, { readonly: true })
    expect(verifyAuditChain(kept, { from: 'start' })).toMatchObject({ ok: true, count: 6 })
    kept.close()
    // the 操作日志 shows it, and new rows chain on
    await pieces(t, 1)
    expect((await t.call('audit-log', {})).rows.slice(0, 2).map((r) => [r.id, r.actionLabel])).toEqual([[4, '新建'], [3, '恢复备份']])
    expect(verifyAuditChain(t.ctx.desk.sqlite, { from: 'start' })).toMatchObject({ ok: true, count: 4 })
  })

  it('with no desk open (CLI restore): the same row, who is named by the caller', async () => {
    const { t, backup } = await deskWithBackup()
    d = t
    const file = t.ctx.desk.file
    t.ctx.desk.close()
    const r = await restoreClosed({ dbFile: file, dataDir: t.ctx.dataDir, migrationsFolder: SOURCE_MIGRATIONS }, join(backupsFolder(t.ctx.dataDir), backup.name), { actor: '王管理员', now: t.ctx.now() })
    expect(r.audit).toMatchObject({ replaced: { id: 6, count: 6 }, backup: { id: 2 }, asRecorded: true })
    Object.assign(t.ctx.desk, openDesk(file))
    expect(t.ctx.desk.auditProblem).toBeNull()
    expect(last(t.ctx.desk.sqlite)).toMatchObject({ id: 3, actor: '王管理员', actor_id: null, action: 'restore' })
    expect(verifyAuditChain(t.ctx.desk.sqlite, { from: 'start' })).toMatchObject({ ok: true, count: 3 })
  })

  it('a backup whose trail was altered is restored with that on the record, and the desk warns', async () => {
    const { t, backup } = await deskWithBackup()
    d = t
    const copy = new Database(join(backupsFolder(t.ctx.dataDir), backup.name))
    dropTriggers(copy)
    copy.prepare("UPDATE audit_log SET actor = '王院长' WHERE id = 1").run()
    copy.close()
    const s = await runJob<RestoreResult>(t, t.call('backup-restore', { backup: backup.name }))
    const why = '第 1 条：内容与其校验值不符（可能被改动）'
    expect(s.result!.audit).toMatchObject({ asRecorded: true, backupProblem: { id: 1, why } }) // the head row was kept; the chain says where
    const changes = JSON.parse(last(t.ctx.desk.sqlite).changes)
    expect(auditSummary('restore', changes)).toBe(`恢复备份 ${backup.name}：操作日志从第 6 条回到第 2 条（备份中的操作日志校验未通过：${why}）`)
    expect(t.ctx.desk.auditProblem).toEqual({ id: 1, why }) // and the restored desk warns
  })
})
