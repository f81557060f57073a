import { ipcMain, shell, type IpcMainInvokeEvent } from 'electron'
import { dispatch, handlers, type Ctx } from '../../handlers'

export const INVOKE_CHANNEL = 'desk:invoke'
/** The one call only the shell can carry out: open a stored evidence file in the system viewer. */
export const OPEN_EVIDENCE = 'shell-open-evidence'

/** The one IPC channel: calls from any frame other than the app's own page are refused. */
export function registerIpc(ctx: Ctx, isAppUrl: (url: string) => boolean): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: { type: 'user', message: '拒绝来自非本程序页面的调用' } }
    }
    if (name === OPEN_EVIDENCE) {
      // The handler resolves (and checks) the path inside the data folder; only then does the shell open it.
      const r = await dispatch(handlers, ctx, 'evidence-path', args)
      if (!r.ok) return r
      const failure = await shell.openPath((r.value as { path: string }).path)
      return failure ? { ok: false, error: { type: 'user', message: `无法打开文件：${failure}` } } : { ok: true, value: null }
    }
    return dispatch(handlers, ctx, name, args)
  })
}
