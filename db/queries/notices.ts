// The notices table (the bell) and the group robots' deliveries.
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { notices, webhookDeliveries } from '../schema'
import type { NoticeItem, NoticeKind } from '../../shared/contract/notices'

export type DeliveryRow = typeof webhookDeliveries.$inferSelect

export function insertNotice(db: Db, n: { at: string; kind: NoticeKind; title: string; body: string; href: string }): number {
  return db.insert(notices).values(n).returning({ id: notices.id }).get().id
}

export function listNotices(db: Db, limit: number): NoticeItem[] {
  const rows = db.select().from(notices).orderBy(desc(notices.at), desc(notices.id)).limit(limit).all()
  return rows.map((r) => ({ id: r.id, at: r.at, kind: r.kind as NoticeKind, title: r.title, body: r.body, href: r.href, read: r.readAt !== null }))
}

export function countUnread(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(notices).where(isNull(notices.readAt)).get()?.n ?? 0
}

/** Marks these (or, with ids null, every unread notice) read; the number marked. */
export function markRead(db: Db, ids: number[] | null, at: string): number {
  const where = ids ? and(isNull(notices.readAt), inArray(notices.id, ids)) : isNull(notices.readAt)
  return db.update(notices).set({ readAt: at }).where(where).run().changes
}

/** Queue one message for a target, unless this subject was already queued for it (a re-graded mention, a second run). */
export function queueDelivery(
  db: Db,
  v: Pick<DeliveryRow, 'targetId' | 'kind' | 'subject' | 'message'>,
  at: string
): boolean {
  const seen = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.targetId, v.targetId), eq(webhookDeliveries.subject, v.subject)))
    .get()
  if (seen) return false
  db.insert(webhookDeliveries).values({ ...v, status: 'pending', nextAt: at, createdAt: at }).run()
  return true
}

export function dueDeliveries(db: Db, at: string, limit = 50): DeliveryRow[] {
  return db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAt, at)))
    .orderBy(asc(webhookDeliveries.nextAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all()
}

export function updateDelivery(db: Db, id: number, v: Partial<DeliveryRow>): void {
  db.update(webhookDeliveries).set(v).where(eq(webhookDeliveries.id, id)).run()
}

export function lastDelivery(db: Db, targetId: string): DeliveryRow | undefined {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.targetId, targetId))
    .orderBy(desc(sql`coalesce(${webhookDeliveries.sentAt}, ${webhookDeliveries.createdAt})`), desc(webhookDeliveries.id))
    .limit(1)
    .get()
}

export function deliveryCounts(db: Db, targetId: string): { pending: number; failed: number } {
  const rows = db
    .select({ status: webhookDeliveries.status, n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.targetId, targetId))
    .groupBy(webhookDeliveries.status)
    .all()
  const of = (s: string) => rows.find((r) => r.status === s)?.n ?? 0
  return { pending: of('pending'), failed: of('failed') }
}
