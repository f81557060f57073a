// What the half-year draft knows beyond its figures (services/report/draft.ts DraftFacts): 本院信息 from the
// profile, the serious mentions still open, the accounts with a 阵地管理 warning, the months' sign-offs, the
// quotas' channels, and the date the draft bears — the period's reporting deadline, not the day it is printed.
import { readProfile } from '../app'
import { accountWarnings } from '../registries'
import { listAccounts } from '../../db/queries/registries'
import { listDeadlines, listQuotas } from '../../db/queries/quotas'
import { openCasesOf } from '../../db/queries/report-rows'
import { addDays } from '../../shared/dates'
import { PROFILE_DEFAULTS, defaultCommission } from '../../shared/contract/app'
import type { DraftFacts } from '../../services/report/draft-input'
import type { MonthSignoff } from '../../shared/contract/reports'
import type { Period } from '../../shared/periods'
import type { Db } from '../../db/open'

/** A deadline in 工作期限 that is this period's summary: named so, and due within it or in the month and a half after. */
const SUMMARY_DEADLINE = /总结|半年|全年|年度|季度/
const AFTER_PERIOD_DAYS = 45

/**
 * The draft's date: the 工作期限 deadline for this period's summary (the latest such one due in the period or up
 * to 45 days after it); without one, the period's last day — the day the half-year's summary is reckoned to.
 */
export function reportDate(db: Db, period: Pick<Period, 'from' | 'to'>): string {
  const last = addDays(period.to, AFTER_PERIOD_DAYS)
  const due = listDeadlines(db)
    .filter((d) => SUMMARY_DEADLINE.test(d.title) && d.dueDate >= period.from && d.dueDate <= last)
    .map((d) => d.dueDate)
    .sort()
  return due.at(-1) ?? period.to
}

export function draftFacts(db: Db, period: Period, signoffs: MonthSignoff[]): DraftFacts {
  const profile = readProfile(db)
  const level = profile?.level ?? PROFILE_DEFAULTS.level
  return {
    hospital: {
      level,
      watchUnit: profile?.watchUnit || PROFILE_DEFAULTS.watchUnit,
      commission: profile?.commission || defaultCommission(level)
    },
    openMentions: openCasesOf(db, period.from, period.to),
    accounts: listAccounts(db)
      .filter((a) => a.status === '在用')
      .map((a) => ({ name: a.name, warnings: accountWarnings(a, period.to) }))
      .filter((a) => a.warnings.length > 0),
    signoffs,
    quotaChannels: Object.fromEntries(listQuotas(db).map((q) => [q.id, q.channel])),
    date: reportDate(db, period)
  }
}
