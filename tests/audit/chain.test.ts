// The trail proves itself: the triggers refuse UPDATE and DELETE, and with them dropped every edit, deletion or
// reordering is found by the verify, which names the row.
import { describe, it, expect, afterEach } from 'vitest'
import { join } from 'node:path'
import { cpSync, writeFileSync } from 'node:fs'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { openDesk, readJournal, SOURCE_MIGRATIONS } from '../../db/open'
import { recordAudit } from '../../db/queries/audit'
import { verifyAuditChain, rowHash, sealAuditChain } from '../../db/audit-chain'
import { dropTriggers, headId, pieces } from './helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const verify = (t: TestDesk) => verifyAuditChain(t.ctx.desk.sqlite, { from: 'start' })
const problem = (t: TestDesk) => {
  const r = verify(t)
  expect(r.ok).toBe(false)
  return r.ok ? null : r.problem
}
/** Reopen the desk on its file (as the next start of the app would). */
function reopen(t: TestDesk): void {
  t.ctx.desk.close()
  Object.assign(t.ctx.desk, openDesk(t.ctx.desk.file))
}

describe('append-only', () => {
  it('refuses UPDATE and DELETE on audit_log, in Chinese', async () => {
    d = freshDesk()
    await pieces(d, 2)
    const s = d.ctx.desk.sqlite
    expect(() => s.prepare("UPDATE audit_log SET actor = '王院长' WHERE id = 1").run()).toThrow('操作日志只能追加，不能修改')
    expect(() => s.prepare('UPDATE audit_log SET hash = NULL WHERE id = 1').run()).toThrow('操作日志只能追加，不能修改')
    expect(() => s.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow('操作日志只能追加，不能删除')
    expect(() => s.prepare('DELETE FROM audit_log').run()).toThrow('操作日志只能追加，不能删除')
    expect(verify(d)).toMatchObject({ ok: true, count: 2 })
  })

  it('chains each row onto the previous one: ids 1, 2, 3…, prev_hash = the previous hash, hash recomputes', async () => {
    d = freshDesk()
    await pieces(d, 3)
    const rows = d.ctx.desk.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, never>[]
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3])
    expect(rows[0].prev_hash).toBe('')
    for (let i = 1; i < 3; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash)
    const r = rows[2]
    expect(r.hash).toBe(rowHash(rows[1].hash, 3, r.at, r.actor, r.actor_id, r.action, r.entity, r.entity_id, r.changes))
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('tampering found by verify (triggers dropped)', () => {
  async function tampered(): Promise<TestDesk> {
    const t = freshDesk()
    await pieces(t, 6)
    dropTriggers(t.ctx.desk.sqlite)
    return t
  }

  it('an edited row: its content no longer matches its hash', async () => {
    d = await tampered()
    d.ctx.desk.sqlite.prepare("UPDATE audit_log SET actor = '王院长' WHERE id = 4").run()
    expect(problem(d)).toEqual({ id: 4, why: '第 4 条：内容与其校验值不符（可能被改动）' })
  })

  it('an edited row whose hash was recomputed too: the next row no longer follows it', async () => {
    d = await tampered()
    const s = d.ctx.desk.sqlite
    const r = s.prepare('SELECT * FROM audit_log WHERE id = 3').get() as Record<string, never>
    s.prepare("UPDATE audit_log SET changes = '{}', hash = ? WHERE id = 3").run(rowHash(r.prev_hash, 3, r.at, r.actor, r.actor_id, r.action, r.entity, r.entity_id, '{}'))
    expect(problem(d)).toEqual({ id: 4, why: '第 4 条：前一条校验值不符（顺序被改动或前一条被删除）' })
  })

  it('a deleted middle row: the gap is named', async () => {
    d = await tampered()
    d.ctx.desk.sqlite.prepare('DELETE FROM audit_log WHERE id = 3').run()
    expect(problem(d)).toEqual({ id: 4, why: '第 4 条之前缺少第 3 条（可能被删除）' })
    d.ctx.desk.sqlite.prepare('DELETE FROM audit_log WHERE id = 4').run()
    expect(problem(d)).toEqual({ id: 5, why: '第 5 条之前缺少第 3–4 条（可能被删除）' })
  })

  it('a deleted last row: the last verified head is gone', async () => {
    d = await tampered()
    expect(await d.call('audit-verify', {})).toMatchObject({ ok: true, count: 6, head: { id: 6 } }) // records the anchor
    d.ctx.desk.sqlite.prepare('DELETE FROM audit_log WHERE id = 6').run()
    expect(problem(d)).toEqual({ id: 6, why: '第 6 条（上次校验时的最后一条）已不存在（可能被删除）' })
    // and a row appended afterwards does not take its place: its id leaves the gap
    recordAudit(d.ctx.desk.db, { at: '2023-06-15T02:00:00.000Z', actor: '测试干事', action: 'update', entity: 'piece', entityId: 1, changes: {} })
    expect(headId(d.ctx.desk.sqlite)).toBe(7)
    expect(problem(d)).toEqual({ id: 7, why: '第 7 条之前缺少第 6 条（可能被删除）' })
  })

  it('two swapped rows: the first of them no longer follows its predecessor', async () => {
    d = await tampered()
    const s = d.ctx.desk.sqlite
    const cols = 'at, actor, actor_id, action, entity, entity_id, changes, prev_hash, hash'
    const [a, b] = [2, 5].map((id) => s.prepare(`SELECT ${cols} FROM audit_log WHERE id = ?`).get(id) as Record<string, unknown>)
    const put = s.prepare(`UPDATE audit_log SET ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
    put.run({ ...b, id: 2 })
    put.run({ ...a, id: 5 })
    expect(problem(d)).toEqual({ id: 2, why: '第 2 条：前一条校验值不符（顺序被改动或前一条被删除）' })
  })

  it('a row inserted around the desk without a hash is not sealed at the next start, it is reported', async () => {
    d = await tampered()
    d.ctx.desk.sqlite.prepare("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, changes) VALUES (7, 'x', '王院长', 'review-approve', 'piece', '1', '{}')").run()
    reopen(d)
    expect(d.ctx.desk.auditProblem).toEqual({ id: 7, why: '第 7 条：没有校验值（不是由工作台写入的）' })
    expect(await d.call('audit-status', {})).toMatchObject({ ok: false, count: 7, problem: { id: 7 } })
  })

  it('a whole trail rewritten consistently still differs from the head a sign-off kept', async () => {
    d = await tampered()
    const s = d.ctx.desk.sqlite
    const head = s.prepare('SELECT id, hash FROM audit_log WHERE id = 6').get() as { id: number; hash: string }
    s.prepare("INSERT INTO signoff_versions (month, version, signed_by, signed_at, figures, audit_head_id, audit_head) VALUES ('2023-05', 1, '王书记', 'x', '{}', ?, ?)").run(head.id, head.hash)
    expect(verify(d).ok).toBe(true)
    // rewrite row 2's actor and recompute every hash after it: the chain itself is consistent again
    s.prepare("UPDATE audit_log SET actor = '王院长' WHERE id = 2").run()
    let prev = (s.prepare('SELECT hash FROM audit_log WHERE id = 1').get() as { hash: string }).hash
    for (const r of s.prepare('SELECT * FROM audit_log WHERE id >= 2 ORDER BY id').all() as Record<string, never>[]) {
      const h = rowHash(prev, r.id, r.at, r.actor, r.actor_id, r.action, r.entity, r.entity_id, r.changes)
      s.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, h, r.id)
      prev = h
    }
    expect(problem(d)).toEqual({ id: 6, why: '第 6 条：与2023年5月签阅（第 1 版）时记录的校验值不符（日志可能被改写）' })
  })
})

describe('at open', () => {
  it('a fresh desk verifies, and startup records the verified head', async () => {
    d = freshDesk()
    expect(d.ctx.desk.auditProblem).toBeNull()
    expect(verify(d)).toEqual({ ok: true, count: 0, headId: 0, head: '' })
    await pieces(d, 3)
    reopen(d)
    expect(d.ctx.desk.auditProblem).toBeNull()
    expect(d.ctx.desk.sqlite.prepare('SELECT last_id FROM audit_verified').get()).toEqual({ last_id: 3 })
    expect(await d.call('audit-status', {})).toMatchObject({ ok: true, count: 3, head: { id: 3 }, problem: null })
  })

  it('a broken chain does not keep the desk closed: it opens and says which row', async () => {
    d = freshDesk()
    await pieces(d, 4)
    reopen(d)
    await pieces(d, 2)
    dropTriggers(d.ctx.desk.sqlite)
    d.ctx.desk.sqlite.prepare("UPDATE audit_log SET changes = '{\"title\":\"改过\"}' WHERE id = 5").run()
    reopen(d)
    expect(d.ctx.desk.auditProblem).toEqual({ id: 5, why: '第 5 条：内容与其校验值不符（可能被改动）' })
    expect((await d.call('piece-list', {})).total).toBe(6) // the desk works
    // startup checks only what came after the last verified head: an edit before it is for the full verify
    d.ctx.desk.sqlite.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 1").run()
    expect(problem(d)).toMatchObject({ id: 1 })
  })

  it('an older desk (rows without hash, some already missing) is sealed once, on the record, and verifies', async () => {
    d = freshDesk()
    const s = d.ctx.desk.sqlite
    const old = s.prepare("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, changes) VALUES (?, '2022-01-01T00:00:00.000Z', '宣传干事', 'create', 'piece', ?, '{\"title\":\"旧\"}')")
    for (const id of [2, 3, 5, 6]) old.run(id, String(id)) // 1 and 4 were deleted in the old days
    s.prepare("UPDATE sqlite_sequence SET seq = 8 WHERE name = 'audit_log'").run() // … and 7, 8 at the tail
    reopen(d)
    const s2 = d.ctx.desk.sqlite
    expect(d.ctx.desk.auditProblem).toBeNull()
    const rows = s2.prepare('SELECT id, actor, action, changes, hash FROM audit_log ORDER BY id').all() as { id: number; actor: string; action: string; changes: string; hash: string }[]
    expect(rows.map((r) => r.id)).toEqual([2, 3, 5, 6, 9])
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash))).toBe(true)
    expect(rows.slice(0, 4).every((r) => r.actor === '宣传干事')).toBe(true) // old rows keep their recorded actor
    expect(rows[4]).toMatchObject({ id: 9, actor: '系统', action: 'audit-seal' })
    expect(JSON.parse(rows[4].changes)).toEqual({ sealed: 4, lastId: 6, missing: [[1, 1], [4, 4], [7, 8]] })
    expect(verify(d)).toMatchObject({ ok: true, count: 5, headId: 9 })
    await pieces(d, 2)
    expect(verify(d)).toMatchObject({ ok: true, count: 7, headId: 11 })
    expect(sealAuditChain(s2)).toBe(0) // once
    // a gap after the seal is still a deletion; so is deleting the seal row (its list of old gaps goes with it)
    dropTriggers(s2)
    s2.prepare('DELETE FROM audit_log WHERE id = 10').run()
    expect(problem(d)).toEqual({ id: 11, why: '第 11 条之前缺少第 10 条（可能被删除）' })
    s2.prepare('DELETE FROM audit_log WHERE id = 9').run()
    expect(problem(d)).toEqual({ id: 2, why: '第 2 条之前缺少第 1 条（可能被删除）' })
  })

  it('a desk of the version before the chain, upgraded: its rows are sealed, then new rows chain on', () => {
    d = freshDesk()
    // the migrations up to the one before 0005_accountability (no hash columns, no triggers)
    const folder = join(d.dir, 'before-chain')
    cpSync(SOURCE_MIGRATIONS, folder, { recursive: true })
    const journal = readJournal(SOURCE_MIGRATIONS)
    journal.entries = journal.entries.filter((e) => e.tag < '0005')
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal))
    const file = join(d.dir, 'old.sqlite')
    const old = openDesk(file, { migrationsFolder: folder })
    for (let i = 1; i <= 3; i++) recordAudit(old.db, { at: '2022-01-01T00:00:00.000Z', actor: '宣传干事', action: 'create', entity: 'piece', entityId: i, changes: { title: `旧${i}` } })
    old.close()
    const now = openDesk(file)
    try {
      expect(now.auditProblem).toBeNull()
      recordAudit(now.db, { at: '2023-06-15T02:00:00.000Z', actor: '测试干事', action: 'update', entity: 'piece', entityId: 1, changes: {} })
      expect(now.sqlite.prepare('SELECT id, actor, action FROM audit_log ORDER BY id').all()).toEqual([
        { id: 1, actor: '宣传干事', action: 'create' }, { id: 2, actor: '宣传干事', action: 'create' }, { id: 3, actor: '宣传干事', action: 'create' },
        { id: 4, actor: '系统', action: 'audit-seal' }, { id: 5, actor: '测试干事', action: 'update' }
      ])
      expect(verifyAuditChain(now.sqlite, { from: 'start' })).toMatchObject({ ok: true, count: 5, headId: 5 })
    } finally {
      now.close()
    }
  })

  it('startup stays fast on a big trail: only the rows after the verified head are read', async () => {
    d = freshDesk()
    const n = 200_000
    const write = performance.now()
    d.ctx.desk.tx(() => {
      for (let i = 0; i < n; i++) recordAudit(d!.ctx.desk.db, { at: '2023-06-15T02:00:00.000Z', actor: '宣传干事', action: 'update', entity: 'piece', entityId: i, changes: { title: [`旧标题${i}`, `新标题${i}`], status: ['draft', 'pending'] } })
    })
    const writeMs = performance.now() - write
    const t0 = performance.now()
    const full = verify(d)
    const fullMs = performance.now() - t0
    expect(full).toMatchObject({ ok: true, count: n })
    reopen(d) // first open after the writes: verifies all n from genesis, records the head
    const t1 = performance.now()
    reopen(d)
    const openMs = performance.now() - t1
    expect(d.ctx.desk.auditProblem).toBeNull()
    console.log(`audit chain: wrote ${n} rows in ${Math.round(writeMs)} ms (${((writeMs / n) * 1000).toFixed(1)} µs/row), full verify ${Math.round(fullMs)} ms, reopen ${Math.round(openMs)} ms`)
    expect(openMs).toBeLessThan(1000)
  }, 120_000)
})

describe('who writes', () => {
  it('recordAudit fills actor_id when given and leaves it null otherwise; both verify', () => {
    d = freshDesk()
    recordAudit(d.ctx.desk.db, { at: 'x', actor: '测试干事', actorId: d.ctx.user!.id, action: 'update', entity: 'piece', entityId: 1, changes: {} })
    recordAudit(d.ctx.desk.db, { at: 'x', actor: '系统（自动备份）', action: 'backup', entity: 'backup', entityId: 'b', changes: {} })
    expect(d.ctx.desk.sqlite.prepare('SELECT actor_id FROM audit_log ORDER BY id').all()).toEqual([{ actor_id: d.ctx.user!.id }, { actor_id: null }])
    expect(verify(d)).toMatchObject({ ok: true, count: 2 })
  })

  it('two processes appending at once interleave into one valid chain (desk.tx is IMMEDIATE)', async () => {
    d = freshDesk()
    const other = openDesk(join(d.dir, 'desk.sqlite'))
    try {
      for (let i = 0; i < 50; i++) {
        const [a, b] = [d.ctx.desk, other]
        a.tx(() => recordAudit(a.db, { at: 'x', actor: 'A', action: 'update', entity: 'piece', entityId: i, changes: {} }))
        b.tx(() => recordAudit(b.db, { at: 'x', actor: 'B', action: 'update', entity: 'piece', entityId: i, changes: {} }))
      }
    } finally {
      other.close()
    }
    expect(verify(d)).toMatchObject({ ok: true, count: 100 })
  })
})
