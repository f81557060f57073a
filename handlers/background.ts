// The desk's own duties, registered here once and started with the desk by every long-running transport (the
// Electron app and `npm run web`, in the desk's worker thread; see handlers/worker/). Each acts as the desk itself —
// '系统（…）' in the trail — whoever is signed in at a window, or nobody; only handlers that list 'system' let it in.
import { dispatch } from './dispatch'
import { handlers } from './index'
import { createClock, type Clock } from './clock'
import { createScheduler } from './feeds/scheduler'
import { alertsDuty } from './watch/alerts'
import { systemContext, type Ctx } from './context'
import type { Domain, HandlerName } from '../shared/contract'
import { DUTY_TIMING, type DutyName } from './duties'

export { DUTY_TIMING, type DutyName }

/** What polling can change (feeds' state, new mentions and what counts them). */
const POLL_CHANGES: Domain[] = ['feeds', 'mentions', 'watch', 'dashboard']

export interface Background {
  /** After the computer wakes from sleep: every duty runs at once. */
  kick(): void
  /** Stops every clock and waits for the runs under way. */
  stop(): Promise<void>
}

export interface BackgroundOptions {
  /** Only these duties (a test of one duty); default all. */
  only?: DutyName[]
  timing?: Partial<Record<DutyName, { firstDelayMs: number; everyMs: number }>>
}

/** A duty that is a handler: through the dispatcher, as the system; a failure is logged, never thrown at a window. */
function viaHandler(ctx: Ctx, who: string, name: HandlerName): () => Promise<void> {
  const duty = systemContext(ctx, who)
  return async () => {
    const r = await dispatch(handlers, duty, name, {})
    if (!r.ok) console.error(`${who}：${r.error.message}`)
    else if (r.changed?.length) ctx.changed(r.changed as Domain[])
  }
}

export function startBackground(ctx: Ctx, o: BackgroundOptions = {}): Background {
  const timing = (d: DutyName) => ({ ...DUTY_TIMING[d], ...o.timing?.[d] })
  const alerts = systemContext(ctx, '系统（舆情提醒）')
  const clocks: Record<DutyName, () => Clock> = {
    poll: () =>
      createScheduler(ctx, {
        tickMs: timing('poll').everyMs,
        firstDelayMs: timing('poll').firstDelayMs,
        onReport: (r) => r.results.length > 0 && ctx.changed(POLL_CHANGES)
      }),
    backup: () => createClock(viaHandler(ctx, '系统（自动备份）', 'backup-auto'), timing('backup')),
    due: () => createClock(viaHandler(ctx, '系统（到期提醒）', 'schedule-due'), timing('due')),
    series: () => createClock(viaHandler(ctx, '系统（重复稿件）', 'series-generate'), timing('series')),
    alerts: () => createClock(() => alertsDuty(alerts, alerts.now()), timing('alerts'))
  }
  const running = (o.only ?? (Object.keys(clocks) as DutyName[])).map((d) => clocks[d]())
  for (const c of running) c.start()
  return {
    kick: () => running.forEach((c) => c.kick()),
    stop: async () => {
      await Promise.all(running.map((c) => c.stop()))
    }
  }
}
