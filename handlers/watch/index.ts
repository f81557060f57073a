// The opinion watch's handler maps; handlers/index.ts merges them (and checks names are unique).
import { feedHandlers } from './feeds'
import { ruleHandlers } from './rules'
import { mentionHandlers } from './mentions'
import { alertHandlers } from './alerts'
import { watchSettingsHandlers } from './settings'

export const watchHandlers = [feedHandlers, ruleHandlers, mentionHandlers, alertHandlers, watchSettingsHandlers]
