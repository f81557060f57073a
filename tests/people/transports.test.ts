// The same matrix through the other two transports: the HTTP bridge (every handler, signed in with a cookie as
// each single role, and with no cookie at all) and the CLI (`desk call NAME 42 --user X`, a sample per role from
// the hand-written table). What the transports add — cookies, --user and DESK_PASSWORD — must neither open nor
// close anything the dispatcher decides.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contract, type Contract } from '../../shared/contract'
import { allowed, type Role } from '../../shared/roles'
import { openContext } from '../../handlers/context'
import { toSessionUser } from '../../db/queries/users'
import { useBridge } from '../helpers/bridge'
import { addTestUser, TEST_PASSWORD } from '../helpers/desk'
import { cliAsync } from '../helpers/cli'
import { ENTRY_HANDLERS, MUST_ALLOW, MUST_REFUSE, NO_ARGS_ACCEPTED, PEOPLE, SINGLE_ROLES } from './table'

const names = Object.keys(contract) as (keyof Contract)[]
const b = useBridge()

describe('the HTTP bridge', () => {
  const cookies = {} as Record<Role, string>
  const users = {} as Record<Role, ReturnType<typeof toSessionUser>>
  beforeAll(async () => {
    for (const role of SINGLE_ROLES) {
      users[role] = toSessionUser(addTestUser(b.desk.ctx, PEOPLE[role], [role]))
      cookies[role] = await b.signIn(PEOPLE[role])
    }
  })

  it('lets each role’s cookie through exactly where the dispatcher would, for every handler', async () => {
    let calls = 0
    for (const role of SINGLE_ROLES) {
      for (const name of names) {
        const r = await b.call(name, NO_ARGS_ACCEPTED, cookies[role])
        calls++
        expect(r.status, `${role} ${name}`).toBe(200)
        const env = JSON.parse(r.body)
        expect(env.ok === false && env.error.details?.refused === true, `${role} ${name}`).toBe(!allowed(contract[name].who, users[role]))
      }
    }
    expect(calls).toBe(names.length * SINGLE_ROLES.length)
  })

  it('holds the hand-written table: what each role must and must not do', async () => {
    for (const role of SINGLE_ROLES) {
      const outcome = async (name: string) => JSON.parse((await b.call(name, NO_ARGS_ACCEPTED, cookies[role])).body).error?.details?.refused === true
      for (const name of MUST_ALLOW[role].filter((n) => n in contract)) expect(await outcome(name), `${role} may ${name}`).toBe(false)
      for (const name of MUST_REFUSE[role].filter((n) => n in contract)) expect(await outcome(name), `${role} may not ${name}`).toBe(true)
    }
  })

  it('without a cookie answers only the sign-in screen’s calls', async () => {
    for (const name of names) {
      const r = await b.call(name, NO_ARGS_ACCEPTED)
      expect(r.status, name).toBe(ENTRY_HANDLERS.includes(name) ? 200 : 401)
    }
  })
})

describe('the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-people-cli-'))
  const db = join(dir, 'desk.sqlite')
  beforeAll(() => {
    // the people are added straight into the file (the CLI's own `users add` has its tests in cli-users.test.ts)
    const ctx = openContext({ dbFile: db })
    for (const role of SINGLE_ROLES) addTestUser(ctx, PEOPLE[role], [role])
    ctx.desk.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses, as each role, what the table refuses, and lets through what it allows (two of each per role)', async () => {
    const cases = SINGLE_ROLES.flatMap((role) => [
      ...MUST_ALLOW[role].filter((n) => n in contract).slice(0, 2).map((name) => ({ role, name, refused: false })),
      ...MUST_REFUSE[role].filter((n) => n in contract).slice(0, 2).map((name) => ({ role, name, refused: true }))
    ])
    expect(cases).toHaveLength(20)
    // two at a time: each run is a Node process of its own
    const runs: { role: Role; name: string; refused: boolean; code: number | null; out: string; err: string }[] = []
    for (let i = 0; i < cases.length; i += 2) {
      const batch = cases.slice(i, i + 2)
      const done = await Promise.all(batch.map((c) => cliAsync(db, ['call', c.name, String(NO_ARGS_ACCEPTED)], { user: PEOPLE[c.role], password: TEST_PASSWORD })))
      done.forEach((r, j) => runs.push({ ...batch[j], ...r }))
    }
    for (const r of runs) {
      const what = `${r.role} ${r.name}`
      expect(r.err, what).toBe('')
      expect(r.code, what).toBe(1) // refused or not, 42 is nobody's arguments: the envelope is an error
      const env = JSON.parse(r.out)
      expect(env.error.type, what).toBe('user')
      expect(env.error.details?.refused === true, what).toBe(r.refused)
      if (r.refused) expect(env.error.message, what).toContain(`当前用户“${PEOPLE[r.role]}”没有该权限`)
    }
  }, 240_000)
})
