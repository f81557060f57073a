// 谁签阅谁负责: only a secretary signs, with their own password; every signing is a new version, the earlier ones
// are kept byte for byte, and the 签阅后有变动 check starts from the audit head stored with the signature.
import { describe, it, expect, beforeEach, afterEach } from 'vitest'
import { readFileSync, existsSync } from 'node:fs'
import { TEST_PASSWORD, actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'

let d: TestDesk
const post = (title: string, date: string) =>
  d.call('piece-create', { channel: 'wechat', title, date, status: 'published', backfill: true, reads: 500 })
const versionRows = () => d.ctx.desk.sqlite.prepare('SELECT * FROM signoff_versions ORDER BY id').all() as Record<string, unknown>[]

beforeEach(async () => {
  d = freshDesk() // today: 2023-06-15
  await d.call('profile-save', { fullName: '南和县人民医院' })
})
afterEach(() => d.close())

describe('sign-off versions', () => {
  it('signing twice keeps two versions; the first stays byte for byte; the history says what differed', async () => {
    await post('五月推文一', '2023-05-03')
    const wang = addTestUser(d.ctx, '王书记', ['secretary'])
    actAs(d.ctx, wang)
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '已核对' })
    const first = versionRows()
    expect(first).toHaveLength(1)
    expect(first[0]).toMatchObject({ month: '2023-05', version: 1, signed_by: '王书记', signed_by_id: wang.id, comment: '已核对' })

    // The officer adds a May post; the secretary signs again.
    const officer = addTestUser(d.ctx, '李干事', ['officer'])
    actAs(d.ctx, officer)
    await post('五月补录推文', '2023-05-25')
    actAs(d.ctx, wang)
    const again = await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '补录已知悉' })
    expect(again).toMatchObject({ version: 2, signedBy: '王书记', comment: '补录已知悉', changed: false })
    expect(again.versions.map((v) => [v.version, v.signedBy, v.comment])).toEqual([[1, '王书记', '已核对'], [2, '王书记', '补录已知悉']])
    expect(again.versions[0].differs).toEqual([])
    expect(again.versions[1].differs).toContainEqual({ key: 'channel.wechat.count', label: '微信公众号', before: 1, after: 2 })

    const rows = versionRows()
    expect(rows).toHaveLength(2)
    expect(JSON.stringify(rows[0])).toBe(JSON.stringify(first[0]))
    // Append-only: neither an UPDATE nor a DELETE gets through the triggers.
    expect(() => d.ctx.desk.sqlite.prepare("UPDATE signoff_versions SET signed_by = '别人' WHERE version = 1").run()).toThrow(/只能追加/)
    expect(() => d.ctx.desk.sqlite.prepare('DELETE FROM signoff_versions').run()).toThrow(/只能追加/)

    const view = await d.call('tally-get', { period: '2023-05' })
    expect(view.signoff).toMatchObject({ version: 2, figures: expect.objectContaining({ 'channel.wechat.count': 2 }) })
    expect(view.signoff!.versions).toHaveLength(2)
    const audit = await d.call('audit-list', { entity: 'signoff', entityId: '2023-05' })
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['signoff', '王书记'], ['resign', '王书记']])
  })

  it('stores the audit head the signature covers and reads later changes from it', async () => {
    const a = await post('五月推文一', '2023-05-03')
    const s = await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD })
    const head = d.ctx.desk.sqlite.prepare('SELECT max(id) AS id FROM audit_log').get() as { id: number }
    const signAudit = d.ctx.desk.sqlite.prepare(`SELECT id FROM audit_log WHERE entity = 'signoff'`).get() as { id: number }
    expect(s.auditHeadId).toBe(head.id)
    expect(s.auditHeadId).toBe(signAudit.id)
    await d.call('piece-update', { id: a.id, title: '五月推文一（改）', confirm: true })
    const later = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(later.rowChanges.map((r) => r.title)).toEqual(['五月推文一（改）'])
  })

  it('a sign-off from before the head was stored (head 0) still finds its changes through its audit row', async () => {
    const a = await post('五月推文一', '2023-05-03')
    // As migration 0005 carried an old sign-off over: version 1, head 0, with the old 'signoff' audit row.
    const figures = (await d.call('tally-get', { period: '2023-05' })).set.figures.filter((f) => f.group !== 'accounts' && f.group !== 'quota')
    d.ctx.desk.sqlite.prepare(`INSERT INTO audit_log (at, actor, action, entity, entity_id, changes) VALUES ('2023-06-02T01:00:00.000Z', '王书记', 'signoff', 'signoff', '2023-05', '{}')`).run()
    d.ctx.desk.sqlite
      .prepare(`INSERT INTO signoff_versions (month, version, signed_by, signed_at, comment, figures) VALUES ('2023-05', 1, '王书记', '2023-06-02T01:00:00.000Z', '', ?)`)
      .run(JSON.stringify(Object.fromEntries(figures.map((f) => [f.key, f.value]))))
    let s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s).toMatchObject({ version: 1, auditHeadId: 0, changed: false })
    await d.call('piece-update', { id: a.id, title: '五月推文一（改）', confirm: true })
    s = (await d.call('tally-get', { period: '2023-05' })).signoff!
    expect(s.rowChanges.map((r) => r.title)).toEqual(['五月推文一（改）'])
  })
})

describe('the signature', () => {
  it('a wrong password is a field error on 密码, stores nothing, and the password is nowhere in the database file', async () => {
    await post('五月推文一', '2023-05-03')
    const wrong = 'Wrong-口令-9137-secret'
    const r = await d.invoke('tally-signoff', { month: '2023-05', password: wrong, comment: '' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toMatchObject({ type: 'user', details: { field: 'password' } })
      expect(r.error.message).toMatch(/^密码：密码不正确/)
      expect(JSON.stringify(r.error)).not.toContain(wrong)
    }
    expect(versionRows()).toEqual([])
    const failed = (await d.call('audit-list', { entity: 'user', entityId: String(d.ctx.session.userId) })).filter((a) => a.action === 'password-failed')
    expect(failed).toHaveLength(1)
    // The right one signs; neither is in the file or its write-ahead log.
    await d.call('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '' })
    d.ctx.desk.sqlite.pragma('wal_checkpoint(PASSIVE)')
    const file = d.ctx.desk.file
    for (const f of [file, `${file}-wal`].filter(existsSync)) {
      const bytes = readFileSync(f)
      for (const secret of [wrong, TEST_PASSWORD]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${f}`).toBe(false)
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${f}`).toBe(false)
      }
    }
  })

  it('only a secretary may sign: an officer is refused through dispatch, naming the role', async () => {
    await post('五月推文一', '2023-05-03')
    actAs(d.ctx, addTestUser(d.ctx, '李干事', ['officer', 'reviewer']))
    const r = await d.invoke('tally-signoff', { month: '2023-05', password: TEST_PASSWORD, comment: '' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('“党委书记”')
    expect(versionRows()).toEqual([])
    // Reading the tally stays open to everyone signed in.
    expect((await d.call('tally-get', { period: '2023-05' })).signoff).toBeNull()
  })
})
