import { useCallback, useEffect, useRef, useState } from 'react'
import { CHANGED_EVENT, invokeFrom, type ChangedDetail } from './api'
import { readsAffected } from '../../shared/changes'
import type { ArgsOf, DeskError, HandlerName, ResultOf } from '../../shared/contract'

/**
 * Load a handler's result (args null = not now). It loads again by itself whenever a call — this page's, another
 * window's, a background duty's — changed the handler's domain (shared/changes.ts); `reload` is for a page's own
 * 刷新 of data the desk cannot know changed. Errors are kept for display, never thrown.
 */
export function useQuery<K extends HandlerName>(name: K, args: ArgsOf<K> | null) {
  const key = JSON.stringify(args)
  const [data, setData] = useState<ResultOf<K> | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  const self = useRef({}).current
  const changes = useChanges(name, self)
  // The text of the data shown: a reload that brings the same answer keeps the same object, so forms and effects
  // keyed on `data` are not reset by changes elsewhere.
  const shown = useRef<string | null>(null)
  useEffect(() => {
    let live = true
    if (key === 'null') {
      shown.current = null
      setData(null)
      setLoading(false)
      return
    }
    setLoading(true)
    invokeFrom(self, name, JSON.parse(key)).then((r) => {
      if (!live) return
      if (r.ok) {
        const text = JSON.stringify(r.value)
        if (text !== shown.current) {
          shown.current = text
          setData(r.value)
        }
        setError(null)
      } else setError(r.error)
      setLoading(false)
    })
    return () => {
      live = false
    }
  }, [name, key, tick, changes])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
}

/**
 * How many changes so far touched what handler `name` reads (shared/changes.ts), for data a component loads
 * itself (the ledger's pages): a dependency that moves when that data may have. `self`: a load whose own
 * changes are not counted.
 */
export function useChanges(name: HandlerName, self?: object): number {
  const [n, setN] = useState(0)
  useEffect(() => {
    const on = (e: Event) => {
      const { domains, from } = (e as CustomEvent<ChangedDetail>).detail
      if ((self === undefined || from !== self) && readsAffected(domains, name)) setN((x) => x + 1)
    }
    window.addEventListener(CHANGED_EVENT, on)
    return () => window.removeEventListener(CHANGED_EVENT, on)
  }, [name])
  return n
}

/** The current hash route, e.g. '#/ledger' → ['ledger']. */
export function useRoute(): [string[], (path: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean)
  const [parts, setParts] = useState(read)
  useEffect(() => {
    const on = () => setParts(read())
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  return [parts, (path: string) => (window.location.hash = '#/' + path)]
}
