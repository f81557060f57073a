import { useEffect, useState } from 'react'
import { bridge } from '../api'

/** In-app notices (the browser harness's stand-in for desktop notifications, and their echo in the app). */
export function Notices() {
  const [items, setItems] = useState<{ id: number; title: string; body: string }[]>([])
  useEffect(() => {
    let n = 0
    bridge.on?.('notice', (p) => {
      const { title, body } = p as { title: string; body: string }
      setItems((xs) => [...xs, { id: ++n, title, body }])
    })
  }, [])
  if (!items.length) return null
  return (
    <div className="notices" role="status">
      {items.map((i) => (
        <div key={i.id} className="notice">
          <strong>{i.title}</strong>
          <div>{i.body}</div>
          <button className="link" onClick={() => setItems((xs) => xs.filter((x) => x.id !== i.id))}>知道了</button>
        </div>
      ))}
    </div>
  )
}
