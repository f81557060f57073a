import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openContext, type Ctx, type Notice } from '../../handlers/context'
import { dispatch, handlers } from '../../handlers'
import { scryptSync } from 'node:crypto'
import { insertUser, toSessionUser } from '../../db/queries/users'
import { ALL_STEPS, type Role } from '../../shared/roles'
import type { ArgsOf, HandlerName, ResultOf, Envelope } from '../../shared/contract'

export interface TestDesk {
  ctx: Ctx
  dir: string
  notices: Notice[]
  /** Dispatch through the validating entry point, exactly as the transports do. */
  invoke<K extends HandlerName>(name: K, args?: ArgsOf<K>): Promise<Envelope<ResultOf<K>>>
  /** Like invoke, but returns the value and throws on an error envelope. */
  call<K extends HandlerName>(name: K, args?: ArgsOf<K>): Promise<ResultOf<K>>
  close(): void
}

/** The password of every user the test helpers create. */
export const TEST_PASSWORD = 'desk-test-口令-2023'
/** The roles of the default test user: everything a person can hold except read-only. */
export const ALL_ROLES: Role[] = ['admin', 'officer', 'reviewer', 'secretary']

let testHash: string | null = null
/** One scrypt hash per test process, in the format of services/auth/password.ts (hashing is slow on purpose). */
export function testPasswordHash(): string {
  if (!testHash) {
    const salt = Buffer.from('desk-test-salt-1')
    const key = scryptSync(TEST_PASSWORD.normalize('NFC'), salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
    testHash = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
  }
  return testHash
}

/** Add a user with TEST_PASSWORD straight into the table (no audit row), for setting up a test. */
export function addTestUser(ctx: Ctx, name: string, roles: Role[], steps: string[] = roles.includes('reviewer') ? [ALL_STEPS] : []) {
  return insertUser(ctx.desk.db, { name, roles, steps, passwordHash: testPasswordHash(), at: ctx.now().toISOString(), by: '测试' })
}

/** Make the desk's own session that of this user (as if they had signed in). */
export function actAs(ctx: Ctx, user: { id: number; name: string }): void {
  Object.assign(ctx.session, { userId: user.id, locked: false })
  ctx.actor = user.name
}

/**
 * A fresh database in a temp folder, migrated with the real migrations. `now` defaults to 2023-06-15 10:00 China
 * time. Signed in as a test user holding every role but viewer (`actor` names them), unless `users: false`.
 */
export function freshDesk(o: { now?: Date; actor?: string; users?: boolean } = {}): TestDesk {
  const dir = mkdtempSync(join(tmpdir(), 'desk-test-'))
  const notices: Notice[] = []
  const now = o.now ?? new Date('2023-06-15T02:00:00Z')
  const ctx = openContext({ dbFile: join(dir, 'desk.sqlite'), now: () => now, notify: (n) => notices.push(n) })
  if (o.users !== false) {
    const u = addTestUser(ctx, o.actor ?? '测试干事', ALL_ROLES)
    actAs(ctx, u)
    ctx.user = toSessionUser(u)
  }
  const invoke = <K extends HandlerName>(name: K, args?: ArgsOf<K>) => dispatch(handlers, ctx, name, args) as Promise<Envelope<ResultOf<K>>>
  return {
    ctx,
    dir,
    notices,
    invoke,
    async call(name, args) {
      const r = await invoke(name, args)
      if (!r.ok) throw new Error(`${name} failed: ${JSON.stringify(r.error)}`)
      return r.value
    },
    close() {
      ctx.desk.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
