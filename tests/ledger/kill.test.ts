// Kill the desk with SIGKILL while an import writes: the file afterwards holds all of the import or none of it.
// The kill is sent when the child says the write transaction starts, so the test depends on what the child
// printed, not on timing; either outcome is checked.
import { describe, it, expect, afterAll } from 'vitest'
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HEADER } from './helpers'

const dir = mkdtempSync(join(tmpdir(), 'desk-import-kill-'))
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx')
const CHILD = join(process.cwd(), 'tests', 'fixtures', 'ledger-import-child.ts')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function importAndKill(db: string, csv: string): Promise<{ said: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CHILD, db, csv], { stdio: ['ignore', 'pipe', 'pipe'] })
    const said: string[] = []
    let err = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      for (const line of s.split('\n').filter(Boolean)) {
        said.push(line)
        if (line.startsWith('W ')) child.kill('SIGKILL')
      }
    })
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s))
    child.on('exit', (code, signal) => (signal === 'SIGKILL' || code === 0 ? resolve({ said }) : reject(new Error(err))))
  })
}

describe('a kill during import', () => {
  it('leaves every row or none: no half import, no orphan search or audit rows, a healthy file', async () => {
    const n = 4000
    const csv = join(dir, 'big.csv')
    writeFileSync(csv, '\ufeff' + [HEADER, ...Array.from({ length: n }, (_, i) => `2023-05-01,微信公众号,强杀测试 ${i},,,,,,,,民族团结,,`)].join('\r\n'))
    const db = join(dir, 'desk.sqlite')
    const { said } = await importAndKill(db, csv)
    expect(said[0]).toBe(`W ${n}`)
    const s = new Database(db)
    try {
      expect(s.pragma('integrity_check', { simple: true })).toBe('ok')
      const count = (sql: string) => (s.prepare(sql).get() as { n: number }).n
      const pieces = count('SELECT count(*) AS n FROM pieces')
      // Acknowledged ("C") means all of it must be there; otherwise all or nothing.
      expect(said.includes(`C ${n}`) ? [n] : [0, n]).toContain(pieces)
      expect(count('SELECT count(*) AS n FROM piece_themes')).toBe(pieces)
      expect(count("SELECT count(*) AS n FROM audit_log WHERE entity = 'piece'")).toBe(pieces)
      expect(count('SELECT count(*) AS n FROM piece_search')).toBe(pieces)
    } finally {
      s.close()
    }
  })
})
