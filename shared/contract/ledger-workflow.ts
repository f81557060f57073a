// Issue 3's contracts beyond the ledger table: workflow and review, evidence, calendar, registries, quotas.
// Gathered here so shared/contract/index.ts registers them in one line.
import { workflowContract } from './workflow'
import { evidenceContract } from './evidence'
import { calendarContract } from './calendar'
import { registriesContract } from './registries'
import { quotasContract } from './quotas'

export const ledgerWorkflowContract = { ...workflowContract, ...evidenceContract, ...calendarContract, ...registriesContract, ...quotasContract }
