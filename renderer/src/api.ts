// The renderer's only way to the desk: invoke(name, args) typed from the one contract.
// In Electron the preload provides window.desk; in a browser the HTTP bridge does.
import type { ArgsOf, Domain, Envelope, HandlerName, ResultOf, DeskError } from '../../shared/contract'

type BridgeEvent = 'notice' | 'navigate' | 'changed'
type Bridge = {
  invoke(name: string, args: unknown): Promise<Envelope<unknown>>
  /** Pushes from the desk: a notice, a navigation (Electron's menu), changes made elsewhere (`{ domains }`). */
  on?(event: BridgeEvent, fn: (payload: unknown) => void): void | (() => void)
}

declare global {
  interface Window {
    desk?: Bridge
  }
}

/** The window event a change raises: every query whose handler's domain is among `domains` loads again. */
export const CHANGED_EVENT = 'desk:changed'
export interface ChangedDetail {
  domains: Domain[]
  /** The query whose own load reported the change (it has the fresh data already). */
  from?: object
}

const RETRY_MS = 30_000
const MAX_UNHEARD = 50

function httpBridge(): Bridge {
  const token = document.querySelector('meta[name="desk-token"]')?.getAttribute('content') ?? ''
  const listeners = new Map<BridgeEvent, Set<(payload: unknown) => void>>()
  let source: EventSource | null = null
  let openedAt = 0
  let answered = false
  // A notice is sent once; one that arrives before the page shows notices (while signing in) waits for it.
  const unheard: unknown[] = []
  // One stream for every listener, opened once someone listens and a first call has gone through: that call
  // carries the page's session cookie, and a stream opened alongside it would start a session of its own that
  // signing in never reaches. A stream the bridge refuses (no such endpoint, a refused token) is tried again only
  // after a later call, at most twice a minute; until then nothing is pushed, and the page still sees its own
  // changes by their envelopes.
  const listen = () => {
    if (!answered || typeof EventSource === 'undefined' || !listeners.size) return
    if (source && source.readyState !== EventSource.CLOSED) return
    if (source && Date.now() - openedAt < RETRY_MS) return
    source?.close()
    openedAt = Date.now()
    const s = (source = new EventSource('/api/events?token=' + encodeURIComponent(token)))
    for (const event of ['notice', 'changed'] as const) {
      s.addEventListener(event, (e) => {
        let payload: unknown
        try {
          payload = JSON.parse((e as MessageEvent<string>).data)
        } catch {
          return
        }
        const to = listeners.get(event)
        if (to?.size) for (const fn of to) fn(payload)
        else if (event === 'notice' && unheard.push(payload) > MAX_UNHEARD) unheard.shift()
      })
    }
  }
  return {
    async invoke(name, args) {
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-desk-token': token },
          body: JSON.stringify({ name, args })
        })
        const r = (await res.json()) as Envelope<unknown>
        if (r.ok) {
          answered = true
          listen()
        }
        return r
      } catch {
        return { ok: false, error: { type: 'internal', message: '无法连接工作台服务，请确认程序仍在运行' } }
      }
    },
    on(event, fn) {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)!.add(fn)
      if (event === 'notice') for (const p of unheard.splice(0)) fn(p)
      listen()
      return () => void listeners.get(event)?.delete(fn)
    }
  }
}

export const bridge: Bridge = window.desk ?? httpBridge()

function announce(domains: unknown, from?: object): void {
  if (!Array.isArray(domains) || !domains.length) return
  window.dispatchEvent(new CustomEvent<ChangedDetail>(CHANGED_EVENT, { detail: { domains: domains as Domain[], from } }))
}

// Changes made by background duties and other windows, pushed by the transport.
bridge.on?.('changed', (p) => announce((p as { domains?: unknown } | null)?.domains))

async function send<K extends HandlerName>(name: K, args: ArgsOf<K>, from?: object): Promise<Envelope<ResultOf<K>>> {
  const r = (await bridge.invoke(name, args)) as Envelope<ResultOf<K>>
  // Signed out or locked meanwhile (idle lock, another tab): the shell shows the sign-in / unlock screen.
  if (!r.ok && r.error.details?.refused && (r.error.details.locked || r.error.details.signIn)) window.dispatchEvent(new Event('desk:session'))
  // Announced before the caller's await resumes: code that reads its queries after a save finds them loading afresh.
  if (r.ok) announce(r.changed, from)
  return r
}

/** Call a handler; when the call changed something, every query that reads it loads again (CHANGED_EVENT). */
export function invoke<K extends HandlerName>(name: K, args: ArgsOf<K>): Promise<Envelope<ResultOf<K>>> {
  return send(name, args)
}

/** A query's load (renderer/src/hooks.ts): names the query as the origin of what the call changed, so it does not load again because of itself. */
export function invokeFrom<K extends HandlerName>(from: object, name: K, args: ArgsOf<K>): Promise<Envelope<ResultOf<K>>> {
  return send(name, args, from)
}

/** An error envelope as an exception, for code that prefers try/catch. */
export class CallError extends Error {
  constructor(public readonly error: DeskError) {
    super(error.message)
  }
}

export async function call<K extends HandlerName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const r = await invoke(name, args)
  if (!r.ok) throw new CallError(r.error)
  return r.value
}

/** Field → message, from a user error's details, for showing errors beside form fields. */
export function fieldErrors(error: DeskError | null): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of error?.details?.issues ?? []) if (i.field && !out[i.field]) out[i.field] = i.message
  return out
}
