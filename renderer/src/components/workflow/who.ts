// Who is signed in and what they may call, for showing only the review actions they may take (the handlers
// refuse the rest whatever is shown). Reads session-state itself until the shell's `can(name)` helper lands.
import { useQuery } from '../../hooks'
import type { HandlerName } from '../../../../shared/contract'

export function useWho() {
  const s = useQuery('session-state', {})
  return {
    user: s.data?.user ?? null,
    /** Nothing is offered before the session is known. */
    can: (name: HandlerName): boolean => !!s.data?.allowed.includes(name)
  }
}
