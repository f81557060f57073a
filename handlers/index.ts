import { mergeHandlers } from './registry'
import { profileHandlers } from './settings/profile'
import { pieceHandlers } from './pieces/pieces'
import { dashboardHandlers } from './dashboard/dashboard'
import { demoHandlers } from './demo/seed'
import { ledgerHandlers } from './ledger/ledger'
import { jobHandlers } from './jobs/jobs'
import { backupHandlers } from './backup/backup'
import { watchHandlers } from './watch'
import { ledgerWorkflowHandlers } from './workflow'
import { reportHandlers } from './reports/report'
import { tallyHandlers } from './tallies/tally'
import { signoffHandlers } from './tallies/signoff'
import { userHandlers } from './users/users'
import { auditHandlers } from './audit/audit'

/** Every handler of the desk, one map; transports dispatch into it. */
export const handlers = mergeHandlers(profileHandlers, pieceHandlers, dashboardHandlers, demoHandlers, ledgerHandlers, jobHandlers, backupHandlers, ...watchHandlers, ledgerWorkflowHandlers, reportHandlers, tallyHandlers, signoffHandlers, userHandlers, auditHandlers)

export { dispatch } from './registry'
export type { Ctx } from './context'
