import { defineHandlers } from '../registry'
import { jobStatus } from './registry'

export const jobHandlers = defineHandlers({
  'job-status': ({ id }, ctx) => jobStatus(ctx, id)
})
