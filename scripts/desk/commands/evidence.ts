// `desk evidence-add PIECE FILE…` and `desk evidence-list PIECE`: attach 佐证材料 from the command line. The CLI
// reads the file itself and sends its bytes through the same handlers as the app (in parts, like the page does),
// so names are cleaned, types checked and files stored content-addressed exactly the same way.
import { openSync, readSync, closeSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Command } from '../command'
import { dispatch, handlers, type Ctx } from '../../../handlers'
import { EVIDENCE_MAX_BYTES, EVIDENCE_PART_BYTES, type EvidenceItem } from '../../../shared/contract/evidence'

const out = (s: string): boolean => process.stdout.write(s + '\n')
const err = (s: string): boolean => process.stderr.write(s + '\n')

async function call<T>(ctx: Ctx, name: string, args: unknown): Promise<T> {
  const r = await dispatch(handlers, ctx, name, args)
  if (!r.ok) throw new Error(r.error.message)
  return r.value as T
}

async function attach(ctx: Ctx, pieceId: number, file: string): Promise<EvidenceItem> {
  const size = statSync(file).size
  if (size > EVIDENCE_MAX_BYTES) throw new Error(`“${basename(file)}”超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB 上限，请压缩或拆分后再上传`)
  const uploadId = randomBytes(16).toString('hex')
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(Math.min(EVIDENCE_PART_BYTES, Math.max(1, size)))
    for (let offset = 0; offset < size; ) {
      const n = readSync(fd, buf, 0, buf.length, offset)
      await call(ctx, 'evidence-upload-part', { uploadId, offset, dataBase64: buf.subarray(0, n).toString('base64') })
      offset += n
    }
  } finally {
    closeSync(fd)
  }
  if (size === 0) return call(ctx, 'evidence-add', { pieceId, fileName: basename(file), dataBase64: '' })
  return call(ctx, 'evidence-add', { pieceId, fileName: basename(file), uploadId })
}

export const evidenceCommands: Command[] = [
  {
    name: 'evidence-add',
    usage: 'evidence-add PIECE-ID FILE [FILE…]',
    summary: '给台账记录添加佐证材料（图片、PDF、Word、视频等，单个不超过 100 MB）',
    run: async (ctx, [id, ...files]) => {
      const pieceId = Number(id)
      if (!Number.isInteger(pieceId) || pieceId <= 0 || files.length === 0) {
        err('用法：evidence-add 台账编号 文件…，如：evidence-add 12 现场照片.jpg 签到表.pdf')
        return 2
      }
      let failed = 0
      for (const file of files) {
        try {
          const e = await attach(ctx, pieceId, file)
          out(`已添加：${e.fileName}（${e.size} 字节，${e.mime}）`)
        } catch (e) {
          failed++
          err(`未添加 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '找不到文件' : (e as Error).message}`)
        }
      }
      return failed ? 1 : 0
    }
  },
  {
    name: 'evidence-list',
    usage: 'evidence-list PIECE-ID',
    summary: '列出台账记录的佐证材料',
    run: async (ctx, [id]) => {
      try {
        const items = await call<EvidenceItem[]>(ctx, 'evidence-list', { pieceId: Number(id) })
        for (const e of items) out(`${e.id}\t${e.fileName}\t${e.size}\t${e.sha256.slice(0, 12)}…`)
        if (!items.length) out('（没有佐证材料）')
        return 0
      } catch (e) {
        err((e as Error).message)
        return 1
      }
    }
  }
]
