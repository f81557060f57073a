// Watch rules (监测规则): any / all / none terms. The first rule comes from the hospital profile.
import { defineHandlers } from '../dispatch'
import { fieldError, UserError } from '../errors'
import { readSetting, writeState } from '../settings'
import { recordAudit, diff } from '../../db/queries/audit'
import { deleteRule, getRule, insertRule, listRuleRows, toRule, updateRule, type RuleRow, type RuleValues } from '../../db/queries/feeds'
import { compileRules, ruleFromProfile, type Matcher } from '../../services/watch/matcher'
import { readProfile } from '../app'
import type { Rule } from '../../shared/contract/watch'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

/** Set once the profile rule has been made, so a rule the officer deleted is not made again. */
function profileRuleId(db: Db): number | null {
  return readSetting(db, 'watch-profile-rule')?.ruleId ?? null
}

/**
 * Makes the first rule from the hospital's full name and aliases, the first time the watch is used (opened,
 * polled, seeded) after the profile exists. Idempotent; a no-op before the first-run form is filled in.
 */
export function ensureProfileRule(ctx: Ctx): void {
  const db = ctx.desk.db
  if (profileRuleId(db) !== null) return
  const profile = readProfile(db)
  if (!profile) return
  ctx.desk.tx(() => {
    if (profileRuleId(db) !== null) return
    const r = ruleFromProfile(profile)
    const at = ctx.now().toISOString()
    const row = insertRule(db, { name: r.name, anyTerms: r.any, allTerms: r.all, noneTerms: r.none, enabled: true }, at)
    writeState(db, 'watch-profile-rule', { ruleId: row.id }, at)
    recordAudit(db, { at, actor: ctx.actor, action: 'create', entity: 'rule', entityId: row.id, changes: { ...row, source: '医院信息' } })
  })
}

export function listRules(db: Db): Rule[] {
  const pid = profileRuleId(db)
  return listRuleRows(db).map((r) => toRule(r, pid))
}

/** One matcher over every enabled rule (compiled once per poll, shared by all feeds). */
export function currentMatcher(db: Db): Matcher {
  return compileRules(listRuleRows(db).map((r) => ({ id: r.id, name: r.name, any: r.anyTerms, all: r.allTerms, none: r.noneTerms, enabled: r.enabled })))
}

function cleanTerms(xs: string[] | undefined): string[] | undefined {
  return xs === undefined ? undefined : [...new Set(xs.map((t) => t.trim()).filter(Boolean))]
}

function checkRule(v: Pick<RuleValues, 'anyTerms' | 'allTerms' | 'noneTerms'>): void {
  if (v.anyTerms.length === 0 && v.allTerms.length === 0) throw fieldError('any', '请至少填写一个“任一词”或“全部词”，否则规则什么也匹配不到')
  const excluded = new Set(v.noneTerms)
  const clash = [...v.anyTerms, ...v.allTerms].find((t) => excluded.has(t))
  if (clash) throw fieldError('none', `“${clash}”既是监测词又是排除词，请删去其中一处`)
}

function mustGetRule(db: Db, id: number): RuleRow {
  const r = getRule(db, id)
  if (!r) throw new UserError(`找不到编号为 ${id} 的监测规则，可能已被删除`, { field: 'id' })
  return r
}

export const ruleHandlers = defineHandlers({
  'rule-list': (_a, ctx) => {
    ensureProfileRule(ctx)
    return listRules(ctx.desk.db)
  },
  'rule-create': (v, ctx) =>
    ctx.desk.tx(() => {
      const values: RuleValues = { name: v.name, anyTerms: cleanTerms(v.any)!, allTerms: cleanTerms(v.all)!, noneTerms: cleanTerms(v.none)!, enabled: v.enabled }
      checkRule(values)
      const at = ctx.now().toISOString()
      const row = insertRule(ctx.desk.db, values, at)
      recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'create', entity: 'rule', entityId: row.id, changes: values })
      return toRule(row, profileRuleId(ctx.desk.db))
    }),
  'rule-update': ({ id, ...v }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetRule(ctx.desk.db, id)
      const patch: Partial<RuleValues> = {}
      if (v.name !== undefined) patch.name = v.name
      if (v.any !== undefined) patch.anyTerms = cleanTerms(v.any)
      if (v.all !== undefined) patch.allTerms = cleanTerms(v.all)
      if (v.none !== undefined) patch.noneTerms = cleanTerms(v.none)
      if (v.enabled !== undefined) patch.enabled = v.enabled
      checkRule({ anyTerms: patch.anyTerms ?? before.anyTerms, allTerms: patch.allTerms ?? before.allTerms, noneTerms: patch.noneTerms ?? before.noneTerms })
      const after = updateRule(ctx.desk.db, id, patch)
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'update', entity: 'rule', entityId: id, changes: diff(before, after) })
      return toRule(after, profileRuleId(ctx.desk.db))
    }),
  'rule-delete': ({ id }, ctx) =>
    ctx.desk.tx(() => {
      const before = mustGetRule(ctx.desk.db, id)
      deleteRule(ctx.desk.db, id)
      recordAudit(ctx.desk.db, { at: ctx.now().toISOString(), actor: ctx.actor, action: 'delete', entity: 'rule', entityId: id, changes: before })
      return { id }
    })
})
