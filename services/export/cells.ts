// Making cell text safe to hand to a spreadsheet. Shared by every export (ledger, tallies, reports).
//
// · Formula injection: Excel, WPS and LibreOffice treat a cell starting with = + - @ (and, once re-saved as CSV,
//   a leading tab or CR) as a formula. Such text gets a leading apostrophe (OWASP's advice); the officer sees the
//   text, nothing runs. Text that already starts with apostrophes before one of those characters gets one more,
//   so `restoreCell` can undo exactly what `neutralizeCell` did and export → import round-trips.
// · Control characters other than tab/newline/CR make an xlsx file unreadable; they are dropped, and so are
//   U+FFFE/U+FFFF and unpaired surrogates, which XML 1.0 (every xlsx/docx part) forbids just the same.
// · A cell holds at most 32,767 characters (Excel's limit); longer text is cut and marked.

export const MAX_CELL_CHARS = 32_767
export const TRUNCATED_MARK = '…（内容过长，已截断）'

const DANGEROUS_START = /^'*[=+\-@\t\r]/
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function neutralizeCell(s: string): string {
  return DANGEROUS_START.test(s) ? `'${s}` : s
}

/** The inverse of neutralizeCell, for reading back a file this desk (or a careful officer) wrote. */
export function restoreCell(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s
}

export function stripControls(s: string): string {
  return s.replace(CONTROL, '')
}

export function truncateCell(s: string, max = MAX_CELL_CHARS): string {
  if (s.length <= max) return s
  let cut = max - TRUNCATED_MARK.length
  // Never split a surrogate pair (an emoji or a rare character would turn into garbage).
  const c = s.charCodeAt(cut - 1)
  if (c >= 0xd800 && c <= 0xdbff) cut--
  return s.slice(0, cut) + TRUNCATED_MARK
}

/** Text as it may be written into any exported cell. Numbers and dates are not text and need none of this. */
export function safeCell(s: string): string {
  return truncateCell(neutralizeCell(stripControls(s)))
}
