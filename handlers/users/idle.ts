import { readSetting } from '../settings'
import type { Db } from '../../db/open'

/** 设置 → 本机用户: minutes without use before the desk locks itself (default in shared/settings.ts). */
export const idleMinutes = (db: Db): number => readSetting(db, 'session-idle-minutes')
