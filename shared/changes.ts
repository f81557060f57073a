// What a change touches. Every write of the desk appends an audit row (db/queries/audit.ts `recordAudit`), so a
// call's writes are known by the entities of the rows it appended; each entity maps to the domains whose reads it
// can change. The dispatcher puts those domains on the envelope (`changed`), the transports push them for
// background duties, and the renderer's queries reload when their handler's domain is among them.
import { domainOf, domains, type Domain, type HandlerName } from './contract'

const ALL = Object.keys(domains) as Domain[]

/** A piece (and so an imported ledger row, its evidence, its review steps) shows in every count and list of work. */
const PIECE: readonly Domain[] = ['pieces', 'ledger', 'calendar', 'dashboard', 'evidence', 'review', 'quotas', 'tallies', 'reports', 'mentions', 'series']
/** Mentions are listed, summarised, counted per feed and counted in the tallies and reports. */
const MENTION: readonly Domain[] = ['mentions', 'watch', 'feeds', 'tallies', 'reports']

/**
 * Audit entity → the domains whose reads it can change (besides `audit`, which every write changes). An entity
 * missing here touches everything: a new kind of write reloads too much rather than too little.
 */
export const ENTITY_TOUCHES: Record<string, readonly Domain[]> = {
  piece: PIECE,
  ledger: PIECE, // 台账导入
  series: PIECE, // 重复稿件: its rule and template, and the pieces it makes
  mention: MENTION,
  feed: MENTION, // a poll brings mentions; a rename shows in the mention lists
  rule: ['watch', 'mentions'],
  outlet: ['registries'], // pieces keep the outlet's name and level as written
  account: ['registries', 'tallies', 'reports'],
  quota: ['quotas', 'reports'],
  deadline: ['quotas', 'calendar'],
  signoff: ['tallies', 'reports'],
  report: ['reports'], // 定稿
  report_edit: ['reports'], // 报告 › 修改
  user: ['users', 'review'],
  backup: ['backup'],
  setting: ['backup'], // the backup policy
  audit_log: [], // sealing an older trail
  database: ALL // a restore replaces everything
}

/** The settings rows (entity `settings`, entity id = key) and what reads each feeds. An unknown key touches everything. */
export const SETTING_TOUCHES: Record<string, readonly Domain[]> = {
  profile: ['app', 'review', 'reports', 'ledger', 'watch'],
  'review-chains': ['review', 'pieces'],
  'proofread-terms': ['review'],
  themes: ['registries'],
  // what 双语 counts: the lists, and every figure
  'bilingual-forms': ['registries', 'tallies', 'reports', 'dashboard'],
  'session-idle-minutes': ['users'],
  'report.settings': ['reports'],
  'planning-days': ['calendar'],
  'rsshub-base': ['feeds']
  // holiday-schedules: every working-day rule (lead times, deadlines, quota weeks) reads it, so it touches all
}
const SETTING_PREFIXES: [string, readonly Domain[]][] = [['watch-', ['watch']]]

/** One audit row as far as changes go: its entity, and its entity id (which names the key of a settings row). */
export interface AuditMark {
  entity: string
  entityId: string
}

function touches(m: AuditMark): readonly Domain[] {
  if (m.entity !== 'settings') return ENTITY_TOUCHES[m.entity] ?? ALL
  return SETTING_TOUCHES[m.entityId] ?? SETTING_PREFIXES.find(([p]) => m.entityId.startsWith(p))?.[1] ?? ALL
}

/**
 * The domains changed by the audit rows a call appended (none: nothing changed), the called handler's own domain
 * included, in the contract's order.
 */
export function domainsChanged(rows: readonly AuditMark[], by?: HandlerName): Domain[] {
  if (!rows.length) return []
  const out = new Set<Domain>(['audit'])
  if (by) out.add(domainOf(by))
  for (const r of rows) for (const d of touches(r)) out.add(d)
  return ALL.filter((d) => out.has(d))
}

/** Whether a query of handler `name` needs loading again after a change of these domains. */
export function readsAffected(changed: readonly string[], name: HandlerName): boolean {
  return changed.includes(domainOf(name))
}
