import { describe, it, expect } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { META_CSP } from '../../shared/csp'

const check = (root?: string) => spawnSync(process.execPath, ['scripts/check-boundaries.mjs', ...(root ? [root] : [])], { encoding: 'utf8' })

describe('layering enforced by the build', () => {
  it('passes on this tree', () => {
    expect(check().status).toBe(0)
  })

  it('fails when the renderer reaches for electron, db/ or node, or a handler imports electron', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-bounds-'))
    for (const d of ['renderer/src', 'shared', 'handlers', 'db', 'services']) mkdirSync(join(root, d), { recursive: true })
    writeFileSync(join(root, 'renderer/src/a.ts'), "import { ipcRenderer } from 'electron'\nimport { openDesk } from '../../db/open'\nimport fs from 'node:fs'\n")
    writeFileSync(join(root, 'handlers/b.ts'), "import { app } from 'electron'\n")
    writeFileSync(join(root, 'shared/c.ts'), "import { readFileSync } from 'fs'\n")
    const r = check(root)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('renderer/src/a.ts: 不能导入 electron')
    expect(r.stderr).toContain('renderer/src/a.ts: 只能导入 renderer/ 与 shared/，不能导入 db/open')
    expect(r.stderr).toContain('renderer/src/a.ts: 不能导入 node:fs')
    expect(r.stderr).toContain('handlers/b.ts: handlers/ 不能导入 electron')
    expect(r.stderr).toContain('shared/c.ts: shared/ 被渲染进程使用，不能导入 fs')
  })

  it('fails on an import cycle, naming every module round it, and passes once the cycle is broken', () => {
    const root = mkdtempSync(join(tmpdir(), 'desk-cycle-'))
    for (const d of ['handlers/pieces', 'handlers/review', 'shared']) mkdirSync(join(root, d), { recursive: true })
    writeFileSync(join(root, 'handlers/pieces/index.ts'), "import { decide } from '../review'\nexport const write = () => decide()\n")
    writeFileSync(join(root, 'handlers/review/index.ts'), "import { check } from './check'\nexport const decide = () => check()\n")
    writeFileSync(join(root, 'handlers/review/check.ts'), "import type { Piece } from '../../shared/p'\nimport { write } from '../pieces/index'\nexport const check = (p?: Piece) => write()\n")
    writeFileSync(join(root, 'shared/p.ts'), 'export interface Piece { id: number }\n')
    const r = check(root)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('循环导入：handlers/pieces/index.ts → handlers/review/index.ts → handlers/review/check.ts → handlers/pieces/index.ts')
    writeFileSync(join(root, 'handlers/review/check.ts'), 'export const check = () => 1\n')
    expect(check(root).status).toBe(0)
  })

  it('ships the strict CSP in the page itself (it is what guards the Electron window)', () => {
    const html = readFileSync('renderer/index.html', 'utf8')
    expect(html).toContain(`content="${META_CSP}"`)
    expect(META_CSP).toContain("script-src 'self'")
    expect(META_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/)
  })
})
