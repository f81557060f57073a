import { and, asc, between, eq } from 'drizzle-orm'
import type { Db } from '../open'
import { pieces } from '../schema'
import { LIVE } from './pieces'
import type { Channel, Status } from '../../shared/channels'
import type { StatCandidate } from '../../shared/contract/ledger-stats'

/** The live pieces of one channel dated from…to: what a platform export's rows may match. Uses pieces_channel_date_idx. */
export function statCandidates(db: Db, channel: Channel, from: string, to: string): StatCandidate[] {
  return db
    .select({ id: pieces.id, title: pieces.title, date: pieces.date, status: pieces.status, venue: pieces.venue, author: pieces.author, reads: pieces.reads })
    .from(pieces)
    .where(and(eq(pieces.channel, channel), between(pieces.date, from, to), LIVE))
    .orderBy(asc(pieces.date), asc(pieces.id))
    .all()
    .map((r) => ({ ...r, status: r.status as Status }))
}
