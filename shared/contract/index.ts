// The one contract: every call the desk answers, by domain. A domain's entries live in the file of its name
// (shared/contract/<domain>.ts) and its handlers in handlers/<domain>/index.ts.
import type { z } from 'zod'
import type { Spec } from './define'
import { appContract } from './app'
import { auditContract } from './audit'
import { backupContract } from './backup'
import { calendarContract } from './calendar'
import { dashboardContract } from './dashboard'
import { demoContract } from './demo'
import { evidenceContract } from './evidence'
import { feedsContract } from './feeds'
import { jobsContract } from './jobs'
import { ledgerContract } from './ledger'
import { ledgerStatsContract } from './ledger-stats'
import { mentionsContract } from './mentions'
import { noticesContract } from './notices'
import { piecesContract } from './pieces'
import { quotasContract } from './quotas'
import { registriesContract } from './registries'
import { reportsContract } from './reports'
import { reviewContract } from './review'
import { seriesContract } from './series'
import { talliesContract } from './tallies'
import { usersContract } from './users'
import { watchContract } from './watch'
import { watchReportsContract } from './watch-reports'
import { watchWebhooksContract } from './watch-webhooks'

export * from './define'

/** Every domain, in one flat list: the merge below sees every name of every domain. */
export const domains = {
  app: appContract,
  audit: auditContract,
  backup: backupContract,
  calendar: calendarContract,
  dashboard: dashboardContract,
  demo: demoContract,
  evidence: evidenceContract,
  feeds: feedsContract,
  jobs: jobsContract,
  ledger: { ...ledgerContract, ...ledgerStatsContract },
  mentions: mentionsContract,
  notices: noticesContract,
  pieces: piecesContract,
  quotas: quotasContract,
  registries: registriesContract,
  reports: reportsContract,
  review: reviewContract,
  series: seriesContract,
  tallies: talliesContract,
  users: usersContract,
  // the 舆情 reports read what every watch change touches: one domain, so they reload with the rest of the watch
  watch: { ...watchContract, ...watchReportsContract, ...watchWebhooksContract }
}
export type Domain = keyof typeof domains

type Domains = typeof domains
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

const DOMAIN_OF: Record<string, Domain> = {}

/** Merge the domains; a name used twice is a programming error and stops the app at startup. */
function merge(parts: Domains): UnionToIntersection<Domains[Domain]> {
  const out: Record<string, Spec> = {}
  for (const [domain, part] of Object.entries(parts)) {
    for (const [name, s] of Object.entries(part as Record<string, Spec>)) {
      if (name in out) throw new Error(`handler name used twice: ${name} (in ${domain} and ${DOMAIN_OF[name]})`)
      out[name] = s
      DOMAIN_OF[name] = domain as Domain
    }
  }
  return out as UnionToIntersection<Domains[Domain]>
}

export const contract = merge(domains)

export type Contract = typeof contract
export type HandlerName = keyof Contract
/** The domain a handler belongs to (the contract file that declares it). */
export function domainOf(name: HandlerName): Domain {
  return DOMAIN_OF[name]
}
/** What a caller sends (defaults may be omitted). */
export type ArgsOf<K extends HandlerName> = z.input<Contract[K]['args']>
/** What a handler receives after validation. */
export type ParsedArgs<K extends HandlerName> = z.output<Contract[K]['args']>
export type ResultOf<K extends HandlerName> = Contract[K] extends Spec<z.ZodType, infer R> ? R : never
