// The one way to read and write a setting (the keys, shapes and defaults are in shared/settings.ts).
import { recordAudit, diff } from '../db/queries/audit'
import { getSetting, putSetting } from '../db/queries/settings'
import { parseSetting, settingEntry, type ChangeableKey, type SettingAudit, type SettingInput, type SettingKey, type SettingStored, type SettingValue, type StateKey } from '../shared/settings'
import { SYSTEM } from '../shared/roles'
import type { Db } from '../db/open'
import type { Ctx } from './context'

const warned = new Set<string>()

/**
 * The value in force: what is stored, parsed with the key's schema, else its default. A stored value that does
 * not fit (not JSON, or the wrong shape) is read as the default and logged once — never an error in front of the
 * officer; the row stays as it is until the setting is next saved.
 */
export function readSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const { value, invalid } = parseSetting(key, getSetting(db, key))
  if (invalid && !warned.has(key)) {
    warned.add(key)
    console.warn(`设置“${settingEntry(key).label}”（${key}）的存储值无法读取，已按默认值处理`)
  }
  return value
}

const asFields = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

function changes(style: SettingAudit, before: unknown, after: unknown): Record<string, unknown> {
  return style === 'value' ? diff({ value: before }, { value: after }) : diff(asFields(before), asFields(after))
}

/**
 * A person's change of a setting: checked against the key's schema, written, and recorded in the 操作日志 in the
 * same transaction. Whether the caller may change it is the handler's contract entry (its `who` equals the key's).
 * Returns the value as stored.
 */
export function saveSetting<K extends ChangeableKey>(ctx: Ctx, key: K, value: SettingInput<K>): SettingStored<K> {
  const e = settingEntry(key)
  if (e.who === SYSTEM) throw new Error(`${key} is the desk's own state: writeState, not saveSetting`)
  const next = e.schema.parse(value) as SettingStored<K>
  return ctx.desk.tx(() => {
    const db = ctx.desk.db
    const before = readSetting(db, key)
    const at = ctx.now().toISOString()
    putSetting(db, key, next, at)
    recordAudit(db, { at, actor: ctx.actor, action: 'update', entity: e.auditEntity ?? 'settings', entityId: key, changes: changes(e.audit, before, next) })
    return next
  })
}

/** The desk's own state (what it has announced, what it remembers): checked against the schema, no audit row. */
export function writeState<K extends StateKey>(db: Db, key: K, value: SettingInput<K>, at: string): void {
  const e = settingEntry(key)
  if (e.who !== SYSTEM) throw new Error(`${key} is changed by a person: saveSetting, which audits it`)
  putSetting(db, key, e.schema.parse(value), at)
}
