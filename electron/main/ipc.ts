import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { dispatch, handlers, type Ctx } from '../../handlers'

export const INVOKE_CHANNEL = 'desk:invoke'

/** The one IPC channel: calls from any frame other than the app's own page are refused. */
export function registerIpc(ctx: Ctx, isAppUrl: (url: string) => boolean): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, args: unknown) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: { type: 'user', message: '拒绝来自非本程序页面的调用' } }
    }
    return dispatch(handlers, ctx, name, args)
  })
}
