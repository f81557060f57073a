import { z } from 'zod'
import { contract, domainOf, type Contract, type Domain, type HandlerName, type ParsedArgs, type ResultOf, type Envelope } from '../shared/contract'
import type { Ctx } from './context'
import { fromZod, toErrorEnvelope } from './errors'
import { allowed, rolesNeeded, type SessionUser } from '../shared/roles'
import { getUser, toSessionUser } from '../db/queries/users'
import { idleMinutes } from './users/idle'
import { changeMark, changesSince, jobFinished, jobStarted } from './changes'

z.config(z.locales.zhCN())

export type Impl<K extends HandlerName> = (args: ParsedArgs<K>, ctx: Ctx) => Promise<ResultOf<K>> | ResultOf<K>
export type ImplMap = { [K in HandlerName]: Impl<K> }

/** Each domain file declares its handlers with this, so arguments and results are typed from the contract. */
export function defineHandlers<T extends Partial<ImplMap>>(h: T & { [K in Exclude<keyof T, HandlerName>]: never }): T {
  return h
}

type Part = Partial<ImplMap>

/**
 * Every domain's handlers, one entry per domain (a domain of several files lists its maps). A name implemented
 * twice, a name outside its domain's contract file, or a contract entry without a handler throws at startup.
 */
export function registerHandlers(byDomain: Record<Domain, Part | Part[]>): ImplMap {
  const out: Record<string, unknown> = {}
  for (const [domain, parts] of Object.entries(byDomain)) {
    for (const part of [parts].flat()) {
      for (const [name, fn] of Object.entries(part)) {
        if (name in out) throw new Error(`handler name used twice: ${name}`)
        if (!isHandlerName(name) || domainOf(name) !== domain) throw new Error(`handler ${name} is registered in ${domain} but declared in ${isHandlerName(name) ? domainOf(name) : 'no contract file'}`)
        out[name] = fn
      }
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

/**
 * The domains a successful call changed, for the renderer's queries to reload by (shared/changes.ts): the
 * call's own writes, or — for a job's status poll that first sees it finished — the job's.
 */
function changedBy(ctx: Ctx, name: HandlerName, mark: number, value: unknown): Domain[] {
  const changed = changesSince(ctx.desk.db, mark, name)
  jobStarted(value, mark, name)
  if (name !== 'job-status' && name !== 'job-cancel') return changed
  return [...new Set([...changed, ...jobFinished(ctx.desk.db, value)])]
}

/** `changed` goes on the envelope only when something changed, so a read's envelope stays `{ ok, value }`. */
function withChanged<T>(env: { ok: true; value: T }, changed: Domain[]): Envelope<T> {
  return changed.length ? { ...env, changed } : env
}

/** Calls a locked session may still make: unlock with the same password, or sign out / in as someone else. */
const WHILE_LOCKED = new Set<string>(['session-state', 'session-unlock', 'session-sign-out', 'session-sign-in', 'app-state'])

function refused(message: string, details: Record<string, unknown> = {}): Envelope<never> {
  return { ok: false, error: { type: 'user', message, details: { refused: true, ...details } } }
}

/** The session's user as of now (a disabled or removed user is no user), locking a session left idle too long. */
function sessionUser(ctx: Ctx): SessionUser | null {
  const s = ctx.session
  if (s.userId === null) return null
  const row = getUser(ctx.desk.db, s.userId)
  if (!row || !row.active) {
    s.userId = null
    s.locked = false
    return null
  }
  const now = ctx.now().getTime()
  if (s.idleLock && !s.locked && s.lastCallAt > 0 && now - s.lastCallAt > idleMinutes(ctx.desk.db) * 60_000) s.locked = true
  s.lastCallAt = now
  return toSessionUser(row)
}

/**
 * The one entry point every transport uses: who is calling and may they (shared/roles.ts, declared with each
 * contract entry), then validate once, run, wrap in the envelope.
 */
export async function dispatch(handlers: ImplMap, ctx: Ctx, name: unknown, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isHandlerName(name)) {
    // never String(name): an object name from a hostile caller may have a toString that throws
    const shown = typeof name === 'string' ? name.slice(0, 60) : `（${name === null ? 'null' : typeof name}）`
    return { ok: false, error: { type: 'user', message: `未知的操作：${shown}` } }
  }
  const entry = (contract as Contract)[name]
  let user: SessionUser | null
  try {
    user = sessionUser(ctx)
  } catch (e) {
    return toErrorEnvelope(e)
  }
  const system = ctx.session.system !== undefined
  if (!allowed(entry.who, user, system)) {
    if (!user && !system) return refused('请先登录', { signIn: true })
    return refused(`此操作需要${rolesNeeded(entry.who)}角色；${user ? `当前用户“${user.name}”` : ctx.session.system}没有该权限`, { roles: entry.who })
  }
  if (user && ctx.session.locked && !WHILE_LOCKED.has(name)) return refused('工作台已锁定，请输入密码解锁', { locked: true })
  const parsed = entry.args.safeParse(rawArgs ?? undefined)
  if (!parsed.success) return { ok: false, error: fromZod(parsed.error) }
  const callCtx: Ctx = { ...ctx, user, actor: user?.name ?? ctx.session.system ?? ctx.actor }
  try {
    const fn = handlers[name] as (a: unknown, c: Ctx) => unknown
    const mark = changeMark(ctx.desk.db)
    const value = await fn(parsed.data, callCtx)
    return withChanged({ ok: true, value: value === undefined ? null : value }, changedBy(ctx, name, mark, value))
  } catch (e) {
    return toErrorEnvelope(e)
  }
}
