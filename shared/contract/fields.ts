import { z } from 'zod'
import { isCalendarDate } from '../dates'

/** Chinese names of argument fields, so every validation message names the field the officer sees. */
export const FIELD_LABELS: Record<string, string> = {
  channel: '渠道',
  title: '标题',
  date: '日期',
  status: '状态',
  department: '科室',
  author: '作者',
  venue: '媒体/平台',
  outletLevel: '媒体级别',
  kind: '类别',
  quantity: '数量',
  reach: '覆盖人次',
  reads: '阅读量',
  paid: '合作版面',
  link: '链接',
  notes: '备注',
  body: '正文',
  themes: '主题',
  forms: '双语形式',
  languages: '双语形式',
  languageNote: '语言说明',
  fullName: '医院全称',
  aliases: '简称/别名',
  departments: '科室列表',
  id: '编号',
  month: '月份',
  from: '开始日期',
  to: '结束日期',
  url: '地址',
  name: '名称',
  ids: '选中的记录',
  fileName: '文件名',
  base64: '文件内容',
  mapping: '列对应关系',
  format: '文件格式',
  skipDuplicates: '跳过疑似重复',
  q: '搜索词',
  // tallies and reports
  year: '年份', notice: '通知正文', base: 'RSSHub 地址',
  period: '统计区间', key: '统计项', signedBy: '签阅人', comment: '意见', wording: '数字写法', text: '段落内容',
  // opinion watch
  category: '分类', intervalMin: '抓取间隔', encoding: '编码', weight: '来源权重', any: '任一词', all: '全部词',
  none: '排除词', sentiment: '情感', grade: '级别', step: '处置步骤', note: '处置说明', assignee: '责任人',
  pieceId: '台账稿件', feedId: '订阅源', quietFrom: '静默开始时间', quietTo: '静默结束时间', silentDays: '订阅源静默天数', secret: '签名密钥', grades: '即时推送的等级', digestAt: '日报推送时间', targets: '推送目标', negative: '负面词', positive: '正面词', opml: 'OPML 文件',
  // backups
  backup: '备份', daily: '每日备份保留份数', weekly: '每周备份保留份数', auto: '自动备份',
  // review, evidence, registries, quotas
  decision: '审核结论', reviewer: '审核人', reason: '理由', chains: '审核流程', medicalStep: '医学内容审核步骤',
  medicalThemes: '医学主题', terms: '规范表述', wrong: '错误写法', right: '规范写法', source: '出处', dataBase64: '佐证材料',
  uploadId: '上传编号', offset: '分块位置', thumbBase64: '缩略图', level: '级别', platform: '平台', owner: '负责人',
  createdDate: '建立日期', registeredDate: '登记日期', target: '目标', dueDate: '截止日期', minLevel: '媒体级别',
  onlyAccepted: '只计录用', label: '指标名称', done: '完成', extra: '渠道字段',
  // review bound to content: 补录, 代录 and the confirmation of an edit
  backfill: '补录', confirm: '确认', reviewerId: '审核人', reviewerName: '审核人', evidenceId: '签批单（佐证材料）',
  // users
  // 重复稿件
  repeat: '重复', freq: '重复方式', interval: '间隔', weekday: '星期', monthDay: '每月日期', until: '截止日期', count: '次数', fromPieceId: '本条稿件', seriesEdited: '单独修改',
  password: '密码', current: '当前密码', roles: '角色', steps: '审核步骤', active: '启用', minutes: '锁定时间', officer: '同时担任宣传干事'
}

export function fieldLabel(path: (string | number | symbol)[]): string {
  const named = path.filter((p): p is string => typeof p === 'string')
  const last = named[named.length - 1]
  return (last && FIELD_LABELS[last]) || named.join('.') || '参数'
}

export const calendarDate = z
  .string({ error: '请填写日期' })
  .trim()
  .refine(isCalendarDate, { message: '请填写有效日期，格式如 2023-03-05' })

export const monthString = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '请填写有效月份，格式如 2023-05' })

export const shortText = (max: number) => z.string().trim().max(max, { message: `不能超过 ${max} 个字` })

export const httpLink = z
  .string()
  .trim()
  .max(2000, { message: '链接太长' })
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), { message: '链接须以 http:// 或 https:// 开头' })

export const rowId = z.number({ error: '编号须为数字' }).int().positive()

/**
 * The "patch" form of an object schema: every field optional and no defaults, so an update that names one
 * field changes only that field (zod's .partial() would still fill in the defaults).
 */
export function patchOf<S extends z.ZodRawShape>(obj: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {}
  for (const [k, s] of Object.entries(obj.shape)) {
    const inner = s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : (s as z.ZodType)
    shape[k] = inner.optional()
  }
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer I> ? I : S[K]> }>
}
