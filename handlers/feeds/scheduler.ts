// The feed-polling duty's clock (handlers/background.ts starts it with the desk): polling acts as the desk itself
// ('系统（定时抓取）' in the trail), whoever is signed in at the window — or nobody.
import { pollDue } from './poll'
import { createClock, type Clock } from '../clock'
import type { PollReport } from '../../shared/contract/feeds'
import { systemContext, type Ctx } from '../context'

export interface SchedulerOptions {
  /** How often due feeds are looked for. Each feed still waits its own interval. Default 60 s. */
  tickMs?: number
  /** Delay before the first poll, so starting the app stays quick. Default 5 s. */
  firstDelayMs?: number
  /** Called with the duty's own context. */
  poll?: (ctx: Ctx) => Promise<PollReport>
  onReport?: (r: PollReport) => void
  onError?: (e: unknown) => void
}

export type Scheduler = Clock

/** `ctx` only lends the desk, data folder, clock and transport. */
export function createScheduler(ctx: Ctx, o: SchedulerOptions = {}): Scheduler {
  const duty = systemContext(ctx, '系统（定时抓取）')
  const poll = o.poll ?? ((c: Ctx) => pollDue(c))
  return createClock(() => poll(duty).then((r) => o.onReport?.(r)), { firstDelayMs: o.firstDelayMs ?? 5_000, everyMs: o.tickMs ?? 60_000 }, o.onError)
}
