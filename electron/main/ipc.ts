import { ipcMain, shell, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { newSession, type Session } from '../../handlers/context'
import type { DeskClient } from '../../handlers/worker/client'

export const INVOKE_CHANNEL = 'desk:invoke'
/** The one call only the shell can carry out: open a stored evidence file in the system viewer. */
export const OPEN_EVIDENCE = 'shell-open-evidence'

const NOT_OURS = { ok: false, error: { type: 'user', message: '拒绝来自非本程序页面的调用' } } as const

/**
 * The one IPC channel, forwarding (session, name, args) to the desk's thread: calls from any frame other than the
 * app's own page are refused. Each window carries its own person: one session per webContents, made on its first
 * call and forgotten when it is destroyed (a closed window leaves no one signed in behind it).
 */
export function registerIpc(desk: DeskClient, isAppUrl: (url: string) => boolean): void {
  const sessions = new Map<number, Session>()
  const sessionOf = (sender: WebContents): Session => {
    let s = sessions.get(sender.id)
    if (!s) {
      const id = sender.id
      sessions.set(id, (s = newSession({ idleLock: true })))
      sender.once('destroyed', () => sessions.delete(id))
    }
    return s
  }

  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isAppUrl(frame.url) || !event.sender) return NOT_OURS
    const session = sessionOf(event.sender)
    if (name === OPEN_EVIDENCE) {
      // Checked as the window's own person, through the dispatcher; the handler resolves the path inside the data
      // folder; only then does the shell open it.
      const r = await desk.call(session, 'evidence-path', args)
      if (!r.ok) return r
      const failure = await shell.openPath((r.value as { path: string }).path)
      return failure ? { ok: false, error: { type: 'user', message: `无法打开文件：${failure}` } } : { ok: true, value: null }
    }
    return desk.call(session, name, args)
  })
}
