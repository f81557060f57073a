// 舆情监测 beyond the feeds and the inbox: the watch rules, its settings, the summary and digest, and 立即抓取.
import { defineHandlers } from '../dispatch'
import { pollDue } from '../feeds/poll'
import { ruleHandlers } from './rules'
import { alertHandlers } from './alerts'
import { watchSettingsHandlers } from './settings'
import { watchReportHandlers } from './reports'
import { webhookHandlers } from './webhooks'

const pollHandlers = defineHandlers({
  'watch-poll-now': (_a, ctx) => pollDue(ctx)
})

export const watchHandlers = [pollHandlers, ruleHandlers, alertHandlers, watchSettingsHandlers, watchReportHandlers, webhookHandlers]
