import { describe, it, expect, afterEach } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { freshDesk, type TestDesk } from '../helpers/desk'
import { csvFile, HEADER } from '../ledger/helpers'
import { ENTITY_TOUCHES, domainsChanged, readsAffected } from '../../shared/changes'
import { changeMark, changesSince, withChanges } from '../../handlers/changes'
import type { JobStatus } from '../../shared/contract/jobs'

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('the envelope says which domains a call changed', () => {
  it('a new piece changes the pieces and everything that counts or lists them, and the trail', async () => {
    d = freshDesk()
    const r = await d.invoke('piece-create', { channel: 'wechat', title: '院庆推文', date: '2023-06-10', status: 'draft' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    for (const dom of ['pieces', 'ledger', 'calendar', 'dashboard', 'tallies', 'quotas', 'reports', 'review', 'evidence', 'audit'] as const) expect(r.changed).toContain(dom)
    expect(r.changed).not.toContain('feeds')
    expect(r.changed).not.toContain('users')
  })

  it('a new feed changes the watch domains, not the ledger', async () => {
    d = freshDesk()
    const r = await d.invoke('feed-add', { url: 'http://a.example/rss', name: '甲' })
    expect(r.ok && r.changed).toEqual(expect.arrayContaining(['feeds', 'mentions', 'watch', 'audit']))
    expect(r.ok && r.changed).not.toContain('ledger')
    expect(r.ok && r.changed).not.toContain('pieces')
  })

  it('a settings row counts by its key: the review chains touch review and pieces, not the watch', async () => {
    d = freshDesk()
    const chains = await d.call('review-chains-get', {})
    const r = await d.invoke('review-chains-save', chains as never)
    expect(r.ok && r.changed).toEqual(expect.arrayContaining(['review', 'pieces', 'audit']))
    expect(r.ok && r.changed).not.toContain('watch')
  })

  it('a read reports nothing: its envelope stays { ok, value }', async () => {
    d = freshDesk()
    await d.call('piece-create', { channel: 'wechat', title: '院庆推文', date: '2023-06-10', status: 'draft' })
    const r = await d.invoke('piece-list', {})
    expect(r.ok).toBe(true)
    expect(Object.keys(r).sort()).toEqual(['ok', 'value'])
  })

  it('a failed or refused call reports nothing', async () => {
    d = freshDesk()
    const bad = await d.invoke('piece-create', { channel: 'wechat', title: '', date: '2023-06-10' })
    expect(bad.ok).toBe(false)
    expect('changed' in bad).toBe(false)
    const missing = await d.invoke('piece-update', { id: 999, title: '没有这篇' })
    expect(missing.ok).toBe(false)
    expect('changed' in missing).toBe(false)
    expect(changesSince(d.ctx.desk.db, 0)).toEqual([])
  })

  it('a job’s writes are reported once, to the status poll that first sees it finished', async () => {
    d = freshDesk()
    const lines = [HEADER, '2023-05-02,微信公众号,导入的推文,,,,,,,,,,']
    const started = await d.invoke('ledger-import-start', { fileName: 'a.csv', base64: csvFile(lines), commit: true })
    expect(started.ok && started.changed).toBeFalsy()
    if (!started.ok) return
    let last: { changed?: string[] } = {}
    for (;;) {
      const s = await d.invoke('job-status', { id: started.value.jobId })
      if (!s.ok) throw new Error(s.error.message)
      if ((s.value as JobStatus).finished) {
        last = s
        break
      }
      expect(s.changed).toBeUndefined()
      await tick()
    }
    expect(last.changed).toEqual(expect.arrayContaining(['pieces', 'ledger', 'tallies', 'audit']))
    const again = await d.invoke('job-status', { id: started.value.jobId })
    expect(again.ok && again.changed).toBeFalsy()
  })

  it('a background duty asks what its work changed', async () => {
    d = freshDesk()
    const ctx = d.ctx
    const { changed } = await withChanges(ctx.desk.db, () => d!.call('quota-save', { label: '公众号每月至少 4 篇', channel: 'wechat', period: 'month', target: 4 }))
    expect(changed).toEqual(expect.arrayContaining(['quotas', 'reports', 'audit']))
    expect(changed).not.toContain('pieces')
    const mark = changeMark(ctx.desk.db)
    expect(changesSince(ctx.desk.db, mark)).toEqual([])
  })
})

describe('readsAffected', () => {
  it('reloads a query whose handler’s domain changed, and no other', () => {
    expect(readsAffected(['pieces', 'ledger'], 'piece-list')).toBe(true)
    expect(readsAffected(['pieces', 'ledger'], 'ledger-facets')).toBe(true)
    expect(readsAffected(['feeds', 'mentions', 'watch'], 'piece-list')).toBe(false)
    expect(readsAffected(['feeds', 'mentions', 'watch'], 'mention-list')).toBe(true)
    expect(readsAffected([], 'app-state')).toBe(false)
    expect(readsAffected(['audit'], 'audit-list')).toBe(true)
  })

  it('maps rows to domains: an unknown entity or settings key touches everything, a restore too', () => {
    expect(domainsChanged([])).toEqual([])
    expect(domainsChanged([{ entity: 'outlet', entityId: '' }], 'outlet-save')).toEqual(['audit', 'registries'])
    expect(domainsChanged([{ entity: 'settings', entityId: 'watch-alerts' }], 'watch-settings-save')).toEqual(['audit', 'watch'])
    expect(domainsChanged([{ entity: 'something-new', entityId: '' }])).toContain('ledger')
    expect(domainsChanged([{ entity: 'settings', entityId: 'a-new-key' }])).toContain('ledger')
    expect(domainsChanged([{ entity: 'database', entityId: 'desk.sqlite' }])).toContain('users')
  })

  it('knows every audit entity the desk writes', () => {
    const src = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? src(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []))
    const used = new Set<string>()
    for (const f of [...src('handlers'), ...src('db')]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bentity: '([a-z_]+)'/g)) used.add(m[1])
    }
    expect(used.size).toBeGreaterThan(10)
    const unknown = [...used].filter((e) => e !== 'settings' && !(e in ENTITY_TOUCHES))
    expect(unknown).toEqual([])
  })
})
