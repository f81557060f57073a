import { z } from 'zod'
import { contract, type Contract, type HandlerName, type ParsedArgs, type ResultOf, type Envelope } from '../shared/contract'
import type { Ctx } from './context'
import { fromZod, toErrorEnvelope } from './errors'

z.config(z.locales.zhCN())

export type Impl<K extends HandlerName> = (args: ParsedArgs<K>, ctx: Ctx) => Promise<ResultOf<K>> | ResultOf<K>
export type ImplMap = { [K in HandlerName]: Impl<K> }

/** Each domain file declares its handlers with this, so arguments and results are typed from the contract. */
export function defineHandlers<T extends Partial<ImplMap>>(h: T & { [K in Exclude<keyof T, HandlerName>]: never }): T {
  return h
}

/** Merge domain handler maps; a duplicate name throws at startup. */
export function mergeHandlers(...parts: Partial<ImplMap>[]): ImplMap {
  const out: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (name in out) throw new Error(`handler name used twice: ${name}`)
      out[name] = fn
    }
  }
  for (const name of Object.keys(contract)) {
    if (!(name in out)) throw new Error(`handler missing for contract entry: ${name}`)
  }
  return out as ImplMap
}

export function isHandlerName(name: unknown): name is HandlerName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name)
}

/** The one entry point every transport uses: validate once, run, wrap in the envelope. */
export async function dispatch(handlers: ImplMap, ctx: Ctx, name: unknown, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isHandlerName(name)) {
    // never String(name): an object name from a hostile caller may have a toString that throws
    const shown = typeof name === 'string' ? name.slice(0, 60) : `（${name === null ? 'null' : typeof name}）`
    return { ok: false, error: { type: 'user', message: `未知的操作：${shown}` } }
  }
  const schema = (contract as Contract)[name].args
  const parsed = schema.safeParse(rawArgs ?? undefined)
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error) }
  try {
    const fn = handlers[name] as (a: unknown, c: Ctx) => unknown
    const value = await fn(parsed.data, ctx)
    return { ok: true, value: value === undefined ? null : value }
  } catch (e) {
    return toErrorEnvelope(e)
  }
}
