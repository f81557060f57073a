// What a 佐证材料 file is and what it may be called. Pure: no file system here.
//
// Names come from the officer's machine (or from an attacker who got into the page), so they are cleaned before
// they are stored or used as a file name: no folder parts (path traversal), no control or bidi characters (a
// name like "报告\u202Efdp.exe" shows as "报告exe.pdf"), none of Windows' forbidden characters or reserved device
// names (CON, NUL, COM1 …), no trailing dots or spaces, and a sane length. Files are stored under their SHA-256,
// never under this name; the name is only shown and used for the copy opened in the system viewer.

const MAX_NAME = 120
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i

export function sanitizeFileName(raw: string): string {
  let name = raw.normalize('NFC')
  name = name.split(/[\\/]/).pop() ?? ''
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
  name = name.replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
  name = name.replace(/[<>:"|?*]/g, '_')
  name = name.trim().replace(/[. ]+$/, '').replace(/^[. ]+/, '')
  if (!name) return '未命名文件'
  const dot = name.lastIndexOf('.')
  let base = dot > 0 ? name.slice(0, dot) : name
  const ext = dot > 0 ? name.slice(dot) : ''
  if (RESERVED.test(base.split('.')[0].trim())) base = `_${base}`
  if (base.length + ext.length > MAX_NAME) base = base.slice(0, Math.max(1, MAX_NAME - ext.length))
  return base + ext.slice(0, 16)
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

/** The file types evidence may be: images, documents, video, audio, archives. Everything else is refused. */
export const ALLOWED_EXTENSIONS: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
  heic: 'image/heic', heif: 'image/heif', tif: 'image/tiff', tiff: 'image/tiff',
  pdf: 'application/pdf', ofd: 'application/ofd', doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  wps: 'application/vnd.ms-works', et: 'application/vnd.ms-excel', dps: 'application/vnd.ms-powerpoint',
  odt: 'application/vnd.oasis.opendocument.text', rtf: 'application/rtf', txt: 'text/plain', csv: 'text/csv',
  mp4: 'video/mp4', m4v: 'video/mp4', mov: 'video/quicktime', avi: 'video/x-msvideo', wmv: 'video/x-ms-wmv',
  mkv: 'video/x-matroska', webm: 'video/webm', flv: 'video/x-flv', '3gp': 'video/3gpp', mpg: 'video/mpeg', mpeg: 'video/mpeg',
  mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', aac: 'audio/aac', amr: 'audio/amr', wma: 'audio/x-ms-wma',
  zip: 'application/zip', rar: 'application/vnd.rar', '7z': 'application/x-7z-compressed'
}

/** Images the renderer may show inline (as a data: URL), recognised by their bytes, never by their name. */
const INLINE_IMAGES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp']

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((x, i) => b[at + i] === x)
}
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0))

/** The type the bytes say they are (null when they do not say). */
export function sniff(b: Uint8Array): string | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47])) return 'image/png'
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(b, ascii('GIF8'))) return 'image/gif'
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp'
  if (startsWith(b, ascii('BM')) && b.length > 26) return 'image/bmp'
  if (startsWith(b, ascii('%PDF'))) return 'application/pdf'
  if (startsWith(b, ascii('ftyp'), 4)) return startsWith(b, ascii('qt'), 8) ? 'video/quicktime' : 'video/mp4'
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip'
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0])) return 'application/x-ole-storage'
  return null
}

/** Programs, whatever they are called: opening one from the evidence list would run it. */
export function isProgram(b: Uint8Array): boolean {
  return startsWith(b, ascii('MZ')) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe])
}

export type FileVerdict = { ok: true; mime: string; isImage: boolean } | { ok: false; reason: string }

/** Decide whether these bytes under this (clean) name may be evidence, and what type they are. */
export function classify(name: string, b: Uint8Array): FileVerdict {
  const ext = extensionOf(name)
  if (b.length === 0) return { ok: false, reason: '文件是空的' }
  if (isProgram(b)) return { ok: false, reason: '这是一个可执行程序，不能作为佐证材料' }
  const byName = ALLOWED_EXTENSIONS[ext]
  if (!byName) {
    return { ok: false, reason: `不支持的文件类型${ext ? `“.${ext}”` : '（没有扩展名）'}：佐证材料可以是图片、PDF、Word/Excel/PPT、视频、音频或压缩包` }
  }
  const byBytes = sniff(b)
  // Container formats (zip, OLE) hold Office files: keep the name's more precise type. An inline image type is
  // only ever taken from the bytes, so whatever is shown as an image really is one.
  const container = byBytes === 'application/zip' || byBytes === 'application/x-ole-storage'
  const mime = byBytes && !container ? byBytes : INLINE_IMAGES.includes(byName) ? 'application/octet-stream' : byName
  return { ok: true, mime, isImage: isInlineImage(mime) }
}

export function isInlineImage(mime: string): boolean {
  return INLINE_IMAGES.includes(mime)
}
