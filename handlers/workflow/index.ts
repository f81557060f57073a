// Issue 3's handlers beyond the ledger table, gathered so handlers/index.ts registers them in one line.
import { reviewHandlers } from './review'
import { workflowSettingsHandlers } from './settings'
import { evidenceHandlers } from '../evidence/evidence'
import { calendarHandlers } from '../calendar/calendar'
import { registryHandlers } from '../registries/registries'
import { quotaHandlers } from '../quotas/quotas'

export const ledgerWorkflowHandlers = { ...reviewHandlers, ...workflowSettingsHandlers, ...evidenceHandlers, ...calendarHandlers, ...registryHandlers, ...quotaHandlers }
