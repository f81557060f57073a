import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'

/** Key → JSON value. Each key's shape is validated by its zod schema in shared/contract/settings.ts. */
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
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>().notNull()
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)]
)
