// 设置 › 审核流程 / 规范表述: each a setting with a shipped default (shared/settings.ts), audited when saved.
import { defineHandlers } from '../dispatch'
import { UserError } from '../errors'
import { readSetting, saveSetting } from '../settings'
import { readProfile } from '../app'
import { commissionSlips, nameSlips, type ProofEntry } from '../../shared/proofread'
import { PROFILE_DEFAULTS, defaultCommission } from '../../shared/contract/app'
import type { Db } from '../../db/open'

/** The dictionary a check uses: the office's list plus the wrong forms of its own name. */
export function proofDictionary(db: Db): ProofEntry[] {
  // the commission's outdated names first, so 卫计局 is read against the hospital's own 县卫健局
  const profile = readProfile(db)
  const level = profile?.level ?? PROFILE_DEFAULTS.level
  return [...commissionSlips(profile?.commission || defaultCommission(level)), ...readSetting(db, 'proofread-terms'), ...nameSlips(profile)]
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>()
  return xs.filter((x) => !seen.has(key(x)) && !!seen.add(key(x)))
}

export const chainHandlers = defineHandlers({
  'review-chains-get': (_a, ctx) => readSetting(ctx.desk.db, 'review-chains'),
  'review-chains-save': (v, ctx) => {
    const before = readSetting(ctx.desk.db, 'review-chains')
    return saveSetting(ctx, 'review-chains', { chains: { ...before.chains, ...v.chains }, medicalStep: v.medicalStep, medicalThemes: [...new Set(v.medicalThemes)] })
  },
  'proofread-terms-get': (_a, ctx) => ({ terms: readSetting(ctx.desk.db, 'proofread-terms'), nameSlips: nameSlips(readProfile(ctx.desk.db)) }),
  'proofread-terms-save': ({ terms }, ctx) => {
    const same = terms.findIndex((t) => t.wrong === t.right)
    if (same >= 0) throw new UserError(`规范表述第 ${same + 1} 条：错误写法与规范写法相同`, { field: `terms.${same}.wrong` })
    const clean = saveSetting(ctx, 'proofread-terms', dedupe(terms, (t) => t.wrong))
    return { terms: clean, nameSlips: nameSlips(readProfile(ctx.desk.db)) }
  }
})
