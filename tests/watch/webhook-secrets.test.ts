// Robot addresses and signing keys are secrets: the 操作日志 and everything the window reads back show them masked
// (…后4位); saving the form with the masked value unchanged keeps the stored secret; only sending reads the real one.
import { afterEach, describe, expect, it } from 'vitest'
import { readSetting } from '../../handlers/settings'
import { maskSecret, maskSecrets, restoreSecrets } from '../../shared/secret-fields'
import { watchDesk, type WatchDesk } from './watch-helpers'

let d: WatchDesk | null = null
afterEach(() => {
  d?.close()
  d = null
})

const URL_A = 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdefTOKEN-A9x7'
const SECRET_A = 'SECabcdefghijklmnop-钉钉密钥-Z42q'
const URL_B = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=wecom-key-Bk55'
const targets = () => [
  { id: 'ding', name: '院办群', kind: 'dingtalk' as const, url: URL_A, secret: SECRET_A, grades: ['重大' as const], digest: true, enabled: true },
  { id: 'wx', name: '宣传科群', kind: 'wecom' as const, url: URL_B, secret: '', grades: ['重大' as const, '较大' as const], digest: false, enabled: true }
]
const auditText = (t: WatchDesk) =>
  (t.ctx.desk.sqlite.prepare("SELECT changes FROM audit_log WHERE entity_id = 'watch-webhooks'").pluck().all() as string[]).join('\n')

describe('secrets in settings', () => {
  it('masks to …后4位 and restores only an unchanged mask', () => {
    expect([maskSecret(''), maskSecret('short'), maskSecret(SECRET_A)]).toEqual(['', '…', '…Z42q'])
    const stored = { targets: [{ id: 'a', url: 'https://x/a?k=1111' }, { id: 'b', url: 'https://x/b?k=2222' }] }
    const shown = maskSecrets(stored, ['targets.*.url'])
    expect(shown.targets.map((t) => t.url)).toEqual(['…1111', '…2222'])
    expect(stored.targets[0].url).toBe('https://x/a?k=1111') // a copy, the stored value untouched
    // reordered: each element pairs with its stored self by id
    const back = restoreSecrets({ targets: [shown.targets[1], shown.targets[0]] }, stored, ['targets.*.url'])
    expect([back.value.targets.map((t) => t.url), back.unknown]).toEqual([['https://x/b?k=2222', 'https://x/a?k=1111'], []])
    const stray = restoreSecrets({ targets: [{ id: 'c', url: '…1111' }] }, stored, ['targets.*.url'])
    expect(stray.unknown).toEqual(['url'])
  })

  it('keeps secrets out of the audit trail and the window, and a round trip of the form keeps them', async () => {
    d = await watchDesk()
    const first = await d.call('webhook-save', { targets: targets(), digestAt: '08:30' })
    // what the window gets back
    expect(first.settings.targets.map((t) => [t.url, t.secret])).toEqual([['…A9x7', '…Z42q'], ['…Bk55', '']])
    const shown = await d.call('webhook-get', {})
    expect(JSON.stringify(shown)).not.toContain('TOKEN-A9x7')
    expect(JSON.stringify(shown)).not.toContain('钉钉密钥')
    // the form saved as shown, one field (the digest time) changed: the stored secrets stay as they were
    await d.call('webhook-save', { targets: shown.settings.targets, digestAt: '09:00' })
    const stored = readSetting(d.ctx.desk.db, 'watch-webhooks')
    expect([stored.digestAt, stored.targets[0].url, stored.targets[0].secret, stored.targets[1].url]).toEqual(['09:00', URL_A, SECRET_A, URL_B])
    // a new secret typed in is stored; the trail records that it changed, masked
    await d.call('webhook-save', { targets: [{ ...shown.settings.targets[0], secret: 'SEC-new-one-0000-Q9w8' }, shown.settings.targets[1]], digestAt: '09:00' })
    expect(readSetting(d.ctx.desk.db, 'watch-webhooks').targets[0].secret).toBe('SEC-new-one-0000-Q9w8')
    const trail = auditText(d)
    for (const s of [URL_A, SECRET_A, URL_B, 'SEC-new-one-0000-Q9w8', 'TOKEN', 'wecom-key']) expect(trail).not.toContain(s)
    expect(trail).toContain('…Q9w8')
    const rows = d.ctx.desk.sqlite.prepare("SELECT changes FROM audit_log WHERE entity_id = 'watch-webhooks' ORDER BY id").pluck().all() as string[]
    expect(rows.map((r) => Object.keys(JSON.parse(r)).sort())).toEqual([['targets'], ['digestAt'], ['targets']])
  })

  it('refuses a masked value it cannot restore, naming the field in Chinese', async () => {
    d = await watchDesk()
    await d.call('webhook-save', { targets: targets(), digestAt: '08:30' })
    const r = await d.invoke('webhook-save', { targets: [{ ...targets()[1], id: 'new', url: '…Bk55' }], digestAt: '08:30' })
    expect(!r.ok && r.error.message).toContain('这里显示的是隐藏后的密钥，请重新填写完整的值')
    expect(!r.ok && r.error.details).toMatchObject({ field: 'url' })
    expect(readSetting(d.ctx.desk.db, 'watch-webhooks').targets).toHaveLength(2)
  })
})
