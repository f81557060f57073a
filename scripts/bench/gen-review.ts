// How a piece reaches its status on the benchmark desk: through the review handlers (送审, each step 通过, then
// 发布) on channels that have a review chain, and with 佐证材料 attached through evidence-add where the office
// keeps proof (events, print runs, honours, meetings, accepted submissions).
import { deflateSync, crc32 } from 'node:zlib'
import { createPiece, changePiece } from '../../handlers/pieces/write'
import { handlers } from '../../handlers'
import { chainFor } from '../../handlers/pieces/transitions'
import { evidenceHandlers } from '../../handlers/evidence'
import { pieceFields, type PieceInput, type Piece } from '../../shared/contract/pieces'
import { addDays } from '../../shared/dates'
import type { Random } from '../../services/random'
import type { Ctx } from '../../handlers/context'
import type { Clock } from './clock'
import { REVIEWERS } from './words'
import { benchUser } from './bench-user'
import { ALL_STEPS } from '../../shared/roles'

/** The bench desk's reviewers are real users (谁审核谁负责): each decision is made by one of them, signed in. */
const reviewerCtxs = new WeakMap<object, Ctx[]>()
function reviewers(ctx: Ctx): Ctx[] {
  let list = reviewerCtxs.get(ctx.desk)
  if (!list) {
    list = REVIEWERS.map((name) => ({ ...ctx, user: benchUser(ctx, name, ['reviewer'], [ALL_STEPS]), actor: name }))
    reviewerCtxs.set(ctx.desk, list)
  }
  return list
}

const EVIDENCE_CHANNELS = new Set(['event', 'print', 'honor', 'meeting'])

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/** A small solid-colour PNG: a stand-in photo, a real image file the evidence store accepts and previews. */
function photo(rgb: [number, number, number]): Buffer {
  const w = 32
  const h = 24
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** Twelve distinct photos: the store keeps each once however many pieces cite it. */
const PHOTOS = Array.from({ length: 12 }, (_, i) => photo([40 + i * 17, 200 - i * 11, 90 + i * 9]).toString('base64'))

const at = (date: string, hhmm: string): string => `${date}T${hhmm}:00+08:00`

/** 送审 a few days ahead, each step 通过 the next working hours, then the status the piece ends in. */
function review(ctx: Ctx, clock: Clock, r: Random, piece: Piece, target: PieceInput['status']): void {
  const submitDay = addDays(piece.date, -r.int(1, 4))
  clock.set(at(submitDay, '10:15'))
  handlers['review-submit']({ id: piece.id }, ctx)
  if (target === 'pending') return
  const steps = chainFor(ctx.desk.db, piece).length
  for (let i = 0; i < steps; i++) {
    clock.set(at(submitDay, `${11 + i * 2}:${String(r.int(0, 59)).padStart(2, '0')}`))
    const by = reviewers(ctx)[Math.min(i, REVIEWERS.length - 1)]
    handlers['review-decide']({ id: piece.id, decision: 'approve', comment: i === steps - 1 ? '同意发布' : '' }, by)
  }
  if (target === 'approved') return
  clock.set(at(piece.date, '09:30'))
  changePiece(ctx, piece.id, { status: target })
}

function attach(ctx: Ctx, r: Random, piece: Piece): number {
  const n = r.int(1, 3)
  const first = r.int(0, PHOTOS.length - 1)
  for (let i = 0; i < n; i++) {
    const name = `${piece.date}_${piece.title.slice(0, 12)}_${i + 1}.png`
    evidenceHandlers['evidence-add']({ pieceId: piece.id, fileName: name, dataBase64: PHOTOS[(first + i) % PHOTOS.length] }, ctx)
  }
  return n
}

/** Creates one piece the way the office would have, returning how many review and evidence steps it took. */
export function recordPiece(ctx: Ctx, clock: Clock, r: Random, input: PieceInput): { piece: Piece; evidence: number } {
  const target = input.status ?? 'draft'
  const chained = chainFor(ctx.desk.db, { channel: input.channel, themes: input.themes ?? [] }).length > 0
  const viaReview = chained && target !== 'draft' && target !== 'withdrawn'
  clock.set(at(addDays(input.date, viaReview ? -5 : 0), '09:00'))
  let piece = createPiece(ctx, pieceFields.parse(viaReview ? { ...input, status: 'draft' } : input), 'create')
  if (viaReview) {
    review(ctx, clock, r, piece, target)
    piece = { ...piece, status: target }
  }
  const proof = EVIDENCE_CHANNELS.has(piece.channel) || (piece.channel === 'media' && piece.status === 'accepted')
  const evidence = proof && piece.status !== 'draft' && r.chance(0.8) ? attach(ctx, r, piece) : 0
  return { piece, evidence }
}
