// Every handler of the desk, in one flat list of domains: handlers/<domain>/index.ts implements
// shared/contract/<domain>.ts. registerHandlers checks every name once, and that each sits in its own domain.
import { registerHandlers } from './dispatch'
import { appHandlers } from './app'
import { auditHandlers } from './audit'
import { backupHandlers } from './backup'
import { calendarHandlers } from './calendar'
import { dashboardHandlers } from './dashboard'
import { demoHandlers } from './demo'
import { evidenceHandlers } from './evidence'
import { feedsHandlers } from './feeds'
import { jobsHandlers } from './jobs'
import { ledgerHandlers } from './ledger'
import { mentionsHandlers } from './mentions'
import { noticesHandlers } from './notices'
import { piecesHandlers } from './pieces'
import { quotasHandlers } from './quotas'
import { registriesHandlers } from './registries'
import { reportsHandlers } from './reports'
import { reviewHandlers } from './review'
import { seriesHandlers } from './series'
import { talliesHandlers } from './tallies'
import { usersHandlers } from './users'
import { watchHandlers } from './watch'

export const handlers = registerHandlers({
  app: appHandlers,
  audit: auditHandlers,
  backup: backupHandlers,
  calendar: calendarHandlers,
  dashboard: dashboardHandlers,
  demo: demoHandlers,
  evidence: evidenceHandlers,
  feeds: feedsHandlers,
  jobs: jobsHandlers,
  ledger: ledgerHandlers,
  mentions: mentionsHandlers,
  notices: noticesHandlers,
  pieces: piecesHandlers,
  quotas: quotasHandlers,
  registries: registriesHandlers,
  reports: reportsHandlers,
  review: reviewHandlers,
  series: seriesHandlers,
  tallies: talliesHandlers,
  users: usersHandlers,
  watch: watchHandlers
})

export { dispatch } from './dispatch'
export type { Ctx } from './context'
