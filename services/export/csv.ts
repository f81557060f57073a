// CSV as Chinese Excel reads and writes it: UTF-8 with a BOM (without it Excel shows mojibake), CRLF, RFC 4180
// quoting. Reading also accepts what old Excel and WPS save: GBK/GB18030 bytes, UTF-16 "Unicode text" (tabs).
import iconv from 'iconv-lite'

const BOM = '\ufeff'

function quoteField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** Rows of already-safe cell text → CSV bytes. */
export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(BOM + rows.map((r) => r.map(quoteField).join(',')).join('\r\n') + '\r\n', 'utf8')
}

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le'

/**
 * Bytes → text. A BOM decides; otherwise strict UTF-8, and bytes that are not valid UTF-8 are taken as GB18030
 * (a superset of GBK/GB2312, what Excel in a Chinese Windows writes for "CSV").
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'), encoding: 'gb18030' }
  }
}

/** The separator of the first line (outside quotes): comma, or tab / semicolon when those clearly dominate. */
function sniffDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 }
  let quoted = false
  for (let i = 0; i < text.length && i < 10_000; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && c in counts) counts[c]++
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t'
  if (counts[';'] > counts[',']) return ';'
  return ','
}

/** CSV text → rows of cells. Quoted fields may hold separators, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const delim = sniffDelimiter(text)
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else field += c
      i++
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === delim) {
      row.push(field)
      field = ''
    } else if (c === '\r' || c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      if (c === '\r' && text[i + 1] === '\n') i++
    } else field += c
    i++
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
