// Feed dates are parsed by hand rather than with `new Date(string)`: V8 reads a date without a zone as
// *local* time, so the same feed would give different instants on the officer's PC and in CI, and it reads
// "CST" as US Central while Chinese servers mean China Standard Time.

const CHINA_OFFSET_MIN = 8 * 60
const EARLIEST = Date.UTC(1990, 0, 1)
const MAX_FUTURE_MS = 2 * 24 * 3600 * 1000

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12
}
// RFC 822 zone names; CST is China's here, which is what a Chinese feed that writes it means.
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, cst: 480, bjt: 480, hkt: 480, edt: -240, est: -300, cdt: -300,
  mdt: -360, mst: -420, pdt: -420, pst: -480, jst: 540, kst: 540
}

/** Milliseconds since epoch, or null when a field is out of range (2月30日 must not roll into March). */
function instant(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number): number | null {
  // Years below 100 are refused: Date.UTC would read them as 19xx.
  if (!(y >= 100 && y <= 9999) || !(mo >= 1 && mo <= 12) || !(d >= 1 && d <= daysInMonth(y, mo))) return null
  if (h > 23 || mi > 59 || s > 60) return null
  return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMin * 60_000
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
function daysInMonth(y: number, mo: number): number {
  return mo === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : MONTH_DAYS[mo - 1]
}

function offsetFrom(zone: string | undefined): number | null {
  if (!zone) return CHINA_OFFSET_MIN
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]))
  return ZONES[zone.toLowerCase()] ?? null
}

// 2024年1月2日 08:00 / 2024年01月02日 8时5分
const CHINESE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/
// 2024-01-02, 2024/1/2 08:00:00, 2024-01-02T08:00:00.000+08:00, 2024-01-02 08:00 Z
const NUMERIC =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?$/i
// Tue, 02 Jan 2024 08:00:00 +0800 (the weekday is optional and ignored: feeds get it wrong)
const RFC822 =
  /^(?:[A-Za-z]{2,9},?\s*)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?/

// Anything but single spaces between the parts: collapsed before the patterns are tried.
const ODD_SPACE = /\s\s|[^\S ]/

/** Parses a feed's date string to epoch ms; dates without a zone are China time. Null when unreadable. */
export function parseFeedDate(raw: string | null | undefined): number | null {
  const trimmed = (raw ?? '').trim()
  const s = ODD_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed
  if (!s || s.length > 100) return null
  let m = s.includes('年') ? CHINESE.exec(s) : null
  if (m) return instant(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), CHINA_OFFSET_MIN)
  m = NUMERIC.exec(s)
  if (m) {
    const off = offsetFrom(m[7])
    return off === null ? null : instant(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), off)
  }
  m = RFC822.exec(s)
  if (m) {
    const month = MONTHS[m[2].toLowerCase()]
    const off = offsetFrom(m[7])
    if (!month || off === null) return null
    // Only a year written with two digits ("20 Jan 24") is short for 19xx/20xx; "0000" stays year 0 (absurd).
    const year = m[3].length === 2 ? +m[3] + (+m[3] < 70 ? 2000 : 1900) : +m[3]
    return instant(year, month, +m[1], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), off)
  }
  return null
}

/** ISO string for an item: unreadable dates, and absurd ones (before 1990, or over 2 days ahead), become fetchedAt. */
export function itemDate(raw: string | null | undefined, fetchedAt: Date): string {
  const ms = parseFeedDate(raw)
  const ok = ms !== null && ms >= EARLIEST && ms <= fetchedAt.getTime() + MAX_FUTURE_MS
  return new Date(ok ? ms : fetchedAt.getTime()).toISOString()
}
