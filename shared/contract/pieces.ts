import { z } from 'zod'
import { spec } from './define'
import { calendarDate, httpLink, patchOf, rowId, shortText } from './fields'
import { CHANNEL_CODES, OUTLET_LEVELS, STATUS_CODES, type Channel, type Status } from '../channels'
import { ADMIN, ANYONE, OFFICER } from '../roles'

const count = z.number({ error: '须为数字' }).int({ message: '须为整数' }).min(0, { message: '不能为负数' }).max(1e9).nullable()

/** The longest 正文 a piece holds (characters). */
export const BODY_MAX = 100_000

export const pieceFields = z.object({
  channel: z.enum(CHANNEL_CODES, { error: '请选择渠道' }),
  title: z.string({ error: '请填写标题' }).trim().min(1, { message: '请填写标题' }).max(200, { message: '标题不能超过 200 字' }),
  date: calendarDate,
  status: z.enum(STATUS_CODES, { error: '状态无效' }).default('draft'),
  department: shortText(40).default(''),
  author: shortText(100).default(''),
  venue: shortText(100).default(''),
  outletLevel: z.enum(OUTLET_LEVELS, { error: '媒体级别须为 国家级/省级/市级/县级' }).nullable().default(null),
  kind: shortText(40).nullable().default(null),
  quantity: count.default(null),
  reach: count.default(null),
  reads: count.default(null),
  paid: z.boolean().default(false),
  link: httpLink.default(''),
  notes: shortText(5000).default(''),
  body: shortText(BODY_MAX).default(''),
  themes: z.array(shortText(20).min(1)).max(20).default([]),
  extra: z.record(z.string(), z.unknown()).default({}),
  /**
   * 补录: recording work already carried out (its review, if any, happened outside the desk). A new piece on a
   * channel with a review chain may start past 待审核 only with this set; it is labelled 补录 everywhere.
   */
  backfill: z.boolean().default(false)
})
export type PieceInput = z.input<typeof pieceFields>

export const pieceFilter = z.object({
  channel: z.enum(CHANNEL_CODES).optional(),
  status: z.enum(STATUS_CODES).optional(),
  theme: z.string().max(20).optional(),
  department: z.string().max(40).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  q: z.string().max(100).optional(),
  sort: z.enum(['date', 'title', 'channel', 'status', 'updatedAt']).default('date'),
  desc: z.boolean().default(true),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100)
})
export type PieceFilter = z.input<typeof pieceFilter>

export interface Piece {
  id: number
  /** 记录标识: the record's identity in exported files (see db/schema/ledger.ts). */
  uid: string
  channel: Channel
  title: string
  date: string
  status: Status
  department: string
  author: string
  venue: string
  outletLevel: string | null
  kind: string | null
  quantity: number | null
  reach: number | null
  reads: number | null
  paid: boolean
  link: string
  notes: string
  body: string
  themes: string[]
  extra: Record<string, unknown>
  /** 补录 (see pieceFields.backfill): set when created, never changed. */
  backfill: boolean
  /** 重复: the series (piece_series) this piece is an occurrence of, the rule's date it was made for, and whether it
   * was changed on its own (编辑本条), which 编辑此后全部 then leaves alone. */
  seriesId: number | null
  occurrence: string | null
  seriesEdited: boolean
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
}

export interface PiecePage {
  rows: Piece[]
  total: number
}

/**
 * 撤销: the audit rows one action wrote (a status change, a calendar drag, a bulk edit), as the action returned
 * them. piece-undo reverts exactly those, if nothing changed the pieces since; null = the action cannot be undone.
 */
export interface UndoToken {
  audit: number[]
}
export const undoToken = z.object({
  audit: z.array(z.number().int().positive()).min(1, { message: '没有可撤销的修改' }).max(1000)
})

/** What deleting a piece takes with it, for the question asked first. */
export interface DeletePreview {
  id: number
  title: string
  channel: Channel
  date: string
  status: Status
  evidence: string[]
  reviews: number
  /** Months the secretary signed that the deletion changes (asked first, as an edit is). */
  warnings: string[]
}

/** A piece in the 回收站. */
export interface TrashedPiece {
  id: number
  title: string
  channel: Channel
  date: string
  status: Status
  deletedAt: string
  deletedBy: string
  reason: string
  evidence: number
  reviews: number
}

export const deleteReason = z
  .string({ error: '请填写删除原因' })
  .trim()
  .min(2, { message: '请填写删除原因（如：重复登记、登记错误）' })
  .max(200, { message: '删除原因不能超过 200 字' })

export const piecesContract = {
  'piece-create': spec(OFFICER, pieceFields).returns<Piece>(),
  /**
   * `confirm`: the officer saw the warnings and saves anyway. Without it, an edit that would send an approved piece
   * back for review, or touches a month the secretary signed, fails with details `{ confirm: true, warnings }`.
   */
  'piece-update': spec(OFFICER, patchOf(pieceFields.omit({ backfill: true })).extend({ id: rowId, confirm: z.boolean().default(false) })).returns<Piece>(),
  'piece-get': spec(ANYONE, z.object({ id: rowId })).returns<Piece>(),
  /**
   * 删除 moves the piece to the 回收站 with the reason: it leaves every list, count and report until restored. A
   * piece dated in a signed month asks first (details { confirm, warnings }), as an edit does.
   */
  'piece-delete': spec(OFFICER, z.object({ id: rowId, reason: deleteReason, confirm: z.boolean().default(false) })).returns<{ id: number }>(),
  'piece-delete-check': spec(OFFICER, z.object({ id: rowId })).returns<DeletePreview>(),
  'piece-trash-list': spec(ANYONE, z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) })).returns<{ rows: TrashedPiece[]; total: number }>(),
  /** 恢复: back to the ledger exactly as it was (its reviews and evidence never left). Asks first in a signed month. */
  'piece-restore': spec(OFFICER, z.object({ id: rowId, confirm: z.boolean().default(false) })).returns<Piece>(),
  /** 彻底删除: the administrator removes a piece of the 回收站 for good, its evidence files from disk too. */
  'piece-purge': spec(ADMIN, z.object({ id: rowId })).returns<{ id: number; files: number }>(),
  /** A status change from the piece's detail (the form's rules), answering with its 撤销 token. */
  'piece-set-status': spec(OFFICER, z.object({ id: rowId, status: z.enum(STATUS_CODES, { error: '状态无效' }), confirm: z.boolean().default(false) })).returns<{ piece: Piece; undo: UndoToken | null }>(),
  /** 撤销 a status change, calendar drag or bulk edit (all or nothing; refused, naming the record, if changed since). */
  'piece-undo': spec(OFFICER, undoToken).returns<{ reverted: number }>(),
  'piece-list': spec(ANYONE, pieceFilter).returns<PiecePage>(),
  /** 改期: drag on the calendar, or 改期 in a piece's detail. */
  /** `warnings`: the LED lead time re-checked at the new date. */
  'piece-reschedule': spec(OFFICER, z.object({ id: rowId, date: calendarDate })).returns<Piece & { undo: UndoToken | null; warnings: string[] }>()
}
