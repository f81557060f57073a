// Who is signed in, and what they may do. The handlers enforce every permission; the renderer only shows the
// actions the signed-in user may take (SessionState.allowed lists the handler names).
import { createContext, useContext } from 'react'
import type { HandlerName } from '../../shared/contract'
import type { SessionState } from '../../shared/contract/users'

export interface SessionView {
  state: SessionState
  /** Fetch the session again (after sign-in, lock, a refused call). */
  refresh: () => void
}

export const SessionContext = createContext<SessionView | null>(null)

export function useSession(): SessionView {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside the signed-in shell')
  return s
}

/** May the signed-in user call this handler? */
export function useCan(): (name: HandlerName) => boolean {
  const s = useContext(SessionContext)
  return (name) => !!s?.state.allowed.includes(name)
}

/** Any call refused for want of a session (signed out elsewhere, idle-locked) tells the shell to ask again. */
export const SESSION_EVENT = 'desk:session'
