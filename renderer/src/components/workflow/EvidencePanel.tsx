// 佐证材料: upload (in parts for big files, with progress), thumbnails for images, 打开 in the system viewer when
// the desktop shell offers it, and removal.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { useQuery } from '../../hooks'
import { fileSize } from './labels'
import { EVIDENCE_MAX_BYTES, EVIDENCE_THUMB_BYTES, type EvidenceItem } from '../../../../shared/contract/evidence'

const T = {
  title: '佐证材料',
  hint: '照片、截图、扫描件、Word、PDF、视频均可，单个文件不超过 100 MB；同一文件只保存一份。',
  pick: '上传佐证材料',
  uploading: (name: string, pct: number) => `正在上传“${name}”… ${pct}%`,
  none: '还没有佐证材料。',
  open: '打开',
  remove: '删除',
  confirmRemove: (name: string) => `删除佐证材料“${name}”？`,
  tooBig: (name: string) => `“${name}”超过 100 MB，请压缩或拆分后再上传`,
  file: '文件'
}

/** Parts small enough for both transports (the HTTP bridge takes 16 MB a request). */
const PART = 4 * 1024 * 1024
const THUMB_EDGE = 240

/** The desktop shell may offer to open a stored file in the system viewer; the browser harness cannot. */
type Opener = { openEvidence?: (id: number) => Promise<unknown> }
const opener = (): Opener['openEvidence'] => (window.desk as (Window['desk'] & Opener) | undefined)?.openEvidence

function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(r.error)
    r.readAsDataURL(blob)
  })
}

/** A small JPEG of an image, drawn here so big photos need not travel back to be shown. */
async function thumbnail(file: File): Promise<string | undefined> {
  if (!/^image\/(png|jpeg|gif|webp|bmp)$/.test(file.type)) return undefined
  try {
    const img = await createImageBitmap(file)
    const scale = Math.min(1, THUMB_EDGE / Math.max(img.width, img.height))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.width * scale))
    canvas.height = Math.max(1, Math.round(img.height * scale))
    canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height)
    const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, 'image/jpeg', 0.8))
    return blob && blob.size <= EVIDENCE_THUMB_BYTES ? base64Of(blob) : undefined
  } catch {
    return undefined // not decodable here: the server still stores the file, it just shows no thumbnail
  }
}

function uploadId(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('')
}

function Thumb({ item }: { item: EvidenceItem }) {
  const preview = useQuery('evidence-preview', item.isImage ? { id: item.id } : null)
  const url = preview.data?.dataUrl
  const ext = item.fileName.includes('.') ? item.fileName.split('.').pop()!.toUpperCase() : T.file
  return <div className="evidence-thumb">{url && url.startsWith('data:image/') ? <img src={url} alt={item.fileName} /> : <span aria-hidden>{ext}</span>}</div>
}

export function EvidencePanel({ pieceId, onActed }: { pieceId: number; onActed: () => void }) {
  const list = useQuery('evidence-list', { pieceId })
  const [progress, setProgress] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const open = opener()
  useEffect(() => setError(null), [pieceId])

  async function upload(file: File): Promise<string | null> {
    if (file.size > EVIDENCE_MAX_BYTES) return T.tooBig(file.name)
    const thumbBase64 = await thumbnail(file)
    setProgress(T.uploading(file.name, 0))
    if (file.size <= PART) {
      const r = await invoke('evidence-add', { pieceId, fileName: file.name, dataBase64: await base64Of(file), thumbBase64 })
      return r.ok ? null : r.error.message
    }
    const id = uploadId()
    for (let offset = 0; offset < file.size; offset += PART) {
      const r = await invoke('evidence-upload-part', { uploadId: id, offset, dataBase64: await base64Of(file.slice(offset, offset + PART)) })
      if (!r.ok) return r.error.message
      setProgress(T.uploading(file.name, Math.round((r.value.received / file.size) * 100)))
    }
    const r = await invoke('evidence-add', { pieceId, fileName: file.name, uploadId: id, thumbBase64 })
    return r.ok ? null : r.error.message
  }

  async function onFiles(files: FileList | null) {
    const problems: string[] = []
    for (const f of Array.from(files ?? [])) {
      const p = await upload(f)
      if (p) problems.push(p)
    }
    setProgress(null)
    setError(problems.length ? problems.join('\n') : null)
    onActed()
  }

  async function remove(item: EvidenceItem) {
    if (!window.confirm(T.confirmRemove(item.fileName))) return
    const r = await invoke('evidence-remove', { id: item.id })
    setError(r.ok ? null : r.error.message)
    onActed()
  }

  const items = list.data ?? []
  return (
    <section className="card panel" aria-label={T.title}>
      <h2>{T.title}<span className="badge">{items.length}</span></h2>
      <p className="muted small">{T.hint}</p>
      {/* The native file input says "Choose Files" in English: it stays hidden inside a button-like label. */}
      <label className={`upload-button${progress !== null ? ' busy' : ''}`}>
        {T.pick}…
        <input
          className="visually-hidden"
          type="file"
          multiple
          disabled={progress !== null}
          onChange={(e) => {
            void onFiles(e.target.files)
            e.target.value = ''
          }}
        />
      </label>
      {progress && <p role="status" className="muted">{progress}</p>}
      {error && <div className="form-error pre-line" role="alert">{error}</div>}
      {list.data && items.length === 0 && <p className="muted small">{T.none}</p>}
      <div className="evidence-list">
        {items.map((item) => (
          <div key={item.id} className="evidence-item" data-testid="evidence-item">
            <Thumb item={item} />
            <div className="evidence-name" title={item.fileName}>{item.fileName}</div>
            <div className="muted">{fileSize(item.size)}</div>
            <div className="row">
              {open && <button className="link" onClick={() => void open(item.id)}>{T.open}</button>}
              <button className="link" onClick={() => void remove(item)}>{T.remove}</button>
            </div>
          </div>
        ))}
      </div>
    </section>
  )
}
