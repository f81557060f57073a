import { z } from 'zod'
import { spec } from './define'
import { rowId } from './fields'
import { ANYONE, OFFICER } from '../roles'

/** 佐证材料 limits: one file up to 100 MB; sent in parts of up to 8 MB so no single message is huge. */
export const EVIDENCE_MAX_BYTES = 100 * 1024 * 1024
export const EVIDENCE_PART_BYTES = 8 * 1024 * 1024
/** Images up to this size are shown inline (as a data: URL) when no thumbnail was made. */
export const EVIDENCE_INLINE_BYTES = 2 * 1024 * 1024
export const EVIDENCE_THUMB_BYTES = 256 * 1024

const b64len = (bytes: number) => Math.ceil(bytes / 3) * 4
const base64 = (maxBytes: number, what: string) =>
  z
    .string({ error: '文件内容缺失' })
    .max(b64len(maxBytes), { message: `${what}超过 ${Math.round(maxBytes / 1024 / 1024) || 1} MB 上限` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容不是有效的 base64 编码' })
/** Chosen by the renderer for one upload; only hex, so it can never name a path. */
export const uploadId = z.string().regex(/^[0-9a-f]{32}$/, { message: '上传编号无效' })

export const evidenceAddArgs = z
  .object({
    pieceId: rowId,
    fileName: z.string({ error: '请提供文件名' }).min(1, { message: '请提供文件名' }).max(1000, { message: '文件名太长' }),
    /** The whole file, for files sent in one go … */
    dataBase64: base64(EVIDENCE_MAX_BYTES, '文件').optional(),
    /** … or the id of an upload whose parts were sent with evidence-upload-part. */
    uploadId: uploadId.optional(),
    /** A small JPEG/PNG preview the renderer drew for an image (optional). */
    thumbBase64: base64(EVIDENCE_THUMB_BYTES, '缩略图').optional()
  })
  .refine((a) => (a.dataBase64 === undefined) !== (a.uploadId === undefined), { message: '请提供文件内容', path: ['dataBase64'] })

export interface EvidenceItem {
  id: number
  pieceId: number
  fileName: string
  sha256: string
  size: number
  mime: string
  isImage: boolean
  addedAt: string
  addedBy: string
}

export const evidenceContract = {
  'evidence-add': spec(OFFICER, evidenceAddArgs).returns<EvidenceItem>(),
  'evidence-upload-part': spec(OFFICER, z.object({ uploadId, offset: z.number().int().min(0), dataBase64: base64(EVIDENCE_PART_BYTES, '分块') })).returns<{ received: number }>(),
  'evidence-list': spec(ANYONE, z.object({ pieceId: rowId })).returns<EvidenceItem[]>(),
  'evidence-remove': spec(OFFICER, z.object({ id: rowId })).returns<{ id: number }>(),
  'evidence-preview': spec(ANYONE, z.object({ id: rowId })).returns<{ dataUrl: string | null }>(),
  /** A copy of the file under its own name inside the data folder, for the system viewer (Electron only). */
  'evidence-path': spec(ANYONE, z.object({ id: rowId })).returns<{ path: string }>()
}
