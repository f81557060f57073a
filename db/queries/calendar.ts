import { sql } from 'drizzle-orm'
import type { Db } from '../open'
import { LIVE_SQL } from './pieces'
import type { CalendarItem, DueItem } from '../../shared/contract/calendar'

// Pieces in the 回收站 are on no calendar and in no reminder.
const LIVE = sql.raw(LIVE_SQL)
const LIVE_P = sql.raw(`p.${LIVE_SQL}`)

/**
 * Pieces on the calendar between two dates: everything not withdrawn dated in the range, and LED pieces whose
 * display window overlaps it (a slogan shown 05-28 … 06-03 belongs to June's view too).
 */
export function calendarItems(db: Db, from: string, to: string): CalendarItem[] {
  return db.all<CalendarItem>(sql`
    SELECT id, channel, title, status, date,
      CASE WHEN channel = 'led' THEN coalesce(json_extract(extra, '$.displayStart'), date) ELSE date END AS start,
      CASE WHEN channel = 'led' THEN coalesce(json_extract(extra, '$.displayEnd'), json_extract(extra, '$.displayStart'), date) ELSE date END AS "end"
    FROM pieces
    WHERE status <> 'withdrawn' AND ${LIVE} AND (
      date BETWEEN ${from} AND ${to}
      OR (channel = 'led' AND coalesce(json_extract(extra, '$.displayStart'), date) <= ${to}
          AND coalesce(json_extract(extra, '$.displayEnd'), json_extract(extra, '$.displayStart'), date) >= ${from}))
    ORDER BY start, channel, id`)
}

/** Scheduled pieces whose date has come (on or before today). */
export function duePieces(db: Db, today: string): DueItem[] {
  return db.all<DueItem>(sql`SELECT id, channel, title, date FROM pieces WHERE status = 'scheduled' AND date <= ${today} AND ${LIVE} ORDER BY date, id`)
}

/** Drafts whose latest review round ended in a rejection: back with their author. */
export function returnedDrafts(db: Db): (DueItem & { comment: string })[] {
  return db.all<DueItem & { comment: string }>(sql`
    SELECT p.id, p.channel, p.title, p.date, r.comment
    FROM pieces p JOIN reviews r ON r.piece_id = p.id
    WHERE p.status = 'draft' AND ${LIVE_P} AND r.decision = 'rejected'
      AND r.round = (SELECT max(round) FROM reviews WHERE piece_id = p.id)
    ORDER BY r.at DESC`)
}

export function piecesInStatus(db: Db, status: string): DueItem[] {
  return db.all<DueItem>(sql`SELECT id, channel, title, date FROM pieces WHERE status = ${status} AND ${LIVE} ORDER BY date, id`)
}
