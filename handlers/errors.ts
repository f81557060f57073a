import { z } from 'zod'
import type { DeskError, Envelope } from '../shared/contract/define'
import { fieldLabel } from '../shared/contract/fields'

/** A mistake in what the user asked for: shown to them as is, in Chinese, naming the field. */
export class UserError extends Error {
  constructor(message: string, public readonly details: DeskError['details'] = {}) {
    super(message)
    this.name = 'UserError'
  }
}

export function fieldError(field: string, message: string): UserError {
  const text = `${fieldLabel([field])}：${message}`
  return new UserError(text, { field, issues: [{ field, message }] })
}

export function fromZod(err: z.ZodError): DeskError {
  const issues = err.issues.map((i) => ({ field: i.path.map(String).join('.'), message: i.message }))
  const first = err.issues[0]
  const message = first ? `${fieldLabel(first.path)}：${first.message}` : '参数无效'
  return { type: 'user', message, details: { field: issues[0]?.field, issues } }
}

/** Turn anything thrown into the envelope. Internal errors are logged and shown as a plain apology. */
export function toErrorEnvelope(e: unknown, log: (e: unknown) => void = console.error): Envelope<never> {
  if (e instanceof UserError) return { ok: false, error: { type: 'user', message: e.message, details: e.details } }
  if (e instanceof z.ZodError) return { ok: false, error: fromZod(e) }
  log(e)
  return { ok: false, error: { type: 'internal', message: '抱歉，操作没有完成：程序内部出错，已记录日志。数据未被改动。' } }
}
