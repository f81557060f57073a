// The desk's keyboard shortcuts: ONE table drives both the key handling and the 快捷键 help panel.
import { useEffect, useRef } from 'react'

export type Action = 'new-piece' | 'search' | 'mention-next' | 'mention-prev' | 'mention-assess' | 'mention-close' | 'help'

export interface Shortcut {
  action: Action
  /** As shown in the help panel. */
  keys: string[]
  label: string
  where: string
  /** Plain keys never fire while the officer types in a field; combinations with Ctrl do. */
  match: (e: KeyboardEvent) => boolean
}

const plain = (k: string) => (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey && e.key.toLowerCase() === k
const ctrl = (k: string) => (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === k

export const KEYMAP: Shortcut[] = [
  { action: 'new-piece', keys: ['N'], label: '新建台账记录', where: '任意页面', match: plain('n') },
  { action: 'search', keys: ['/', 'Ctrl+F'], label: '搜索（台账、舆情列表）', where: '任意页面', match: (e) => plain('/')(e) || ctrl('f')(e) },
  { action: 'mention-next', keys: ['J'], label: '下一条舆情', where: '舆情收件箱', match: plain('j') },
  { action: 'mention-prev', keys: ['K'], label: '上一条舆情', where: '舆情收件箱', match: plain('k') },
  { action: 'mention-assess', keys: ['Y'], label: '开始研判选中的舆情', where: '舆情收件箱', match: plain('y') },
  { action: 'mention-close', keys: ['B'], label: '办结选中的舆情', where: '舆情收件箱', match: plain('b') },
  { action: 'help', keys: ['?'], label: '显示快捷键', where: '任意页面', match: (e) => !e.ctrlKey && !e.metaKey && !e.altKey && e.key === '?' }
]

// The handlers of each action on screen now (the newest that can act wins) and an action waiting for its page.
type Handler = { current: (() => void) | null }
const handlers = new Map<Action, Handler[]>()
let pending: Action | null = null

/** Handle `action` while this component is mounted (null: not now); runs at once if the action was waiting for it. */
export function useShortcut(action: Action, run: (() => void) | null): void {
  const ref = useRef(run)
  ref.current = run
  useEffect(() => {
    handlers.set(action, [...(handlers.get(action) ?? []), ref])
    if (pending === action && ref.current) {
      pending = null
      ref.current()
    }
    return () => void handlers.set(action, (handlers.get(action) ?? []).filter((x) => x !== ref))
  }, [action])
}

/** Where an action goes when no page on screen handles it; `handledThere`: the page it opens will run it. */
export interface Fallback {
  go: () => void
  handledThere?: boolean
}

/** Run an action now, or send the officer where it is handled. */
export function runShortcut(action: Action, fallback?: Fallback): void {
  const live = (handlers.get(action) ?? []).filter((h) => h.current)
  if (live.length) return live[live.length - 1].current!()
  if (!fallback) return
  pending = fallback.handledThere ? action : null
  fallback.go()
}

function typing(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false
  return t.isContentEditable || t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT'
}

/** The keydown listener for the whole window; `fallback` says where an action goes when no page handles it. */
export function useKeymap(fallback: Partial<Record<Action, Fallback>>): void {
  const ref = useRef(fallback)
  ref.current = fallback
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.repeat) return
      // An open drawer or dialog owns the keyboard (Esc, Tab); nothing behind it is changed from the keys.
      if (document.querySelector('[aria-modal="true"]')) return
      const s = KEYMAP.find((k) => k.match(e))
      if (!s) return
      if (typing(e.target) && !(e.ctrlKey || e.metaKey)) return
      e.preventDefault()
      runShortcut(s.action, ref.current[s.action])
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
