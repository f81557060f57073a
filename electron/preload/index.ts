// The preload exposes exactly one fixed object to the page: `window.desk`. It never exposes ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'

const EVENTS = { notice: 'desk:notice', navigate: 'desk:navigate', changed: 'desk:changed' } as const

contextBridge.exposeInMainWorld('desk', {
  invoke: (name: string, args: unknown) => ipcRenderer.invoke('desk:invoke', name, args),
  openEvidence: (id: number) => ipcRenderer.invoke('desk:invoke', 'shell-open-evidence', { id }),
  on: (event: keyof typeof EVENTS, fn: (payload: unknown) => void) => {
    const channel = EVENTS[event]
    if (!channel) return
    ipcRenderer.on(channel, (_e, payload) => fn(payload))
  }
})
