// `desk tally --month 2023-05 --sign [--comment C]`: the CLI's signed-in secretary signs with the password from
// DESK_PASSWORD (never an argument); someone without the role, or a wrong password, is refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, firstAdmin, CLI_PASSWORD } from '../helpers/cli'

let dir: string
let db: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'desk-cli-sign-'))
  db = join(dir, 'desk.sqlite')
  firstAdmin(db, 'admin,officer')
  const r = cli(db, ['users', 'add', '王书记', '--role', 'secretary'], { newPassword: CLI_PASSWORD })
  expect(r.code, r.err).toBe(0)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('desk tally --sign', () => {
  it('signs as the secretary, again as a second version; refuses an officer and a wrong password', { timeout: 60_000 }, () => {
    const officer = cli(db, ['tally', '--month', '2023-05', '--sign'])
    expect(officer.code).toBe(1)
    expect(officer.err).toContain('“党委书记”')

    const wrong = cli(db, ['tally', '--month', '2023-05', '--sign'], { user: '王书记', password: 'not-the-password' })
    expect(wrong.code).not.toBe(0)

    const first = cli(db, ['tally', '--month', '2023-05', '--sign', '--comment', '已核对'], { user: '王书记' })
    expect(first.code, first.err).toBe(0)
    expect(first.out).toContain('已签阅 2023年5月（第 1 版，签阅人 王书记')
    const again = cli(db, ['tally', '--month', '2023-05', '--sign'], { user: '王书记' })
    expect(again.out).toContain('第 2 版')
    expect(again.out).toContain('共 2 个版本，此前的版本均保留')

    const shown = cli(db, ['tally', '--month', '2023-05'], { user: '王书记' })
    expect(shown.out).toContain('已阅：第 2 版，王书记')
  })
})
