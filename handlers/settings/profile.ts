import { defineHandlers } from '../registry'
import { getSetting, putSetting } from '../../db/queries/settings'
import { recordAudit, diff } from '../../db/queries/audit'
import type { Profile } from '../../shared/contract/settings'
import { chinaDate } from '../../shared/dates'
import type { Db } from '../../db/open'

export const PROFILE_KEY = 'profile'

export function readProfile(db: Db): Profile | null {
  return getSetting<Profile>(db, PROFILE_KEY)
}

export const profileHandlers = defineHandlers({
  'app-state': (_args, ctx) => {
    const profile = readProfile(ctx.desk.db)
    return { firstRun: profile === null, profile, dbFile: ctx.desk.file, actor: ctx.actor, today: chinaDate(ctx.now()) }
  },
  'profile-save': (p, ctx) => {
    const profile: Profile = {
      fullName: p.fullName,
      aliases: [...new Set(p.aliases.filter((a) => a !== p.fullName))],
      departments: [...new Set(p.departments)]
    }
    const at = ctx.now().toISOString()
    ctx.desk.tx(() => {
      const before = getSetting<Profile>(ctx.desk.db, PROFILE_KEY)
      putSetting(ctx.desk.db, PROFILE_KEY, profile, at)
      recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: before ? 'update' : 'create', entity: 'settings', entityId: PROFILE_KEY, changes: diff(before ?? {}, profile) })
    })
    return profile
  }
})
