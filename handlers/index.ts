import { mergeHandlers } from './registry'
import { profileHandlers } from './settings/profile'
import { pieceHandlers } from './pieces/pieces'
import { dashboardHandlers } from './dashboard/dashboard'
import { demoHandlers } from './demo/seed'

/** Every handler of the desk, one map; transports dispatch into it. */
export const handlers = mergeHandlers(profileHandlers, pieceHandlers, dashboardHandlers, demoHandlers)

export { dispatch } from './registry'
export type { Ctx } from './context'
