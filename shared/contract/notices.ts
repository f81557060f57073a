// The notice centre (the bell): every alert and reminder the desk raised, with its time and a link to its record.
import { z } from 'zod'
import { spec, noArgs } from './define'
import { rowId } from './fields'
import { ANYONE } from '../roles'

export const NOTICE_KINDS = ['alert', 'due', 'backup', 'silent', 'webhook', 'other'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export interface NoticeItem {
  id: number
  at: string
  kind: NoticeKind
  title: string
  body: string
  /** An in-app link ('#/watch/inbox/12'), or ''. */
  href: string
  read: boolean
}

export interface NoticeList {
  items: NoticeItem[]
  unread: number
}

export const noticesContract = {
  'notice-list': spec(ANYONE, z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 })).returns<NoticeList>(),
  'notice-read': spec(ANYONE, z.object({ ids: z.array(rowId).min(1, { message: '请选择提醒' }).max(500) })).returns<{ unread: number }>(),
  'notice-read-all': spec(ANYONE, noArgs).returns<{ unread: number }>()
}
