// The desk in its own thread (handlers/worker/): calls forwarded as (session, name, args) with the session coming
// back as the call left it, notices and background changes reaching the host, 取消 of a long job with nothing
// written, and a shutdown that waits for work in flight before the database closes.
import { describe, it, expect, afterEach } from 'vitest'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { startDesk, type DeskClient } from '../../handlers/worker/client'
import { newSession } from '../../handlers/context'
import { csvFile, HEADER } from '../ledger/helpers'
import type { JobStatus } from '../../shared/contract/jobs'
import type { Notice } from '../../handlers/context'

let desk: DeskClient | null = null
afterEach(async () => {
  await desk?.close()
  desk = null
})

const PASSWORD = 'thread-口令-2023'

async function ok(d: DeskClient, s: ReturnType<typeof newSession>, name: string, args: unknown = {}) {
  const r = await d.call(s, name, args)
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`)
  return r.value as never
}

describe('the desk in its own thread', () => {
  it('answers through the thread; the session comes back signed in; other sessions stay signed out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-thread-'))
    // the daily backup runs at once, before anyone exists: a new desk is still a new desk (no data to keep)
    desk = await startDesk({ dbFile: join(dir, 'desk.sqlite'), background: ['backup'] })
    const folder = join(dir, 'desk-data', 'backups')
    for (let i = 0; i < 400 && !(existsSync(folder) && readdirSync(folder).some((n) => n.endsWith('.sqlite'))); i++) await new Promise((r) => setTimeout(r, 25))
    expect(readdirSync(folder).filter((n) => n.endsWith('.sqlite'))).toHaveLength(1)
    const officer = newSession()
    expect((await ok(desk, officer, 'session-state')) as { needsFirstAdmin: boolean }).toMatchObject({ needsFirstAdmin: true, hasData: false })
    await ok(desk, officer, 'session-setup-first-admin', { name: '线程管理员', password: PASSWORD, officer: true })
    expect(officer.userId).toBe(1)
    const piece = (await ok(desk, officer, 'piece-create', { channel: 'wechat', title: '线程里的推文', date: '2023-06-01', status: 'published', backfill: true })) as { id: number }
    const created = await desk.call(officer, 'piece-get', { id: piece.id })
    expect(created).toMatchObject({ ok: true, value: { title: '线程里的推文' } })
    const stranger = newSession()
    const refused = await desk.call(stranger, 'piece-list', {})
    expect(refused.ok || refused.error.message).toBe('请先登录')
    const bad = await desk.call(officer, 'piece-create', { channel: 'wechat', title: '', date: '2023-02-30' })
    expect(bad.ok || bad.error.message).toBe('标题：请填写标题')
  })

  it('passes the background duties’ notices to the host, and a cancelled import writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-thread-'))
    const file = join(dir, 'desk.sqlite')
    const first = await startDesk({ dbFile: file })
    const s = newSession()
    await ok(first, s, 'session-setup-first-admin', { name: '线程管理员', password: PASSWORD, officer: true })
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    await ok(first, s, 'piece-create', { channel: 'wechat', title: '今天排期的推文', date: today, status: 'scheduled', backfill: true })
    await first.close()

    const notices: Notice[] = []
    desk = await startDesk({ dbFile: file, background: ['due'] })
    desk.listen({ notice: (n) => notices.push(n) })
    const officer = newSession()
    await ok(desk, officer, 'session-sign-in', { name: '线程管理员', password: PASSWORD })
    for (let i = 0; i < 200 && notices.length === 0; i++) await new Promise((r) => setTimeout(r, 25))
    // (on a real clock from November, the next year's missing holiday schedule is announced too: not this test's)
    expect(notices.filter((n) => n.href !== '#/settings/holidays')).toEqual([{ title: '排期到期：微信公众号', body: `《今天排期的推文》排期在 ${today}，请按时发布`, kind: 'due', href: '#/calendar/1' }])

    const lines = [HEADER, ...Array.from({ length: 6000 }, (_, i) => `2023-05-${String((i % 28) + 1).padStart(2, '0')},微信公众号,取消测试 ${i},,,,,,,,,,`)]
    const { jobId } = (await ok(desk, officer, 'ledger-import-start', { fileName: 'big.csv', base64: csvFile(lines), commit: true })) as { jobId: string }
    await ok(desk, officer, 'job-cancel', { id: jobId })
    let status: JobStatus
    for (;;) {
      status = (await ok(desk, officer, 'job-status', { id: jobId })) as JobStatus
      if (status.finished) break
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(status.phase).toBe('cancelled')
    expect(status.error?.message).toBe('已取消，未写入任何数据')
    expect(((await ok(desk, officer, 'piece-list', {})) as { total: number }).total).toBe(1)
    await desk.close()
    desk = null
    // closed cleanly: the file opens and holds the one piece
    const db = new Database(file, { readonly: true })
    expect((db.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n).toBe(1)
    db.close()
  })

  it('shutdown waits for a job under way (cancelled at its next step) before the database closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-thread-'))
    const d = await startDesk({ dbFile: join(dir, 'desk.sqlite') })
    const s = newSession()
    await ok(d, s, 'session-setup-first-admin', { name: '线程管理员', password: PASSWORD, officer: true })
    const lines = [HEADER, ...Array.from({ length: 6000 }, (_, i) => `2023-05-01,微信公众号,关闭测试 ${i},,,,,,,,,,`)]
    await ok(d, s, 'ledger-import-start', { fileName: 'big.csv', base64: csvFile(lines), commit: true })
    await d.close()
    expect(await d.call(s, 'piece-list', {})).toEqual({ ok: false, error: { type: 'internal', message: '工作台服务已停止，请重新打开程序' } })
    const db = new Database(join(dir, 'desk.sqlite'), { readonly: true })
    expect((db.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n).toBe(0)
    db.close()
  })
})
