// The polling clock of the Electron main process (never the renderer). A setTimeout chain rather than
// setInterval: a slow poll never overlaps the next, and after the laptop sleeps `kick()` (on powerMonitor
// 'resume') polls at once instead of waiting out a timer that slept too.
import { pollDue } from './poll'
import type { PollReport } from '../../shared/contract/feeds'
import { systemContext, type Ctx } from '../context'

export interface SchedulerOptions {
  /** How often due feeds are looked for. Each feed still waits its own interval. Default 60 s. */
  tickMs?: number
  /** Delay before the first poll, so starting the app stays quick. Default 5 s. */
  firstDelayMs?: number
  /** Called with the duty's own context (see createScheduler). */
  poll?: (ctx: Ctx) => Promise<PollReport>
  onReport?: (r: PollReport) => void
  onError?: (e: unknown) => void
}

export interface Scheduler {
  start(): void
  /** Poll now (after resume from sleep, or when the officer asks); coalesces with a poll under way. */
  kick(): void
  /** Stops the clock and waits for a poll under way to finish. */
  stop(): Promise<void>
  readonly running: boolean
}

/**
 * Polling is a background duty: it acts as the desk itself ('系统（定时抓取）' in the trail), whoever is signed in at
 * the window — or nobody. `ctx` only lends the desk, data folder, clock and transport.
 */
export function createScheduler(ctx: Ctx, o: SchedulerOptions = {}): Scheduler {
  const duty = systemContext(ctx, '系统（定时抓取）')
  const tickMs = o.tickMs ?? 60_000
  const poll = o.poll ?? ((c: Ctx) => pollDue(c))
  let timer: ReturnType<typeof setTimeout> | null = null
  let current: Promise<void> | null = null
  let again = false
  let started = false

  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer)
    timer = started ? setTimeout(run, ms) : null
  }

  function run(): void {
    timer = null
    if (!started) return
    if (current) {
      again = true // a kick during a poll: one more right after, not two at once
      return
    }
    current = poll(duty)
      .then((r) => o.onReport?.(r), (e) => (o.onError ?? console.error)(e))
      .finally(() => {
        current = null
        if (again) {
          again = false
          schedule(0)
        } else schedule(tickMs)
      })
  }

  return {
    start() {
      if (started) return
      started = true
      schedule(o.firstDelayMs ?? 5_000)
    },
    kick() {
      if (!started) return
      if (current) again = true
      else schedule(0)
    },
    async stop() {
      started = false
      if (timer) clearTimeout(timer)
      timer = null
      await current
    },
    get running() {
      return started
    }
  }
}
