// What the desk announces while the window is open (every notice is also kept in the bell, components/Bell.tsx) — a scheduled piece fell due (到期提醒), an alert from the watch,
// a backup that did not complete — pushed by the desk's background duties (handlers/background.ts). In the Electron
// app each is a desktop notification too; in a browser these cards are the only place it shows.
import { useEffect, useState } from 'react'
import { bridge } from '../api'
import './workflow/workflow.css'

interface Item {
  id: number
  title: string
  body: string
  kind?: string
  href?: string
}

/**
 * In a browser (npm run web) the page itself raises the desktop notice, once the officer allowed it (the bell
 * offers that); in the Electron app the main process does, so the window never shows a second one.
 */
function desktopNotice(title: string, body: string): void {
  if (window.desk || typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  try {
    new Notification(title, { body, lang: 'zh-CN', tag: `desk-${title}-${body}`.slice(0, 120) })
  } catch {
    // some browsers allow notices only from a service worker: the card below still shows it
  }
}

const T = { ok: '知道了', open: '查看' }

/** Raised on the window for each notice shown, for the bell to load its list again (it is kept before it is pushed). */
export const NOTICE_EVENT = 'desk:notice'

function Card({ item, close }: { item: Item; close: () => void }) {
  return (
    <div className="notice">
      <strong>{item.title}</strong>
      <div className="pre-line">{item.body}</div>
      {item.href && (
        <>
          <a href={item.href} onClick={close}>
            {T.open}
          </a>{' '}
        </>
      )}
      <button className="link" onClick={close}>
        {T.ok}
      </button>
    </div>
  )
}

export function Notices() {
  const [items, setItems] = useState<Item[]>([])
  useEffect(() => {
    let n = 0
    return bridge.on?.('notice', (p) => {
      const { title, body, kind, href } = p as Omit<Item, 'id'>
      desktopNotice(title, body)
      window.dispatchEvent(new Event(NOTICE_EVENT))
      setItems((xs) => [...xs, { id: ++n, title, body, kind, href: href?.startsWith('#/') ? href : undefined }])
    })
  }, [])
  if (!items.length) return null
  const close = (id: number) => () => setItems((xs) => xs.filter((x) => x.id !== id))
  const due = items.filter((i) => i.kind === 'due')
  const other = items.filter((i) => i.kind !== 'due')
  return (
    <div className="notice-stack">
      {due.length > 0 && (
        <div className="due-notices" role="status">
          {due.map((i) => (
            <Card key={i.id} item={i} close={close(i.id)} />
          ))}
        </div>
      )}
      {other.length > 0 && (
        <div className="notices" role="status">
          {other.map((i) => (
            <Card key={i.id} item={i} close={close(i.id)} />
          ))}
        </div>
      )}
    </div>
  )
}
