import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'desk-cli-'))
const db = join(dir, 'x.sqlite')
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')

function desk(...args: string[]) {
  const r = spawnSync(TSX, ['scripts/desk.ts', '--db', db, ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

beforeAll(() => {
  const r = desk('seed-demo')
  if (r.code !== 0) throw new Error(r.err)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CLI transport', () => {
  it('lists the handler names', () => {
    const r = desk('handlers')
    expect(r.code).toBe(0)
    expect(r.out.split('\n')).toEqual(expect.arrayContaining(['app-state', 'piece-create', 'piece-list', 'dashboard-summary']))
  })

  it('calls a list handler and prints the envelope as JSON', () => {
    const r = desk('call', 'piece-list', '{"channel":"notice","limit":5}')
    expect(r.code).toBe(0)
    const env = JSON.parse(r.out)
    expect(env.ok).toBe(true)
    expect(env.value.total).toBe(48)
    expect(env.value.rows).toHaveLength(5)
  })

  it('exits non-zero with the error envelope when the call fails', () => {
    const r = desk('call', 'piece-create', '{"channel":"wechat","title":""}')
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { type: 'user', message: '标题：请填写标题' } })
    expect(desk('call', 'piece-list', '{oops').code).toBe(2)
    expect(desk('no-such-command').code).toBe(2)
  })

  it('refuses to seed twice', () => {
    const r = desk('seed-demo')
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/空白的工作台/)
  })
})
