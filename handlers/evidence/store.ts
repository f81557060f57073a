// The evidence store in the data folder: files under evidence/ab/abcdef… (their SHA-256, so a file attached
// twice is stored once), uploads in parts under evidence/uploads/<hex id>, thumbnails under evidence/thumbs/,
// and copies for the system viewer under evidence/open/<evidence id>/<clean name>. Every path is built from
// hex digits, numbers or a cleaned name and checked to lie inside the data folder before anything is written.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync, copyFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { UserError } from '../errors'
import { EVIDENCE_MAX_BYTES } from '../../shared/contract/evidence'
import { sanitizeFileName } from '../../services/evidence/files'

const STALE_UPLOAD_MS = 24 * 3600 * 1000

/** Refuse any path that is not inside the data folder (belt and braces: our paths are built from safe parts). */
export function inside(dataDir: string, ...parts: string[]): string {
  const root = resolve(dataDir)
  const p = resolve(root, ...parts)
  if (!p.startsWith(root + sep)) throw new Error(`path escapes the data folder: ${p}`)
  return p
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export function blobPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`)
  return inside(dataDir, 'evidence', sha.slice(0, 2), sha)
}

/** Store the bytes once under their hash; a second copy of the same file writes nothing. */
export function putBlob(dataDir: string, bytes: Uint8Array): string {
  const sha = sha256(bytes)
  const path = blobPath(dataDir, sha)
  if (existsSync(path) && statSync(path).size === bytes.length) return sha
  mkdirSync(inside(dataDir, 'evidence', sha.slice(0, 2)), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, bytes)
  renameSync(tmp, path) // atomic: a reader never sees half a file
  return sha
}

function mustExist(path: string): string {
  if (!existsSync(path)) throw new UserError('佐证文件已不在数据文件夹中（可能被手动删除），请重新上传')
  return path
}

export function readBlob(dataDir: string, sha: string): Buffer {
  return readFileSync(mustExist(blobPath(dataDir, sha)))
}

export function removeBlob(dataDir: string, sha: string): void {
  rmSync(blobPath(dataDir, sha), { force: true })
  rmSync(thumbPath(dataDir, sha), { force: true })
}

export function thumbPath(dataDir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`)
  return inside(dataDir, 'evidence', 'thumbs', sha)
}

export function putThumb(dataDir: string, sha: string, bytes: Uint8Array): void {
  mkdirSync(inside(dataDir, 'evidence', 'thumbs'), { recursive: true })
  writeFileSync(thumbPath(dataDir, sha), bytes)
}

function uploadPath(dataDir: string, uploadId: string): string {
  if (!/^[0-9a-f]{32}$/.test(uploadId)) throw new UserError('上传编号无效')
  return inside(dataDir, 'evidence', 'uploads', uploadId)
}

/** Forget uploads abandoned more than a day ago (a closed window mid-upload). */
function sweepUploads(dataDir: string, now: number): void {
  const dir = inside(dataDir, 'evidence', 'uploads')
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (now - statSync(p).mtimeMs > STALE_UPLOAD_MS) rmSync(p, { force: true })
  }
}

/** Append one part of an upload. Parts must arrive in order: `offset` is the size received so far. */
export function appendPart(dataDir: string, uploadId: string, offset: number, bytes: Uint8Array, now: number): number {
  const path = uploadPath(dataDir, uploadId)
  if (offset === 0) {
    sweepUploads(dataDir, now)
    mkdirSync(inside(dataDir, 'evidence', 'uploads'), { recursive: true })
    writeFileSync(path, bytes)
    return bytes.length
  }
  const have = existsSync(path) ? statSync(path).size : -1
  if (have < 0) throw new UserError('上传已过期或不存在，请重新选择文件上传')
  if (have !== offset) throw new UserError(`上传的分块顺序不对（已收到 ${have} 字节，这一块从 ${offset} 开始），请重新上传`)
  if (have + bytes.length > EVIDENCE_MAX_BYTES) {
    rmSync(path, { force: true })
    throw new UserError(`文件超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB 上限，请压缩或拆分后再上传`, { field: 'dataBase64' })
  }
  appendFileSync(path, bytes)
  return have + bytes.length
}

/** The whole of a finished upload; its staging file is removed. */
export function takeUpload(dataDir: string, uploadId: string): Buffer {
  const path = uploadPath(dataDir, uploadId)
  if (!existsSync(path)) throw new UserError('上传已过期或不存在，请重新选择文件上传')
  const bytes = readFileSync(path)
  rmSync(path, { force: true })
  return bytes
}

/** A copy under the file's own (clean) name, so the system viewer knows what opens it. */
export function openCopy(dataDir: string, evidenceId: number, sha: string, fileName: string): string {
  const dir = inside(dataDir, 'evidence', 'open', String(evidenceId))
  const path = inside(dataDir, 'evidence', 'open', String(evidenceId), sanitizeFileName(fileName))
  mkdirSync(dir, { recursive: true })
  copyFileSync(mustExist(blobPath(dataDir, sha)), path)
  return path
}
