import { defineHandlers } from '../dispatch'
import { readSetting, saveSetting } from '../settings'
import type { Profile } from '../../shared/contract/app'
import { chinaDate } from '../../shared/dates'
import type { Db } from '../../db/open'

/** 医院信息; null until the first-run form is filled in. */
export const readProfile = (db: Db): Profile | null => readSetting(db, 'profile')

export const appHandlers = defineHandlers({
  'app-state': (_args, ctx) => {
    const profile = readProfile(ctx.desk.db)
    return { firstRun: profile === null, profile, dbFile: ctx.desk.file, actor: ctx.actor, today: chinaDate(ctx.now()) }
  },
  'profile-save': (p, ctx) =>
    saveSetting(ctx, 'profile', {
      fullName: p.fullName,
      aliases: [...new Set(p.aliases.filter((a) => a !== p.fullName))],
      departments: [...new Set(p.departments)],
      level: p.level,
      watchUnit: p.watchUnit,
      commission: p.commission
    })
})
