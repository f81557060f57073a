import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { sql } from 'drizzle-orm'

/**
 * The ledger (台账): one row per outgoing piece of work on any channel.
 * Columns shared by the import template are real columns (they are filtered and summed);
 * the rest of each channel's fields live in `extra`.
 */
export const pieces = sqliteTable(
  'pieces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * 记录标识: the record's identity across desks and files (16 hex digits, set once). An exported row carries it, so
     * importing the file again updates the record instead of adding a copy, and a file moved to another desk keeps it.
     * Nullable only because SQLite cannot add a NOT NULL column with a computed default; migration 0007 fills it.
     */
    uid: text('uid'),
    channel: text('channel').notNull(),
    title: text('title').notNull(),
    /** Effective date (published / shown / submitted / held): China calendar date 'YYYY-MM-DD'. */
    date: text('date').notNull(),
    status: text('status').notNull(),
    department: text('department').notNull().default(''),
    author: text('author').notNull().default(''),
    /** 媒体/平台: outlet for media, recipient for gov_report, screen location for led, account for online channels, kind for print/event. */
    venue: text('venue').notNull().default(''),
    outletLevel: text('outlet_level'),
    kind: text('kind'),
    /** 数量: copies printed / materials handed out. */
    quantity: integer('quantity'),
    /** 覆盖人次: people reached. */
    reach: integer('reach'),
    reads: integer('reads'),
    /** 合作版面: paid placements never count as 录用. */
    paid: integer('paid', { mode: 'boolean' }).notNull().default(false),
    link: text('link').notNull().default(''),
    notes: text('notes').notNull().default(''),
    body: text('body').notNull().default(''),
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    /** 补录: recorded after the work was carried out, past 草稿, without review in the desk (an explicit choice). */
    backfill: integer('backfill', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
    /**
     * 回收站: a deleted piece keeps its row (and its reviews and evidence) with who, when and why, and leaves every
     * list, count and report until it is restored or purged (彻底删除). Every query on pieces says `deleted_at IS NULL`.
     */
    deletedAt: text('deleted_at'),
    deletedBy: text('deleted_by'),
    deletedById: integer('deleted_by_id'),
    deletedReason: text('deleted_reason'),
    /** 重复: the series this piece is an occurrence of (piece_series), the rule's date it was made for, and whether
     * the officer changed it alone (编辑本条) — then 编辑此后全部 leaves it as it is. */
    seriesId: integer('series_id'),
    occurrence: text('occurrence'),
    seriesEdited: integer('series_edited', { mode: 'boolean' }).notNull().default(false)
  },
  (t) => [
    index('pieces_date_idx').on(t.date),
    index('pieces_channel_date_idx').on(t.channel, t.date),
    index('pieces_status_idx').on(t.status),
    uniqueIndex('pieces_uid_idx').on(t.uid),
    // The recycle bin lists only deleted rows: a partial index keeps it off a scan of the whole ledger.
    index('pieces_deleted_idx').on(t.deletedAt).where(sql`deleted_at IS NOT NULL`),
    // One piece per occurrence of a series, ever (a row in the 回收站 still holds its date): two runs of the
    // generator can never create the same occurrence twice.
    uniqueIndex('pieces_series_occurrence_idx').on(t.seriesId, t.occurrence)
  ]
)

/**
 * 重复稿件: a piece that repeats (每周工作动态, 每月专家坐诊信息, LED 药品价格公示). The rule is shared/series.ts; its
 * occurrences are ordinary pieces (series_id), created as 草稿 ahead of time by handlers/series/. `generatedThrough`
 * is the last occurrence date created: generation only moves past it, so an occurrence the officer deleted (even
 * purged) is never made again.
 */
export const pieceSeries = sqliteTable('piece_series', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  freq: text('freq').notNull(),
  interval: integer('interval').notNull().default(1),
  weekday: integer('weekday'),
  monthDay: integer('month_day'),
  startDate: text('start_date').notNull(),
  untilDate: text('until_date'),
  count: integer('count'),
  /** The piece fields every occurrence starts from (channel, title pattern with {日期}/{序号}, department, …). */
  template: text('template', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  generatedThrough: text('generated_through'),
  stoppedAt: text('stopped_at'),
  stoppedBy: text('stopped_by'),
  createdAt: text('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull()
})

export const pieceThemes = sqliteTable(
  'piece_themes',
  {
    pieceId: integer('piece_id').notNull().references(() => pieces.id, { onDelete: 'cascade' }),
    theme: text('theme').notNull()
  },
  (t) => [primaryKey({ columns: [t.pieceId, t.theme] }), index('piece_themes_theme_idx').on(t.theme)]
)

/** One row per review step taken (三审: 初审/复审/终审), plus submissions and administrator overrides. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pieceId: integer('piece_id').notNull().references(() => pieces.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    step: integer('step').notNull(),
    stepName: text('step_name').notNull(),
    reviewer: text('reviewer').notNull(),
    /** The deciding user's id; null for an outside name recorded by 代录 and for rows from before users existed. */
    reviewerId: integer('reviewer_id'),
    decision: text('decision').notNull(),
    comment: text('comment').notNull().default(''),
    at: text('at').notNull(),
    /** SHA-256 of the reviewed content at the moment of the decision (title, body, channel, date, fields, attachments). */
    contentHash: text('content_hash'),
    /** 代录: an officer recorded a decision made on paper; who recorded it and the scan attached as evidence. */
    proxy: integer('proxy', { mode: 'boolean' }).notNull().default(false),
    recordedBy: text('recorded_by').notNull().default(''),
    evidenceId: integer('evidence_id')
  },
  (t) => [index('reviews_piece_idx').on(t.pieceId)]
)

/** 佐证材料: files are stored content-addressed in the data folder; this row names one use of a file. */
export const evidence = sqliteTable(
  'evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pieceId: integer('piece_id').notNull().references(() => pieces.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mime: text('mime').notNull(),
    addedAt: text('added_at').notNull(),
    addedBy: text('added_by').notNull()
  },
  (t) => [index('evidence_piece_idx').on(t.pieceId)]
)

export const outlets = sqliteTable('outlets', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  level: text('level').notNull(),
  kind: text('kind').notNull()
})

/** 阵地管理: the hospital's own accounts and work groups, 谁建立谁负责. */
export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  platform: text('platform').notNull(),
  name: text('name').notNull(),
  department: text('department').notNull().default(''),
  owner: text('owner').notNull().default(''),
  createdDate: text('created_date'),
  registeredDate: text('registered_date'),
  status: text('status').notNull().default('在用')
})

export const quotas = sqliteTable('quotas', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  label: text('label').notNull(),
  channel: text('channel'),
  /** For media quotas: count only acceptances at this level or above (e.g. 省级 = 省级以上). */
  minLevel: text('min_level'),
  onlyAccepted: integer('only_accepted', { mode: 'boolean' }).notNull().default(false),
  period: text('period').notNull(),
  target: integer('target').notNull()
})

export const deadlines = sqliteTable('deadlines', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  dueDate: text('due_date').notNull(),
  doneAt: text('done_at'),
  notes: text('notes').notNull().default('')
})
