// Kill the desk with SIGKILL at random moments (tests/fixtures/crash-child.ts does the writing) and prove that
// nothing it acknowledged is lost and nothing half-written remains. Kill points are chosen by a seeded PRNG as
// "after the k-th acknowledgement", so the test never depends on timing, only on what the child has printed.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { SOURCE_MIGRATIONS } from '../../db/open'
import { checkIntegrity } from '../../db/integrity'
import { backupsFolder, evidenceDirFor, sweepLeftovers } from '../../db/backup'
import { seeded } from '../../services/random'
import { sha } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'desk-crash-'))
const CHILD = join(dir, 'crash-child.mjs')
const WRITE_KILLS = 210
const LANES = 2 // two children at a time on the same file: also exercises a kill while the other waits for the lock
const figures = { killed: 0, acknowledged: 0, lost: 0, importKills: 0, backupKills: 0, backupsCompleted: 0 }

/** Bundle the child once: a bundled start costs a fraction of a TypeScript loader's, and we start it hundreds of times. */
beforeAll(async () => {
  const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3')
  await build({
    entryPoints: [join(process.cwd(), 'tests', 'fixtures', 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: CHILD,
    logLevel: 'error',
    plugins: [{ name: 'native', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlitePath, external: true })) }]
  })
}, 60_000)
afterAll(() => {
  const f = figures
  console.log(`[crash] 写入时强杀 ${f.killed} 次，已确认 ${f.acknowledged} 条，丢失 ${f.lost} 条；导入中强杀 ${f.importKills} 次；备份中强杀 ${f.backupKills} 次（其间 ${f.backupsCompleted} 次已完成）`)
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  lines: string[]
  killed: boolean
  code: number | null
  stderr: string
}

/** Start the child; kill it with SIGKILL as soon as `killAfter(lines)` says so (or let it finish). */
function runChild(args: string[], killAfter: (lines: string[]) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, ...args], { env: { ...process.env, DESK_MIGRATIONS: SOURCE_MIGRATIONS }, stdio: ['ignore', 'pipe', 'pipe'] })
    const run: Run = { lines: [], killed: false, code: null, stderr: '' }
    let partial = ''
    const check = () => {
      if (!run.killed && killAfter(run.lines)) {
        run.killed = child.kill('SIGKILL')
      }
    }
    child.stdout.on('data', (b: Buffer) => {
      const parts = (partial + b.toString('utf8')).split('\n')
      partial = parts.pop()! // a line is acknowledged only once its newline arrived
      run.lines.push(...parts)
      check()
    })
    child.stderr.on('data', (b: Buffer) => (run.stderr += b.toString('utf8')))
    child.on('exit', (code) => {
      run.code = code
      resolve(run)
    })
    check()
  })
}

function scalar(db: Database.Database, sql: string, ...params: unknown[]): number {
  return Object.values(db.prepare(sql).get(...params) as Record<string, number>)[0]
}

describe('SIGKILL during writes', () => {
  it(`loses no acknowledged piece or mention over ${WRITE_KILLS} kills, and the file stays sound`, async () => {
    const db = join(dir, 'writes.sqlite')
    const random = seeded(20231115)
    const pieces = new Set<number>()
    const mentions = new Set<number>()
    let next = 0
    const lane = async () => {
      while (next < WRITE_KILLS) {
        const i = next++
        // every 10th kill lands during start-up (opening, quick_check, migrations); the rest after 1–12 commits
        const after = i % 10 === 0 ? 0 : random.int(1, 12)
        const run = await runChild(['writes', db, String(i)], (lines) => lines.length >= after)
        if (!run.killed) throw new Error(`写入进程未被强杀就退出了（退出码 ${run.code}）：${run.stderr}`)
        for (const line of run.lines) {
          const [kind, id] = line.split(' ')
          ;(kind === 'P' ? pieces : mentions).add(Number(id))
        }
        figures.killed++
      }
    }
    await Promise.all(Array.from({ length: LANES }, lane))
    figures.acknowledged = pieces.size + mentions.size

    const s = new Database(db, { readonly: true })
    expect(checkIntegrity(s, 'full')).toEqual({ ok: true })
    let lost = 0
    for (const id of pieces) {
      // the piece, its audit row and its search entry were one transaction
      const whole =
        scalar(s, 'SELECT COUNT(*) FROM pieces WHERE id = ?', id) === 1 &&
        scalar(s, "SELECT COUNT(*) FROM audit_log WHERE entity = 'piece' AND entity_id = ?", String(id)) === 1 &&
        scalar(s, 'SELECT COUNT(*) FROM piece_search WHERE rowid = ?', id) === 1
      if (!whole) lost++
    }
    for (const id of mentions) {
      const whole =
        scalar(s, 'SELECT COUNT(*) FROM mentions WHERE id = ?', id) === 1 &&
        scalar(s, 'SELECT COUNT(*) FROM mention_sources WHERE mention_id = ?', id) === 1 &&
        scalar(s, 'SELECT COUNT(*) FROM mention_keys WHERE mention_id = ?', id) === 1 &&
        scalar(s, 'SELECT COUNT(*) FROM mention_search WHERE rowid = ?', id) === 1
      if (!whole) lost++
    }
    // nothing half-written either: no row without the rows its transaction wrote with it
    expect(scalar(s, "SELECT COUNT(*) FROM pieces p WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'piece' AND a.entity_id = CAST(p.id AS TEXT))")).toBe(0)
    expect(scalar(s, 'SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM mention_sources x WHERE x.mention_id = m.id)')).toBe(0)
    expect(scalar(s, 'SELECT COUNT(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM mention_keys k WHERE k.mention_id = m.id)')).toBe(0)
    s.close()
    figures.lost = lost
    expect(figures.killed).toBeGreaterThanOrEqual(200)
    expect(pieces.size).toBeGreaterThan(100)
    expect(mentions.size).toBeGreaterThan(100)
    expect(lost).toBe(0)
  }, 240_000)
})

describe('SIGKILL during an import and during a backup', () => {
  const db = join(dir, 'import.sqlite')
  const count = () => {
    if (!existsSync(db)) return 0
    const s = new Database(db, { readonly: true })
    try {
      return scalar(s, 'SELECT COUNT(*) FROM pieces')
    } finally {
      s.close()
    }
  }

  it('an import of 5,000 pieces in one transaction is all there or not there at all', async () => {
    const random = seeded(7)
    for (let i = 0; i < 4; i++) {
      const before = count()
      const after = random.int(1, 19) // "I 250" … "I 4750": inside the transaction
      const run = await runChild(['import', db], (lines) => lines.length >= after)
      expect(run.killed).toBe(true)
      figures.importKills++
      expect([0, 5000]).toContain(count() - before) // all or nothing, whatever the moment of the kill
    }
    if (count() === 0) {
      const done = await runChild(['import', db], () => false)
      expect(done.lines.at(-1)).toBe('C')
    }
    expect(count()).toBe(5000)
  }, 120_000)

  it('a killed backup leaves the previous backup intact and nothing half-written under the final name', async () => {
    // evidence files, so the backup has an evidence phase to be killed in
    const evidence = join(dir, 'desk-data', 'evidence', 'e0')
    mkdirSync(evidence, { recursive: true })
    for (let i = 0; i < 300; i++) writeFileSync(join(evidence, `e0${String(i).padStart(4, '0')}`), `佐证 ${i}`)
    const folder = backupsFolder(join(dir, 'desk-data'))
    const first = await runChild(['backup', db, '2023-06-15T02:00:00Z'], () => false)
    expect(first.lines.at(-1)).toBe('done')
    const previous = join(folder, 'desk-2023-06-15-100000-manual.sqlite')
    const previousSha = sha(previous)
    const target = join(folder, 'desk-2023-06-16-100000-manual.sqlite')

    // a kill after each line a whole backup prints: "ready", each database step, evidence, finishing
    const lines = first.lines.length
    const phases = new Set<string>()
    let completed = 0
    for (let after = 1; after < lines; after++) {
      const run = await runChild(['backup', db, '2023-06-16T02:00:00Z'], (lines) => lines.length >= after)
      figures.backupKills += run.killed ? 1 : 0
      if (run.lines.length) phases.add(run.lines.at(-1)!.split(' ').slice(0, 2).join(' '))
      expect(sha(previous)).toBe(previousSha)
      if (existsSync(target)) {
        // only a complete, checked backup ever carries the final name
        const s = new Database(target, { readonly: true })
        expect(checkIntegrity(s, 'full')).toEqual({ ok: true })
        expect(scalar(s, 'SELECT COUNT(*) FROM pieces')).toBe(5000)
        s.close()
        expect(readdirSync(evidenceDirFor(target), { recursive: true }).filter((n) => String(n).startsWith('e0/'))).toHaveLength(300)
        completed++
        figures.backupsCompleted++
        rmSync(target)
        rmSync(evidenceDirFor(target), { recursive: true })
      }
    }
    expect([...phases].sort()).toEqual(['B database', 'B evidence', 'B finishing', 'ready'])
    // what the killed runs left (temporary parts, an evidence mirror without its database) is swept away
    sweepLeftovers(folder)
    expect(readdirSync(folder).sort()).toEqual(['desk-2023-06-15-100000-manual.evidence', 'desk-2023-06-15-100000-manual.sqlite'])
    expect(completed).toBeLessThan(lines - 1)
  }, 120_000)
})
