import { useCallback, useEffect, useState } from 'react'
import { invoke } from './api'
import type { ArgsOf, DeskError, HandlerName, ResultOf } from '../../shared/contract'

/** Load a handler's result (args null = not now); `reload` fetches again. Errors are kept for display, never thrown. */
export function useQuery<K extends HandlerName>(name: K, args: ArgsOf<K> | null) {
  const key = JSON.stringify(args)
  const [data, setData] = useState<ResultOf<K> | null>(null)
  const [error, setError] = useState<DeskError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)
  useEffect(() => {
    let live = true
    if (key === 'null') {
      setData(null)
      setLoading(false)
      return
    }
    setLoading(true)
    invoke(name, JSON.parse(key)).then((r) => {
      if (!live) return
      if (r.ok) {
        setData(r.value)
        setError(null)
      } else setError(r.error)
      setLoading(false)
    })
    return () => {
      live = false
    }
  }, [name, key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, error, loading, reload }
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
