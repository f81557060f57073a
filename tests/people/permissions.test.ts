// The role × handler matrix through `dispatch`: every handler of the contract, for each single role, for nobody
// signed in and for a background duty. Expected = allowed(who, user) — and, separately, the hand-written table in
// ./table.ts, so a wrong declaration is caught even though the dispatcher obeys it faithfully.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { contract, type Contract, type Envelope } from '../../shared/contract'
import { dispatch, handlers } from '../../handlers'
import { newSession, systemContext, type Ctx } from '../../handlers/context'
import { allowed, rolesNeeded, ROLE_LABELS, type Role, type SessionUser } from '../../shared/roles'
import { toSessionUser } from '../../db/queries/users'
import { addTestUser, freshDesk, type TestDesk } from '../helpers/desk'
import {
  ADMIN_ONLY, AUDITORS_ONLY, MUST_ALLOW, MUST_REFUSE, NO_ARGS_ACCEPTED, PEOPLE, PUBLIC_HANDLERS, SECRETARY_ONLY,
  SINGLE_ROLES, SYSTEM_HANDLERS, VIEWER_EXTRA, WRITE_VERB
} from './table'

type Caller = Role | 'nobody' | 'system'
const CALLERS: Caller[] = [...SINGLE_ROLES, 'nobody', 'system']
const names = Object.keys(contract) as (keyof Contract)[]
const present = (list: string[]) => list.filter((n) => n in contract)
const DUTY = '系统（测试任务）'

let d: TestDesk
const users = {} as Record<Role, SessionUser>
/** caller → handler name → the envelope it got. */
const got = {} as Record<Caller, Record<string, Envelope<unknown>>>

/** A fresh session per call: a handler that did run (sign-out, lock) cannot change what the next call sees. */
function ctxOf(caller: Caller): Ctx {
  if (caller === 'system') return systemContext(d.ctx, DUTY)
  if (caller === 'nobody') return { ...d.ctx, session: newSession() }
  return { ...d.ctx, session: { userId: users[caller].id, locked: false, lastCallAt: 0 } }
}

const refused = (r: Envelope<unknown>) => !r.ok && r.error.details?.refused === true
/** What the matrix saw: the handler names this caller was let through to. */
const through = (caller: Caller): string[] => names.filter((n) => !refused(got[caller][n]))

beforeAll(async () => {
  d = freshDesk()
  for (const role of SINGLE_ROLES) users[role] = toSessionUser(addTestUser(d.ctx, PEOPLE[role], [role]))
  for (const caller of CALLERS) {
    got[caller] = {}
    for (const name of names) got[caller][name] = await dispatch(handlers, ctxOf(caller), name, NO_ARGS_ACCEPTED)
  }
}, 60_000)
afterAll(() => d.close())

describe('every handler × every role, through dispatch', () => {
  it('refuses exactly where allowed(who, user) says, before the arguments are looked at', () => {
    expect(names.length).toBeGreaterThan(90)
    for (const caller of CALLERS) {
      for (const name of names) {
        const who = contract[name].who
        const expected = caller === 'system' ? allowed(who, null, true) : allowed(who, caller === 'nobody' ? null : users[caller])
        const r = got[caller][name]
        expect(refused(r), `${caller} ${name}`).toBe(!expected)
        // let through, a call meets the validator (42 is no handler's arguments): a user error, never a crash
        if (expected) expect(!r.ok && r.error.type, `${caller} ${name}`).toBe('user')
      }
    }
  })

  it('says in Chinese what is missing: sign in, or the role needed and who lacks it', () => {
    for (const caller of CALLERS) {
      for (const name of names.filter((n) => refused(got[caller][n]))) {
        const e = (got[caller][name] as { error: { type: string; message: string; details: Record<string, unknown> } }).error
        expect(e.type).toBe('user')
        if (caller === 'nobody') {
          expect(e, name).toMatchObject({ message: '请先登录', details: { refused: true, signIn: true } })
          continue
        }
        const who = contract[name].who
        expect(e.message, `${caller} ${name}`).toBe(`此操作需要${rolesNeeded(who)}角色；${caller === 'system' ? DUTY : `当前用户“${PEOPLE[caller]}”`}没有该权限`)
        expect(e.details.roles, name).toEqual(who)
        // a person is refused only by a list of roles, each named in Chinese (a duty also by 'user' handlers)
        if (caller === 'system' && !Array.isArray(who)) continue
        const roles = (who as readonly string[]).filter((r): r is Role => r !== 'system')
        expect(roles.length, name).toBeGreaterThan(0)
        for (const r of roles) expect(e.message, name).toContain(`“${ROLE_LABELS[r]}”`)
      }
    }
  })
})

describe('the hand-written table', () => {
  it('nobody signed in reaches only the sign-in screen; a background duty only its duties', () => {
    expect(through('nobody').sort()).toEqual([...PUBLIC_HANDLERS].sort())
    expect(through('system').sort()).toEqual([...PUBLIC_HANDLERS, ...SYSTEM_HANDLERS].sort())
  })

  it('the administrator alone manages users, review chains, 越级发布, settings, restore and the demo', () => {
    const onlyAdmin = names.filter((n) => through('admin').includes(n) && SINGLE_ROLES.every((r) => r === 'admin' || !through(r).includes(n)))
    expect(onlyAdmin.sort()).toEqual([...ADMIN_ONLY].sort())
  })

  it('the secretary alone signs months and finalizes half-years; the 操作日志 is the administrator’s and the secretary’s', () => {
    const onlySecretary = names.filter((n) => through('secretary').includes(n) && SINGLE_ROLES.every((r) => r === 'secretary' || !through(r).includes(n)))
    expect(onlySecretary.sort()).toEqual(present(SECRETARY_ONLY).sort())
    expect(onlySecretary).toContain('tally-signoff')
    for (const name of present(AUDITORS_ONLY)) {
      expect(SINGLE_ROLES.filter((r) => through(r).includes(name)), name).toEqual(['admin', 'secretary'])
    }
  })

  it('a viewer may read but call no handler that changes the desk', () => {
    const writes = names.filter((n) => WRITE_VERB.test(n))
    expect(writes.length).toBeGreaterThan(50)
    expect(through('viewer').filter((n) => WRITE_VERB.test(n))).toEqual([])
    const readOnly = names.filter((n) => contract[n].who === 'user' || contract[n].who === 'public')
    expect(through('viewer').sort()).toEqual([...readOnly, ...VIEWER_EXTRA].sort())
    // and every handler declared for particular roles refuses a viewer, that one exception apart
    expect(names.filter((n) => Array.isArray(contract[n].who) && !VIEWER_EXTRA.includes(n) && through('viewer').includes(n))).toEqual([])
  })

  it('each role can do its daily work and not the others’', () => {
    for (const role of SINGLE_ROLES) {
      for (const name of present(MUST_ALLOW[role])) expect(through(role), `${role} may ${name}`).toContain(name)
      for (const name of present(MUST_REFUSE[role])) expect(through(role), `${role} may not ${name}`).not.toContain(name)
    }
    // the ones the issue names, by name, so a rename cannot quietly drop them from the table
    for (const name of ['user-add', 'tally-signoff', 'piece-create', 'review-decide', 'review-chains-save', 'backup-restore']) expect(names).toContain(name)
  })

  it('roles add up: a person holding several roles may do what any of them may', async () => {
    const both = addTestUser(d.ctx, '己兼任', ['officer', 'reviewer'])
    const ctx = { ...d.ctx, session: { userId: both.id, locked: false, lastCallAt: 0 } }
    for (const name of names) {
      const r = await dispatch(handlers, ctx, name, NO_ARGS_ACCEPTED)
      expect(refused(r), name).toBe(!(through('officer').includes(name) || through('reviewer').includes(name)))
    }
  })
})
