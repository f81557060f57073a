import { z } from 'zod'
import { spec, noArgs } from './define'
import { shortText } from './fields'
import { ADMIN, PUBLIC } from '../roles'

/** The hospital's administrative level: the opening's 党中央和省、市、县委 and the commission's 省/市/县 follow it. */
export const HOSPITAL_LEVELS = ['县级', '市级', '省级'] as const
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number]
/** 本院信息 the summary quotes, with what a county hospital most often has. */
export const PROFILE_DEFAULTS = { level: '县级' as HospitalLevel, watchUnit: '宣传科', commission: '' }
/** The commission's name by level when none is written: 县卫健局, 市卫健委, 省卫健委. */
export const defaultCommission = (level: HospitalLevel): string => (level === '县级' ? '县卫健局' : level === '市级' ? '市卫健委' : '省卫健委')

export const profileInput = z.object({
  fullName: z.string({ error: '请填写医院全称' }).trim().min(2, { message: '请填写医院全称（至少 2 个字）' }).max(60, { message: '不能超过 60 个字' }),
  aliases: z.array(shortText(30).min(1, { message: '别名不能为空' })).max(30).default([]),
  departments: z.array(shortText(30).min(1, { message: '科室名不能为空' })).max(200).default([]),
  level: z.enum(HOSPITAL_LEVELS, { error: '医院级别须为 县级/市级/省级' }).default(PROFILE_DEFAULTS.level),
  /** Who watches online opinion (the seeds: 网络信息管理中心). */
  watchUnit: shortText(30).min(1, { message: '请填写负责网络舆情监测的部门' }).default(PROFILE_DEFAULTS.watchUnit),
  /** The health commission above the hospital, by its current name (县卫健局…); '' = by level. */
  commission: shortText(30)
    .default(PROFILE_DEFAULTS.commission)
    .refine((c) => !/卫计|计生|计划生育/.test(c), { message: '“卫计局/卫生计生委”已于2018年机构改革后更名，请填写现名（如 县卫健局、市卫健委）' })
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
