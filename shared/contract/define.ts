import { z } from 'zod'
import type { Who } from '../roles'

/**
 * One contract entry: the zod schema of the arguments (validated once, at the transport boundary)
 * and the result type (a phantom: types only, nothing at run time).
 */
export interface Spec<A extends z.ZodType = z.ZodType, R = unknown> {
  /** Who may call it (shared/roles.ts); the dispatcher enforces it. */
  who: Who
  args: A
  result?: R
}

export function spec<A extends z.ZodType>(who: Who, args: A) {
  return { returns: <R>(): Spec<A, R> => ({ who, args }) }
}

export type ErrorType = 'user' | 'internal'
export interface DeskError {
  type: ErrorType
  message: string
  details?: { field?: string; issues?: { field: string; message: string }[]; [k: string]: unknown }
}
/**
 * What every call answers. `changed`: the domains (shared/contract/index.ts `Domain`; plain strings here, where the
 * domain list cannot be imported) whose reads the call changed — absent when it changed nothing.
 */
export type Envelope<T> = { ok: true; value: T; changed?: string[] } | { ok: false; error: DeskError }

/** The empty-argument schema most list/get handlers take. */
export const noArgs = z.object({}).strict().optional().default({})
