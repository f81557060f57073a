// 存证 rows: one per successful fetch of a mention's page (written whole, in one statement), and the last failure.
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { Db } from '../open'
import { mentionSnapshotFailures, mentionSnapshots } from '../schema'

export type SnapshotRow = typeof mentionSnapshots.$inferSelect
export type NewSnapshot = Omit<SnapshotRow, 'id'>

/** Saves the snapshot and clears the mention's last failure, in the caller's transaction. */
export function insertSnapshot(db: Db, s: NewSnapshot): SnapshotRow {
  const row = db.insert(mentionSnapshots).values(s).returning().get()
  db.delete(mentionSnapshotFailures).where(eq(mentionSnapshotFailures.mentionId, s.mentionId)).run()
  return row
}

export function recordSnapshotFailure(db: Db, f: typeof mentionSnapshotFailures.$inferInsert): void {
  db.insert(mentionSnapshotFailures).values(f)
    .onConflictDoUpdate({ target: mentionSnapshotFailures.mentionId, set: { at: f.at, url: f.url, message: f.message } }).run()
}

type Listed = Omit<SnapshotRow, 'html' | 'pagePng' | 'pagePdf' | 'mentionId' | 'contentType'> & { htmlBytes: number; pagePngBytes: number | null; pagePdfBytes: number | null }

/** Without the raw HTML and the page image (they are only ever downloaded, one at a time): newest first. */
export function snapshotsOf(db: Db, mentionId: number): Listed[] {
  const { html: _html, pagePng: _png, pagePdf: _pdf, mentionId: _m, contentType: _c, ...cols } = getTableColumns(mentionSnapshots)
  return db.select({
    ...cols,
    htmlBytes: sql<number>`length(${mentionSnapshots.html})`,
    pagePngBytes: sql<number | null>`length(${mentionSnapshots.pagePng})`,
    pagePdfBytes: sql<number | null>`length(${mentionSnapshots.pagePdf})`
  }).from(mentionSnapshots).where(eq(mentionSnapshots.mentionId, mentionId))
    .orderBy(desc(mentionSnapshots.fetchedAt), desc(mentionSnapshots.id)).all()
}

/** One snapshot's page image (PNG) or PDF with its hash; undefined when the snapshot or its image is not there. */
export function snapshotPage(db: Db, mentionId: number, snapshotId: number, format: 'png' | 'pdf'): { bytes: Buffer; sha256: string; fetchedAt: string } | undefined {
  const [bytes, hash] = format === 'png' ? [mentionSnapshots.pagePng, mentionSnapshots.pagePngSha256] : [mentionSnapshots.pagePdf, mentionSnapshots.pagePdfSha256]
  const row = db.select({ bytes, sha256: hash, fetchedAt: mentionSnapshots.fetchedAt })
    .from(mentionSnapshots).where(and(eq(mentionSnapshots.id, snapshotId), eq(mentionSnapshots.mentionId, mentionId))).get()
  return row?.bytes && row.sha256 ? { bytes: row.bytes, sha256: row.sha256, fetchedAt: row.fetchedAt } : undefined
}

export function snapshotHtml(db: Db, mentionId: number, snapshotId: number): Pick<SnapshotRow, 'html' | 'fetchedAt' | 'finalUrl' | 'htmlSha256'> | undefined {
  return db.select({ html: mentionSnapshots.html, fetchedAt: mentionSnapshots.fetchedAt, finalUrl: mentionSnapshots.finalUrl, htmlSha256: mentionSnapshots.htmlSha256 })
    .from(mentionSnapshots).where(and(eq(mentionSnapshots.id, snapshotId), eq(mentionSnapshots.mentionId, mentionId))).get()
}

export function snapshotFailureOf(db: Db, mentionId: number): { at: string; url: string; message: string } | undefined {
  return db.select({ at: mentionSnapshotFailures.at, url: mentionSnapshotFailures.url, message: mentionSnapshotFailures.message })
    .from(mentionSnapshotFailures).where(eq(mentionSnapshotFailures.mentionId, mentionId)).get()
}

/** Of these mentions, the ones that already have a snapshot (the automatic 存证 keeps one, the officer may add more). */
export function mentionsWithSnapshot(db: Db, ids: number[]): Set<number> {
  if (ids.length === 0) return new Set()
  return new Set(db.selectDistinct({ id: mentionSnapshots.mentionId }).from(mentionSnapshots).where(inArray(mentionSnapshots.mentionId, ids)).all().map((r) => r.id))
}
