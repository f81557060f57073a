// Every action and entity code the handlers write into audit_log has a Chinese name on the 操作日志 screen: the
// codes are read from the handlers' source, so a new action without a label fails here, not in front of the 书记.
import { describe, it, expect } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AUDIT_ACTIONS, AUDIT_ENTITIES, auditSummary, auditTime } from '../../shared/audit-labels'

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts'))
    .map((d) => readFileSync(join(d.parentPath, d.name), 'utf8'))
}
const code = [...sources('handlers'), ...sources('db')].join('\n')
const found = (patterns: RegExp[]) => new Set(patterns.flatMap((p) => [...code.matchAll(p)].flatMap((m) => m.slice(1).filter(Boolean))))

describe('audit labels', () => {
  it('name every action the handlers record', () => {
    const actions = found([
      /action: '([a-z][a-z-]*)'/g,
      /action: [\w.!]+ \? '([a-z][a-z-]*)' : '([a-z][a-z-]*)'/g,
      /\baudit\(ctx, '([a-z][a-z-]*)'/g,
      /(?:createPiece|changePiece|saveAudited|setPassword)\([^\n]*?, '([a-z][a-z-]*)'/g,
      /\? '([a-z]+-[a-z-]+)' : '([a-z]+-[a-z-]+)'\)/g
    ])
    for (const d of ['approve', 'reject']) actions.add(`review-${d}`) // audit(ctx, `review-${decision}`, …)
    expect(actions.size).toBeGreaterThan(25)
    expect([...actions].filter((a) => !(a in AUDIT_ACTIONS))).toEqual([])
  })

  it('name every entity', () => {
    const entities = found([/entity: '([a-z_]+)'/g])
    expect([...entities].filter((e) => !(e in AUDIT_ENTITIES))).toEqual([])
  })

  it('summarize a change, a restore and the seal in a line', () => {
    expect(auditSummary('update', { title: ['旧标题', '新标题'], status: ['draft', 'pending'] })).toBe('标题：旧标题 → 新标题；状态：draft → pending')
    expect(auditSummary('create', { title: '院庆预告', themes: ['健康科普', '民族团结'] })).toBe('“院庆预告”；主题：["健康科普","民族团结"]')
    expect(auditSummary('restore', { backup: 'desk-2023-06-15-100000.sqlite', replaced: { id: 120 }, backupHead: { id: 98 } })).toBe('恢复备份 desk-2023-06-15-100000.sqlite：操作日志从第 120 条回到第 98 条')
    expect(auditSummary('audit-seal', { sealed: 3, missing: [[1, 1], [7, 8]] })).toBe('为此前的 3 条记录建立校验链（建立前已缺 3 条）')
    expect(auditSummary('update', { body: 'x'.repeat(500) }).length).toBeLessThanOrEqual(161)
    expect(auditTime('2023-06-15T23:30:05.000Z')).toBe('2023-06-16 07:30:05')
  })
})
