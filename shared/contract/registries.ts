import { z } from 'zod'
import { spec, noArgs } from './define'
import { calendarDate, rowId, shortText } from './fields'
import { OUTLET_LEVELS } from '../channels'
import { ANYONE, OFFICE } from '../roles'

export const OUTLET_KINDS = ['报纸', '电视', '广播', '网站', '政务平台', '上级部门'] as const
export const ACCOUNT_PLATFORMS = ['公众号', '视频号', '微博', '抖音', '网站', 'QQ群', '微信群', '其他'] as const
export const ACCOUNT_STATUSES = ['在用', '停用', '已注销'] as const
/** 谁建立谁负责: an account must be registered with the office within this many days of being created. */
export const REGISTER_WITHIN_DAYS = 30

export const outletInput = z.object({
  id: rowId.optional(),
  name: shortText(60).min(1, { message: '请填写媒体名称' }),
  level: z.enum(OUTLET_LEVELS, { error: '请选择级别：国家级/省级/市级/县级' }),
  kind: z.enum(OUTLET_KINDS, { error: `请选择类型：${OUTLET_KINDS.join('/')}` })
})
export interface Outlet {
  id: number
  name: string
  level: (typeof OUTLET_LEVELS)[number]
  kind: (typeof OUTLET_KINDS)[number]
}

export const accountInput = z.object({
  id: rowId.optional(),
  platform: z.enum(ACCOUNT_PLATFORMS, { error: `请选择平台：${ACCOUNT_PLATFORMS.join('/')}` }),
  name: shortText(60).min(1, { message: '请填写账号或群名称' }),
  department: shortText(40).default(''),
  owner: shortText(40).default(''),
  createdDate: calendarDate.nullable().default(null),
  registeredDate: calendarDate.nullable().default(null),
  status: z.enum(ACCOUNT_STATUSES, { error: `请选择状态：${ACCOUNT_STATUSES.join('/')}` }).default('在用')
})
export interface Account {
  id: number
  platform: (typeof ACCOUNT_PLATFORMS)[number]
  name: string
  department: string
  owner: string
  createdDate: string | null
  registeredDate: string | null
  status: (typeof ACCOUNT_STATUSES)[number]
  /** 阵地管理 problems: no responsible person, registered late or not at all. */
  warnings: string[]
}

/** Which account platform each online channel's pieces are published on (for the form's suggestions). */
export const PLATFORM_OF_CHANNEL: Record<string, (typeof ACCOUNT_PLATFORMS)[number]> = {
  wechat: '公众号',
  video_account: '视频号',
  weibo: '微博',
  douyin: '抖音',
  website: '网站'
}

export const registriesContract = {
  'outlet-list': spec(ANYONE, noArgs).returns<Outlet[]>(),
  'outlet-save': spec(OFFICE, outletInput).returns<Outlet>(),
  'outlet-delete': spec(OFFICE, z.object({ id: rowId })).returns<{ id: number }>(),
  /** 撤销 of a delete: the row back under its own id, as its delete recorded it. */
  'outlet-restore': spec(OFFICE, z.object({ id: rowId })).returns<Outlet>(),
  'account-list': spec(ANYONE, noArgs).returns<Account[]>(),
  'account-save': spec(OFFICE, accountInput).returns<Account>(),
  'account-delete': spec(OFFICE, z.object({ id: rowId })).returns<{ id: number }>(),
  'account-restore': spec(OFFICE, z.object({ id: rowId })).returns<Account>(),
  'theme-list': spec(ANYONE, noArgs).returns<string[]>(),
  'theme-save': spec(OFFICE, z.object({ themes: z.array(shortText(20).min(1, { message: '主题不能为空' })).min(1, { message: '至少保留一个主题' }).max(60) })).returns<string[]>(),
  /** 双语形式: what 语言 may name on an event, and what 民族团结·双语宣传 counts. */
  'language-list': spec(ANYONE, noArgs).returns<string[]>(),
  'language-save': spec(OFFICE, z.object({
    forms: z.array(shortText(20).min(1, { message: '双语形式不能为空' }).refine((f) => f !== '回汉双语', { message: '回汉双语不是双语形式（回族通用汉语），请不要列入' })).max(40)
  })).returns<string[]>()
}
