import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_DIR_NAME = '宣传舆情工作台'

/** Where Electron's userData folder is for this app, computed without Electron (CLI, web bridge). */
export function defaultUserDataDir(): string {
  const home = homedir()
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME)
}

/** --db PATH wins, then DESK_DB, then the userData default. */
export function resolveDbFile(cliPath?: string | null, userDataDir = defaultUserDataDir()): string {
  return cliPath || process.env.DESK_DB || join(userDataDir, 'desk.sqlite')
}
