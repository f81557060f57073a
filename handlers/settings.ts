// The one way to read and write a setting (the keys, shapes and defaults are in shared/settings.ts).
import { recordAudit, diff } from '../db/queries/audit'
import { getSetting, putSetting } from '../db/queries/settings'
import { parseSetting, settingEntry, type SettingEntry, type ChangeableKey, type SettingAudit, type SettingInput, type SettingKey, type SettingStored, type SettingValue, type StateKey } from '../shared/settings'
import { SYSTEM } from '../shared/roles'
import type { Db } from '../db/open'
import type { Ctx } from './context'
import { fieldError } from './errors'
import { maskSecrets, restoreSecrets } from '../shared/secret-fields'

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

function sides(style: SettingAudit, before: unknown, after: unknown): [Record<string, unknown>, Record<string, unknown>] {
  return style === 'value' ? [{ value: before }, { value: after }] : [asFields(before), asFields(after)]
}

/**
 * The audit row's changes: which fields changed is decided on the real values (a new secret ending in the same
 * 4 characters is still a change), what the row shows is the masked form.
 */
function changes(e: SettingEntry, before: unknown, after: unknown): Record<string, unknown> {
  const real = diff(...sides(e.audit, before, after))
  if (!e.secrets?.length) return real
  const [b, a] = sides(e.audit, maskSecrets(before, e.secrets), maskSecrets(after, e.secrets))
  return Object.fromEntries(Object.keys(real).map((k) => [k, [b[k] ?? null, a[k] ?? null]]))
}

/** The value for the window: as readSetting, with the key's secrets masked (…后4位). */
export function readSettingForView<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  return maskSecrets(readSetting(db, key), settingEntry(key).secrets ?? [])
}

/**
 * A person's change of a setting: checked against the key's schema, written, and recorded in the 操作日志 in the
 * same transaction. Whether the caller may change it is the handler's contract entry (its `who` equals the key's).
 * Returns the value as stored.
 */
export function saveSetting<K extends ChangeableKey>(ctx: Ctx, key: K, value: SettingInput<K>): SettingStored<K> {
  const e = settingEntry(key)
  if (e.who === SYSTEM) throw new Error(`${key} is the desk's own state: writeState, not saveSetting`)
  return ctx.desk.tx(() => {
    const db = ctx.desk.db
    const before = readSetting(db, key)
    // A secret sent back masked, as the window was given it, is the stored one (shared/secret-fields.ts).
    const restored = restoreSecrets(value, before, e.secrets ?? [])
    if (restored.unknown.length > 0) throw fieldError(restored.unknown[0], '这里显示的是隐藏后的密钥，请重新填写完整的值')
    const next = e.schema.parse(restored.value) as SettingStored<K>
    const at = ctx.now().toISOString()
    putSetting(db, key, next, at)
    recordAudit(db, { at, actor: ctx.actor, action: 'update', entity: e.auditEntity ?? 'settings', entityId: key, changes: changes(e, before, next) })
    return next
  })
}

/** The desk's own state (what it has announced, what it remembers): checked against the schema, no audit row. */
export function writeState<K extends StateKey>(db: Db, key: K, value: SettingInput<K>, at: string): void {
  const e = settingEntry(key)
  if (e.who !== SYSTEM) throw new Error(`${key} is changed by a person: saveSetting, which audits it`)
  putSetting(db, key, e.schema.parse(value), at)
}
