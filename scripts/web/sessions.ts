// The bridge's sessions: one per browser, named by a cookie the page's scripts cannot read (HttpOnly) and other
// sites cannot make the browser send (SameSite=Strict). Cookies do not keep ports apart, so any other server on
// 127.0.0.1 receives this cookie too: that is why it is worth nothing without this run's token. Its value is a
// random id plus an HMAC keyed by the token, so a cookie from an earlier run, or one made up, names no session.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { newSession, type Session } from '../../handlers/context'

export const SESSION_COOKIE = 'desk_session'
/** No Secure: the bridge speaks plain http, and only on 127.0.0.1. */
const ATTRIBUTES = 'HttpOnly; SameSite=Strict; Path=/'
/** Beyond this, the oldest signed-out sessions are forgotten (a page reload without the cookie makes a new one). */
const MAX_SESSIONS = 200

export interface Found {
  id: string
  session: Session
}

export interface SessionStore {
  /** The session the request's Cookie header names, or null (none, forged, from another run, or dropped). */
  find(cookieHeader: string | undefined): Found | null
  /** A new session (or `session` under a new id, after sign-in) and the Set-Cookie header naming it. */
  create(session?: Session): Found & { setCookie: string }
  drop(id: string): void
  readonly size: number
}

/** The values of every `name=` pair in a Cookie header (a browser may send several with one name). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return []
  return header
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(name + '='))
    .map((p) => p.slice(name.length + 1))
}

export function createSessionStore(token: string): SessionStore {
  const sessions = new Map<string, Session>()
  const mac = (id: string) => createHmac('sha256', token).update(id).digest()

  function verified(value: string): string | null {
    const [id, sig, extra] = value.split('.')
    if (extra !== undefined || !id || !sig || !/^[A-Za-z0-9_-]{32}$/.test(id)) return null
    const given = Buffer.from(sig, 'base64url')
    const expected = mac(id)
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
  }

  function evict(): void {
    if (sessions.size < MAX_SESSIONS) return
    const idle = [...sessions].find(([, s]) => s.userId === null)
    sessions.delete(idle ? idle[0] : sessions.keys().next().value!)
  }

  return {
    find(header) {
      for (const value of cookieValues(header, SESSION_COOKIE)) {
        const id = verified(value)
        const session = id && sessions.get(id)
        if (id && session) return { id, session }
      }
      return null
    },
    create(session = newSession({ idleLock: true })) {
      evict()
      const id = randomBytes(24).toString('base64url')
      sessions.set(id, session)
      return { id, session, setCookie: `${SESSION_COOKIE}=${id}.${mac(id).toString('base64url')}; ${ATTRIBUTES}` }
    },
    drop(id) {
      sessions.delete(id)
    },
    get size() {
      return sessions.size
    }
  }
}
