// Alerts that leave the PC: the office's group robots (企业微信、钉钉、飞书) — which grades go to which group, the
// daily digest's time, and the last result of each target.
import { z } from 'zod'
import { spec, noArgs } from './define'
import { shortText } from './fields'
import { OFFICE } from '../roles'
import { GRADES } from '../watch'
import { isMasked } from '../secret-fields'

export const WEBHOOK_KINDS = ['wecom', 'dingtalk', 'feishu'] as const
export type WebhookKind = (typeof WEBHOOK_KINDS)[number]
export const WEBHOOK_KIND_LABELS: Record<WebhookKind, string> = { wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' }

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '请填写时间，格式如 08:30' })

export const webhookTarget = z.object({
  id: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, { message: '编号只能是小写字母、数字和 -' }),
  name: shortText(30).min(1, { message: '请填写群名称' }),
  kind: z.enum(WEBHOOK_KINDS, { error: '请选择平台' }),
  url: z
    .string()
    .trim()
    .max(1000, { message: '地址太长' })
    // or the masked form the window was shown (…后4位), which the save turns back into the stored address
    .refine((s) => isMasked(s) || /^https?:\/\/[^\s]+$/i.test(s), { message: 'Webhook 地址须以 http:// 或 https:// 开头' }),
  /** 钉钉「加签」、飞书「签名校验」的密钥; '' = not signed. */
  secret: shortText(200).default(''),
  /** The grades sent at once. */
  grades: z.array(z.enum(GRADES)).max(3).default(['重大']),
  /** Also the daily digest. */
  digest: z.boolean().default(true),
  enabled: z.boolean().default(true)
})
export type WebhookTarget = z.output<typeof webhookTarget>

export const webhookSettingsFields = z
  .object({
    targets: z.array(webhookTarget).max(10, { message: '最多 10 个推送目标' }).default([]),
    digestAt: clock.default('08:30')
  })
  .refine((s) => new Set(s.targets.map((t) => t.id)).size === s.targets.length, { message: '推送目标的编号不能重复', path: ['targets'] })
export type WebhookSettings = z.output<typeof webhookSettingsFields>

export interface WebhookResult {
  /** 'sent' | 'pending' (waiting for a retry) | 'failed' (gave up) */
  status: 'sent' | 'pending' | 'failed'
  kind: string
  title: string
  at: string
  attempts: number
  error: string | null
}

export interface WebhookOverview {
  settings: WebhookSettings
  /** Per target id: its latest delivery, and how many wait for a retry or failed for good. */
  results: Record<string, { last: WebhookResult | null; pending: number; failed: number }>
}

export const watchWebhooksContract = {
  'webhook-get': spec(OFFICE, noArgs).returns<WebhookOverview>(),
  'webhook-save': spec(OFFICE, webhookSettingsFields).returns<WebhookOverview>(),
  'webhook-test': spec(OFFICE, z.object({ id: z.string().min(1, { message: '请选择推送目标' }).max(64, { message: '推送目标无效' }) })).returns<WebhookOverview>()
}
