// The names and clocks of the desk's background duties (run by handlers/background.ts). Kept apart, with no imports,
// so a transport can name them without loading the desk into its own process.
export type DutyName = 'poll' | 'backup' | 'due' | 'alerts' | 'series'

const MINUTE = 60_000

/** When each duty first runs after the desk opens, and how often after that. */
export const DUTY_TIMING: Record<DutyName, { firstDelayMs: number; everyMs: number }> = {
  // 定时抓取: each feed still waits its own interval; this only looks for feeds that are due.
  poll: { firstDelayMs: 5_000, everyMs: MINUTE },
  // 自动备份: at once, then every 3 hours for a desk left open overnight; it does nothing when today's exists.
  backup: { firstDelayMs: 0, everyMs: 3 * 60 * MINUTE },
  // 到期提醒: scheduled pieces that fall due become notices (schedule-due remembers which were announced).
  due: { firstDelayMs: 0, everyMs: MINUTE },
  // 舆情提醒: alerts held during quiet hours are announced once the window ends, even if no poll runs; the group
  // robots' daily digest at its time, their retries, and feeds gone silent.
  alerts: { firstDelayMs: MINUTE, everyMs: MINUTE },
  // 重复稿件: each running series' occurrences up to the horizon (handlers/series/); hourly is enough for dates
  // that move a day at a time, and at once on opening so a desk closed for weeks catches up.
  series: { firstDelayMs: 0, everyMs: 60 * MINUTE }
}

/** Every duty: what the app and `npm run web` start. */
export const ALL_DUTIES = Object.keys(DUTY_TIMING) as DutyName[]
