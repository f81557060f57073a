// In the browser harness there is no desktop notification: ask the desk every minute which scheduled pieces
// have fallen due and show the ones announced by that call (schedule-due announces each piece once per date).
// The Electron shell delivers its own notices through the bridge, so this stays idle there.
import { useEffect, useState } from 'react'
import { bridge, invoke } from '../api'
import { channelLabel } from '../../../shared/channels'
import type { DueItem } from '../../../shared/contract/calendar'
import './workflow/workflow.css'

const T = { title: (c: string) => `排期到期：${c}`, body: (title: string, date: string) => `《${title}》排期在 ${date}，请按时发布`, ok: '知道了', open: '查看' }
const EVERY_MS = 60_000

export function DueWatcher() {
  const [items, setItems] = useState<DueItem[]>([])
  useEffect(() => {
    if (bridge.on) return // Electron: the main process notifies
    // No "still mounted" check: an announced piece must be shown even if the first poll outlives its effect.
    const poll = async () => {
      const r = await invoke('schedule-due', {})
      if (!r.ok) return
      const fresh = r.value.filter((p) => p.announced)
      if (fresh.length) setItems((xs) => [...xs, ...fresh])
    }
    void poll()
    const t = setInterval(() => void poll(), EVERY_MS)
    return () => clearInterval(t)
  }, [])
  if (!items.length) return null
  return (
    <div className="due-notices" role="status">
      {items.map((p) => (
        <div key={`${p.id}@${p.date}`} className="notice">
          <strong>{T.title(channelLabel(p.channel))}</strong>
          <div>{T.body(p.title, p.date)}</div>
          <a href={`#/calendar/${p.id}`} onClick={() => setItems((xs) => xs.filter((x) => x !== p))}>{T.open}</a>{' '}
          <button className="link" onClick={() => setItems((xs) => xs.filter((x) => x !== p))}>{T.ok}</button>
        </div>
      ))}
    </div>
  )
}
