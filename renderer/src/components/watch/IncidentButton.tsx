// 生成舆情专报: one click from the mention's detail writes the 专报 of this incident (all its sources, the trail,
// the evidence list) and downloads it as Word.
import { useEffect, useState } from 'react'
import { invoke } from '../../api'
import { downloadPayload } from '../../files'
import './brief-tab.css'

const T = {
  make: '生成舆情专报',
  making: '正在生成舆情专报…',
  done: (name: string) => `已生成：${name}`
}

export function IncidentButton({ id }: { id: number }) {
  const [busy, setBusy] = useState(false)
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null)
  useEffect(() => setState(null), [id])
  async function make() {
    setBusy(true)
    setState(null)
    const r = await invoke('watch-incident-docx', { id })
    setBusy(false)
    if (!r.ok) return setState({ ok: false, text: r.error.message })
    downloadPayload(r.value)
    setState({ ok: true, text: T.done(r.value.fileName) })
  }
  return (
    <div className="incident-report">
      <button type="button" disabled={busy} aria-busy={busy} onClick={() => void make()}>{busy ? T.making : T.make}</button>
      {state && <span className={state.ok ? 'muted small' : 'form-error'} role={state.ok ? 'status' : 'alert'}>{state.text}</span>}
    </div>
  )
}
