import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'

/** Key → JSON value. Each key, its shape and its default: shared/settings.ts; read and written through handlers/settings.ts. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: text('updated_at').notNull()
})

/** Every create / update / delete of a record the inspection team may ask about. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** SHA-256 of the previous row's hash and this row's content (db/audit-chain.ts); null only before the chain was built. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /** The signed-in user's id (null for system duties and rows from before users existed). */
    actorId: integer('actor_id')
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)]
)

/** How far the audit chain was last proven (one row): startup verifies only what came after. */
export const auditVerified = sqliteTable('audit_verified', {
  id: integer('id').primaryKey(),
  lastId: integer('last_id').notNull(),
  lastHash: text('last_hash').notNull(),
  verifiedAt: text('verified_at').notNull()
})

/** 本机用户: the people who use this desk. The password is kept only as a scrypt hash (services/auth/password.ts). */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
  /** For reviewers: the review steps they decide (e.g. 宣传科初审); '*' = every step. */
  steps: text('steps', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  passwordHash: text('password_hash').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  failedCount: integer('failed_count').notNull().default(0),
  failedAt: text('failed_at'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  passwordChangedAt: text('password_changed_at').notNull()
})
