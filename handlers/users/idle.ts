import { getSetting } from '../../db/queries/settings'
import type { Db } from '../../db/open'

export const IDLE_KEY = 'session-idle-minutes'
export const DEFAULT_IDLE_MINUTES = 15

/** 设置 → 本机用户: minutes without use before the desk locks itself (default 15). */
export function idleMinutes(db: Db): number {
  return getSetting<number>(db, IDLE_KEY) ?? DEFAULT_IDLE_MINUTES
}
