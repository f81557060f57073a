import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * The officer's own wording of a paragraph of one period's draft (报告 › 修改), kept by the paragraph's stable key
 * and used by every later export of that period. `auto` is the generated text the officer saw when editing, so the
 * preview can tell when the figures behind the paragraph have moved since.
 */
export const reportEdits = sqliteTable(
  'report_edits',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Canonical period code (shared/periods.ts): 2023H1, 2023-05, 2023-01-01..2023-03-31. */
    period: text('period').notNull(),
    /** DraftParagraph.key: 'opening', 'study.1', 'problems'… */
    paragraphKey: text('paragraph_key').notNull(),
    text: text('text').notNull(),
    auto: text('auto').notNull(),
    editedBy: text('edited_by').notNull(),
    editedById: integer('edited_by_id'),
    editedAt: text('edited_at').notNull()
  },
  (t) => [uniqueIndex('report_edits_period_key_idx').on(t.period, t.paragraphKey)]
)
