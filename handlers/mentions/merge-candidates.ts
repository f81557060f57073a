// 合并到…: the events the officer may mean. Those published within a week either side of this one, the most
// similar first — the best MinHash similarity between any of their sources and any of this one's (the same
// signatures the clustering compares) — then the nearest in time.
import { UserError } from '../errors'
import { getMention, mergeCandidateRows, sourceSignaturesOf } from '../../db/queries/mentions'
import { decodeSignature, similarity } from '../../services/watch/cluster'
import type { GradeLabel, MentionStatus } from '../../shared/watch'
import type { MergeCandidate } from '../../shared/contract/mentions'
import type { Ctx } from '../context'

const WINDOW_MS = 7 * 24 * 3600_000
const SCANNED = 300
const OFFERED = 8

function signatures(text: readonly (string | null)[]): Uint32Array[] {
  return text.map((s) => decodeSignature(s)).filter((s): s is Uint32Array => s !== null)
}

function best(a: readonly Uint32Array[], b: readonly Uint32Array[]): number {
  let top = 0
  for (const x of a) for (const y of b) top = Math.max(top, similarity(x, y))
  return top
}

export function mergeCandidates(ctx: Ctx, id: number): MergeCandidate[] {
  const m = getMention(ctx.desk.db, id)
  if (!m) throw new UserError(`没有编号为 ${id} 的舆情`, { field: 'id' })
  const at = Date.parse(m.publishedAt)
  const from = new Date(at - WINDOW_MS).toISOString()
  const to = new Date(at + WINDOW_MS).toISOString()
  const mine = signatures(sourceSignaturesOf(ctx.desk.db, id))
  return mergeCandidateRows(ctx.desk.db, id, from, to, SCANNED)
    .map((r) => ({
      id: r.id, title: r.title, publishedAt: r.publishedAt, grade: r.grade as GradeLabel, status: r.status as MentionStatus, sourceCount: r.sourceCount,
      similarity: Math.round(best(mine, signatures((r.signatures ?? '').split('\n'))) * 100) / 100
    }))
    .sort((a, b) => b.similarity - a.similarity || Math.abs(Date.parse(a.publishedAt) - at) - Math.abs(Date.parse(b.publishedAt) - at))
    .slice(0, OFFERED)
}
