import { describe, it, expect, afterEach, vi } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { actAs, addTestUser, freshDesk, type TestDesk } from '../helpers/desk'
import { evidenceCommands } from '../../scripts/desk/commands/evidence'

let d: TestDesk
afterEach(() => {
  d?.close()
  vi.restoreAllMocks()
})

const run = (name: string, args: string[]) => {
  const command = evidenceCommands.find((c) => c.name === name)
  if (!command?.run) throw new Error(`no command ${name}`)
  return command.run(d.ctx, args, args)
}

describe('desk evidence-add', () => {
  it('reads the files itself, sends them in parts, and reports each one', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-01', status: 'completed', kind: '义诊' })
    const big = join(d.dir, '活动视频.mp4')
    const bytes = Buffer.alloc(9 * 1024 * 1024, 3)
    bytes.write('\0\0\0\x18ftypmp42', 0, 'latin1')
    writeFileSync(big, bytes)
    const lines: string[] = []
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true))
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true))
    expect(await run('evidence-add', [String(p.id), big, join(d.dir, '没有这个文件.pdf')])).toBe(1)
    expect(lines).toEqual([`已添加：活动视频.mp4（${bytes.length} 字节，video/mp4）\n`, `未添加 ${join(d.dir, '没有这个文件.pdf')}：找不到文件\n`])
    const list = await d.call('evidence-list', { pieceId: p.id })
    expect(list.map((e) => [e.fileName, e.size])).toEqual([['活动视频.mp4', bytes.length]])
    expect(await run('evidence-add', ['x'])).toBe(2)
  })

  it('adds nothing for someone who may only read', async () => {
    d = freshDesk()
    const p = await d.call('piece-create', { channel: 'event', title: '义诊', date: '2023-06-01', status: 'completed', kind: '义诊' })
    const file = join(d.dir, '签到表.pdf')
    writeFileSync(file, '%PDF-1.4 签到表')
    actAs(d.ctx, addTestUser(d.ctx, '查看员', ['viewer']))
    const lines: string[] = []
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true))
    expect(await run('evidence-add', [String(p.id), file])).toBe(1)
    expect(lines).toEqual([`未添加 ${file}：此操作需要“宣传干事”角色；当前用户“查看员”没有该权限\n`])
    expect(await d.call('evidence-list', { pieceId: p.id })).toEqual([])
  })
})
