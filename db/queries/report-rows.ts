// The rows behind figures, fetched by id (drill-down lists, workbook sheets, the evidence list). Ids travel as one
// JSON array parameter, so any number of them is one statement, never a query per row.
import type { Db } from '../open'
import { LIVE_SQL } from './pieces'
import type { DrillAccount, DrillMention, DrillPiece } from '../../shared/contract/tallies'
import type { EvidenceItem } from '../../shared/contract/reports'

export interface Page {
  offset: number
  limit: number
}
const ALL: Page = { offset: 0, limit: -1 }

/** Pieces by id, oldest first, each with the names of its evidence files. */
export function piecesByIds(db: Db, ids: readonly number[], page: Page = ALL): DrillPiece[] {
  const rows = db.$client
    .prepare(
      `SELECT p.id, p.date, p.channel, p.title, p.status, p.department, p.venue, p.outlet_level AS outletLevel, p.kind,
         p.quantity, p.reach, p.reads, p.paid,
         (SELECT json_group_array(e.file_name) FROM (SELECT file_name FROM evidence e WHERE e.piece_id = p.id ORDER BY e.id) e) AS evidence
       FROM pieces p WHERE p.id IN (SELECT value FROM json_each(?)) AND p.${LIVE_SQL}
       ORDER BY p.date, p.id LIMIT ? OFFSET ?`
    )
    .all(JSON.stringify(ids), page.limit, page.offset) as (Omit<DrillPiece, 'evidence' | 'paid'> & { evidence: string; paid: 0 | 1 })[]
  return rows.map((r) => ({ ...r, paid: r.paid === 1, evidence: JSON.parse(r.evidence) as string[] }))
}

/** Mentions by id, by publication day. */
export function mentionsByIds(db: Db, ids: readonly number[], page: Page = ALL): DrillMention[] {
  return db.$client
    .prepare(
      `SELECT id, day, title, sentiment, grade, status, closed_at AS closedAt, link
       FROM mentions WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY day, id LIMIT ? OFFSET ?`
    )
    .all(JSON.stringify(ids), page.limit, page.offset) as DrillMention[]
}

export function accountsByIds(db: Db, ids: readonly number[], page: Page = ALL): DrillAccount[] {
  return db.$client
    .prepare(
      `SELECT id, platform, name, department, owner, status
       FROM accounts WHERE id IN (SELECT value FROM json_each(?))
       ORDER BY platform, name, id LIMIT ? OFFSET ?`
    )
    .all(JSON.stringify(ids), page.limit, page.offset) as DrillAccount[]
}

export type EvidenceRow = EvidenceItem

/** 佐证材料: every evidence file of the given pieces, by the piece's date. */
export function evidenceOfPieces(db: Db, pieceIds: readonly number[]): EvidenceRow[] {
  return db.$client
    .prepare(
      `SELECT e.id, e.file_name AS fileName, e.size, p.id AS pieceId, p.title, p.date, p.channel
       FROM evidence e JOIN pieces p ON p.id = e.piece_id
       WHERE e.piece_id IN (SELECT value FROM json_each(?)) AND p.${LIVE_SQL}
       ORDER BY p.date, p.id, e.id`
    )
    .all(JSON.stringify(pieceIds)) as EvidenceRow[]
}

/** Titles (and outlet) of pieces by id, oldest first — the names a report sentence quotes. */
export function titlesByIds(db: Db, ids: readonly number[], limit = 20): { title: string; venue: string; date: string; languages: string[] }[] {
  const rows = db.$client
    .prepare(
      `SELECT title, venue, date, CASE json_type(extra, '$.languages') WHEN 'array' THEN json_extract(extra, '$.languages') ELSE '[]' END AS languages
       FROM pieces WHERE id IN (SELECT value FROM json_each(?)) AND ${LIVE_SQL} ORDER BY date, id LIMIT ?`
    )
    .all(JSON.stringify(ids), limit) as { title: string; venue: string; date: string; languages: string }[]
  return rows.map((r) => ({ ...r, languages: JSON.parse(r.languages) as string[] }))
}

/** Negative or serious mentions published in [from, to] still open (新, 研判, 处置中): 重大 first, then 较大, oldest first. */
export function openCasesOf(db: Db, from: string, to: string): { id: number; title: string; grade: string; status: string }[] {
  return db.$client
    .prepare(
      `SELECT id, title, grade, status FROM mentions
       WHERE day BETWEEN ? AND ? AND status IN ('new', 'assessing', 'handling') AND (sentiment = '负面' OR grade IN ('较大', '重大'))
       ORDER BY CASE grade WHEN '重大' THEN 0 WHEN '较大' THEN 1 ELSE 2 END, day, id`
    )
    .all(from, to) as { id: number; title: string; grade: string; status: string }[]
}
