// The bench measures as a signed-in person, as the officer's window would: one user holding every role but viewer.
import { scryptSync } from 'node:crypto'
import { getUserByName, insertUser, toSessionUser } from '../../db/queries/users'
import { ALL_STEPS, type Role } from '../../shared/roles'
import type { Ctx } from '../../handlers/context'

let hash: string | null = null
/** One scrypt hash for every bench user (they never sign in through a screen). */
export function benchPasswordHash(): string {
  if (!hash) {
    const salt = Buffer.from('bench-users')
    const key = scryptSync('bench-password', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })
    hash = ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$')
  }
  return hash
}

/** The user named `name` (created on first use), as a SessionUser. */
export function benchUser(ctx: Ctx, name: string, roles: Role[], steps: string[] = []) {
  const row = getUserByName(ctx.desk.db, name) ?? insertUser(ctx.desk.db, { name, roles, steps, passwordHash: benchPasswordHash(), at: ctx.now().toISOString(), by: '基准数据' })
  return toSessionUser(row)
}

/** Sign this context's session in as the bench's own all-roles user. */
export function signInBench(ctx: Ctx): Ctx {
  const user = benchUser(ctx, '基准测试', ['admin', 'officer', 'reviewer', 'secretary'], [ALL_STEPS])
  Object.assign(ctx.session, { userId: user.id, locked: false })
  ctx.user = user
  ctx.actor = user.name
  return ctx
}
