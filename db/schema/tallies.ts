import { sqliteTable, text, integer, blob, index, uniqueIndex } from 'drizzle-orm/sqlite-core'

/**
 * 已阅: each time the party secretary signs a month, a new version with the figures exactly as signed, the audit
 * chain head at that moment, and who signed (re-entering their password). Earlier versions are kept.
 */
export const signoffVersions = sqliteTable(
  'signoff_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    version: integer('version').notNull(),
    signedBy: text('signed_by').notNull(),
    signedById: integer('signed_by_id'),
    signedAt: text('signed_at').notNull(),
    comment: text('comment').notNull().default(''),
    figures: text('figures', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** The audit row id and hash the signature covers (0 / '' for sign-offs made before the chain existed). */
    auditHeadId: integer('audit_head_id').notNull().default(0),
    auditHead: text('audit_head').notNull().default('')
  },
  (t) => [uniqueIndex('signoff_versions_month_idx').on(t.month, t.version)]
)

/** 定稿: the secretary finalizes a half-year; the figures, the generated files (byte for byte) and the audit head. */
export const halfyearFinals = sqliteTable(
  'halfyear_finals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    signedBy: text('signed_by').notNull(),
    signedById: integer('signed_by_id'),
    signedAt: text('signed_at').notNull(),
    comment: text('comment').notNull().default(''),
    figures: text('figures', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    /** Each month of the half-year as it stood at 定稿: signed (version), not signed, changed since signing. */
    months: text('months', { mode: 'json' }).$type<unknown[]>().notNull(),
    docx: blob('docx', { mode: 'buffer' }).notNull(),
    xlsx: blob('xlsx', { mode: 'buffer' }).notNull(),
    docxSha256: text('docx_sha256').notNull(),
    xlsxSha256: text('xlsx_sha256').notNull(),
    auditHeadId: integer('audit_head_id').notNull(),
    auditHead: text('audit_head').notNull()
  },
  (t) => [index('halfyear_finals_period_idx').on(t.period, t.version)]
)
