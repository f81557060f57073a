import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core'

/**
 * Every notice the desk raised (舆情提醒, 到期提醒, 备份, 订阅源静默…), for the bell: kept across restarts, read or
 * unread for the whole desk (one office shares one inbox of alerts).
 */
export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** 'alert' | 'due' | 'backup' | 'silent' | 'webhook' | 'other' */
    kind: text('kind').notNull().default('other'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** An in-app link ('#/watch/inbox/12', '#/calendar/3'), or ''. */
    href: text('href').notNull().default(''),
    readAt: text('read_at')
  },
  (t) => [index('notices_at').on(t.at), index('notices_unread').on(t.readAt)]
)

/**
 * Messages to the office's group robots (企业微信/钉钉/飞书): one row per target and message, kept with its last
 * result, so a failed send is retried with backoff and shown in 设置 rather than lost.
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The target's id in the `watch-webhooks` setting. */
    targetId: text('target_id').notNull(),
    /** 'alert' | 'digest' | 'test' */
    kind: text('kind').notNull(),
    /** What the message is about: 'mention:12', 'digest:2023-06-15', 'test:…' (one row per target and subject). */
    subject: text('subject').notNull(),
    /** The message as plain fields (title, lines), formatted per platform when sent. */
    message: text('message', { mode: 'json' }).$type<{ title: string; lines: string[] }>().notNull(),
    /** 'pending' | 'sent' | 'failed' (failed: gave up after the last attempt) */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAt: text('next_at').notNull(),
    lastError: text('last_error'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at')
  },
  (t) => [index('webhook_deliveries_due').on(t.status, t.nextAt), index('webhook_deliveries_subject').on(t.targetId, t.subject)]
)
