// 签阅后修改: a change to a piece dated in a month the secretary already signed is allowed, but the officer is told
// before saving (the tally then marks the month 签阅后有变动).
import { getSignoff } from '../../db/queries/signoffs'
import type { Db } from '../../db/open'

/** e.g. ['2023年5月已由王书记签阅，修改将在统计中标出'] for the months of these dates that were signed. */
export function signedMonthWarnings(db: Db, dates: (string | null | undefined)[]): string[] {
  const months = [...new Set(dates.filter((d): d is string => typeof d === 'string' && d.length >= 7).map((d) => d.slice(0, 7)))].sort()
  return months.flatMap((m) => {
    const s = getSignoff(db, m)
    return s ? [`${m.slice(0, 4)}年${Number(m.slice(5, 7))}月已由${s.signedBy}签阅，修改将在统计中标出`] : []
  })
}
