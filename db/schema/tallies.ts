import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** 已阅: the party secretary's sign-off of a month, with the figures exactly as they were signed. */
export const signoffs = sqliteTable('signoffs', {
  month: text('month').primaryKey(),
  signedBy: text('signed_by').notNull(),
  signedAt: text('signed_at').notNull(),
  comment: text('comment').notNull().default(''),
  figures: text('figures', { mode: 'json' }).$type<Record<string, number>>().notNull()
})
