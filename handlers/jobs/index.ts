import { defineHandlers } from '../dispatch'
import { cancelJob, jobStatus } from './runner'

export const jobsHandlers = defineHandlers({
  'job-status': ({ id }, ctx) => jobStatus(ctx, id),
  'job-cancel': ({ id }, ctx) => cancelJob(ctx, id)
})
