import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { users } from '../schema'
import type { Role, SessionUser } from '../../shared/roles'

export type UserRow = typeof users.$inferSelect

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()!.n
}

export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all()
}

export function getUser(db: Db, id: number): UserRow | null {
  return db.select().from(users).where(eq(users.id, id)).get() ?? null
}

export function getUserByName(db: Db, name: string): UserRow | null {
  return db.select().from(users).where(eq(users.name, name)).get() ?? null
}

export function insertUser(db: Db, v: { name: string; roles: Role[]; steps: string[]; passwordHash: string; at: string; by: string }): UserRow {
  return db
    .insert(users)
    .values({ name: v.name, roles: v.roles, steps: v.steps, passwordHash: v.passwordHash, createdAt: v.at, createdBy: v.by, passwordChangedAt: v.at })
    .returning()
    .get()
}

export function updateUser(db: Db, id: number, v: Partial<Pick<UserRow, 'roles' | 'steps' | 'active' | 'passwordHash' | 'passwordChangedAt' | 'failedCount' | 'failedAt'>>): UserRow {
  return db.update(users).set(v).where(eq(users.id, id)).returning().get()
}

export function toSessionUser(u: UserRow): SessionUser {
  return { id: u.id, name: u.name, roles: u.roles as Role[], steps: u.steps }
}
