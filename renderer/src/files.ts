// Files between the officer's disk and the handlers: read a picked file as base64, save a handler's
// { fileName, base64 } through a Blob URL (the browser's own download; Electron shows its save dialog).
import { MAX_IMPORT_BYTES, type FilePayload } from '../../shared/contract/ledger'

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  // In slices: String.fromCharCode(...hugeArray) would overflow the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

/** The file picked for an import, read for its handler: 'too-big' past the import limit, null when none was picked. */
export async function pickedUpload(list: FileList | null): Promise<{ fileName: string; base64: string } | 'too-big' | null> {
  const picked = list?.[0]
  if (!picked) return null
  if (picked.size > MAX_IMPORT_BYTES) return 'too-big'
  return { fileName: picked.name, base64: await fileToBase64(picked) }
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
}

export function downloadPayload(p: FilePayload): void {
  const binary = atob(p.base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  const ext = p.fileName.split('.').pop()?.toLowerCase() ?? ''
  const url = URL.createObjectURL(new Blob([bytes], { type: MIME[ext] ?? 'application/octet-stream' }))
  const a = document.createElement('a')
  a.href = url
  a.download = p.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Give the download a moment to take the data before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
