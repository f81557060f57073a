// Opening the desk at startup, in its own thread (handlers/worker/). A damaged database is never opened silently:
// the officer is offered the newest good backup (the damaged file is kept beside the restored one for the
// technician), or quits.
import { dialog } from 'electron'
import { DamagedDatabaseError } from '../../db/integrity'
import { restoreClosed } from '../../handlers/backup/restore'
import { defaultDataDir } from '../../handlers/context'
import { startDesk, type DeskClient } from '../../handlers/worker/client'
import type { DeskOptions } from '../../handlers/worker/protocol'
import type { HttpTransport } from '../../services/feeds/fetcher'
import type { PageRenderer } from '../../services/watch/page-image'

const text = (e: unknown) => (e instanceof Error ? e.message : String(e))

export type StartOptions = DeskOptions & { http: HttpTransport; pages: PageRenderer; threadUrl: URL; migrationsFolder: string }

/** The open desk, or null when the app should quit (the officer chose 退出 or nothing could be opened). */
export async function openOrRecover(options: StartOptions): Promise<DeskClient | null> {
  try {
    return await startDesk(options)
  } catch (e) {
    if (!(e instanceof DamagedDatabaseError) || !e.backup) {
      dialog.showErrorBox('无法打开数据库', text(e))
      return null
    }
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: '数据库已损坏',
      message: '数据库文件已损坏，工作台没有打开它',
      detail: e.message,
      buttons: ['从最新备份恢复', '退出'],
      defaultId: 0,
      cancelId: 1,
      noLink: true
    })
    if (choice !== 0) return null
    try {
      const files = { dbFile: options.dbFile, dataDir: options.dataDir ?? defaultDataDir(options.dbFile), migrationsFolder: options.migrationsFolder }
      await restoreClosed(files, e.backup.path, { actor: '宣传干事', now: new Date() })
      return await startDesk(options)
    } catch (r) {
      dialog.showErrorBox('恢复没有完成', `${text(r)}\n损坏的数据库文件没有被改动。`)
      return null
    }
  }
}
