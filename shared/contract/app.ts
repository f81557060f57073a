import { z } from 'zod'
import { spec, noArgs } from './define'
import { shortText } from './fields'
import { ADMIN, PUBLIC } from '../roles'

export const profileInput = z.object({
  fullName: z.string({ error: '请填写医院全称' }).trim().min(2, { message: '请填写医院全称（至少 2 个字）' }).max(60, { message: '不能超过 60 个字' }),
  aliases: z.array(shortText(30).min(1, { message: '别名不能为空' })).max(30).default([]),
  departments: z.array(shortText(30).min(1, { message: '科室名不能为空' })).max(200).default([])
})
export type Profile = z.output<typeof profileInput>

export interface AppState {
  firstRun: boolean
  profile: Profile | null
  dbFile: string
  actor: string
  today: string
}

export const appContract = {
  'app-state': spec(PUBLIC, noArgs).returns<AppState>(),
  'profile-save': spec(ADMIN, profileInput).returns<Profile>()
}
