// 责任人 (issue #13): typed beside a step it is saved with the step (研判 / 处置 / 办结 carry it, in the same
// transaction); left on its own it is saved by mention-assign the moment the field loses focus. Each change is one
// audit row; the same name again writes nothing; a refused step saves nothing; a removed mention takes no 责任人.
import { afterEach, describe, expect, it } from 'vitest'
import { pollDue } from '../../handlers/feeds/poll'
import { rss2 } from '../fixtures/feeds'
import { actAs, addTestUser } from '../helpers/desk'
import { item, memoryTransport, rows, watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

async function oneMention(): Promise<{ d: WatchDesk; id: number }> {
  d = await watchDesk()
  d.ctx.http = memoryTransport({ 'http://a.example/rss': { body: rss2('源', [item('网友投诉我院停车难', { guid: '1' })]) } }).transport
  await d.call('feed-add', { url: 'http://a.example/rss', name: '市报', weight: 1 })
  await pollDue(d.ctx)
  return { d, id: rows<{ id: number }>(d, 'SELECT id FROM mentions')[0].id }
}

const stored = (d: WatchDesk, id: number) => rows<{ assignee: string; status: string }>(d, 'SELECT assignee, status FROM mentions WHERE id = ?', id)[0]
const assigneeAudit = async (d: WatchDesk, id: number) =>
  (await d.call('audit-list', { entity: 'mention', entityId: String(id) })).filter((a) => 'assignee' in a.changes).map((a) => a.changes.assignee)

describe('责任人 saved with the step or on its own', () => {
  it('typed, then 开始研判: the step saves it, with its own audit row', async () => {
    const { d, id } = await oneMention()
    const m = await d.call('mention-triage', { id, step: 'assessing', note: '核实来源', assignee: ' 李明 ' })
    expect([m.status, m.assignee]).toEqual(['assessing', '李明'])
    expect(stored(d, id)).toEqual({ assignee: '李明', status: 'assessing' })
    expect(await assigneeAudit(d, id)).toEqual([['', '李明']])
    // A step without the field leaves the 责任人 as it is.
    expect((await d.call('mention-triage', { id, step: 'handling', note: '已转保卫科' })).assignee).toBe('李明')
  })

  it('typed, then 办结: saved with the closing step; a refused 办结 (no note) saves neither', async () => {
    const { d, id } = await oneMention()
    await d.call('mention-triage', { id, step: 'assessing' })
    await d.call('mention-triage', { id, step: 'handling' })
    const refused = await d.invoke('mention-triage', { id, step: 'closed', note: '', assignee: '王芳' })
    expect(!refused.ok && refused.error.message).toBe('处置说明：办结时请写明处置结果（如：已联系患者家属沟通解决）')
    expect(stored(d, id)).toEqual({ assignee: '', status: 'handling' })
    expect(await assigneeAudit(d, id)).toEqual([])
    const m = await d.call('mention-triage', { id, step: 'closed', note: '已回复网友', assignee: '王芳' })
    expect([m.status, m.assignee]).toEqual(['closed', '王芳'])
    expect(stored(d, id)).toEqual({ assignee: '王芳', status: 'closed' })
    expect(await assigneeAudit(d, id)).toEqual([['', '王芳']])
  })

  it('typed and left (blur): mention-assign saves it; the same name again writes nothing; a change is audited', async () => {
    const { d, id } = await oneMention()
    expect((await d.call('mention-assign', { id, assignee: '李明' })).assignee).toBe('李明')
    await d.call('mention-assign', { id, assignee: '李明 ' }) // the blur after a step already saved it
    // …and the step that carries the same name adds no second row either.
    await d.call('mention-triage', { id, step: 'assessing', note: '', assignee: '李明' })
    await d.call('mention-assign', { id, assignee: '王芳' })
    await d.call('mention-assign', { id, assignee: '' }) // cleared is a change too
    expect(await assigneeAudit(d, id)).toEqual([['', '李明'], ['李明', '王芳'], ['王芳', '']])
    expect(stored(d, id)).toEqual({ assignee: '', status: 'assessing' })
    expect((await d.call('mention-get', { id })).assignee).toBe('')
  })

  it('may be set at any status but 已移除 (closed and ignored ones too); only officers; too long is refused in Chinese', async () => {
    const { d, id } = await oneMention()
    await d.call('mention-triage', { id, step: 'ignored' })
    expect((await d.call('mention-assign', { id, assignee: '赵强' })).assignee).toBe('赵强')
    await d.call('mention-triage', { id, step: 'new' })
    for (const step of ['assessing', 'handling'] as const) await d.call('mention-triage', { id, step })
    await d.call('mention-triage', { id, step: 'closed', note: '已处理' })
    expect((await d.call('mention-assign', { id, assignee: '孙丽' })).assignee).toBe('孙丽')
    const long = await d.invoke('mention-assign', { id, assignee: '一'.repeat(21) })
    expect(!long.ok && long.error.message).toBe('责任人：不能超过 20 个字')
    const longStep = await d.invoke('mention-triage', { id, step: 'handling', assignee: '一'.repeat(21) })
    expect(!longStep.ok && longStep.error.message).toBe('责任人：不能超过 20 个字')
    await d.call('mention-remove', { id, reason: '误报' })
    const removed = await d.invoke('mention-assign', { id, assignee: '周涛' })
    expect(!removed.ok && removed.error.message).toMatch(/^此舆情已于\d{4}-\d{2}-\d{2}由测试干事移除（理由：误报），不能再处置或修改$/)
    actAs(d.ctx, addTestUser(d.ctx, '查看员', ['viewer']))
    const viewer = await d.invoke('mention-assign', { id, assignee: '周涛' })
    expect(!viewer.ok && viewer.error.message).toContain('“宣传干事”')
    expect(stored(d, id).assignee).toBe('孙丽')
  })
})
