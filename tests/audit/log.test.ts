// 操作日志: every row by anyone, for the administrator and the party secretary — filtered by person, action, entity
// and China calendar day, newest first, paged, labelled in Chinese, exported to xlsx with each row's hash.
import { describe, it, expect, afterEach } from 'vitest'
import ExcelJS from 'exceljs'
import { freshDesk, addTestUser, actAs, type TestDesk } from '../helpers/desk'
import { toSessionUser } from '../../db/queries/users'
import type { Role } from '../../shared/roles'
import type { FilePayload } from '../../shared/contract/ledger'
import { runJob } from '../hardening/helpers'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

function as(t: TestDesk, name: string, roles: Role[]): void {
  const u = addTestUser(t.ctx, name, roles)
  actAs(t.ctx, u)
  t.ctx.user = toSessionUser(u)
  t.ctx.session.lastCallAt = 0 // a new sitting: the clock jumps below, which is not idleness
}
const piece = (t: TestDesk, title: string) => t.call('piece-create', { channel: 'wechat', title, date: '2023-06-01', status: 'draft' })

/** 测试干事 writes two pieces on 15 June; 李干事 one at 07:30 on 16 June China time (still the 15th in UTC). */
async function trail(): Promise<TestDesk> {
  const t = freshDesk()
  await piece(t, '院庆预告')
  await piece(t, '义诊活动')
  t.ctx.now = () => new Date('2023-06-15T23:30:00Z')
  as(t, '李干事', ['officer'])
  await piece(t, '健康讲座')
  as(t, '王书记', ['secretary'])
  return t
}

describe('audit-log', () => {
  it('lists every row newest first, with labels, summary and who', async () => {
    d = await trail()
    const page = await d.call('audit-log', {})
    expect(page.total).toBe(3)
    expect(page.rows.map((r) => [r.id, r.actor, r.actionLabel, r.entityLabel, r.summary])).toEqual([
      [3, '李干事', '新建', '台账记录', expect.stringContaining('“健康讲座”')],
      [2, '测试干事', '新建', '台账记录', expect.stringContaining('“义诊活动”')],
      [1, '测试干事', '新建', '台账记录', expect.stringContaining('“院庆预告”')]
    ])
    expect(page.facets.actors).toEqual(['李干事', '测试干事'].sort())
    expect(page.facets.actions).toEqual([{ code: 'create', label: '新建' }])
    expect(page.facets.entities).toEqual([{ code: 'piece', label: '台账记录' }])
  })

  it('filters by person, action, entity, record and China calendar day; pages', async () => {
    d = await trail()
    const ids = async (filter: object, more: object = {}) => (await d!.call('audit-log', { filter, ...more })).rows.map((r) => r.id)
    expect(await ids({ actor: '李干事' })).toEqual([3])
    expect(await ids({ actor: '测试干事' })).toEqual([2, 1])
    expect(await ids({ action: 'create', entity: 'piece' })).toEqual([3, 2, 1])
    expect(await ids({ action: 'delete' })).toEqual([])
    expect(await ids({ entity: 'piece', entityId: '2' })).toEqual([2])
    // 23:30 UTC on the 15th is 07:30 on the 16th in China: it belongs to the 16th
    expect(await ids({ from: '2023-06-16' })).toEqual([3])
    expect(await ids({ to: '2023-06-15' })).toEqual([2, 1])
    expect(await ids({ from: '2023-06-15', to: '2023-06-16' })).toEqual([3, 2, 1])
    expect(await ids({ from: '2023-06-17' })).toEqual([])
    const p = await d.call('audit-log', { offset: 1, limit: 1 })
    expect([p.total, p.rows.map((r) => r.id)]).toEqual([3, [2]])
    const bad = await d.invoke('audit-log', { filter: { from: '2023-06-16', to: '2023-06-01' } })
    expect(bad.ok === false && bad.error.message).toMatch(/结束日期不能早于开始日期/)
  })

  it('is for the administrator and the party secretary only; the status warning is for everyone', async () => {
    d = await trail()
    for (const [name, roles] of [['赵干事', ['officer']], ['钱查看', ['viewer']], ['孙审核', ['reviewer']]] as [string, Role[]][]) {
      as(d, name, roles)
      for (const h of ['audit-log', 'audit-verify', 'audit-log-export-start'] as const) {
        const r = await d.invoke(h, {})
        expect(r.ok === false && r.error.message).toMatch(/^此操作需要“管理员”或“党委书记”角色/)
      }
      expect(await d.call('audit-status', {})).toMatchObject({ ok: true, count: 3 })
    }
    as(d, '周管理员', ['admin'])
    expect((await d.call('audit-log', {})).total).toBe(3)
    as(d, '吴书记', ['secretary'])
    expect(await d.call('audit-verify', {})).toMatchObject({ ok: true, count: 3, head: { id: 3 }, problem: null })
  })

  it('exports the filtered trail as xlsx: the rows, their labels and their hashes', async () => {
    d = await trail()
    const s = await runJob<FilePayload & { rows: number }>(d, d.call('audit-log-export-start', { filter: { actor: '测试干事' } }))
    expect(s.phase).toBe('done')
    expect(s.result!.fileName).toBe('操作日志_截至2023-06-16_测试干事.xlsx')
    expect(s.result!.rows).toBe(2)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(s.result!.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('操作日志')!
    const rows = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
    expect(rows[0]).toEqual(['编号', '时间', '人员', '操作', '对象', '对象编号', '内容摘要', '详细内容', '校验值'])
    const hash = (id: number) => (d!.ctx.desk.sqlite.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string }).hash
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[8]])).toEqual([
      [2, '2023-06-15 10:00:00', '测试干事', '新建', '台账记录', '2', hash(2)],
      [1, '2023-06-15 10:00:00', '测试干事', '新建', '台账记录', '1', hash(1)]
    ])
    expect(String(rows[1][6])).toContain('义诊活动')
    expect(JSON.parse(String(rows[1][7]))).toMatchObject({ title: '义诊活动' })
  })

  it('exports a big trail page by page (the streaming writer, pausing between pages)', async () => {
    d = freshDesk()
    const { recordAudit } = await import('../../db/queries/audit')
    d.ctx.desk.tx(() => {
      for (let i = 0; i < 5000; i++) recordAudit(d!.ctx.desk.db, { at: '2023-06-15T02:00:00.000Z', actor: i % 2 ? '甲' : '乙', action: 'update', entity: 'piece', entityId: i, changes: { title: ['旧', '新'] } })
    })
    const t0 = performance.now()
    const s = await runJob<FilePayload & { rows: number }>(d, d.call('audit-log-export-start', {}))
    const ms = performance.now() - t0
    expect(s.result!.rows).toBe(5000)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(s.result!.base64, 'base64') as unknown as ArrayBuffer)
    expect(wb.getWorksheet('操作日志')!.rowCount).toBe(5001)
    console.log(`audit export: 5000 rows in ${Math.round(ms)} ms`)
  })
})
