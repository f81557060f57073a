// The desk answered in the caller's own process: for tests and benchmarks that hold the desk's context (its clock,
// its database) while a transport talks to it. The app and `npm run web` use startDesk (./client.ts) instead.
import { dispatch, handlers } from '../index'
import { startBackground, type Background, type DutyName } from '../background'
import type { Ctx } from '../context'
import type { DeskClient, DeskListener } from './client'

/**
 * The desk answered in this process, on a context the caller opened (and closes). Background duties run only when
 * asked for (`background`), on the same clocks as in the thread.
 */
export function inProcessDesk(ctx: Ctx, o: { background?: DutyName[] } = {}): DeskClient {
  const listeners: DeskListener[] = []
  const hooks: Pick<Ctx, 'notify' | 'changed'> = {
    notify: (n) => {
      ctx.notify(n)
      listeners.forEach((l) => l.notice?.(n))
    },
    changed: (d) => {
      ctx.changed(d)
      listeners.forEach((l) => l.changed?.(d))
    }
  }
  // A live view of ctx (a test may set its clock later) whose notices and changes also reach the listeners.
  const own = new Proxy(ctx, { get: (c, k) => (k === 'notify' || k === 'changed' ? hooks[k] : c[k as keyof Ctx]) })
  const background: Background | null = o.background?.length ? startBackground(own, { only: o.background }) : null
  const inFlight = new Set<Promise<unknown>>()
  return {
    call(session, name, args) {
      const p = dispatch(handlers, { ...own, session }, name, args)
      inFlight.add(p)
      void p.finally(() => inFlight.delete(p))
      return p
    },
    listen: (l) => void listeners.push(l),
    kick: () => background?.kick(),
    async close() {
      await background?.stop()
      await Promise.all(inFlight)
    }
  }
}
