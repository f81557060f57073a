// 设置 › 审核流程 / 规范表述 / 主题: each a settings key with a shipped default, audited when saved.
import { defineHandlers } from '../registry'
import { UserError } from '../errors'
import { getSetting, putSetting } from '../../db/queries/settings'
import { recordAudit, diff } from '../../db/queries/audit'
import { readProfile } from '../settings/profile'
import { CHAINS_KEY, readChains } from './rules'
import { DEFAULT_PROOF_TERMS, nameSlips, type ProofEntry } from '../../shared/proofread'
import { DEFAULT_THEMES } from '../../shared/channels'
import type { Db } from '../../db/open'
import type { Ctx } from '../context'

export const TERMS_KEY = 'proofread-terms'
export const THEMES_KEY = 'themes'

export function readTerms(db: Db): ProofEntry[] {
  return getSetting<ProofEntry[]>(db, TERMS_KEY) ?? DEFAULT_PROOF_TERMS
}

/** The dictionary a check uses: the office's list plus the wrong forms of its own name. */
export function proofDictionary(db: Db): ProofEntry[] {
  return [...readTerms(db), ...nameSlips(readProfile(db))]
}

export function readThemes(db: Db): string[] {
  return getSetting<string[]>(db, THEMES_KEY) ?? DEFAULT_THEMES
}

function save(ctx: Ctx, key: string, before: unknown, value: unknown): void {
  const at = ctx.now().toISOString()
  ctx.desk.tx(() => {
    putSetting(ctx.desk.db, key, value, at)
    recordAudit(ctx.desk.db, { at, actor: ctx.actor, action: 'update', entity: 'settings', entityId: key, changes: diff({ value: before }, { value }) })
  })
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>()
  return xs.filter((x) => !seen.has(key(x)) && !!seen.add(key(x)))
}

export const workflowSettingsHandlers = defineHandlers({
  'review-chains-get': (_a, ctx) => readChains(ctx.desk.db),
  'review-chains-save': (v, ctx) => {
    const before = readChains(ctx.desk.db)
    const value = { chains: { ...before.chains, ...v.chains }, medicalStep: v.medicalStep, medicalThemes: [...new Set(v.medicalThemes)] }
    save(ctx, CHAINS_KEY, before, value)
    return readChains(ctx.desk.db)
  },
  'proofread-terms-get': (_a, ctx) => ({ terms: readTerms(ctx.desk.db), nameSlips: nameSlips(readProfile(ctx.desk.db)) }),
  'proofread-terms-save': ({ terms }, ctx) => {
    const same = terms.findIndex((t) => t.wrong === t.right)
    if (same >= 0) throw new UserError(`规范表述第 ${same + 1} 条：错误写法与规范写法相同`, { field: `terms.${same}.wrong` })
    const clean = dedupe(terms, (t) => t.wrong)
    save(ctx, TERMS_KEY, readTerms(ctx.desk.db), clean)
    return { terms: clean, nameSlips: nameSlips(readProfile(ctx.desk.db)) }
  },
  'theme-list': (_a, ctx) => readThemes(ctx.desk.db),
  'theme-save': ({ themes }, ctx) => {
    const clean = [...new Set(themes)]
    save(ctx, THEMES_KEY, readThemes(ctx.desk.db), clean)
    return clean
  }
})
