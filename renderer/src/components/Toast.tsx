// 撤销 toast: after a change that can be taken back (a status change, a calendar drag, a bulk edit, a delete), one
// line at the bottom of the window — 已将 3 条改为“已发布” 撤销 — for a few seconds. The timer stops while the pointer
// or the keyboard is on it, so nobody loses the button while reaching for it. 撤销 runs the action's own undo call;
// its refusal (the record changed meanwhile) stays on screen until closed. One toast at a time: a new change
// replaces the last one's offer. <ToastHost/> is mounted once, in the shell.
import { useEffect, useRef, useSyncExternalStore } from 'react'
import type { Envelope } from '../../../shared/contract'
import './toast.css'

const T = {
  undo: '撤销',
  undoing: '正在撤销…',
  undone: (text: string) => `已撤销：${text}`,
  close: '收起提示'
}

/** How long an offer stays (ms); tests click 撤销 while it is shown and never wait on this. */
export const TOAST_MS = 8000
const DONE_MS = 4000

interface ToastState {
  id: number
  text: string
  tone: 'ok' | 'error'
  undo?: () => Promise<Envelope<unknown>>
  busy?: boolean
  /** null: stays until closed. */
  ms: number | null
}

let current: ToastState | null = null
let seq = 0
const listeners = new Set<() => void>()
const set = (t: ToastState | null): void => {
  current = t
  for (const l of listeners) l()
}

/** Show a line; with `undo`, a 撤销 button that runs it. */
export function showToast(text: string, o: { undo?: () => Promise<Envelope<unknown>>; tone?: 'ok' | 'error' } = {}): void {
  const tone = o.tone ?? 'ok'
  set({ id: ++seq, text, tone, undo: o.undo, ms: tone === 'error' ? null : o.undo ? TOAST_MS : DONE_MS })
}

/** The usual offer after a change: the text, and 撤销 when the change came back with an undo. */
export function offerUndo(text: string, undo: (() => Promise<Envelope<unknown>>) | null): void {
  showToast(text, undo ? { undo } : {})
}

async function runUndo(t: ToastState): Promise<void> {
  if (!t.undo || t.busy) return
  set({ ...t, busy: true, ms: null })
  const r = await t.undo()
  if (current?.id !== t.id) return
  if (r.ok) showToast(T.undone(t.text))
  else showToast(r.error.message, { tone: 'error' })
}

export function ToastHost() {
  const t = useSyncExternalStore(
    (l) => (listeners.add(l), () => void listeners.delete(l)),
    () => current
  )
  const held = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const stop = (): void => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
  }
  const start = (): void => {
    stop()
    if (!t || t.ms === null || held.current) return
    const id = t.id
    timer.current = setTimeout(() => current?.id === id && set(null), t.ms)
  }
  useEffect(() => {
    start()
    return stop
  }, [t])
  if (!t) return null
  const hold = (on: boolean) => () => {
    held.current = on
    if (on) stop()
    else start()
  }
  return (
    <div
      className={`toast toast-${t.tone}`}
      role={t.tone === 'error' ? 'alert' : 'status'}
      aria-live={t.tone === 'error' ? 'assertive' : 'polite'}
      data-testid="toast"
      onMouseEnter={hold(true)}
      onMouseLeave={hold(false)}
      onFocus={hold(true)}
      onBlur={hold(false)}
    >
      <span className="toast-text">{t.text}</span>
      {t.undo && (
        <button type="button" className="toast-undo" disabled={t.busy} onClick={() => void runUndo(t)}>
          {t.busy ? T.undoing : T.undo}
        </button>
      )}
      <button type="button" className="toast-close" aria-label={T.close} onClick={() => set(null)}>×</button>
    </div>
  )
}
