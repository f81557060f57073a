// The renderer's only way to the desk: invoke(name, args) typed from the one contract.
// In Electron the preload provides window.desk; in a browser the HTTP bridge does.
import type { ArgsOf, Envelope, HandlerName, ResultOf, DeskError } from '../../shared/contract'

type Bridge = {
  invoke(name: string, args: unknown): Promise<Envelope<unknown>>
  on?(event: 'notice' | 'navigate', fn: (payload: unknown) => void): void
}

declare global {
  interface Window {
    desk?: Bridge
  }
}

function httpBridge(): Bridge {
  const token = document.querySelector('meta[name="desk-token"]')?.getAttribute('content') ?? ''
  return {
    async invoke(name, args) {
      try {
        const res = await fetch('/api/invoke', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-desk-token': token },
          body: JSON.stringify({ name, args })
        })
        return (await res.json()) as Envelope<unknown>
      } catch {
        return { ok: false, error: { type: 'internal', message: '无法连接工作台服务，请确认程序仍在运行' } }
      }
    }
  }
}

export const bridge: Bridge = window.desk ?? httpBridge()

export async function invoke<K extends HandlerName>(name: K, args: ArgsOf<K>): Promise<Envelope<ResultOf<K>>> {
  const r = (await bridge.invoke(name, args)) as Envelope<ResultOf<K>>
  // Signed out or locked meanwhile (idle lock, another tab): the shell shows the sign-in / unlock screen.
  if (!r.ok && r.error.details?.refused && (r.error.details.locked || r.error.details.signIn)) window.dispatchEvent(new Event('desk:session'))
  return r
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
