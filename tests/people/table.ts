// The permission table as issue 11 asks for it, written out by hand — not derived from shared/contract — so the
// matrix tests hold every handler's declared `who` against an independent statement of who may do what. A new
// handler that belongs in one of these lists must be added here on purpose.
import type { Role } from '../../shared/roles'

/** One person per single role, for the matrix (reviewers decide every step). */
export const PEOPLE: Record<Role, string> = { admin: '甲管理员', officer: '乙干事', reviewer: '丙审核', secretary: '丁书记', viewer: '戊查看' }
export const SINGLE_ROLES = Object.keys(PEOPLE) as Role[]

/** Callable with nobody signed in: the sign-in screen (and leaving it). */
export const PUBLIC_HANDLERS = ['app-state', 'session-state', 'session-sign-in', 'session-setup-first-admin', 'session-sign-out']

/** The bridge answers these without a session cookie (it opens a session for them); sign-out needs one. */
export const ENTRY_HANDLERS = ['app-state', 'session-state', 'session-sign-in', 'session-setup-first-admin']

/** The background duties (自动备份, 到期提醒, 重复稿件) act as the desk itself and may call only these, besides the public ones. */
export const SYSTEM_HANDLERS = ['backup-auto', 'schedule-due', 'series-generate']

/** Users, review chains and 越级发布, the desk's settings, restore, the demo: the administrator alone. */
export const ADMIN_ONLY = [
  'user-add', 'user-update', 'user-reset-password', 'review-override', 'review-chains-save', 'backup-restore',
  'profile-save', 'session-idle-save', 'demo-seed', 'backup-policy-save', 'backup-folder-check', 'backup-folder-save', 'piece-purge'
]

/** Signing a month and the half-year 定稿: the party secretary alone (when the handler exists yet). */
export const SECRETARY_ONLY = ['tally-signoff', 'report-finalize']

/** The whole 操作日志: the administrator and the secretary (when the handlers exist yet). */
export const AUDITORS_ONLY = ['audit-log', 'audit-verify', 'audit-log-export-start']

/**
 * Handlers that change the desk, by the verb their name ends in: a viewer may call none of them. (schedule-due is
 * not one: every window shows due reminders, and it only notes which were shown.)
 */
export const WRITE_VERB =
  /-(save|create|update|delete|add|remove|restore|signoff|finalize|decide|submit|override|seed|reset-password|reset-lexicon|triage|correct|assign|escalate|link-piece|reschedule|done|set-enabled|import-opml|import-start|bulk-status|upload-part|poll-now|auto)$/
/** The one handler beyond 'user'/'public' a viewer may call. */
export const VIEWER_EXTRA = ['schedule-due']

/** What each role must be able to do (its daily work), and some of what it must not. */
export const MUST_ALLOW: Record<Role, string[]> = {
  admin: [...ADMIN_ONLY, 'backup-create', 'watch-settings-save', 'outlet-save', 'audit-log'],
  officer: ['piece-create', 'piece-update', 'piece-delete', 'review-submit', 'review-decide', 'evidence-add', 'feed-add', 'rule-create', 'mention-triage', 'ledger-import-start', 'watch-poll-now', 'backup-create', 'quota-save', 'mention-snapshot', 'mention-snapshot-page'],
  reviewer: ['review-decide', 'review-history', 'piece-get', 'piece-list', 'piece-proofread'],
  secretary: ['tally-signoff', 'report-finalize', 'tally-get', 'report-preview', 'audit-log', 'mention-snapshot-html', 'mention-snapshot-page'],
  // the inspection team reads the evidence: the raw page, its screenshot and PDF
  viewer: ['piece-list', 'piece-get', 'dashboard-summary', 'tally-get', 'mention-list', 'report-preview', 'calendar-items', 'session-lock', 'password-change', 'mention-snapshot-html', 'mention-snapshot-page']
}

export const MUST_REFUSE: Record<Role, string[]> = {
  admin: ['piece-create', 'review-decide', 'tally-signoff', 'report-finalize', 'mention-triage', 'mention-snapshot'],
  officer: ['user-add', 'tally-signoff', 'review-override', 'review-chains-save', 'backup-restore', 'profile-save', 'report-finalize', 'audit-log'],
  reviewer: ['piece-create', 'piece-update', 'review-submit', 'user-add', 'tally-signoff', 'review-chains-save', 'backup-create', 'mention-snapshot'],
  secretary: ['piece-create', 'user-add', 'review-decide', 'review-override', 'backup-restore', 'mention-snapshot'],
  viewer: ['piece-create', 'review-decide', 'evidence-add', 'mention-triage', 'user-add', 'tally-signoff', 'backup-create', 'backup-list', 'feed-preview', 'mention-snapshot']
}

/** Arguments no schema accepts: the permission check comes first, and nothing a matrix call reaches can run. */
export const NO_ARGS_ACCEPTED = 42
