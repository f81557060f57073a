// A file the CLI hands to an import handler: read whole, or refused with its message and exit code — 2 when it
// cannot be read (the command line named it wrong), 1 when it is over the import's size limit.
import { readFileSync } from 'node:fs'
import { MAX_IMPORT_BYTES } from '../../shared/contract/ledger'

export function readUploadFile(file: string, tooBigAdvice = ''): { bytes: Buffer } | { code: 1 | 2 } {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    process.stderr.write(`无法读取文件：${file}\n`)
    return { code: 2 }
  }
  if (bytes.length > MAX_IMPORT_BYTES) {
    process.stderr.write(`文件过大（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）${tooBigAdvice}\n`)
    return { code: 1 }
  }
  return { bytes }
}
