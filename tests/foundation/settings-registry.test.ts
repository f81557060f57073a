// The settings registry (shared/settings.ts) and the one way through it (handlers/settings.ts): defaults, what an
// unreadable row reads as, audited saves, and that the registry's "who" is the contract's for every handler that
// saves a setting.
import { describe, it, expect, afterEach, vi } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { contract, type HandlerName, type ArgsOf } from '../../shared/contract'
import { SETTINGS_LIST, byKey, settingEntry, type SettingKey } from '../../shared/settings'
import { DEFAULT_CHAINS } from '../../shared/contract/review'
import { DEFAULT_THEMES } from '../../shared/channels'
import { readSetting, saveSetting, writeState } from '../../handlers/settings'
import { freshDesk, type TestDesk } from '../helpers/desk'

// Every key a handler saves, by handler: saveSetting wrapped, so the test sees what each call really writes.
const seen = vi.hoisted(() => ({ keys: [] as string[] }))
vi.mock('../../handlers/settings', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../handlers/settings')>()
  return {
    ...real,
    saveSetting: ((ctx, key, value) => {
      seen.keys.push(key)
      return real.saveSetting(ctx, key, value)
    }) as typeof real.saveSetting
  }
})

let d: TestDesk | null = null
afterEach(() => {
  d?.close()
  d = null
  vi.restoreAllMocks()
})

const rawRow = (t: TestDesk, key: string, text: string) =>
  t.ctx.desk.sqlite.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(key, text, 'x')
const audit = (t: TestDesk, entity: string, key: string) =>
  t.ctx.desk.sqlite.prepare('SELECT action, changes FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id').all(entity, key) as { action: string; changes: string }[]

describe('the settings registry', () => {
  it('lists every key once, as existing databases store them', () => {
    const keys = SETTINGS_LIST.map((e) => e.key)
    expect(new Set(keys).size).toBe(keys.length)
    // Renaming one would lose what every installed desk has saved under it.
    expect([...keys].sort()).toEqual(
      ['bench.generator', 'backup-policy', 'bilingual-forms', 'holiday-schedule-reminded', 'holiday-schedules', 'post-stats-mappings', 'ledger-import-mapping', 'planning-days', 'profile', 'proofread-terms', 'report.settings', 'review-chains', 'rsshub-base', 'schedule-notified',
        'session-idle-minutes', 'silent-feeds-notified', 'themes', 'watch-alerts', 'watch-held-alerts', 'watch-lexicon', 'watch-profile-rule',
        'watch-webhooks', 'webhook-digest-sent'].sort()
    )
    expect(() => byKey([...SETTINGS_LIST, SETTINGS_LIST[1]])).toThrow(/setting key listed twice: review-chains/)
    for (const e of SETTINGS_LIST) expect(e.label, e.key).toMatch(/\p{Script=Han}/u)
  })

  it('reads the default while nothing is stored, a fresh copy each time', () => {
    d = freshDesk()
    const db = d.ctx.desk.db
    expect(readSetting(db, 'profile')).toBeNull()
    expect(readSetting(db, 'session-idle-minutes')).toBe(15)
    expect(readSetting(db, 'review-chains').chains).toEqual(DEFAULT_CHAINS)
    expect(readSetting(db, 'backup-policy')).toEqual({ auto: true, daily: 7, weekly: 4, monthly: 12, folder: null })
    expect(readSetting(db, 'watch-lexicon')).toEqual({ useDefault: true })
    const themes = readSetting(db, 'themes')
    expect(themes).toEqual(DEFAULT_THEMES)
    themes.push('改坏了')
    expect(readSetting(db, 'themes')).toEqual(DEFAULT_THEMES)
  })

  it('fills in the fields a stored object lacks from their defaults', () => {
    d = freshDesk()
    rawRow(d, 'watch-alerts', '{"enabled":false}')
    rawRow(d, 'review-chains', '{"chains":{"wechat":["宣传科初审"]}}')
    expect(readSetting(d.ctx.desk.db, 'watch-alerts')).toEqual({ enabled: false, quietEnabled: true, quietFrom: '22:00', quietTo: '07:00', silentDays: 3 })
    const chains = readSetting(d.ctx.desk.db, 'review-chains')
    expect(chains.chains).toEqual({ ...DEFAULT_CHAINS, wechat: ['宣传科初审'] })
    expect(chains.medicalStep).toBe('医务科审核')
  })

  it('reads a stored value that is not JSON, or of the wrong shape, as the default, logged once and never thrown', () => {
    d = freshDesk()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    rawRow(d, 'themes', '["民族团结", 截断')
    rawRow(d, 'session-idle-minutes', '"十五分钟"')
    rawRow(d, 'backup-policy', '{"auto":true,"daily":0,"weekly":4}')
    const db = d.ctx.desk.db
    expect(readSetting(db, 'themes')).toEqual(DEFAULT_THEMES)
    expect(readSetting(db, 'themes')).toEqual(DEFAULT_THEMES)
    expect(readSetting(db, 'session-idle-minutes')).toBe(15)
    // keeping no daily backup is not a policy the rotation may act on
    expect(readSetting(db, 'backup-policy')).toEqual({ auto: true, daily: 7, weekly: 4, monthly: 12, folder: null })
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringContaining('“主题标签”（themes）'),
      expect.stringContaining('session-idle-minutes'),
      expect.stringContaining('backup-policy')
    ])
    // the row is left for the next save to replace
    expect(d.ctx.desk.sqlite.prepare("SELECT value FROM settings WHERE key = 'themes'").get()).toEqual({ value: '["民族团结", 截断' })
  })

  it('checks a save against the schema: a bad value writes nothing and records nothing', () => {
    d = freshDesk()
    expect(() => saveSetting(d!.ctx, 'themes', [42] as never)).toThrow(z.ZodError)
    expect(d.ctx.desk.sqlite.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'themes'").get()).toEqual({ n: 0 })
    expect(audit(d, 'settings', 'themes')).toEqual([])
  })

  it('writes and audits a save in one go, in the shape each key has always had', () => {
    d = freshDesk()
    const ctx = d.ctx
    expect(saveSetting(ctx, 'themes', ['党建', '健康科普'])).toEqual(['党建', '健康科普'])
    expect(readSetting(ctx.desk.db, 'themes')).toEqual(['党建', '健康科普'])
    expect(audit(d, 'settings', 'themes').map((r) => [r.action, JSON.parse(r.changes)])).toEqual([['update', { value: [DEFAULT_THEMES, ['党建', '健康科普']] }]])

    saveSetting(ctx, 'report.settings', { wording: 'exact' })
    expect(audit(d, 'settings', 'report.settings').map((r) => JSON.parse(r.changes))).toEqual([{ wording: ['approx', 'exact'] }])

    saveSetting(ctx, 'backup-policy', { auto: false, daily: 7, weekly: 4 })
    expect(audit(d, 'setting', 'backup-policy').map((r) => [r.action, JSON.parse(r.changes)])).toEqual([['update', { auto: [true, false] }]])
  })

  it('writes the desk’s own state without an audit row', () => {
    d = freshDesk()
    writeState(d.ctx.desk.db, 'schedule-notified', { 7: '2023-06-15' }, d.ctx.now().toISOString())
    expect(readSetting(d.ctx.desk.db, 'schedule-notified')).toEqual({ 7: '2023-06-15' })
    expect(audit(d, 'settings', 'schedule-notified')).toEqual([])
  })

  it('knows only its own keys, and keeps people’s settings apart from the desk’s state', () => {
    d = freshDesk()
    const { ctx } = d
    // @ts-expect-error an unknown key does not compile …
    expect(() => readSetting(ctx.desk.db, 'no-such-setting')).toThrow(/unknown setting key: no-such-setting/)
    // @ts-expect-error … nor a value of the wrong type …
    expect(() => saveSetting(ctx, 'session-idle-minutes', '15')).toThrow(z.ZodError)
    // @ts-expect-error … nor a person's save of the desk's own state …
    expect(() => saveSetting(ctx, 'watch-held-alerts', { ids: [], announced: [] })).toThrow(/writeState, not saveSetting/)
    // @ts-expect-error … nor an unaudited write of a person's setting
    expect(() => writeState(ctx.desk.db, 'review-chains', readSetting(ctx.desk.db, 'review-chains'), ctx.now().toISOString())).toThrow(/saveSetting, which audits it/)
    expect(d.ctx.desk.sqlite.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 })
  })
})

/** One call of every handler that saves a setting, with arguments that make it save. */
const SAVING_CALLS: { [K in HandlerName]?: ArgsOf<K> } = {
  'profile-save': { fullName: '南和县人民医院', aliases: ['南和县医院'], departments: ['宣传科'] },
  'review-chains-save': { chains: { wechat: ['宣传科初审'] }, medicalStep: '医务科审核', medicalThemes: ['健康科普'] },
  'proofread-terms-save': { terms: [{ wrong: '十九大', right: '党的十九大' }] },
  'theme-save': { themes: ['党建'] },
  'language-save': { forms: ['苗汉双语'] },
  'session-idle-save': { minutes: 30 },
  'rsshub-base-save': { base: 'https://rsshub.nanhe-hospital.cn/' },
  'holiday-year-save': { year: 2027, notice: '一、元旦：1月1日（周五）至3日（周日）放假，共3天。' },
  'holiday-year-delete': { year: 2027 },
  'planning-rules-save': { rules: [{ id: 'aiyan', name: '全国爱眼日', kind: '卫生健康日', when: { type: 'date', month: 6, day: 6 } }] },
  'backup-policy-save': { auto: true, daily: 3, weekly: 2 },
  'backup-folder-save': { folder: null },
  'report-settings-save': { wording: 'exact' },
  'watch-settings-save': {
    alerts: { enabled: true, quietEnabled: false, quietFrom: '22:00', quietTo: '07:00' },
    lexicon: { negative: ['投诉'], positive: ['锦旗'] }
  },
  'watch-settings-reset-lexicon': {},
  'webhook-save': { targets: [{ id: 'office', name: '宣传科群', kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }], digestAt: '08:30' }
}

describe('who may change a setting', () => {
  it('is the same in the registry as in the contract entry of every handler that saves it', async () => {
    d = freshDesk()
    const savedBy = new Map<string, HandlerName[]>()
    for (const [name, args] of Object.entries(SAVING_CALLS) as [HandlerName, unknown][]) {
      seen.keys.length = 0
      const r = await d.invoke(name, args as never)
      expect(r.ok, `${name}: ${JSON.stringify(r)}`).toBe(true)
      expect(seen.keys.length, `${name} saved no setting`).toBeGreaterThan(0)
      for (const key of seen.keys) {
        expect(contract[name].who, `${name} saves ${key}`).toEqual(settingEntry(key as SettingKey).who)
        savedBy.set(key, [...(savedBy.get(key) ?? []), name])
      }
    }
    // Every setting a person changes is saved by one of the calls above, so a new one must be added there.
    const changeable = SETTINGS_LIST.filter((e) => e.who !== 'system').map((e) => e.key)
    expect([...savedBy.keys()].sort()).toEqual([...changeable].sort())
  })

  it('lists every handler that calls saveSetting in the table above', () => {
    // The handler files that save a setting, read from the source: each of their saving handlers is in the table.
    const files = readdirSync('handlers', { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile() && f.name.endsWith('.ts'))
      .map((f) => join(f.parentPath, f.name))
      .filter((f) => f !== join('handlers', 'settings.ts'))
    const named: string[] = []
    for (const f of files) {
      const src = readFileSync(f, 'utf8')
      // a handler entry ('name': …) up to the next entry: those whose body calls saveSetting
      for (const m of src.matchAll(/^ {2}'([a-z-]+)': ([\s\S]*?)(?=^ {2}'[a-z-]+': |^\}\))/gm)) if (m[2].includes('saveSetting(')) named.push(m[1])
    }
    expect(named.sort()).toEqual(Object.keys(SAVING_CALLS).sort())
  })

  it('leaves the settings table to handlers/settings.ts alone', () => {
    const offenders: string[] = []
    for (const dir of ['handlers', 'db', 'services', 'scripts', 'electron']) {
      for (const f of readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!f.isFile() || !/\.(ts|mts|mjs)$/.test(f.name)) continue
        const p = join(f.parentPath, f.name)
        if (p === join('handlers', 'settings.ts') || p === join('db', 'queries', 'settings.ts')) continue
        if (/queries\/settings['"]/.test(readFileSync(p, 'utf8'))) offenders.push(p)
      }
    }
    expect(offenders).toEqual([])
  })
})
