// 佐证材料: attach files to a piece, list, preview, remove, and hand the Electron shell a path to open.
// Bytes arrive as base64 — whole, or in parts for big files — never as a path: the page is unprivileged, and a
// path argument would let it copy any file of the user's into the desk and read it back. The CLI reads the file
// itself and sends the bytes the same way.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { mustGetPiece } from '../pieces/write'
import { recordAudit } from '../../db/queries/audit'
import * as q from '../../db/queries/evidence'
import { appendPart, openCopy, putBlob, putThumb, readBlob, removeBlob, takeUpload, thumbPath } from './store'
import { classify, isInlineImage, sanitizeFileName, sniff } from '../../services/evidence/files'
import { EVIDENCE_INLINE_BYTES, EVIDENCE_MAX_BYTES, type EvidenceItem } from '../../shared/contract/evidence'
import { existsSync, readFileSync } from 'node:fs'
import type { Ctx } from '../context'

const toItem = (r: q.EvidenceRow): EvidenceItem => ({ ...r, isImage: isInlineImage(r.mime) })

function mustGetEvidence(ctx: Ctx, id: number): q.EvidenceRow {
  const row = q.getEvidence(ctx.desk.db, id)
  if (!row) throw new UserError(`找不到编号为 ${id} 的佐证材料，可能已被删除`, { field: 'id' })
  return row
}

function audit(ctx: Ctx, action: string, pieceId: number, changes: Record<string, unknown>): void {
  recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action, entity: 'piece', entityId: pieceId, changes })
}

export const evidenceHandlers = defineHandlers({
  'evidence-upload-part': ({ uploadId, offset, dataBase64 }, ctx) => ({
    received: appendPart(ctx.dataDir, uploadId, offset, Buffer.from(dataBase64, 'base64'), ctx.now().getTime())
  }),

  'evidence-add': ({ pieceId, fileName, dataBase64, uploadId, thumbBase64 }, ctx) => {
    const piece = mustGetPiece(ctx, pieceId)
    const bytes = uploadId ? takeUpload(ctx.dataDir, uploadId) : Buffer.from(dataBase64 ?? '', 'base64')
    if (bytes.length > EVIDENCE_MAX_BYTES) throw new UserError(`文件超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB 上限，请压缩或拆分后再上传`, { field: 'dataBase64' })
    const name = sanitizeFileName(fileName)
    const verdict = classify(name, bytes)
    if (!verdict.ok) throw new UserError(`《${name}》${verdict.reason}`, { field: 'dataBase64' })
    // The file goes in first: if the database write then fails, an unreferenced file is left, never a row
    // pointing at nothing.
    const sha = putBlob(ctx.dataDir, bytes)
    if (thumbBase64 && verdict.isImage) {
      const thumb = Buffer.from(thumbBase64, 'base64')
      const kind = sniff(thumb)
      if (kind === 'image/jpeg' || kind === 'image/png') putThumb(ctx.dataDir, sha, thumb)
    }
    return ctx.desk.tx(() => {
      const twin = q.sameFileOnPiece(ctx.desk.db, pieceId, sha)
      if (twin) throw new UserError(`《${piece.title}》已附有相同内容的文件“${twin.fileName}”`, { field: 'dataBase64' })
      const row = q.insertEvidence(ctx.desk.db, { pieceId, fileName: name, sha256: sha, size: bytes.length, mime: verdict.mime, addedAt: ctx.now().toISOString(), addedBy: ctx.actor })
      audit(ctx, 'evidence-add', pieceId, { evidenceId: row.id, fileName: name, size: bytes.length, sha256: sha })
      return toItem(row)
    })
  },

  'evidence-list': ({ pieceId }, ctx) => {
    mustGetPiece(ctx, pieceId)
    return q.listEvidence(ctx.desk.db, pieceId).map(toItem)
  },

  'evidence-remove': ({ id }, ctx) => {
    const row = mustGetEvidence(ctx, id)
    const unused = ctx.desk.tx(() => {
      q.deleteEvidence(ctx.desk.db, id)
      audit(ctx, 'evidence-remove', row.pieceId, { evidenceId: id, fileName: row.fileName, size: row.size, sha256: row.sha256 })
      return q.usesOf(ctx.desk.db, row.sha256) === 0
    })
    // Only after the commit: a rolled-back removal must still find its file.
    if (unused) removeBlob(ctx.dataDir, row.sha256)
    return { id }
  },

  'evidence-preview': ({ id }, ctx) => {
    const row = mustGetEvidence(ctx, id)
    if (!isInlineImage(row.mime)) return { dataUrl: null }
    const thumb = thumbPath(ctx.dataDir, row.sha256)
    if (existsSync(thumb)) {
      const bytes = readFileSync(thumb)
      return { dataUrl: `data:${sniff(bytes) ?? 'image/jpeg'};base64,${bytes.toString('base64')}` }
    }
    if (row.size > EVIDENCE_INLINE_BYTES) return { dataUrl: null }
    return { dataUrl: `data:${row.mime};base64,${readBlob(ctx.dataDir, row.sha256).toString('base64')}` }
  },

  'evidence-path': ({ id }, ctx) => {
    const row = mustGetEvidence(ctx, id)
    return { path: openCopy(ctx.dataDir, row.id, row.sha256, row.fileName) }
  }
})
