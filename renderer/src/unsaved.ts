// Unsaved input, app-wide: every form that holds typing registers here (useDirty), so closing a drawer or dialog,
// moving to another page and closing or reloading the window can ask 放弃修改？ first instead of losing it.
import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore } from 'react'

/** An open drawer or dialog: the forms inside it are what its Esc / click-outside / 关闭 would throw away. */
export interface Scope {
  parent: Scope | null
}
export const ScopeContext = createContext<Scope | null>(null)

interface Source {
  scope: Scope | null
  baseline: string
  current: string
}
const sources = new Set<Source>()

function within(s: Source, scope: Scope): boolean {
  for (let x = s.scope; x; x = x.parent) if (x === scope) return true
  return false
}
const dirty = (s: Source): boolean => s.current !== s.baseline

/** Unsaved input anywhere (no scope) or inside one drawer/dialog. */
export function hasUnsaved(scope?: Scope): boolean {
  return [...sources].some((s) => dirty(s) && (!scope || within(s, scope)))
}

/** The officer chose 放弃: what was typed counts as gone, so the close or navigation that follows does not ask again. */
export function discardUnsaved(scope?: Scope): void {
  for (const s of sources) if (!scope || within(s, scope)) s.baseline = s.current
}

/**
 * Register a form's values: unsaved while they differ from what the form started with (or had at its last save,
 * or when `key` last changed — e.g. another row loaded into the same editor). Call the returned `saved()` right
 * after a successful save, before closing: the close that follows then does not ask.
 */
export function useDirty(values: unknown, key?: unknown): () => void {
  const scope = useContext(ScopeContext)
  const json = JSON.stringify(values ?? null)
  const ref = useRef<Source | null>(null)
  const keyRef = useRef(key)
  if (!ref.current) ref.current = { scope, baseline: json, current: json }
  if (keyRef.current !== key) {
    keyRef.current = key
    ref.current.baseline = json
  }
  ref.current.current = json
  useEffect(() => {
    const s = ref.current!
    sources.add(s)
    return () => void sources.delete(s)
  }, [])
  return useCallback(() => {
    const s = ref.current!
    s.baseline = s.current
  }, [])
}

// The one 放弃修改？ question on screen (components/Overlay.tsx shows it).
type Asking = { resolve: (discard: boolean) => void } | null
let asking: Asking = null
const listeners = new Set<() => void>()
const publish = (): void => listeners.forEach((l) => l())

export function useAsking(): Asking {
  return useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => asking
  )
}

/** Ask 放弃修改？ (in the app, never window.confirm): true = 放弃, false = 继续编辑. */
export function askDiscard(): Promise<boolean> {
  if (asking) return Promise.resolve(false)
  return new Promise((resolve) => {
    asking = {
      resolve: (discard) => {
        asking = null
        publish()
        resolve(discard)
      }
    }
    publish()
  })
}

/** Run `leave` at once when nothing is unsaved (in `scope`, or anywhere); otherwise only after 放弃. */
export function leaveIfAllowed(leave: () => void, scope?: Scope): void {
  if (!hasUnsaved(scope)) return leave()
  void askDiscard().then((discard) => {
    if (!discard) return
    discardUnsaved(scope)
    leave()
  })
}

/**
 * In-app navigation asks first: `go()` and every link to a #/ route. Closing or reloading the window asks through
 * beforeunload (the browser's own question; in Electron the main process shows 放弃修改？ on will-prevent-unload).
 */
export function useNavigationGuard(navigate: (path: string) => void): (path: string) => void {
  useEffect(() => {
    const onClick = (e: MouseEvent): void => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
      const a = (e.target as Element | null)?.closest?.('a[href^="#/"]')
      if (!a || !hasUnsaved()) return
      e.preventDefault()
      const href = a.getAttribute('href')!
      leaveIfAllowed(() => (window.location.hash = href))
    }
    const onUnload = (e: BeforeUnloadEvent): void => {
      if (!hasUnsaved()) return
      e.preventDefault()
      e.returnValue = ''
    }
    document.addEventListener('click', onClick, true)
    window.addEventListener('beforeunload', onUnload)
    return () => {
      document.removeEventListener('click', onClick, true)
      window.removeEventListener('beforeunload', onUnload)
    }
  }, [])
  return useCallback((path: string) => leaveIfAllowed(() => navigate(path)), [navigate])
}
