import type { z } from 'zod'
import type { Spec } from './define'
import { settingsContract } from './settings'
import { piecesContract } from './pieces'
import { dashboardContract } from './dashboard'
import { ledgerContract } from './ledger'
import { jobsContract } from './jobs'
import { backupContract } from './backup'
import { ledgerWorkflowContract } from './ledger-workflow'
import { feedsContract } from './feeds'
import { mentionsContract } from './mentions'
import { reportsContract } from './reports'
import { tallyContract } from './tallies'
import { usersContract } from './users'
import { auditContract } from './audit'

export * from './define'

/** Merge domain contracts; a name used twice is a programming error and stops the app at startup. */
function merge<T extends Record<string, Spec>[]>(...parts: T): UnionToIntersection<T[number]> {
  const out: Record<string, Spec> = {}
  for (const part of parts) {
    for (const [name, s] of Object.entries(part)) {
      if (name in out) throw new Error(`handler name used twice: ${name}`)
      out[name] = s
    }
  }
  return out as UnionToIntersection<T[number]>
}
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never

export const contract = merge(settingsContract, piecesContract, dashboardContract, ledgerContract, jobsContract, ledgerWorkflowContract, backupContract, feedsContract, mentionsContract, reportsContract, tallyContract, usersContract, auditContract)

export type Contract = typeof contract
export type HandlerName = keyof Contract
/** What a caller sends (defaults may be omitted). */
export type ArgsOf<K extends HandlerName> = z.input<Contract[K]['args']>
/** What a handler receives after validation. */
export type ParsedArgs<K extends HandlerName> = z.output<Contract[K]['args']>
export type ResultOf<K extends HandlerName> = Contract[K] extends Spec<z.ZodType, infer R> ? R : never
