// The one drawer and dialog of the app. Every overlay opens and closes the same way: it takes focus (its first
// field, else itself), keeps Tab inside, gives focus back to what opened it, and closes by Esc, by a click outside
// or by its own 关闭/取消 — asking 放弃修改？ first when a form inside holds unsaved input (unsaved.ts).
import { useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { ScopeContext, askDiscard, discardUnsaved, leaveIfAllowed, useAsking, type Scope } from '../unsaved'

const T = {
  discardTitle: '放弃修改？',
  discardBody: '填写的内容还没有保存，关闭后将丢失。',
  keep: '继续编辑',
  discard: '放弃'
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'
const FIELDS = 'input:not([disabled]):not([type="hidden"]):not(.visually-hidden), select:not([disabled]), textarea:not([disabled])'

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'
}
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(visible)
}

// Open overlays, the newest last: only the top one answers Esc and holds focus.
const stack: HTMLElement[] = []
const isTop = (el: HTMLElement): boolean => stack[stack.length - 1] === el

export interface OverlayProps {
  /** The accessible name (or use labelledBy). */
  label?: string
  labelledBy?: string
  /** The close the officer asked for (Esc, click outside, the overlay's own 关闭/取消 through `close`). */
  onClose: () => void
  children: ReactNode | ((close: () => void) => ReactNode)
  className?: string
  backdropClassName?: string
  /** While true (a save or an import running) the overlay does not close. */
  busy?: boolean
  /** Focus the panel itself rather than its first field (a read-only list, a detail still loading). */
  focusPanel?: boolean
  /** Ask on close even without registered forms (e.g. a picked file not yet imported). */
  dirty?: boolean
  /** The question's own buttons: the discard prompt never asks about itself. */
  plain?: boolean
  role?: 'dialog' | 'alertdialog'
  describedBy?: string
}

function Overlay({ kind, label, labelledBy, onClose, children, className, backdropClassName, busy, focusPanel, dirty, plain, role = 'dialog', describedBy }: OverlayProps & { kind: 'dialog' | 'drawer' }) {
  const panel = useRef<HTMLDivElement>(null)
  const parent = useContext(ScopeContext)
  const [scope] = useState<Scope>(() => ({ parent }))
  // Taken while rendering: a field with autoFocus has focus by the time effects run.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null))
  const props = useRef({ onClose, busy, dirty, plain })
  props.current = { onClose, busy, dirty, plain }
  const downOutside = useRef(false)

  const close = (): void => {
    const p = props.current
    if (p.busy) return
    if (p.plain) return p.onClose()
    if (!p.dirty) return leaveIfAllowed(p.onClose, scope)
    void askDiscard().then((discard) => {
      if (!discard) return
      discardUnsaved(scope)
      props.current.onClose()
    })
  }
  const closeRef = useRef(close)
  closeRef.current = close

  useEffect(() => {
    const el = panel.current!
    stack.push(el)
    // A field with autoFocus already has focus; otherwise the one marked data-autofocus, the first field, else the
    // panel itself.
    if (!el.contains(document.activeElement)) {
      const first = focusPanel ? null : (el.querySelector<HTMLElement>('[data-autofocus]') ?? el.querySelector<HTMLElement>(FIELDS) ?? focusables(el)[0] ?? null)
      ;(first && visible(first) ? first : el).focus()
    }
    const onKey = (e: KeyboardEvent): void => {
      if (!isTop(el)) return
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault()
        e.stopPropagation()
        closeRef.current()
      }
    }
    // Focus that lands outside (a click on the page behind through a gap, a programmatic focus) comes back.
    const onFocusIn = (e: FocusEvent): void => {
      if (!isTop(el) || el.contains(e.target as Node)) return
      ;(focusables(el)[0] ?? el).focus()
    }
    window.addEventListener('keydown', onKey)
    document.addEventListener('focusin', onFocusIn)
    return () => {
      window.removeEventListener('keydown', onKey)
      document.removeEventListener('focusin', onFocusIn)
      stack.splice(stack.indexOf(el), 1)
      // Back to the button or row that opened it, if it is still there.
      const back = opener && opener.isConnected ? opener : null
      const below = stack[stack.length - 1]
      if (back && (!below || below.contains(back))) back.focus()
      else if (below && !below.contains(document.activeElement)) below.focus()
    }
  }, [])

  function trapTab(e: React.KeyboardEvent): void {
    if (e.key !== 'Tab') return
    const el = panel.current!
    const all = focusables(el)
    if (all.length === 0) return e.preventDefault()
    const first = all[0]
    const last = all[all.length - 1]
    const at = document.activeElement
    if (e.shiftKey && (at === first || at === el)) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && at === last) {
      e.preventDefault()
      first.focus()
    }
  }

  const body = typeof children === 'function' ? children(close) : children
  return (
    <div
      className={`overlay-backdrop ${kind}-backdrop ${backdropClassName ?? (kind === 'dialog' ? 'modal-backdrop' : '')}`}
      onMouseDown={(e) => (downOutside.current = e.target === e.currentTarget)}
      onClick={(e) => {
        if (e.target === e.currentTarget && downOutside.current) close()
        downOutside.current = false
      }}
    >
      <div
        ref={panel}
        className={`overlay-panel ${className ?? (kind === 'dialog' ? 'modal' : '')}`}
        role={role}
        aria-modal="true"
        aria-label={labelledBy ? undefined : label}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={trapTab}
        data-overlay={kind}
      >
        <ScopeContext.Provider value={scope}>{body}</ScopeContext.Provider>
      </div>
    </div>
  )
}

/** A centred dialog (import, password, drill-down, help…). `children` may take `close` for its own 关闭/取消. */
export function Dialog(p: OverlayProps) {
  return <Overlay kind="dialog" {...p} />
}

/** A side drawer over the page (a piece's detail, a new record). */
export function Drawer(p: OverlayProps) {
  return <Overlay kind="drawer" {...p} />
}

/** The 放弃修改？ question, shown once for the whole app; 继续编辑 is the default (Enter, Esc, click outside). */
export function DiscardPrompt() {
  const asking = useAsking()
  if (!asking) return null
  return (
    <Dialog plain role="alertdialog" labelledBy="discard-title" describedBy="discard-body" className="modal discard-dialog" backdropClassName="modal-backdrop discard-backdrop" onClose={() => asking.resolve(false)}>
      <h2 id="discard-title">{T.discardTitle}</h2>
      <p id="discard-body">{T.discardBody}</p>
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={() => asking.resolve(false)}>{T.keep}</button>
        <button type="button" className="danger-button" onClick={() => asking.resolve(true)}>{T.discard}</button>
      </div>
    </Dialog>
  )
}
